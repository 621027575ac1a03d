/**
 * The hand-written schema parser against the reference, `@mrleebo/prisma-ast`'s chevrotain grammar
 * (`reference-parser.ts`): the same node model, and the same syntax error at the same place, on every
 * schema of the repository, on the real schemas of the shared corpus, and on thousands of mutated ones.
 */
import { deepStrictEqual } from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSchema } from "../../../prisma-lint/language/parser.js";
import { tokenize } from "../../../prisma-lint/language/lexer.js";
import { referenceParseSchema } from "./reference-parser.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function prismaFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".prisma"))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** The shared corpus of real schemas (`../shared/corpus/schemas` from the main checkout), when present. */
function findCorpus(): string | undefined {
  const fromEnv = process.env.PRISMA_SCHEMA_CORPUS;
  if (fromEnv) return fromEnv;
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared/corpus/schemas");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const CORPUS = findCorpus();
const REPO_SCHEMAS = [...prismaFiles(path.join(ROOT, "tests/fixtures")), ...prismaFiles(path.join(ROOT, "examples"))];
const CORPUS_SCHEMAS = CORPUS ? prismaFiles(CORPUS) : [];

function expectSameParse(text: string): void {
  const ours = parseSchema(text);
  const reference = referenceParseSchema(text);
  try {
    deepStrictEqual(ours, reference);
  } catch (error) {
    throw new Error(
      `the parsers disagree on:\n${JSON.stringify(text)}\nours: ${JSON.stringify(ours.ok ? "ok" : ours.errors)}\nreference: ${JSON.stringify(reference.ok ? "ok" : reference.errors)}\n${(error as Error).message.slice(0, 2000)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations: token and line edits that make the near-misses people type
// ---------------------------------------------------------------------------------------------

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "{", "}", "[", "]", "(", ")", ",", ":", "=", ".", "?", "@", "@@", "\n", "\n\n", " ", "\r\n",
  "id", "name", "String", "Int?", "User[]", "model", "enum", "type", "view", "datasource", "generator", "modle",
  '"text"', '"a\\"b"', "42", "-1.5e3", "true", "false", "null", "now()", "uuid(7)", "[a, b]", "{ a: 1 }",
  "@id", "@default(", "@relation(fields: [userId], references: [id])", "@db.VarChar(255)", "@@index([", "@@map(\"x\")",
  "sort: Desc", "// comment", "/// doc", "/* block */", "\tx", "a.b", "Unsupported(\"geometry\")",
  "model A {\n", "enum E {\n  A\n}\n", "}\n", "fields: [", "])", ",,", "()", "[]", "{}",
  "\r", "\u00a0", "\u2028", "\u3000", "\f", "\v", "é", "$", "-", "_x", "x-y", "a1_b-2", "0x1F", "1.", "\"\\u00e9\"",
  "/* multi\nline\r\ncomment */", "/*\r*/",
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const { tokens } = tokenize(text);
  const lines = text.split("\n");
  const at = Math.floor(next() * (text.length + 1));
  const token = tokens.length > 0 ? pick(tokens) : undefined;
  switch (Math.floor(next() * 10)) {
    case 0: // delete a token
      return token ? text.slice(0, token.start) + text.slice(token.end) : text;
    case 1: // duplicate a token
      return token ? text.slice(0, token.end) + text.slice(token.start, token.end) + text.slice(token.end) : text;
    case 2: // replace a token
      return token ? text.slice(0, token.start) + pick(SNIPPETS) + text.slice(token.end) : text;
    case 3: // insert a snippet before a token
      return token ? text.slice(0, token.start) + pick(SNIPPETS) + text.slice(token.start) : text + pick(SNIPPETS);
    case 4: // insert a snippet anywhere
      return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
    case 5: {
      // swap two neighbouring tokens
      const i = tokens.length > 1 ? Math.floor(next() * (tokens.length - 1)) : -1;
      if (i < 0) return text;
      const [a, b] = [tokens[i]!, tokens[i + 1]!];
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
    }
    case 6: {
      // delete a line
      const i = Math.floor(next() * lines.length);
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n");
    }
    case 7: {
      // join a line with the next
      const i = Math.floor(next() * Math.max(1, lines.length - 1));
      return [...lines.slice(0, i), `${lines[i] ?? ""} ${lines[i + 1] ?? ""}`, ...lines.slice(i + 2)].join("\n");
    }
    case 8: // truncate
      return text.slice(0, at);
    default: {
      // duplicate a line
      const i = Math.floor(next() * lines.length);
      return [...lines.slice(0, i + 1), lines[i] ?? "", ...lines.slice(i + 1)].join("\n");
    }
  }
}

/** One to three neighbouring blocks, so that the mutants stay small and many, and start where a block starts. */
function window(text: string, next: () => number): string {
  const lines = text.split("\n");
  const starts = lines.flatMap((line, i) => (/^\w+\s+\w/u.test(line) ? [i] : []));
  if (starts.length <= 3) return text;
  const first = Math.floor(next() * starts.length);
  const last = first + 1 + Math.floor(next() * 3);
  return lines.slice(starts[first], starts[last] ?? lines.length).join("\n");
}

function mutants(sources: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = window(sources[n % sources.length]!, next);
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) text = mutate(text, next);
    out.push(text);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("the schema parser agrees with prisma-ast's grammar (the reference)", () => {
  it("on every schema of the repository", () => {
    expect(REPO_SCHEMAS.length).toBeGreaterThan(10);
    for (const file of REPO_SCHEMAS) expectSameParse(readFileSync(file, "utf8"));
  });

  it.skipIf(CORPUS_SCHEMAS.length === 0)(
    `on every real schema of the shared corpus (${CORPUS ?? "not found: set PRISMA_SCHEMA_CORPUS to run it"})`,
    () => {
      for (const file of CORPUS_SCHEMAS) expectSameParse(readFileSync(file, "utf8"));
    },
    60_000,
  );

  it("on 3,000 mutated schemas", () => {
    const sources = [...REPO_SCHEMAS, ...CORPUS_SCHEMAS].map((file) => readFileSync(file, "utf8"));
    const texts = mutants(sources, 3000, 20_261_206);
    let failed = 0;
    const kinds = new Map<string, number>();
    for (const text of texts) {
      expectSameParse(text);
      const result = parseSchema(text);
      if (!result.ok) {
        failed++;
        const kind = result.errors[0].message.replace(/`[^`]*`/gu, "X");
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    // the mutants exercise the accepting path and most kinds of syntax error
    expect(failed).toBeGreaterThan(texts.length / 4);
    expect(failed).toBeLessThan(texts.length - texts.length / 8);
    expect(kinds.size).toBeGreaterThan(15);
  }, 120_000);

  it("on every prefix of a schema that uses every construct", () => {
    const text = [
      "/// The app's database",
      "datasource db {",
      '  provider     = "postgresql"',
      '  url          = env("DATABASE_URL")',
      '  relationMode = "prisma"',
      "}",
      "generator client {",
      '  provider        = "prisma-client-js"',
      '  previewFeatures = ["multiSchema", "views"]',
      "}",
      "model User {",
      "  id        String    @id @default(uuid(7)) @db.Uuid",
      '  email     String    @unique(map: "user_email") /* inline */',
      "  role      Role      @default(USER)",
      "  posts     Post[]",
      '  location  Unsupported("geometry")?',
      "  score     Float     @default(-1.5e3)",
      "  active    Boolean   @default(true)",
      "  meta      Json      @default(\"{\\\"a\\\": 1}\")",
      "  createdAt DateTime  @default(now())",
      "  updatedAt DateTime  @updatedAt",
      '  @@index([email(sort: Desc), createdAt], type: BTree, map: "idx")',
      '  @@map("users")',
      '  @@schema("auth")',
      "}",
      "model Post {",
      "  id     Int  @id @default(autoincrement())",
      "  userId String",
      "  user   User @relation(fields: [userId], references: [id], onDelete: Cascade)",
      "  @@unique([userId, id])",
      "}",
      "enum Role {",
      "  USER  @map(\"user\")",
      "  ADMIN",
      '  @@map("roles")',
      "}",
      "type Address {",
      "  street String",
      "}",
      "view Stats {",
      "  id Int @unique",
      "}",
      "",
    ].join("\r\n");
    for (let end = 0; end <= text.length; end++) expectSameParse(text.slice(0, end));
  }, 60_000);
});
