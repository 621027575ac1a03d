import { chmodSync, lstatSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../../prisma-lint/files.js";
import { copyFixture, parseJson, runCli, tempDir } from "./helpers.js";

const SCHEMA = "prisma/schema.prisma";

describe("--fix", () => {
  it("adds the missing index, replaces the file atomically, and a second run changes nothing", async () => {
    const dir = copyFixture("fixable");
    const file = path.join(dir, SCHEMA);
    chmodSync(file, 0o640);
    const before = readFileSync(file, "utf8");
    const inodeBefore = statSync(file).ino;

    const first = await runCli(["--fix"], { cwd: dir });
    expect(first).toEqual({ code: 0, stdout: "", stderr: "" });
    const fixed = readFileSync(file, "utf8");
    expect(fixed).not.toBe(before);
    expect(fixed).toContain("@@index([authorId])");
    // replaced by rename: a new inode, the old mode, no temporary file left behind
    expect(statSync(file).ino).not.toBe(inodeBefore);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(file))).toEqual(["schema.prisma"]);

    const inodeAfterFix = statSync(file).ino;
    const second = await runCli(["--fix"], { cwd: dir });
    expect(second).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(file, "utf8")).toBe(fixed);
    expect(statSync(file).ino).toBe(inodeAfterFix); // not even rewritten
  });

  it("reports what remains after fixing", async () => {
    const dir = copyFixture("mixed");
    const run = await runCli(["--fix", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const [result] = parseJson(run);
    expect(result!.messages.map((m) => m.ruleId)).not.toContain("backend-architect/require-foreign-key-index");
    expect(result!.messages.map((m) => m.ruleId)).toContain("backend-architect/require-timestamps");
    expect(readFileSync(path.join(dir, SCHEMA), "utf8")).toContain("@@index([shelfId])");
  });

  it("writes through a symbolic link and keeps the link", async () => {
    const dir = copyFixture("fixable");
    renameSync(path.join(dir, SCHEMA), path.join(dir, "prisma/real.prisma"));
    symlinkSync("real.prisma", path.join(dir, SCHEMA));
    const run = await runCli(["--fix", SCHEMA], { cwd: dir });
    expect(run.code).toBe(0);
    expect(lstatSync(path.join(dir, SCHEMA)).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, "prisma/real.prisma"), "utf8")).toContain("@@index([authorId])");
  });
});

describe("--fix-dry-run", () => {
  it("prints the results with the would-be output as JSON and writes nothing", async () => {
    const dir = copyFixture("fixable");
    const before = readFileSync(path.join(dir, SCHEMA), "utf8");
    const run = await runCli(["--fix-dry-run"], { cwd: dir });
    expect(run.code).toBe(0);
    const [result] = parseJson(run);
    expect(result!.output).toContain("@@index([authorId])");
    expect(result!.messages).toEqual([]);
    expect(readFileSync(path.join(dir, SCHEMA), "utf8")).toBe(before);
  });
});

describe("writeFileAtomic", () => {
  it("leaves the original untouched and no temporary file when the rename fails", () => {
    const dir = tempDir();
    const file = path.join(dir, "schema.prisma");
    writeFileSync(file, "model A {\n  id String @id\n}\n");
    const failingRename = () => {
      throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
    };
    expect(() => writeFileAtomic(file, "half", { renameSync: failingRename })).toThrow(/EXDEV/u);
    expect(readFileSync(file, "utf8")).toBe("model A {\n  id String @id\n}\n");
    expect(readdirSync(dir)).toEqual(["schema.prisma"]);
  });
});
