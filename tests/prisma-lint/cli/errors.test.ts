import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, parseJson, ROOT, runCli, tempDir } from "./helpers.js";

const isRoot = process.getuid?.() === 0;

describe("usage", () => {
  it("--help prints usage with examples", async () => {
    const run = await runCli(["--help"], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: prisma-lint \[options\] \[paths\.\.\.\]/u);
    expect(run.stdout).toContain("Examples:");
    expect(run.stdout).toContain("--format <name>");
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"], { cwd: ROOT })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [["--fixx"], "prisma-lint: unknown option --fixx (run prisma-lint --help for the options)"],
    [["--format", "xml"], 'prisma-lint: unknown format "xml"; use one of stylish, json, sarif, github, filepath, none (--format)'],
    [["--format"], "prisma-lint: option --format needs a value (--format)"],
    [["--max-warnings", "many"], 'prisma-lint: --max-warnings needs a whole number >= 0, got "many" (--max-warnings)'],
    [["--fix", "--fix-dry-run"], "prisma-lint: --fix and --fix-dry-run cannot be used together (--fix)"],
    [["--fix=yes"], "prisma-lint: option --fix takes no value (--fix)"],
    [["--rule", "require-idd:error"], 'prisma-lint: unknown rule "require-idd"; did you mean "require-id"? (--rule require-idd:error)'],
    [["--rule", "require-id"], "prisma-lint: expected id:severity, e.g. require-uuid-id:error (--rule require-id)"],
    [["--rule", "prisma-client-singleton:error"], 'prisma-lint: unknown rule "prisma-client-singleton"; "prisma-client-singleton" lints TypeScript and runs under ESLint, not prisma-lint (--rule prisma-client-singleton:error)'],
  ])("%j: one line, exit 2", async (args, line) => {
    const run = await runCli(args, { cwd: fixture("clean") });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `${line}\n` });
  });
});

describe("bad input", () => {
  it("a missing file", async () => {
    const run = await runCli(["prisma/nope.prisma"], { cwd: fixture("clean") });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: no such file or directory (prisma/nope.prisma)\n" });
  });

  it("a directory without a schema", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "empty"));
    writeFileSync(path.join(dir, "empty/notes.txt"), "no schema here\n");
    const run = await runCli(["empty"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: no .prisma files in this directory (empty)\n" });
  });

  it("an empty file lints clean", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "schema.prisma"), "");
    expect(await runCli([], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a binary file", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "schema.prisma"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const run = await runCli(["schema.prisma"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: not a text file (it contains binary data) (schema.prisma)\n" });
  });

  it("a file that is not UTF-8", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "schema.prisma"), Buffer.from("model Caf\xe9 {\n}\n", "latin1"));
    const run = await runCli(["schema.prisma"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: not a text file (it is not valid UTF-8) (schema.prisma)\n" });
  });

  it("a syntax error: file:line:col on standard error, exit 2", async () => {
    const run = await runCli([], { cwd: fixture("syntax") });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^prisma\/schema\.prisma:7:\d+: \S.*\n$/u);
    expect(run.stderr).not.toContain("Parsing error");
  });

  it("a syntax error in one file of several: the others are still reported", async () => {
    const run = await runCli(["--format", "json", "syntax/prisma/schema.prisma", "mixed/prisma/schema.prisma"], { cwd: path.dirname(fixture("syntax")) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^syntax\/prisma\/schema\.prisma:7:\d+: /u);
    const results = parseJson(run);
    const fatalByProject = results.map((r) => [path.basename(path.dirname(path.dirname(r.filePath))), r.messages.some((m) => m.fatal)]);
    expect(fatalByProject).toEqual([
      ["mixed", false],
      ["syntax", true],
    ]);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
  });

  it("a file that cannot be read (a symbolic link loop)", async () => {
    const dir = tempDir();
    symlinkSync("loop.prisma", path.join(dir, "loop.prisma"));
    const run = await runCli(["loop.prisma"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: too many levels of symbolic links (loop.prisma)\n" });
  });

  it.skipIf(isRoot)("a file without read permission", async () => {
    const dir = tempDir();
    const file = path.join(dir, "schema.prisma");
    writeFileSync(file, "model A {\n  id String @id\n}\n");
    chmodSync(file, 0o000);
    const run = await runCli(["schema.prisma"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: cannot read file: permission denied (schema.prisma)\n" });
  });

  it("never prints a stack trace unless DEBUG=prisma-lint", async () => {
    const [plain, debug] = await Promise.all([
      runCli(["nope.prisma"], { cwd: fixture("clean") }),
      runCli(["nope.prisma"], { cwd: fixture("clean"), env: { DEBUG: "prisma-lint" } }),
    ]);
    expect(plain.stderr).not.toMatch(/\n\s+at /u);
    expect(debug.stderr).toMatch(/^prisma-lint: no such file or directory \(nope\.prisma\)\nUserError: .*\n\s+at /u);
  });
});

describe("exit codes", () => {
  it("0 for a clean schema, 1 for lint errors", async () => {
    const [clean, mixed] = await Promise.all([runCli([], { cwd: fixture("clean") }), runCli([], { cwd: fixture("mixed") })]);
    expect(clean.code).toBe(0);
    expect(mixed.code).toBe(1);
  });

  it("warnings: 0 within --max-warnings, 1 above it with a message", async () => {
    const args = ["--rule", "require-foreign-key-index:off", "--rule", "require-timestamps:off", "--rule", "require-referential-actions:warn"];
    const [within, above, unlimited] = await Promise.all([
      runCli([...args, "--max-warnings", "1"], { cwd: fixture("mixed") }),
      runCli([...args, "--max-warnings", "0"], { cwd: fixture("mixed") }),
      runCli(args, { cwd: fixture("mixed") }),
    ]);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(above.code).toBe(1);
    expect(above.stderr).toBe("prisma-lint found too many warnings (maximum: 0).\n");
    expect(unlimited.code).toBe(0);
  });

  it("--quiet reports errors only and does not run warning rules", async () => {
    const run = await runCli(["--quiet", "--format", "json", "--rule", "require-referential-actions:warn"], { cwd: fixture("mixed") });
    expect(run.code).toBe(1);
    const messages = parseJson(run).flatMap((r) => r.messages);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.severity === 2)).toBe(true);
  });
});
