import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli, ruleIds } from "./helpers.js";

const json = ["--format", "json"];

describe("config files", () => {
  it("reads prisma-lint.config.json beside the schema's folder, over the recommended rules", async () => {
    const run = await runCli(json, { cwd: fixture("config/json") });
    expect(run.stderr).toBe("");
    // require-uuid-id turned on (Order's autoincrement id); AuditLog's timestamps ignored by option
    expect(ruleIds(run)).toEqual(["require-uuid-id"]);
    expect(run.code).toBe(1);
  });

  it("reads package.json#prisma-lint", async () => {
    const run = await runCli(json, { cwd: fixture("config/package-json") });
    expect(ruleIds(run)).toEqual(["require-uuid-id"]);
    expect(run.code).toBe(0); // a warning only
  });

  it("reads prisma-lint.config.mjs", async () => {
    const run = await runCli(json, { cwd: fixture("config/mjs") });
    expect(run.stderr).toBe("");
    expect(ruleIds(run)).toEqual([]);
  });

  it("searches from the schema's folder upward, not from the working directory", async () => {
    const dir = fixture("config/nested");
    const [inside, outside] = await Promise.all([
      runCli([...json, "packages/db/prisma/schema.prisma"], { cwd: dir }),
      runCli([...json, "--config", path.join(fixture("config/json"), "prisma-lint.config.json"), "packages/db/prisma/schema.prisma"], { cwd: dir }),
    ]);
    expect(ruleIds(inside)).toEqual([]); // require-timestamps off
    expect(ruleIds(outside)).toEqual(["require-uuid-id"]); // --config wins over the search
  });

  it("--rule overrides the config file", async () => {
    const run = await runCli([...json, "--rule", "require-uuid-id:off", "--rule", 'require-timestamps:["error",{"ignoreModels":[]}]'], {
      cwd: fixture("config/json"),
    });
    expect(ruleIds(run)).toEqual(["require-timestamps", "require-timestamps"]);
  });

  it("lists every problem of a bad config at once, exit 2", async () => {
    const run = await runCli([], { cwd: fixture("config/bad") });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      'prisma-lint: unknown key "rule" (a config has "rules" only) (prisma-lint.config.json)',
      'prisma-lint: unknown rule "require-timestamp"; did you mean "require-timestamps"? (prisma-lint.config.json)',
      'prisma-lint: rule "require-id": severity must be "off", "warn" or "error" (or 0, 1, 2), got "fatal" (prisma-lint.config.json)',
      'prisma-lint: unknown rule "prisma-client-singleton"; "prisma-client-singleton" lints TypeScript and runs under ESLint, not prisma-lint (prisma-lint.config.json)',
      expect.stringMatching(/^prisma-lint: rule "require-timestamps": invalid options: .*"createdAtField".* \(prisma-lint\.config\.json\)$/u),
    ]);
  });

  it("names the file of a config that is not valid JSON", async () => {
    const run = await runCli([], { cwd: fixture("config/broken-json") });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^prisma-lint: cannot parse JSON: .+ \(prisma-lint\.config\.json\)\n$/u);
  });

  it("names the file of a JS config that throws", async () => {
    const run = await runCli([], { cwd: fixture("config/throws") });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^prisma-lint: cannot load config: .*does-not-exist\.mjs.* \(prisma-lint\.config\.mjs\)\n$/u);
  });

  it("--config with a missing file", async () => {
    const run = await runCli(["--config", "nope.json"], { cwd: fixture("clean") });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "prisma-lint: config file not found (nope.json)\n" });
  });
});
