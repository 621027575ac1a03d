import rule from "../../lib/rules/no-raw-blob-url.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

/** A route of the fixture project whose `@/lib/...` wrappers are followed one import away. */
const FIXTURE_ROUTE = "tests/fixtures/storage/app/app/api/avatar/route.ts";

ruleTester.run("no-raw-blob-url", rule, {
  valid: [
    {
      name: "the blob's pathname is its key",
      filename: "app/api/avatar/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const file = (await req.formData()).get("file") as File;
          const blob = await put(file.name, file, { access: "public" });
          await prisma.user.update({ where: { id: "u1" }, data: { imageKey: blob.pathname } });
        }
      `,
    },
    {
      name: "a short-link app stores destination URLs: a url column is not evidence",
      filename: "app/api/links/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { url, imageUrl } = await req.json();
          await prisma.link.create({ data: { url, image: imageUrl } });
        }
      `,
    },
    {
      name: ".url of something that did not come from storage",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { db } from "@/db";
        import { pages } from "@/db/schema";
        export async function savePage(target: string) {
          const res = await fetch(target);
          const canonical = new URL(target);
          await db.insert(pages).values({ url: res.url, canonical: canonical.href });
        }
      `,
    },
    {
      name: "a blob URL returned to the client, not written",
      filename: "app/api/upload/route.ts",
      code: `
        import { put } from "@vercel/blob";
        export async function POST(req: Request) {
          const blob = await put("a.png", req.body!, { access: "public" });
          return Response.json({ url: blob.url });
        }
      `,
    },
    {
      name: "a blob URL in a filter is not written",
      filename: "lib/images.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function retitle(file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await prisma.post.updateMany({ where: { image: blob.url }, data: { title: "x" } });
          await prisma.user.update({ where: { id: "u1" }, data: { posts: { connect: { image: blob.url } } } });
        }
      `,
    },
    {
      name: "a host held in an environment variable is unknown",
      filename: "lib/avatars.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function setAvatar(userId: string, key: string) {
          await prisma.user.update({ where: { id: userId }, data: { image: \`\${process.env.R2_PUBLIC_URL}/\${key}\` } });
        }
      `,
    },
    {
      name: "the S3 key and the Supabase path are keys",
      filename: "lib/files.ts",
      code: `
        import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { createClient } from "@/utils/supabase/server";
        const s3 = new S3Client({});
        export async function save(key: string, body: Buffer, userId: string) {
          await s3.send(new PutObjectCommand({ Bucket: "b", Key: key, Body: body }));
          const supabase = await createClient();
          const { data } = await supabase.storage.from("avatars").upload(\`\${userId}/a.png\`, body);
          await supabase.from("files").insert({ key, path: data!.path, full: data!.fullPath });
        }
      `,
    },
    {
      name: "UploadThing's file key",
      filename: "app/api/uploadthing/core.ts",
      code: `
        import { createUploadthing } from "uploadthing/next";
        import { UTApi } from "uploadthing/server";
        import { prisma } from "@/lib/prisma";
        const f = createUploadthing();
        const utapi = new UTApi();
        export const router = {
          image: f({ image: {} }).onUploadComplete(async ({ file }) => {
            await prisma.image.create({ data: { key: file.key, name: file.name } });
          }),
        };
        export async function importImage(url: string) {
          const res = await utapi.uploadFilesFromUrl(url);
          await prisma.image.create({ data: { key: res.data!.key, source: url } });
        }
      `,
    },
    {
      name: "a put that is not Vercel Blob's",
      filename: "lib/cache.ts",
      code: `
        import { put } from "@/lib/kv";
        import { prisma } from "@/lib/prisma";
        export async function remember(key: string, value: string) {
          const entry = await put(key, value);
          await prisma.cacheEntry.create({ data: { url: entry.url } });
        }
      `,
    },
    {
      name: "a local getSignedUrl is not the S3 presigner",
      filename: "lib/proxy.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        function getSignedUrl(path: string) {
          return \`/api/proxy?path=\${encodeURIComponent(path)}\`;
        }
        export async function share(path: string) {
          await prisma.share.create({ data: { url: getSignedUrl(path) } });
        }
      `,
    },
    {
      name: "a presigned URL sent to the client, the key written",
      filename: "app/api/uploads/route.ts",
      code: `
        import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        export async function POST() {
          const key = crypto.randomUUID();
          const uploadUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: "b", Key: key }), { expiresIn: 600 });
          await prisma.upload.create({ data: { key, status: "pending" } });
          return Response.json({ uploadUrl, key });
        }
      `,
    },
    {
      name: "a blob URL written to a key-value store is not a database write",
      filename: "lib/kv-cache.ts",
      code: `
        import { put } from "@vercel/blob";
        import { kv } from "@vercel/kv";
        export async function cacheImage(file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await kv.set(\`image:\${file.name}\`, blob.url);
        }
      `,
    },
    {
      name: "a look-alike host",
      filename: "lib/cdn.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function setCover(id: string, key: string) {
          await prisma.post.update({
            where: { id },
            data: { cover: \`https://cdn.example.com/\${key}\`, mirror: \`https://s3.amazonaws.com.example.org/\${key}\` },
          });
        }
      `,
    },
    {
      name: "a shadowing binding with the same name",
      filename: "lib/shadow.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function save(file: File, links: { url: string }[]) {
          const { url } = await put(file.name, file, { access: "public" });
          console.log(url);
          for (const { url } of links) {
            await prisma.link.create({ data: { url } });
          }
        }
      `,
    },
    {
      name: "a resolved wrapper's key, and a resolved function that is not storage",
      filename: FIXTURE_ROUTE,
      code: `
        import { storage } from "@/lib/storage";
        import { uploadMetrics } from "@/lib/analytics";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const body = Buffer.from(await req.arrayBuffer());
          const { key } = await storage.upload({ key: "avatars/u1", body });
          const report = await uploadMetrics({ size: body.length });
          await prisma.user.update({ where: { id: "u1" }, data: { imageKey: key, report: report.url } });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "Vercel Blob .url written with Prisma",
      filename: "app/api/avatar/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const file = (await req.formData()).get("file") as File;
          const blob = await put(file.name, file, { access: "public" });
          await prisma.user.update({ where: { id: "u1" }, data: { image: blob.url } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 7,
          column: 74,
          endLine: 7,
          endColumn: 82,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const file = (await req.formData()).get("file") as File;
          const blob = await put(file.name, file, { access: "public" });
          await prisma.user.update({ where: { id: "u1" }, data: { image: blob.pathname } });
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "destructured url of put, written with Prisma create",
      filename: "app/api/posts/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const form = await req.formData();
          const file = form.get("image") as File;
          const { url } = await put(\`posts/\${file.name}\`, file, { access: "public" });
          return Response.json(await prisma.post.create({ data: { title: "t", authorId: "u1", image: url } }));
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 8,
          column: 102,
          endLine: 8,
          endColumn: 105,
          suggestions: [],
        },
      ],
    },
    {
      name: "downloadUrl through a const and an optional chain",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { put as putBlob } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function saveReport(csv: string) {
          const blob = await putBlob("reports/r.csv", csv, { access: "public" });
          const link = blob?.downloadUrl;
          await prisma.report.create({ data: { file: link, inline: blob?.downloadUrl } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 8,
          column: 54,
          endLine: 8,
          endColumn: 58,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 8,
          column: 68,
          endLine: 8,
          endColumn: 85,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        "use server";
        import { put as putBlob } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function saveReport(csv: string) {
          const blob = await putBlob("reports/r.csv", csv, { access: "public" });
          const link = blob?.downloadUrl;
          await prisma.report.create({ data: { file: link, inline: blob?.pathname } });
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "a let assigned in a branch and written later",
      filename: "app/api/profile/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function PATCH(req: Request) {
          const form = await req.formData();
          const file = form.get("avatar") as File | null;
          let image: string | undefined;
          if (file) {
            const blob = await put(file.name, file, { access: "public" });
            image = blob.url;
          }
          await prisma.user.update({ where: { id: "u1" }, data: { ...(image && { image }) } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 12,
          column: 82,
          endLine: 12,
          endColumn: 87,
          suggestions: [],
        },
      ],
    },
    {
      name: "an object built first, with shorthand and a property assignment",
      filename: "lib/posts.ts",
      code: `
        import { put } from "@vercel/blob";
        import type { Prisma } from "@prisma/client";
        import { prisma } from "@/lib/prisma";
        export async function createPost(title: string, cover: File, thumb: File) {
          const { url } = await put(cover.name, cover, { access: "public" });
          const small = await put(thumb.name, thumb, { access: "public" });
          const data: Prisma.PostCreateInput = { title, url, author: { connect: { id: "u1" } } };
          data.thumbnail = small.url;
          return prisma.post.create({ data });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 8,
          column: 57,
          endLine: 8,
          endColumn: 60,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 37,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import type { Prisma } from "@prisma/client";
        import { prisma } from "@/lib/prisma";
        export async function createPost(title: string, cover: File, thumb: File) {
          const { url } = await put(cover.name, cover, { access: "public" });
          const small = await put(thumb.name, thumb, { access: "public" });
          const data: Prisma.PostCreateInput = { title, url, author: { connect: { id: "u1" } } };
          data.thumbnail = small.pathname;
          return prisma.post.create({ data });
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "template literals: a blob URL with a query, storage hosts in literals",
      filename: "lib/assets.ts",
      code: `
        import { put } from "@vercel/blob";
        import { db } from "@/db";
        import { assets } from "@/db/schema";
        const R2_PUBLIC = "https://pub-1234.r2.dev";
        export async function saveAsset(file: File, key: string, bucket: string) {
          const blob = await put(key, file, { access: "public" });
          await db.insert(assets).values({
            versioned: \`\${blob.url}?v=\${Date.now()}\`,
            r2: \`\${R2_PUBLIC}/\${key}\`,
            s3: "https://" + bucket + ".s3.us-east-1.amazonaws.com/" + key,
            vercel: \`https://abc123.public.blob.vercel-storage.com/\${key}\`,
            supabase: \`https://xyz.supabase.co/storage/v1/object/public/avatars/\${key}\`,
          });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 53,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 75,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 12,
          column: 21,
          endLine: 12,
          endColumn: 75,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 13,
          column: 23,
          endLine: 13,
          endColumn: 88,
          suggestions: [],
        },
      ],
    },
    {
      name: "a presigned S3 URL",
      filename: "app/api/exports/route.ts",
      code: `
        import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        export async function POST() {
          const key = "exports/e1.csv";
          const downloadUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "b", Key: key }), { expiresIn: 3600 });
          await prisma.export.update({ where: { id: "e1" }, data: { downloadUrl } });
        }
      `,
      errors: [
        {
          messageId: "presignedUrl",
          line: 9,
          column: 69,
          endLine: 9,
          endColumn: 80,
          suggestions: [],
        },
      ],
    },
    {
      name: "Supabase public and signed URLs written with Supabase",
      filename: "app/api/avatar/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const file = (await req.formData()).get("file") as File;
          const path = \`u1/\${file.name}\`;
          const bucket = supabase.storage.from("avatars");
          await bucket.upload(path, file);
          const { data } = bucket.getPublicUrl(path);
          const { data: signed } = await supabase.storage.from("private").createSignedUrl(path, 60);
          await supabase.from("profiles").update({ avatar_url: data.publicUrl }).eq("id", "u1");
          await supabase.from("shares").insert({ url: signed!.signedUrl });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 11,
          column: 64,
          endLine: 11,
          endColumn: 78,
          suggestions: [],
        },
        {
          messageId: "presignedUrl",
          line: 12,
          column: 55,
          endLine: 12,
          endColumn: 72,
          suggestions: [],
        },
      ],
    },
    {
      name: "UploadThing: utapi results and onUploadComplete files",
      filename: "app/api/uploadthing/core.ts",
      code: `
        import { createUploadthing } from "uploadthing/next";
        import { UTApi } from "uploadthing/server";
        import { db } from "@/db";
        import { images } from "@/db/schema";
        const f = createUploadthing();
        const utapi = new UTApi();
        export const router = {
          image: f({ image: { maxFileSize: "4MB" } })
            .middleware(() => ({ userId: "u1" }))
            .onUploadComplete(async ({ metadata, file }) => {
              await db.insert(images).values({ userId: metadata.userId, url: file.ufsUrl });
            }),
        };
        export async function importAvatar(files: File[]) {
          const [first] = await utapi.uploadFiles(files);
          await db.update(images).set({ url: first.data!.url });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 12,
          column: 78,
          endLine: 12,
          endColumn: 89,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 17,
          column: 46,
          endLine: 17,
          endColumn: 61,
          suggestions: [],
        },
      ],
    },
    {
      name: "handleUpload's onUploadCompleted blob",
      filename: "app/api/avatar/upload/route.ts",
      code: `
        import { handleUpload, type HandleUploadBody } from "@vercel/blob/client";
        import { prisma } from "@/lib/prisma";
        export async function POST(request: Request) {
          const body = (await request.json()) as HandleUploadBody;
          const result = await handleUpload({
            body,
            request,
            onBeforeGenerateToken: async () => ({ allowedContentTypes: ["image/png"] }),
            onUploadCompleted: async ({ blob, tokenPayload }) => {
              await prisma.user.update({ where: { id: tokenPayload! }, data: { image: blob.url } });
            },
          });
          return Response.json(result);
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 11,
          column: 87,
          endLine: 11,
          endColumn: 95,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { handleUpload, type HandleUploadBody } from "@vercel/blob/client";
        import { prisma } from "@/lib/prisma";
        export async function POST(request: Request) {
          const body = (await request.json()) as HandleUploadBody;
          const result = await handleUpload({
            body,
            request,
            onBeforeGenerateToken: async () => ({ allowedContentTypes: ["image/png"] }),
            onUploadCompleted: async ({ blob, tokenPayload }) => {
              await prisma.user.update({ where: { id: tokenPayload! }, data: { image: blob.pathname } });
            },
          });
          return Response.json(result);
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "nested writes and both branches of an upsert",
      filename: "lib/gallery.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addPhoto(userId: string, file: File) {
          const photo = await put(file.name, file, { access: "public" });
          await prisma.user.update({
            where: { id: userId },
            data: { gallery: { create: { src: photo.url, owner: { connect: { id: userId } } } } },
          });
          await prisma.cover.upsert({ where: { userId }, create: { userId, src: photo.url }, update: { src: photo.url } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 8,
          column: 47,
          endLine: 8,
          endColumn: 56,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addPhoto(userId: string, file: File) {
          const photo = await put(file.name, file, { access: "public" });
          await prisma.user.update({
            where: { id: userId },
            data: { gallery: { create: { src: photo.pathname, owner: { connect: { id: userId } } } } },
          });
          await prisma.cover.upsert({ where: { userId }, create: { userId, src: photo.url }, update: { src: photo.url } });
        }
      `,
            },
          ],
        },
        {
          messageId: "blobUrl",
          line: 10,
          column: 81,
          endLine: 10,
          endColumn: 90,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addPhoto(userId: string, file: File) {
          const photo = await put(file.name, file, { access: "public" });
          await prisma.user.update({
            where: { id: userId },
            data: { gallery: { create: { src: photo.url, owner: { connect: { id: userId } } } } },
          });
          await prisma.cover.upsert({ where: { userId }, create: { userId, src: photo.pathname }, update: { src: photo.url } });
        }
      `,
            },
          ],
        },
        {
          messageId: "blobUrl",
          line: 10,
          column: 109,
          endLine: 10,
          endColumn: 118,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addPhoto(userId: string, file: File) {
          const photo = await put(file.name, file, { access: "public" });
          await prisma.user.update({
            where: { id: userId },
            data: { gallery: { create: { src: photo.url, owner: { connect: { id: userId } } } } },
          });
          await prisma.cover.upsert({ where: { userId }, create: { userId, src: photo.url }, update: { src: photo.pathname } });
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "many uploads: Promise.all, map and createMany",
      filename: "app/api/attachments/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const files = (await req.formData()).getAll("files") as File[];
          const [cover, thumb] = await Promise.all([
            put("cover.png", files[0]!, { access: "public" }),
            put("thumb.png", files[1]!, { access: "public" }),
          ]);
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          await prisma.attachment.createMany({ data: blobs.map((b) => ({ url: b.url, name: b.pathname })) });
          await prisma.album.create({ data: { cover: cover.url, thumb: thumb.url } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 11,
          column: 79,
          endLine: 11,
          endColumn: 84,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const files = (await req.formData()).getAll("files") as File[];
          const [cover, thumb] = await Promise.all([
            put("cover.png", files[0]!, { access: "public" }),
            put("thumb.png", files[1]!, { access: "public" }),
          ]);
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          await prisma.attachment.createMany({ data: blobs.map((b) => ({ url: b.pathname, name: b.pathname })) });
          await prisma.album.create({ data: { cover: cover.url, thumb: thumb.url } });
        }
      `,
            },
          ],
        },
        {
          messageId: "blobUrl",
          line: 12,
          column: 54,
          endLine: 12,
          endColumn: 63,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const files = (await req.formData()).getAll("files") as File[];
          const [cover, thumb] = await Promise.all([
            put("cover.png", files[0]!, { access: "public" }),
            put("thumb.png", files[1]!, { access: "public" }),
          ]);
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          await prisma.attachment.createMany({ data: blobs.map((b) => ({ url: b.url, name: b.pathname })) });
          await prisma.album.create({ data: { cover: cover.pathname, thumb: thumb.url } });
        }
      `,
            },
          ],
        },
        {
          messageId: "blobUrl",
          line: 12,
          column: 72,
          endLine: 12,
          endColumn: 81,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const files = (await req.formData()).getAll("files") as File[];
          const [cover, thumb] = await Promise.all([
            put("cover.png", files[0]!, { access: "public" }),
            put("thumb.png", files[1]!, { access: "public" }),
          ]);
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          await prisma.attachment.createMany({ data: blobs.map((b) => ({ url: b.url, name: b.pathname })) });
          await prisma.album.create({ data: { cover: cover.url, thumb: thumb.pathname } });
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: "a configured wrapper, a same-file helper and .then",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { put } from "@vercel/blob";
        import { media } from "@/lib/media";
        import { prisma } from "@/lib/prisma";
        async function uploadAvatar(file: File) {
          const blob = await put(file.name, file, { access: "public" });
          return blob.url;
        }
        export async function saveAll(avatar: File, banner: File, logo: File) {
          const image = await uploadAvatar(avatar);
          const stored = await media.save(banner);
          const logoUrl = await put(logo.name, logo, { access: "public" }).then(({ url }) => url);
          await prisma.user.update({ where: { id: "u1" }, data: { image, banner: stored.url, logo: logoUrl } });
        }
      `,
      settings: {"backend-architect":{"uploadFunctions":["media.save"]}},
      errors: [
        {
          messageId: "blobUrl",
          line: 14,
          column: 67,
          endLine: 14,
          endColumn: 72,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 14,
          column: 82,
          endLine: 14,
          endColumn: 92,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 14,
          column: 100,
          endLine: 14,
          endColumn: 107,
          suggestions: [],
        },
      ],
    },
    {
      name: "lib-storage Upload Location and a MinIO presigned URL",
      filename: "lib/documents.ts",
      code: `
        import { S3Client } from "@aws-sdk/client-s3";
        import { Upload } from "@aws-sdk/lib-storage";
        import * as Minio from "minio";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        const minio = new Minio.Client({ endPoint: "localhost" });
        export async function storeDocument(id: string, body: ReadableStream) {
          const upload = new Upload({ client: s3, params: { Bucket: "docs", Key: id, Body: body } });
          const result = await upload.done();
          const preview = await minio.presignedGetObject("docs", id, 3600);
          await prisma.document.update({ where: { id }, data: { location: result.Location, preview } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 12,
          column: 75,
          endLine: 12,
          endColumn: 90,
          suggestions: [],
        },
        {
          messageId: "presignedUrl",
          line: 12,
          column: 92,
          endLine: 12,
          endColumn: 99,
          suggestions: [],
        },
      ],
    },
    {
      name: "a wrapper resolved one import away: a class instance's upload and an exported helper",
      filename: "tests/fixtures/storage/app/app/api/avatar/route.ts",
      code: `
        import { storage } from "@/lib/storage";
        import { uploadImage } from "@/lib";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const form = await req.formData();
          const avatar = form.get("avatar") as File;
          const uploaded = await storage.upload({ key: "avatars/u1", body: Buffer.from(await avatar.arrayBuffer()) });
          const cover = await uploadImage(form.get("cover") as File);
          await prisma.user.update({ where: { id: "u1" }, data: { image: uploaded.url, cover: cover.url } });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 10,
          column: 74,
          endLine: 10,
          endColumn: 86,
          suggestions: [],
        },
        {
          messageId: "blobUrl",
          line: 10,
          column: 95,
          endLine: 10,
          endColumn: 104,
          suggestions: [],
        },
      ],
    },
    {
      name: "an upload function named in the rule's options",
      filename: "lib/avatars.ts",
      code: `
        import { toBucket } from "@acme/storage";
        import { prisma } from "@/lib/prisma";
        export async function setAvatar(userId: string, file: File) {
          const stored = await toBucket(file);
          await prisma.user.update({ where: { id: userId }, data: { image: stored.url } });
        }
      `,
      options: [{ uploadFunctions: ["toBucket"] }],
      errors: [{ messageId: "blobUrl", line: 6, column: 76, endLine: 6, endColumn: 86, suggestions: [] }],
    },
    {
      name: "updateMany and a Supabase upsert",
      filename: "lib/migrate.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        import { createClient } from "@/utils/supabase/server";
        export async function moveCovers(teamId: string, file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await prisma.post.updateMany({ where: { teamId }, data: { cover: blob.url } });
          const supabase = await createClient();
          await supabase.from("covers").upsert({ team_id: teamId, url: blob.url });
        }
      `,
      errors: [
        {
          messageId: "blobUrl",
          line: 7,
          column: 76,
          endLine: 7,
          endColumn: 84,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        import { createClient } from "@/utils/supabase/server";
        export async function moveCovers(teamId: string, file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await prisma.post.updateMany({ where: { teamId }, data: { cover: blob.pathname } });
          const supabase = await createClient();
          await supabase.from("covers").upsert({ team_id: teamId, url: blob.url });
        }
      `,
            },
          ],
        },
        {
          messageId: "blobUrl",
          line: 9,
          column: 72,
          endLine: 9,
          endColumn: 80,
          suggestions: [
            {
              messageId: "usePathname",
              output: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        import { createClient } from "@/utils/supabase/server";
        export async function moveCovers(teamId: string, file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await prisma.post.updateMany({ where: { teamId }, data: { cover: blob.url } });
          const supabase = await createClient();
          await supabase.from("covers").upsert({ team_id: teamId, url: blob.pathname });
        }
      `,
            },
          ],
        },
      ],
    },
  ],
});
