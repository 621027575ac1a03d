import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintSchema, PrismaLintError } from "../../../prisma-lint/api.js";
import { fixture, ROOT } from "./helpers.js";

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Tag {
  id    Int    @id @default(autoincrement())
  label String
}
`;

describe("lintSchema", () => {
  it("lints text with the recommended rules and returns ESLint results", async () => {
    const results = await lintSchema({ text: SCHEMA, cwd: fixture("clean") });
    expect(results).toHaveLength(1);
    expect(results[0]!.filePath).toBe(path.join(fixture("clean"), "schema.prisma"));
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain("backend-architect/require-timestamps");
    expect(results[0]!).toMatchObject({ fatalErrorCount: 0, suppressedMessages: [], usedDeprecatedRules: [] });
  });

  it("takes a config object over the recommended rules", async () => {
    const results = await lintSchema({ text: SCHEMA, config: { rules: { "require-timestamps": "off", "require-uuid-id": "warn" } } });
    expect(results[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([["backend-architect/require-uuid-id", 1]]);
  });

  it("lints files and folders, and a config file by path", async () => {
    const dir = fixture("config/json");
    const results = await lintSchema({ files: ["prisma"], config: "prisma-lint.config.json", cwd: dir });
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual([path.join("prisma", "schema.prisma")]);
    expect(results[0]!.messages.map((m) => m.ruleId)).toEqual(["backend-architect/require-uuid-id"]);
  });

  it("computes fixes without writing them", async () => {
    const file = path.join(fixture("fixable"), "prisma/schema.prisma");
    const before = readFileSync(file, "utf8");
    const [result] = await lintSchema({ files: [file], fix: true });
    expect(result!.output).toContain("@@index([authorId])");
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("rejects a bad config with every problem", async () => {
    const error = await lintSchema({ text: SCHEMA, config: { rules: { "require-idd": "error", "require-id": "loud" as never } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrismaLintError);
    expect((error as PrismaLintError).problems).toEqual([
      'unknown rule "require-idd"; did you mean "require-id"? (config)',
      'rule "require-id": severity must be "off", "warn" or "error" (or 0, 1, 2), got "loud" (config)',
    ]);
  });

  it("rejects a missing file and a call without text or files", async () => {
    await expect(lintSchema({ files: ["nope.prisma"], cwd: fixture("clean") })).rejects.toThrow("no such file or directory (nope.prisma)");
    await expect(lintSchema({})).rejects.toThrow(PrismaLintError);
  });

  it("is exported as eslint-plugin-backend-architect/prisma-lint, with types", async () => {
    expect(existsSync(path.join(ROOT, "dist/prisma-lint/api.d.ts"))).toBe(true);
    const script = 'import("eslint-plugin-backend-architect/prisma-lint").then((m) => console.log(typeof m.lintSchema))';
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["-e", script], { cwd: ROOT }, (error, out) => (error ? reject(error) : resolve(out)));
    });
    expect(stdout).toBe("function\n");
  });
});
