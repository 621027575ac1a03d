import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { describe, expect, it } from "vitest";
import { createStorageAnalysis, storageHostProvider } from "../../lib/analysis/storage.js";

/** Reports every storage call as `kind provider operation: <call text>`. */
const probe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const storage = createStorageAnalysis(context as never);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const call = storage.storageCall(node);
        if (!call) return;
        const text = context.sourceCode.getText(node as never).replace(/\s+/gu, " ");
        context.report({ node: node as never, messageId: "q", data: { d: `${call.kind} ${call.provider} ${call.operation}: ${text}` } });
      },
    } as never;
  },
} satisfies Rule.RuleModule;

/** Reports the blob URL of every `const url_* = ...` initializer as `name provider[ presigned]`. */
const urlProbe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const storage = createStorageAnalysis(context as never);
    return {
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (node.id.type !== "Identifier" || !node.id.name.startsWith("url_") || !node.init) return;
        const url = storage.blobUrl(node.init);
        const d = `${node.id.name} ${url ? `${url.provider}${url.presigned ? " presigned" : ""}` : "-"}`;
        context.report({ node: node as never, messageId: "q", data: { d } });
      },
    } as never;
  },
} satisfies Rule.RuleModule;

const linter = new Linter({ configType: "flat" });

function run(rule: Rule.RuleModule, code: string, settings: Record<string, unknown> = {}): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { probe: rule } } },
        settings: { "backend-architect": settings },
        rules: { "t/probe": "error" },
      },
    ],
    { filename: "app/api/x/route.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("storage: uploads, deletes and URL sources", () => {
  const cases: [string, string, string[]][] = [
    ["vercel blob put/copy/del/head", `import { put, copy, del, head } from "@vercel/blob"; put("a", f); copy(u, "b"); del(u); head(u);`, [
      `upload vercel-blob put: put("a", f)`,
      `upload vercel-blob copy: copy(u, "b")`,
      "delete vercel-blob del: del(u)",
      "url vercel-blob head: head(u)",
    ]],
    ["aliased, namespace and dynamic imports", `import { put as putBlob } from "@vercel/blob"; import * as blob from "@vercel/blob"; putBlob("a", f); blob.del(u); const { put } = await import("@vercel/blob"); put("b", f);`, [
      `upload vercel-blob put: putBlob("a", f)`,
      "delete vercel-blob del: blob.del(u)",
      `upload vercel-blob put: put("b", f)`,
    ]],
    ["client upload", `import { upload } from "@vercel/blob/client"; await upload(file.name, file, { access: "public", handleUploadUrl: "/api/upload" });`, [
      `upload vercel-blob upload: upload(file.name, file, { access: "public", handleUploadUrl: "/api/upload" })`,
    ]],
    ["s3 commands, inline and through a const", `import { PutObjectCommand, DeleteObjectsCommand, CopyObjectCommand } from "@aws-sdk/client-s3"; const cmd = new PutObjectCommand(p); await s3.send(cmd); await client.send(new DeleteObjectsCommand({ Bucket, Delete })); await r2.send(new CopyObjectCommand(c));`, [
      "upload s3 PutObjectCommand: s3.send(cmd)",
      "delete s3 DeleteObjectsCommand: client.send(new DeleteObjectsCommand({ Bucket, Delete }))",
      "upload s3 CopyObjectCommand: r2.send(new CopyObjectCommand(c))",
    ]],
    ["lib-storage Upload and the presigner", `import { Upload } from "@aws-sdk/lib-storage"; import { getSignedUrl } from "@aws-sdk/s3-request-presigner"; const up = new Upload({ client, params }); await up.done(); await getSignedUrl(client, cmd);`, [
      "upload s3 Upload: up.done()",
      "url s3 getSignedUrl: getSignedUrl(client, cmd)",
    ]],
    ["supabase storage buckets", `const bucket = supabase.storage.from("a"); await bucket.upload(p, f); await bucket.remove([p]); bucket.getPublicUrl(p); await sb.storage.from("b").createSignedUrl(p, 60); await sb.storage.from("b").update(p, f);`, [
      "upload supabase upload: bucket.upload(p, f)",
      "delete supabase remove: bucket.remove([p])",
      "url supabase getPublicUrl: bucket.getPublicUrl(p)",
      `url supabase createSignedUrl: sb.storage.from("b").createSignedUrl(p, 60)`,
      `upload supabase update: sb.storage.from("b").update(p, f)`,
    ]],
    ["uploadthing", `import { UTApi } from "uploadthing/server"; const api = new UTApi(); await api.uploadFiles(files); await utapi.deleteFiles(keys);`, [
      "upload uploadthing uploadFiles: api.uploadFiles(files)",
      "delete uploadthing deleteFiles: utapi.deleteFiles(keys)",
    ]],
    ["minio and the aggregated S3 client", `import * as Minio from "minio"; import { S3 } from "@aws-sdk/client-s3"; const mc = new Minio.Client(o); const store = new S3({}); await mc.putObject("b", key, body); await mc.removeObject("b", key); await store.putObject({ Bucket, Key }); await s3.deleteObject({ Bucket, Key });`, [
      `upload minio putObject: mc.putObject("b", key, body)`,
      `delete minio removeObject: mc.removeObject("b", key)`,
      "upload s3 putObject: store.putObject({ Bucket, Key })",
      "delete s3 deleteObject: s3.deleteObject({ Bucket, Key })",
    ]],
    ["aws4fetch PUT and DELETE", `import { AwsClient } from "aws4fetch"; await aws.fetch(url, { method: "PUT", body }); await aws.fetch(url, { method: "DELETE" }); await aws.fetch(url);`, [
      `upload s3 fetch: aws.fetch(url, { method: "PUT", body })`,
      `delete s3 fetch: aws.fetch(url, { method: "DELETE" })`,
    ]],
    ["same-file and configured wrappers", `import { put, del } from "@vercel/blob"; async function saveCover(f) { return put(f.name, f); } const drop = async (u) => { await del(u); }; await saveCover(f); await drop(u); await storage.store(f);`, [
      "upload vercel-blob put: put(f.name, f)",
      "delete vercel-blob del: del(u)",
      "upload project saveCover: saveCover(f)",
      "delete project drop: drop(u)",
      "upload project storage.store: storage.store(f)",
    ]],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => expect(run(probe, code, { uploadFunctions: ["storage.store"] })).toEqual(expected));
  }
});

