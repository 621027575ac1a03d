import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPrismaConfigSchema } from "../../../prisma-lint/discovery.js";
import { fixture, parseJson, runCli, tempDir } from "./helpers.js";

/** The schema files a run linted, relative to its folder. */
async function lintedFiles(dir: string, args: string[] = []): Promise<{ files: string[]; code: number; stderr: string }> {
  const run = await runCli(["--format", "json", ...args], { cwd: dir });
  const files = run.stdout ? parseJson(run).map((r) => path.relative(dir, r.filePath).split(path.sep).join("/")) : [];
  return { files, code: run.code, stderr: run.stderr };
}

describe("schema discovery without a path", () => {
  it("reads the schema field of prisma.config.ts without running it", async () => {
    const dir = fixture("discovery/prisma-config");
    expect(await lintedFiles(dir)).toEqual({ files: ["db/schema.prisma"], code: 0, stderr: "" });
  });

  it("understands path.join(__dirname, ...) in prisma.config.ts, and a folder there is a multi-file schema", async () => {
    const dir = fixture("discovery/prisma-config-folder");
    expect(await lintedFiles(dir)).toEqual({
      files: ["database/models/account.prisma", "database/models/session.prisma"],
      code: 0,
      stderr: "",
    });
  });

  it("says so when the schema field cannot be read without running the file, and falls back", async () => {
    const dir = fixture("discovery/prisma-config-dynamic");
    const result = await lintedFiles(dir);
    expect(result.files).toEqual(["prisma/schema.prisma"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'prisma-lint: warning: cannot read "schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma"" in prisma.config.ts ' +
        "without running it; falling back to Prisma's default locations (pass the schema path to choose)\n",
    );
  });

  it("reads package.json#prisma.schema", async () => {
    expect(await lintedFiles(fixture("discovery/package-json"))).toEqual({ files: ["database/main.prisma"], code: 0, stderr: "" });
  });

  it("prefers prisma/schema.prisma over schema.prisma", async () => {
    expect(await lintedFiles(fixture("discovery/default"))).toEqual({ files: ["prisma/schema.prisma"], code: 0, stderr: "" });
  });

  it("finds schema.prisma in the working directory", async () => {
    expect(await lintedFiles(fixture("discovery/root-schema"))).toEqual({ files: ["schema.prisma"], code: 0, stderr: "" });
  });

  it("finds a prisma/schema/ folder, subfolders included", async () => {
    expect(await lintedFiles(fixture("discovery/folder"))).toEqual({
      files: ["prisma/schema/base.prisma", "prisma/schema/billing/invoice.prisma"],
      code: 0,
      stderr: "",
    });
  });

  it("exits with 2 and one line when there is no schema", async () => {
    const run = await runCli([], { cwd: fixture("discovery/none") });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^prisma-lint: no Prisma schema found: looked for prisma\.config\.ts, .*; pass a schema file or folder \(.+\)\n$/u);
  });

  it("exits with 2 when the schema named by prisma.config.ts does not exist", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "prisma.config.ts"), 'export default { schema: "db/missing.prisma" };\n');
    const run = await runCli([], { cwd: dir });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "prisma-lint: the schema named in prisma.config.ts does not exist: db/missing.prisma (prisma.config.ts)\n",
    });
  });
});

describe("schema paths on the command line", () => {
  it("lints a folder as a multi-file schema", async () => {
    const dir = fixture("discovery/folder");
    expect((await lintedFiles(dir, ["prisma/schema"])).files).toEqual([
      "prisma/schema/base.prisma",
      "prisma/schema/billing/invoice.prisma",
    ]);
  });

  it("lints several paths and globs, each file once", async () => {
    const dir = fixture("discovery");
    const result = await lintedFiles(dir, ["default/prisma/schema.prisma", "folder/prisma/schema/**/*.prisma", "folder/prisma/schema/base.prisma"]);
    expect(result.files).toEqual([
      "default/prisma/schema.prisma",
      "folder/prisma/schema/base.prisma",
      "folder/prisma/schema/billing/invoice.prisma",
    ]);
  });

  it("exits with 2 when a glob matches nothing", async () => {
    const run = await runCli(["prisma/*.prism"], { cwd: fixture("discovery/default") });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: no files match this pattern (prisma/*.prism)\n" });
  });
});

describe("reading prisma.config.ts without running it", () => {
  const dir = path.resolve("/project");
  const read = (source: string) => readPrismaConfigSchema(source, dir);

  it("reads string literals relative to the config's folder", () => {
    expect(read('export default defineConfig({ schema: "./prisma/schema.prisma" })')).toEqual({
      kind: "path",
      value: path.join(dir, "prisma/schema.prisma"),
    });
    expect(read("export default { schema: 'db' }")).toEqual({ kind: "path", value: path.join(dir, "db") });
    expect(read("export default { schema: `db/schema` }")).toEqual({ kind: "path", value: path.join(dir, "db/schema") });
    expect(read('export default { "schema": "/abs/schema.prisma" }')).toEqual({ kind: "path", value: path.resolve("/abs/schema.prisma") });
  });

  it("reads path.join / path.resolve over __dirname and literals", () => {
    expect(read('export default { schema: path.join(__dirname, "prisma") }')).toEqual({ kind: "path", value: path.join(dir, "prisma") });
    expect(read('export default { schema: resolve(import.meta.dirname, "db", "schema") }')).toEqual({
      kind: "path",
      value: path.join(dir, "db/schema"),
    });
  });

  it("ignores comments and other keys", () => {
    const source = [
      "// schema: 'commented/out.prisma'",
      "/* schema: \"also/not.prisma\" */",
      "export default defineConfig({",
      '  datasource: { url: "postgresql://user@host//db" }, // a URL with // inside',
      '  migrations: { path: "prisma/migrations" },',
      "});",
    ].join("\n");
    expect(read(source)).toEqual({ kind: "absent" });
  });

  it("calls anything else dynamic", () => {
    expect(read("export default { schema: process.env.SCHEMA }")).toEqual({ kind: "dynamic", expression: "process.env.SCHEMA" });
    expect(read("const schema = 'x'; export default { schema, datasource: {} }")).toEqual({ kind: "dynamic", expression: "schema" });
    expect(read('export default { schema: path.join(root, "prisma") }')).toEqual({
      kind: "dynamic",
      expression: 'path.join(root, "prisma")',
    });
  });
});

describe("a folder on the command line", () => {
  it("skips node_modules and dot-folders", async () => {
    const dir = tempDir();
    for (const file of ["schema/a.prisma", "schema/node_modules/x/b.prisma", "schema/.cache/c.prisma"]) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), "model A {\n  id String @id\n}\n");
    }
    const result = await lintedFiles(dir, ["--rule", "require-timestamps:off", "schema"]);
    expect(result.files).toEqual(["schema/a.prisma"]);
  });
});
