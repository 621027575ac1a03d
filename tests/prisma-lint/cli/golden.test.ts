/**
 * The CLI's output on the demo schema and the fixtures, byte for byte, in every format: speed work
 * (a new parser, ESLint's Linter instead of the ESLint class, skipped option checks) must change none
 * of it. The expected outputs in tests/fixtures/prisma-lint-golden/ were written by the CLI before that
 * work. When a change of findings is intended, regenerate them and review the diff:
 *
 *   GOLDEN_WRITE=1 npx vitest run tests/prisma-lint/cli/golden.test.ts
 *
 * (GOLDEN_FROM=<path of another build's dist/prisma-lint/run.js> writes what that build prints.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { Io } from "../../../prisma-lint/run.js";
import { fixture, ROOT } from "./helpers.js";

const GOLDEN = path.join(ROOT, "tests/fixtures/prisma-lint-golden");
const DEMO = path.join(ROOT, "examples/next-prisma-app");

type Main = (argv: readonly string[], io: Io) => Promise<number>;

async function loadMain(): Promise<Main> {
  const from = process.env.GOLDEN_FROM;
  const module = (from ? await import(pathToFileURL(path.resolve(from)).href) : await import("../../../prisma-lint/run.js")) as { main: Main };
  return module.main;
}

const CASES: Array<{ name: string; cwd: string; args: string[] }> = [
  { name: "demo-stylish", cwd: DEMO, args: ["--no-color"] },
  { name: "demo-stylish-color", cwd: DEMO, args: ["--color"] },
  { name: "demo-json", cwd: DEMO, args: ["--format", "json"] },
  { name: "demo-sarif", cwd: DEMO, args: ["--format", "sarif"] },
  { name: "demo-github", cwd: DEMO, args: ["--format", "github"] },
  { name: "demo-fix-dry-run", cwd: DEMO, args: ["--fix-dry-run"] },
  { name: "demo-quiet", cwd: DEMO, args: ["--quiet", "--no-color"] },
  {
    name: "demo-strict-rules",
    cwd: DEMO,
    args: ["--format", "json", "--rule", "require-uuid-id:error", "--rule", "require-referential-actions:warn", "--rule", "no-unnecessary-model:warn"],
  },
  { name: "demo-rule-options", cwd: DEMO, args: ["--no-color", "--rule", 'require-timestamps:["error", {"ignoreModels": ["Tag"]}]'] },
  ...["mixed", "suppressed", "syntax", "syntax-grammar", "clean", "fixable"].flatMap((name) => [
    { name: `${name}-stylish`, cwd: fixture(name), args: ["--no-color"] },
    { name: `${name}-json`, cwd: fixture(name), args: ["--format", "json"] },
  ]),
];

/** Runs the CLI in this process; absolute paths of the repository become `<root>`. */
async function run(main: Main, cwd: string, args: string[]): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: {},
  });
  const text = `exit code: ${code}\n--- stdout\n${stdout}--- stderr\n${stderr}`;
  return text.split(ROOT.replace(/\/$/u, "")).join("<root>");
}

describe("the CLI's output is unchanged on the demo schema and the fixtures", async () => {
  const main = await loadMain();
  for (const { name, cwd, args } of CASES) {
    it(name, async () => {
      const output = await run(main, cwd, args);
      const file = path.join(GOLDEN, `${name}.txt`);
      if (process.env.GOLDEN_WRITE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, output);
        return;
      }
      expect(existsSync(file), `${file} is missing: run with GOLDEN_WRITE=1`).toBe(true);
      expect(output).toBe(readFileSync(file, "utf8"));
    });
  }
});