describe("storage: not storage", () => {
  const cases: [string, string][] = [
    ["a put or del from elsewhere", `import { put } from "@/lib/kv"; import { del } from "idb-keyval"; put(k, v); del(k);`],
    ["axios and fetch", `await axios.put(url, body); await fetch(url, { method: "PUT" }); await api.delete(id);`],
    ["a send of something else", `import { SendEmailCommand } from "@aws-sdk/client-ses"; await ses.send(new SendEmailCommand(p));`],
    ["supabase database and auth", `await supabase.from("files").upload; await supabase.from("t").insert(row); await supabase.auth.signOut();`],
    ["an upload method on an unknown receiver", `await client.upload(file); await cloudinary.uploader.upload(path); await ftp.uploadFiles(list);`],
    ["a local function that uploads and writes is judged on its own", `import { put } from "@vercel/blob"; async function saveAll(f) { const b = await put(f.name, f); await prisma.file.create({ data: { key: b.pathname } }); } await saveAll(f);`],
    ["aws4fetch methods without the import", `await aws.fetch(url, { method: "PUT", body });`],
  ];
  for (const [name, code] of cases) {
    it(name, () => expect(run(probe, code).filter((m) => !m.includes(": put(f.name, f)"))).toEqual([]));
  }
});

describe("storage: blob URLs", () => {
  it("follows values to their source", () => {
    const code = `
      import { put } from "@vercel/blob";
      import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
      const BASE = "https://pub-1.r2.dev";
      export async function f(file: File, key: string, body: { url: string }) {
        const blob = await put(key, file);
        const { url, pathname } = blob;
        let later;
        if (file.size) later = blob.downloadUrl;
        const url_member = blob.url;
        const url_destructured = url;
        const url_pathname = pathname;
        const url_let = later;
        const url_template = \`\${BASE}/\${key}\`;
        const url_env = \`\${process.env.BASE}/\${key}\`;
        const url_request = body.url;
        const url_signed = await getSignedUrl(client, cmd);
        const url_public = supabase.storage.from("a").getPublicUrl(key).data.publicUrl;
        const url_gcs = "https://storage.googleapis.com/bucket/" + key;
      }
    `;
    expect(run(urlProbe, code)).toEqual([
      "url_member vercel-blob",
      "url_destructured vercel-blob",
      "url_pathname -",
      "url_let vercel-blob",
      "url_template r2",
      "url_env -",
      "url_request -",
      "url_signed s3 presigned",
      "url_public supabase",
      "url_gcs gcs",
    ]);
  });

  it("knows public storage hosts", () => {
    expect(storageHostProvider("https://abc.public.blob.vercel-storage.com/a.png")).toBe("vercel-blob");
    expect(storageHostProvider("https://pub-123.r2.dev/a.png")).toBe("r2");
    expect(storageHostProvider("https://acc.r2.cloudflarestorage.com/b/a.png")).toBe("r2");
    expect(storageHostProvider("https://bucket.s3.amazonaws.com/a")).toBe("s3");
    expect(storageHostProvider("https://s3.eu-west-1.amazonaws.com/bucket/a")).toBe("s3");
    expect(storageHostProvider("https://\0.s3.us-east-1.amazonaws.com/\0")).toBe("s3");
    expect(storageHostProvider("https://storage.googleapis.com/b/a")).toBe("gcs");
    expect(storageHostProvider("https://xyz.supabase.co/storage/v1/object/public/a/b")).toBe("supabase");
    expect(storageHostProvider("https://utfs.io/f/abc")).toBe("uploadthing");
  });

  it("ignores other hosts and run-time hosts", () => {
    expect(storageHostProvider("https://xyz.supabase.co/rest/v1/files")).toBeUndefined();
    expect(storageHostProvider("https://s3.amazonaws.com.example.org/a")).toBeUndefined();
    expect(storageHostProvider("https://cdn.example.com/a")).toBeUndefined();
    expect(storageHostProvider("\0/a.png")).toBeUndefined();
    expect(storageHostProvider("https://\0/a.png")).toBeUndefined();
    expect(storageHostProvider("/api/files/a.png")).toBeUndefined();
  });
});
