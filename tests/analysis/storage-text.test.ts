import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mentionsStorage, STORAGE_TEXT } from "../../lib/analysis/storage.js";

// `mentionsStorage` replaces `STORAGE_TEXT.test(text)` for speed: it must give the same answer for every text.

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.(?:[cm]?[jt]sx?|md|prisma)$/u.test(entry.name)) out.push(full);
  }
  return out;
}

const EDGE_CASES = [
  "",
  "put(",
  "put (",
  "await put\n(",
  "PUT(request)",
  "export async function PUT(req: Request) {}",
  "putObject(",
  "put_object (",
  "putObjectCommand",
  "input(x)",
  "output (x)",
  "_put(",
  "$put(",
  "a.put(",
  "put1(",
  "put\u00a0(",
  "put\u2028(",
  "putÉ(",
  "put",
  "sput",
  "supabase.storage",
  "supabase.storage.from",
  "supabase.storageBucket",
  "x.storage_",
  "x.STORAGE",
  ".storage",
  ".storageé",
  "s3.Presign",
  "getPRESIGNEDUrl",
  "createSignedUrl",
  "getsignedURL",
  "UPLOAD",
  "UploadThing",
  "https://bucket.s3.amazonaws.com/key",
  "https://x.r2.cloudflarestorage.com",
  "foo.R2.bar",
  "https://storage.googleapis.com",
  "https://abc.supabase.co/storage/v1",
  "https://utfs.io/f/x",
  "https://app.ufs.sh/f/x",
  "https://x.public.blob.vercel-storage.com/y",
  "import { put } from '@vercel/blob'",
  "import { S3Client } from '@aws-sdk/client-s3'",
  "new Minio.Client()",
  "import { AwsClient } from 'aws4fetch'",
  // characters that case-fold to ASCII letters: the regular expression decides
  "\u017ftorage.googleapis",
  "x.\u017ftorage",
  "\u212auploa",
  "up\u0130oad",
  "mİnio",
  "İput(",
  "ſput(",
  "Kput(",
];

/** A deterministic mix of fragments near the words, to hit the boundaries. */
function generated(count: number): string[] {
  const fragments = ["put", "PUT", "Put", "(", " ", "\n", "\t", "x", "_", "$", ".", "in", "Object", ".storage", "storage", "age", "upl", "oad", "pre", "sign", "Signed", "Url", "r2", ".r2.", "é", "ſ", "K", "İ", "1", "ufs", ".sh", "utfs", ".io", "\u00a0", "minio", "@aws-sdk", "/"];
  let seed = 20261206;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    const length = 1 + (next() % 8);
    for (let j = 0; j < length; j++) text += fragments[next() % fragments.length];
    texts.push(text);
  }
  return texts;
}

describe("mentionsStorage", () => {
  it("agrees with STORAGE_TEXT on the edge cases", () => {
    for (const text of EDGE_CASES) expect([text, mentionsStorage(text)]).toEqual([text, STORAGE_TEXT.test(text)]);
  });

  it("agrees with STORAGE_TEXT on generated texts", () => {
    const texts = generated(20_000);
    const disagreeing = texts.filter((text) => mentionsStorage(text) !== STORAGE_TEXT.test(text));
    expect(disagreeing).toEqual([]);
    // both answers occur, so the comparison means something
    expect(texts.some((text) => mentionsStorage(text))).toBe(true);
    expect(texts.some((text) => !mentionsStorage(text))).toBe(true);
  });

  it("agrees with STORAGE_TEXT on every source file of the repository", () => {
    const files = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "tests")), ...sourceFiles(path.join(ROOT, "examples"))];
    expect(files.length).toBeGreaterThan(100);
    const disagreeing = files.filter((file) => {
      const text = readFileSync(file, "utf8");
      return mentionsStorage(text) !== STORAGE_TEXT.test(text);
    });
    expect(disagreeing).toEqual([]);
  });
});
