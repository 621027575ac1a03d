import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";
import { parseSchema } from "../../prisma-lint/language/index.js";
import { findSchemaFolder, summarize, summarizeFile } from "../../prisma-lint/schema-folder.js";

const root = mkdtempSync(join(tmpdir(), "schema-folder-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function summaryOf(text: string) {
  const result = parseSchema(text);
  if (!result.ok) throw new Error("parse error");
  return summarize(result.ast);
}

const POSTGRES = 'datasource db {\n  provider = "postgresql"\n}\n';
const POST = "model Post {\n  id       String @id\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n}\n";

describe("findSchemaFolder", () => {
  it("collects the other files of a prisma/schema folder, with their block names", () => {
    write("flat/package.json", "{}");
    write("flat/prisma/schema/schema.prisma", POSTGRES);
    write("flat/prisma/schema/user.prisma", "model User {\n  id String @id\n}\nenum Role {\n  ADMIN\n}\n");
    const post = write("flat/prisma/schema/post.prisma", POST);
    const folder = findSchemaFolder(post, "/", summaryOf(POST))!;
    expect(folder.root).toBe(join(root, "flat/prisma/schema"));
    expect(folder.files.map((f) => f.slice(folder.root.length + 1))).toEqual(["schema.prisma", "user.prisma"]);
    expect(folder.summaries.find((s) => s.datasource)?.datasource).toEqual({ provider: "postgresql", relationMode: undefined });
    expect(folder.summaries.flatMap((s) => [...s.models, ...s.enums])).toEqual(["User", "Role"]);
  });

  it("walks up to the folder that declares the datasource (prisma/schema.prisma + prisma/models/**/*.prisma)", () => {
    write("nested/package.json", "{}");
    write("nested/prisma/schema.prisma", POSTGRES);
    write("nested/prisma/models/user.prisma", "model User {\n  id String @id\n}\n");
    const post = write("nested/prisma/models/blog/post.prisma", POST);
    const folder = findSchemaFolder(post, "/", summaryOf(POST))!;
    expect(folder.root).toBe(join(root, "nested/prisma"));
    expect(folder.files.map((f) => f.slice(folder.root.length + 1))).toEqual(["models/user.prisma", "schema.prisma"]);
    expect(folder.summaries.some((s) => s.datasource)).toBe(true);
  });

  it("never walks above the project root", () => {
    write("outside/schema.prisma", POSTGRES);
    write("outside/app/package.json", "{}");
    const post = write("outside/app/prisma/post.prisma", POST);
    const folder = findSchemaFolder(post, "/", summaryOf(POST))!;
    expect(folder.summaries.some((s) => s.datasource)).toBe(false);
  });

  it("follows settings.schema when it names the folder", () => {
    write("setting/package.json", "{}");
    write("setting/db/main.prisma", POSTGRES);
    const post = write("setting/db/deep/er/still/post.prisma", POST);
    const folder = findSchemaFolder(post, join(root, "setting"), summaryOf(POST), "db")!;
    expect(folder.root).toBe(join(root, "setting/db"));
    expect(folder.summaries.some((s) => s.datasource)).toBe(true);
  });

  it("knows nothing about a file that is not on disk", () => {
    expect(findSchemaFolder("schema.prisma", root, summaryOf(POST))).toBeUndefined();
    expect(findSchemaFolder("<input>", root, summaryOf(POST))).toBeUndefined();
  });

  it("parses each file once and again only after it changed", () => {
    const path = write("cache/a.prisma", "model A {\n  id String @id\n}\n");
    const first = summarizeFile(path);
    expect(summarizeFile(path)).toBe(first);
    writeFileSync(path, "model A {\n  id String @id\n}\nmodel B {\n  id String @id\n}\n");
    expect(summarizeFile(path)?.models).toEqual(["A", "B"]);
    writeFileSync(path, "model {");
    expect(summarizeFile(path)).toBeUndefined();
    rmSync(path);
    expect(summarizeFile(path)).toBeUndefined();
  });
});

describe("rules in a multi-file schema", () => {
  const linter = new Linter({ configType: "flat", cwd: root });
  const config: Linter.Config[] = [
    {
      files: ["**/*.prisma"],
      plugins: { "backend-architect": plugin },
      language: "backend-architect/prisma",
      rules: { "backend-architect/require-foreign-key-index": "error" },
    },
  ];

  it("read the datasource from another file, and the linted file from the editor's text", () => {
    write("editor/prisma/schema/schema.prisma", POSTGRES);
    const post = write("editor/prisma/schema/post.prisma", "// not saved yet\n");
    expect(linter.verify(POST, config, { filename: post }).map((m) => m.ruleId)).toEqual([
      "backend-architect/require-foreign-key-index",
    ]);
  });

  it("stay silent when two files declare a datasource and the linted file none (which schema is it?)", () => {
    write("ambiguous/a.prisma", POSTGRES);
    write("ambiguous/b.prisma", 'datasource db {\n  provider = "mysql"\n}\n');
    const post = write("ambiguous/post.prisma", POST);
    expect(linter.verify(POST, config, { filename: post })).toEqual([]);
  });
});
