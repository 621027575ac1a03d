import rule from "../../lib/rules/require-upload-rollback.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("require-upload-rollback", rule, {
  valid: [
    {
      name: "a test that uploads a mock, and a seed script",
      filename: "test/routers/tracks/download.spec.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "../../../src/prisma";
        it("downloads", async () => {
          const blob = await put("mock.zip", Buffer.from("zip"), { access: "public" });
          await prisma.file.create({ data: { url: blob.url } });
        });
      `,
    },
    {
      name: "the write is in a try whose catch deletes the blob",
      filename: "app/api/avatar/route.ts",
      code: `
        import { del, put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const file = (await req.formData()).get("file") as File;
          const blob = await put(file.name, file, { access: "public" });
          try {
            await prisma.user.update({ where: { id: "u1" }, data: { imageKey: blob.pathname } });
          } catch (error) {
            await del(blob.url);
            throw error;
          }
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "row first: the row exists before the upload",
      filename: "app/api/documents/route.ts",
      code: `
        import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        export async function POST(req: Request) {
          const doc = await prisma.document.create({ data: { status: "uploading" } });
          const key = \`documents/\${doc.id}\`;
          await s3.send(new PutObjectCommand({ Bucket: "docs", Key: key, Body: Buffer.from(await req.arrayBuffer()) }));
          await prisma.document.update({ where: { id: doc.id }, data: { key, status: "ready" } });
        }
      `,
    },
    {
      name: "no database write after the upload",
      filename: "app/api/upload/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const user = await prisma.user.findUnique({ where: { id: "u1" } });
          const blob = await put(\`\${user!.id}/a.png\`, req.body!, { access: "public" });
          return Response.json(blob);
        }
      `,
    },
    {
      name: "Supabase: the insert's error triggers a remove",
      filename: "app/api/files/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const file = (await req.formData()).get("file") as File;
          const path = \`u1/\${crypto.randomUUID()}\`;
          const { error: uploadError } = await supabase.storage.from("files").upload(path, file);
          if (uploadError) return Response.json({ error: "upload failed" }, { status: 500 });
          const { error } = await supabase.from("files").insert({ path, name: file.name });
          if (error) {
            await supabase.storage.from("files").remove([path]);
            return Response.json({ error: "save failed" }, { status: 500 });
          }
          return Response.json({ path });
        }
      `,
    },
    {
      name: "queued cleanup named in settings, called in the catch",
      filename: "lib/avatars.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        import { enqueueOrphanCleanup } from "@/lib/jobs";
        export async function setAvatar(userId: string, file: File) {
          const blob = await put(file.name, file, { access: "public" });
          try {
            await prisma.user.update({ where: { id: userId }, data: { imageKey: blob.pathname } });
          } catch (error) {
            await enqueueOrphanCleanup(blob.pathname);
            throw error;
          }
        }
      `,
      settings: {"backend-architect":{"cleanupFunctions":["enqueueOrphanCleanup"]}},
    },
    {
      name: "the delete is in finally, guarded by a flag",
      filename: "lib/import.ts",
      code: `
        import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { db } from "@/db";
        import { imports } from "@/db/schema";
        const s3 = new S3Client({});
        export async function importFile(key: string, body: Buffer) {
          await s3.send(new PutObjectCommand({ Bucket: "b", Key: key, Body: body }));
          let saved = false;
          try {
            await db.insert(imports).values({ key });
            saved = true;
          } finally {
            if (!saved) await s3.send(new DeleteObjectCommand({ Bucket: "b", Key: key }));
          }
        }
      `,
    },
    {
      name: "a .catch on the write deletes the upload",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { del, put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addLogo(teamId: string, file: File) {
          const { url, pathname } = await put(file.name, file, { access: "public" });
          await prisma.team
            .update({ where: { id: teamId }, data: { logoKey: pathname } })
            .catch(async (error) => {
              await del(url);
              throw error;
            });
        }
      `,
    },
    {
      name: "a write on the upload's error path",
      filename: "lib/uploads.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function attach(id: string, file: File) {
          try {
            await put(file.name, file, { access: "public" });
          } catch (error) {
            await prisma.upload.update({ where: { id }, data: { status: "failed" } });
            throw error;
          }
        }
        export async function attachLater(id: string, file: File) {
          await put(file.name, file, { access: "public" }).catch(async () => {
            await prisma.upload.update({ where: { id }, data: { status: "failed" } });
          });
        }
      `,
    },
    {
      name: "an unrelated write after the upload",
      filename: "lib/exports.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function publishExport(teamId: string, csv: string) {
          const blob = await put(\`exports/\${crypto.randomUUID()}.csv\`, csv, { access: "public" });
          await prisma.team.update({ where: { id: teamId }, data: { exportCount: { increment: 1 } } });
          return blob.url;
        }
      `,
    },
    {
      name: "upload and write in branches that exclude each other",
      filename: "app/api/items/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const form = await req.formData();
          const file = form.get("file") as File | null;
          if (file) {
            const blob = await put(file.name, file, { access: "public" });
            return Response.json({ key: blob.pathname });
          }
          const name = String(form.get("name"));
          await prisma.item.create({ data: { name, imageKey: name } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "deletes through a resolved wrapper and an unresolvable package helper",
      filename: "tests/fixtures/storage/app/app/api/avatar/route.ts",
      code: `
        import { uploadImage, deleteImage } from "@/lib/blob";
        import { removeStoredFile } from "@acme/storage";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const form = await req.formData();
          const image = await uploadImage(form.get("image") as File);
          try {
            await prisma.user.update({ where: { id: "u1" }, data: { imageKey: image.pathname } });
          } catch (error) {
            await deleteImage(image.url);
            throw error;
          }
          const banner = await uploadImage(form.get("banner") as File);
          try {
            await prisma.user.update({ where: { id: "u1" }, data: { bannerKey: banner.pathname } });
          } catch (error) {
            await removeStoredFile(banner.pathname);
            throw error;
          }
        }
      `,
    },
    {
      name: "a resolved function named upload that is not storage",
      filename: "tests/fixtures/storage/app/app/api/avatar/route.ts",
      code: `
        import { uploadMetrics } from "@/lib/analytics";
        import { prisma } from "@/lib/prisma";
        export async function POST() {
          const report = await uploadMetrics({ ok: true });
          await prisma.report.create({ data: { url: report.url } });
        }
      `,
    },
    {
      name: "every upload of a batch deleted in the catch",
      filename: "app/api/gallery/route.ts",
      code: `
        import { del, put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const files = (await req.formData()).getAll("photos") as File[];
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          try {
            await prisma.photo.createMany({ data: blobs.map((b) => ({ key: b.pathname })) });
          } catch (error) {
            await del(blobs.map((b) => b.url));
            throw error;
          }
        }
      `,
    },
    {
      name: "a put that is not Vercel Blob's, and a KV write",
      filename: "lib/cache.ts",
      code: `
        import { put } from "@/lib/kv";
        import { put as putBlob } from "@vercel/blob";
        import { kv } from "@vercel/kv";
        import { prisma } from "@/lib/prisma";
        export async function remember(key: string, value: string) {
          await put(key, value);
          await prisma.cacheEntry.create({ data: { key } });
          const blob = await putBlob(key, value, { access: "public" });
          await kv.set(key, blob.pathname);
        }
      `,
    },
    {
      name: "a cleanup function named in the rule's options",
      filename: "lib/avatars.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        import { scheduleDelete } from "@/lib/queue";
        export async function setAvatar(userId: string, file: File) {
          const blob = await put(file.name, file, { access: "public" });
          try {
            await prisma.user.update({ where: { id: userId }, data: { imageKey: blob.pathname } });
          } catch (error) {
            await scheduleDelete({ key: blob.pathname });
            throw error;
          }
        }
      `,
      options: [{ cleanupFunctions: ["scheduleDelete"] }],
    },
    {
      name: "a PDF regenerated at the fixed key of an invoice that exists, then that invoice updated (a wrapper and a key helper one import away)",
      filename: "tests/fixtures/storage/app/app/actions/receipts.ts",
      code: `
        "use server";
        import { uploadReceiptPdf } from "@/lib/receipts";
        import { prisma } from "@/lib/prisma";
        export async function regenerateReceiptPdf(receiptId: string) {
          const receipt = await prisma.receipt.findUniqueOrThrow({ where: { id: receiptId }, include: { lines: true } });
          const pdf = await renderReceipt(receipt);
          const storageKey = await uploadReceiptPdf(receipt.id, pdf);
          await prisma.receipt.update({ where: { id: receipt.id }, data: { pdfKey: storageKey, pdfGeneratedAt: new Date() } });
          return { ok: true };
        }
      `,
    },
    {
      name: "an avatar put at the user's own fixed key, then the user row updated by the same id",
      filename: "app/api/users/[userId]/avatar/route.ts",
      code: `
        import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        const BUCKET = process.env.AVATAR_BUCKET;
        export async function PUT(req: Request, { params }: { params: Promise<{ userId: string }> }) {
          const { userId } = await params;
          const body = Buffer.from(await req.arrayBuffer());
          const key = ["avatars", userId, "avatar.webp"].join("/");
          await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
          await prisma.user.update({ where: { id: userId }, data: { avatarKey: key } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a Supabase upload with upsert: true at a key made of the team's id, then the team updated",
      filename: "app/settings/actions.ts",
      code: `
        "use server";
        import { createClient } from "@/lib/supabase/server";
        export async function updateTeamLogo(teamId: string, logo: File) {
          const supabase = await createClient();
          const path = \`teams/\${teamId}/logo.png\`;
          const { error: uploadError } = await supabase.storage.from("logos").upload(path, logo, { upsert: true });
          if (uploadError) return { error: uploadError.message };
          const { error } = await supabase.from("teams").update({ logo_path: path }).eq("id", teamId);
          return { error: error?.message ?? null };
        }
      `,
    },
    {
      name: "Vercel Blob put with allowOverwrite at the preview key of a row, then an upsert of that row",
      filename: "lib/previews.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function savePreview(pageId: string, png: Buffer) {
          const blob = await put(\`previews/\${pageId}.png\`, png, { access: "public", allowOverwrite: true, addRandomSuffix: false });
          await prisma.preview.upsert({ where: { pageId }, create: { pageId, key: blob.pathname }, update: { key: blob.pathname } });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "Vercel Blob put, then a Prisma update that can fail",
      filename: "app/api/avatar/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const file = (await req.formData()).get("file") as File;
          const blob = await put(file.name, file, { access: "public" });
          await prisma.user.update({ where: { id: "u1" }, data: { imageKey: blob.pathname } });
          return Response.json({ ok: true });
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 72,
        },
      ],
    },
    {
      name: "S3 command sent from a variable, then a create",
      filename: "app/api/documents/route.ts",
      code: `
        import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
        import { prisma } from "@/lib/prisma";
        const s3 = new S3Client({});
        export async function POST(req: Request) {
          const key = \`documents/\${crypto.randomUUID()}\`;
          const command = new PutObjectCommand({ Bucket: "docs", Key: key, Body: Buffer.from(await req.arrayBuffer()) });
          await s3.send(command);
          await prisma.document.create({ data: { key } });
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 33,
        },
      ],
    },
    {
      name: "Supabase upload, then an insert whose error is only returned",
      filename: "app/api/files/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const file = (await req.formData()).get("file") as File;
          const path = \`u1/\${file.name}\`;
          await supabase.storage.from("files").upload(path, file);
          const { error } = await supabase.from("files").insert({ path });
          if (error) return Response.json({ error: error.message }, { status: 500 });
          return Response.json({ path });
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 66,
        },
      ],
    },
    {
      name: "UploadThing and lib-storage uploads, then Drizzle inserts",
      filename: "lib/media.ts",
      code: `
        import { S3Client } from "@aws-sdk/client-s3";
        import { Upload } from "@aws-sdk/lib-storage";
        import { UTApi } from "uploadthing/server";
        import { db } from "@/db";
        import { media } from "@/db/schema";
        const utapi = new UTApi();
        const s3 = new S3Client({});
        export async function importMedia(files: File[]) {
          const uploaded = await utapi.uploadFiles(files);
          await db.insert(media).values(uploaded.map((u) => ({ key: u.data!.key })));
        }
        export async function streamMedia(key: string, body: ReadableStream) {
          await new Upload({ client: s3, params: { Bucket: "b", Key: key, Body: body } }).done();
          await db.insert(media).values({ key });
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 10,
          column: 34,
          endLine: 10,
          endColumn: 58,
        },
        {
          messageId: "missingRollback",
          line: 14,
          column: 17,
          endLine: 14,
          endColumn: 97,
        },
      ],
    },
    {
      name: "a catch that only logs and rethrows",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function addLogo(teamId: string, file: File) {
          const { pathname } = await put(file.name, file, { access: "public" });
          try {
            await prisma.team.update({ where: { id: teamId }, data: { logoKey: pathname } });
          } catch (error) {
            console.error(error);
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 6,
          column: 38,
          endLine: 6,
          endColumn: 80,
        },
      ],
    },
    {
      name: "the catch deletes another upload",
      filename: "app/api/post/route.ts",
      code: `
        import { del, put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const form = await req.formData();
          const cover = await put("cover.png", form.get("cover") as File, { access: "public" });
          const thumb = await put("thumb.png", form.get("thumb") as File, { access: "public" });
          try {
            await prisma.post.create({ data: { coverKey: cover.pathname, thumbKey: thumb.pathname } });
          } catch (error) {
            await del(cover.url);
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 7,
          column: 31,
          endLine: 7,
          endColumn: 96,
        },
      ],
    },
    {
      name: "a delete after the write runs only when the write succeeded",
      filename: "lib/previews.ts",
      code: `
        import { del, put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function savePreview(id: string, png: Buffer, oldUrl: string | null) {
          const blob = await put(\`previews/\${id}.png\`, png, { access: "public" });
          await prisma.preview.upsert({ where: { id }, create: { id, key: blob.pathname }, update: { key: blob.pathname } });
          if (oldUrl) await del(oldUrl);
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 82,
        },
      ],
    },
    {
      name: "uploads in a map, a same-file helper, a configured wrapper, a transaction",
      filename: "app/api/album/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { media } from "@/lib/media";
        import { prisma } from "@/lib/prisma";
        async function uploadCover(file: File) {
          return put(\`covers/\${file.name}\`, file, { access: "public" });
        }
        export async function POST(req: Request) {
          const form = await req.formData();
          const files = form.getAll("photos") as File[];
          const blobs = await Promise.all(files.map((file) => put(file.name, file, { access: "public" })));
          const cover = await uploadCover(form.get("cover") as File);
          const banner = await media.save(form.get("banner") as File);
          await prisma.$transaction(async (tx) => {
            await tx.album.create({
              data: { coverKey: cover.pathname, bannerKey: banner.key, photos: { create: blobs.map((b) => ({ key: b.pathname })) } },
            });
          });
        }
      `,
      settings: {"backend-architect":{"uploadFunctions":["media.save"]}},
      errors: [
        {
          messageId: "missingRollback",
          line: 11,
          column: 63,
          endLine: 11,
          endColumn: 105,
        },
        {
          messageId: "missingRollback",
          line: 12,
          column: 31,
          endLine: 12,
          endColumn: 69,
        },
        {
          messageId: "missingRollback",
          line: 13,
          column: 32,
          endLine: 13,
          endColumn: 70,
        },
      ],
    },
    {
      name: "a resolved wrapper upload; the catch calls a resolved delete-named function that is not storage",
      filename: "tests/fixtures/storage/app/app/api/avatar/route.ts",
      code: `
        import { storage } from "@/lib/storage";
        import { deleteSessionFile } from "@/lib/analytics";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const key = "avatars/u1";
          await storage.upload({ key, body: Buffer.from(await req.arrayBuffer()) });
          try {
            await prisma.user.update({ where: { id: "u1" }, data: { imageKey: key } });
          } catch (error) {
            await deleteSessionFile(key);
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 84,
        },
      ],
    },
    {
      name: "a raw SQL insert after the upload",
      filename: "lib/raw.ts",
      code: `
        import { put } from "@vercel/blob";
        import { sql } from "@vercel/postgres";
        export async function saveFile(file: File) {
          const blob = await put(file.name, file, { access: "public" });
          await sql\`INSERT INTO files (key) VALUES (\${blob.pathname})\`;
        }
      `,
      errors: [
        {
          messageId: "missingRollback",
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 72,
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
          const { key } = await toBucket(file);
          await prisma.user.update({ where: { id: userId }, data: { imageKey: key } });
        }
      `,
      options: [{ uploadFunctions: ["toBucket"] }],
      errors: [{ messageId: "missingRollback", line: 5, column: 33, endLine: 5, endColumn: 47 }],
    },
    {
      name: "an upload inside the write's data runs before the write",
      filename: "app/routes/settings/photo.tsx",
      code: `
        import { uploadProfileImage } from "@/utils/storage.server";
        import { prisma } from "@/utils/db.server";
        export async function action(userId: string, photo: File) {
          await prisma.user.update({
            where: { id: userId },
            data: { image: { create: { objectKey: await uploadProfileImage(userId, photo) } } },
          });
        }
      `,
      settings: { "backend-architect": { uploadFunctions: ["uploadProfileImage"] } },
      errors: [{ messageId: "missingRollback", line: 7, column: 57, endLine: 7, endColumn: 90 }],
    },
    {
      name: "a wrapper that adds a random part to the key, then the row updated",
      filename: "tests/fixtures/storage/app/app/actions/receipts.ts",
      code: `
        "use server";
        import { uploadReceiptAttachment } from "@/lib/receipts";
        import { prisma } from "@/lib/prisma";
        export async function attachToReceipt(receiptId: string, file: Buffer) {
          const key = await uploadReceiptAttachment(receiptId, file);
          await prisma.receipt.update({ where: { id: receiptId }, data: { attachments: { push: key } } });
        }
      `,
      errors: [{ messageId: "missingRollback", line: 6, column: 29, endLine: 6, endColumn: 69 }],
    },
    {
      name: "a fixed-looking key built from a fresh id, then a create of the row",
      filename: "app/api/reports/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { nanoid } from "nanoid";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const reportId = nanoid();
          const blob = await put(\`reports/\${reportId}.csv\`, await req.text(), { access: "public", allowOverwrite: true });
          await prisma.report.create({ data: { id: reportId, fileUrl: blob.url } });
          return Response.json({ id: reportId });
        }
      `,
      errors: [{ messageId: "missingRollback", line: 7, column: 30, endLine: 7, endColumn: 122 }],
    },
    {
      name: "the key holds the file's name: a new object per upload even for the same row",
      filename: "app/api/projects/[projectId]/cover/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request, { params }: { params: { projectId: string } }) {
          const file = (await req.formData()).get("cover") as File;
          const blob = await put(\`projects/\${params.projectId}/\${file.name}\`, file, { access: "public", allowOverwrite: true });
          await prisma.project.update({ where: { id: params.projectId }, data: { coverUrl: blob.url } });
          return Response.json({ ok: true });
        }
      `,
      errors: [{ messageId: "missingRollback", line: 6, column: 30, endLine: 6, endColumn: 128 }],
    },
    {
      name: "a stable key, but the update is of another row than the one the key names",
      filename: "app/api/orgs/[orgId]/logo/route.ts",
      code: `
        import { put } from "@vercel/blob";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request, { params }: { params: { orgId: string } }) {
          const session = await auth();
          const blob = await put(\`orgs/\${params.orgId}/logo.png\`, await req.blob(), { access: "public", allowOverwrite: true });
          await prisma.user.update({ where: { id: session.user.id }, data: { lastLogoUrl: blob.url } });
        }
      `,
      errors: [{ messageId: "missingRollback", line: 6, column: 30, endLine: 6, endColumn: 128 }],
    },
  ],
});
