import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The built bin: `npm test` builds before vitest runs. */
export const CLI = path.join(ROOT, "dist/prisma-lint/cli.js");
export const FIXTURES = path.join(ROOT, "tests/fixtures/prisma-lint");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables that change the CLI's output; the tests set what they need. */
const CLEARED = ["NO_COLOR", "FORCE_COLOR", "DEBUG", "GITHUB_WORKSPACE", "GITHUB_ACTIONS"];

/** Runs the built CLI as a process, the way a user or CI does. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete env[name];
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** A fixture project's folder. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "prisma-lint-test-"));
  temps.push(dir);
  return dir;
}

/** A copy of a fixture project in a temporary folder (for tests that change files). */
export function copyFixture(name: string): string {
  const dir = tempDir();
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** Parses the CLI's JSON report. */
export function parseJson(run: CliRun): Array<{ filePath: string; messages: Array<{ ruleId: string | null; severity: number; line: number; fatal?: boolean; message: string }>; errorCount: number; warningCount: number; output?: string }> {
  return JSON.parse(run.stdout);
}

/** The rule ids reported, bare, sorted, with the model line for readability. */
export function ruleIds(run: CliRun): string[] {
  return parseJson(run)
    .flatMap((r) => r.messages.map((m) => `${m.ruleId?.replace("backend-architect/", "") ?? "(none)"}`))
    .sort();
}
