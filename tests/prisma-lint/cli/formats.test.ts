import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { copyFixture, fixture, ROOT, runCli, tempDir } from "./helpers.js";

const require = createRequire(import.meta.url);

/** ESLint's own CLI with an eslint.config.js that uses the plugin's recommended config. */
function runEslint(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const bin = path.join(ROOT, "node_modules/eslint/bin/eslint.js");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout });
    });
  });
}

function withEslintConfig(name: string): string {
  const dir = copyFixture(name);
  const plugin = pathToFileURL(path.join(ROOT, "dist/lib/index.js")).href;
  writeFileSync(
    path.join(dir, "eslint.config.js"),
    `import backendArchitect from ${JSON.stringify(plugin)};\nexport default [...backendArchitect.configs.recommended];\n`,
  );
  return dir;
}

describe("--format json", () => {
  for (const name of ["mixed", "suppressed", "clean"]) {
    it(`prints exactly what eslint --format json prints (${name})`, async () => {
      const dir = withEslintConfig(name);
      const [ours, eslint] = await Promise.all([
        runCli(["--format", "json"], { cwd: dir }),
        runEslint(["--format", "json", "prisma/schema.prisma"], dir),
      ]);
      expect(ours.stderr).toBe("");
      expect(ours.stdout).toBe(eslint.stdout);
      expect(ours.code).toBe(eslint.code);
      expect(JSON.parse(ours.stdout)).toHaveLength(1);
    });
  }
});

describe("--format stylish", () => {
  it("is ESLint's stylish with bare rule ids and no colour when not a terminal", async () => {
    const run = await runCli([], { cwd: fixture("mixed") });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).not.toContain("backend-architect/");
    expect(run.stdout).toContain("require-foreign-key-index");
    expect(run.stdout).toContain(path.join(fixture("mixed"), "prisma/schema.prisma"));
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/u);
  });

  it("colours with --color, and --no-color beats FORCE_COLOR", async () => {
    const [colored, plain, noColorEnv] = await Promise.all([
      runCli(["--color"], { cwd: fixture("mixed") }),
      runCli(["--no-color"], { cwd: fixture("mixed"), env: { FORCE_COLOR: "1" } }),
      runCli([], { cwd: fixture("mixed"), env: { NO_COLOR: "1", FORCE_COLOR: "1" } }),
    ]);
    expect(colored.stdout).toContain("\u001b[");
    expect(plain.stdout).not.toContain("\u001b[");
    expect(noColorEnv.stdout).not.toContain("\u001b[");
    expect(plain.stdout).toBe(noColorEnv.stdout);
  });

  it("prints nothing for a clean schema", async () => {
    expect(await runCli([], { cwd: fixture("clean") })).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("--format sarif", () => {
  const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object;
  const ajv = new Ajv({ schemaId: "auto", allErrors: true });
  ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object);
  const validate = ajv.compile(schema);

  interface SarifLog {
    runs: Array<{
      tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string } }> } };
      results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }> }>;
      invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }>;
      originalUriBaseIds: Record<string, { uri: string }>;
    }>;
  }

  it("is valid SARIF 2.1.0 with rules, help URIs, regions and paths relative to the project", async () => {
    const run = await runCli(["--format", "sarif"], { cwd: fixture("mixed") });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe("prisma-lint");
    const ids = sarifRun!.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(["require-foreign-key-index", "require-id", "require-timestamps"]);
    for (const rule of sarifRun!.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`, "u"));
      expect(rule.shortDescription.text).toMatch(/\.$/u);
    }
    expect(sarifRun!.results.length).toBeGreaterThan(0);
    for (const result of sarifRun!.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(result.level).toBe("error");
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation).toMatchObject({ uri: "prisma/schema.prisma", uriBaseId: "%SRCROOT%" });
      expect(region).toEqual({ startLine: expect.any(Number), startColumn: expect.any(Number), endLine: expect.any(Number), endColumn: expect.any(Number) });
    }
    expect(sarifRun!.originalUriBaseIds["%SRCROOT%"]!.uri).toBe(pathToFileURL(`${fixture("mixed")}/`).href);
    expect(sarifRun!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it("makes paths relative to GITHUB_WORKSPACE in GitHub Actions", async () => {
    const run = await runCli(["--format", "sarif", "mixed/prisma/schema.prisma"], { cwd: FIXTURE_ROOT(), env: { GITHUB_WORKSPACE: path.dirname(FIXTURE_ROOT()) } });
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("prisma-lint/mixed/prisma/schema.prisma");
  });

  it("reports a syntax error as a failed execution, still valid SARIF", async () => {
    const run = await runCli(["--format", "sarif"], { cwd: fixture("syntax") });
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toHaveLength(1);
  });
});

function FIXTURE_ROOT(): string {
  return path.dirname(fixture("mixed"));
}

describe("--format github", () => {
  it("prints one workflow command per problem with file, range and the rule as title", async () => {
    const run = await runCli(["--format", "github"], { cwd: fixture("mixed") });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^::error file=prisma\/schema\.prisma,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::\S.*$/u);
    }
  });

  it("reports warnings as ::warning", async () => {
    const run = await runCli(["--format", "github", "--rule", "require-referential-actions:warn"], { cwd: fixture("mixed") });
    expect(run.stdout).toMatch(/^::warning file=prisma\/schema\.prisma,.*title=require-referential-actions::/mu);
  });
});

describe("--output-file", () => {
  it("writes the report to the file (creating folders) and nothing to standard output", async () => {
    const dir = tempDir();
    const out = path.join(dir, "reports/prisma-lint.sarif");
    const run = await runCli(["--format", "sarif", "--output-file", out], { cwd: fixture("mixed") });
    expect(run).toEqual({ code: 1, stdout: "", stderr: "" });
    const stdoutRun = await runCli(["--format", "sarif"], { cwd: fixture("mixed") });
    expect(readFileSync(out, "utf8")).toBe(stdoutRun.stdout.replace(/\n$/u, ""));
  });

  it("exits with 2 when the output file is a directory", async () => {
    const dir = tempDir();
    const run = await runCli(["--output-file", dir], { cwd: fixture("clean") });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`prisma-lint: cannot write the report: it is a directory (${dir})\n`);
  });
});
