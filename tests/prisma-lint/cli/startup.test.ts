import { execFile } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fixture, ROOT } from "./helpers.js";

/** Runs the CLI's main() in a fresh process and lists the packages it loaded (or every CommonJS file). */
function loadedModules(args: string[], cwd: string, files = false): Promise<string[]> {
  const run = pathToFileURL(path.join(ROOT, "dist/prisma-lint/run.js")).href;
  const script = `
    import { createRequire } from "node:module";
    const { main } = await import(${JSON.stringify(run)});
    const sink = { write() {} };
    await main(${JSON.stringify(args)}, { stdout: sink, stderr: sink, cwd: process.cwd(), env: {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(loaded));
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { cwd }, (error, stdout) => {
      if (error) return reject(error);
      const loaded = JSON.parse(stdout) as string[];
      if (files) return resolve(loaded.map((f) => path.relative(ROOT, f)));
      const packages = new Set(
        loaded.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(f)?.[1] ?? "").filter(Boolean),
      );
      resolve([...packages].sort());
    });
  });
}

describe("start-up", () => {
  it("--help and --version load no package at all", async () => {
    expect(await loadedModules(["--help"], ROOT)).toEqual([]);
    expect(await loadedModules(["--version"], ROOT)).toEqual([]);
  });

  it("linting loads ESLint and the schema language, not the TypeScript rules' toolkit", async () => {
    const packages = await loadedModules([], fixture("mixed"));
    expect(packages).toContain("eslint");
    expect(packages).not.toContain("@typescript-eslint/utils");
    expect(packages).not.toContain("typescript");
  });

  it("linting loads ESLint's Linter only: no ESLint class, no Ajv (options checks that cannot fail are skipped), no chevrotain", async () => {
    const packages = await loadedModules([], fixture("mixed"));
    for (const heavy of ["ajv", "chevrotain", "@mrleebo/prisma-ast", "lodash-es", "file-entry-cache"]) expect(packages).not.toContain(heavy);
    // no config file: the searches list folders and load no config library
    expect(packages).not.toContain("lilconfig");
    expect(packages).not.toContain("js-yaml");
    // loaded on first use: no rule option or argument here is a glob, no rule checks grammatical number
    expect(packages).not.toContain("picomatch");
    expect(packages).not.toContain("pluralize");
    const files = await loadedModules(["--format", "stylish"], fixture("mixed"), true);
    expect(files).toContain("node_modules/eslint/lib/linter/linter.js");
    expect(files).toContain("node_modules/eslint/lib/cli-engine/formatters/stylish.js");
    expect(files).not.toContain("node_modules/eslint/lib/eslint/eslint.js");
  });
});
