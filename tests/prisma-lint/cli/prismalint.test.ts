import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, fixture, parseJson, ruleIds, runCli } from "./helpers.js";

const json = ["--format", "json"];
const NOTE = /^prisma-lint: read (\S+), a config of the npm package "prisma-lint", and translated it: only its rules run.*To make it ours: prisma-lint --print-config > prisma-lint\.config\.json, then delete \1\.\n$/su;

describe("the config of the npm package prisma-lint", () => {
  it("is read when there is no config of ours: only its rules run, its ignore comments hold, one note on stderr", async () => {
    const run = await runCli(json, { cwd: fixture("prismalint/json") });
    expect(run.stderr).toMatch(NOTE);
    expect(run.stderr).toContain('"require-field-index" is our "require-foreign-key-index"');
    // Users: plural name, emailAddress unmapped; phoneNumber and the Post model are ignored by comments
    expect(ruleIds(run)).toEqual(["field-name-mapping-snake-case", "model-name-grammatical-number"]);
    expect(run.code).toBe(1);
  });

  it("reads .prismalintrc.yaml, .prismalintrc (YAML), package.json#prismalint and prismalint.config.ts", async () => {
    const [yaml, rc, pkg, ts] = await Promise.all(
      ["yaml", "rc", "package-json", "ts"].map((name) => runCli(json, { cwd: fixture(`prismalint/${name}`) })),
    );
    expect(ruleIds(yaml!)).toEqual(["field-name-mapping-snake-case", "model-name-grammatical-number"]);
    expect(ruleIds(rc!)).toEqual(["field-name-mapping-snake-case"]);
    expect(ruleIds(pkg!)).toEqual(["model-name-grammatical-number"]);
    expect(pkg!.stderr).toMatch(/read package\.json, a config.*then remove "prismalint" from package\.json\.\n$/su);
    expect(ts!.stderr).toMatch(NOTE);
    expect(ruleIds(ts!)).toEqual(["field-name-mapping-snake-case", "model-name-grammatical-number"]);
  });

  it("a config of ours wins, silently", async () => {
    const run = await runCli(json, { cwd: fixture("prismalint/both") });
    expect(run.stderr).toBe("");
    expect(ruleIds(run)).not.toContain("model-name-grammatical-number");
  });

  it("-c names one of their files; --quiet drops the note", async () => {
    const run = await runCli([...json, "--quiet", "-c", "../json/.prismalintrc.json"], { cwd: fixture("prismalint/rc") });
    expect(run.stderr).toBe("");
    expect(ruleIds(run)).toEqual(["field-name-mapping-snake-case", "model-name-grammatical-number"]);
  });

  it("lists every problem of a bad config at once, exit 2", async () => {
    const run = await runCli([], { cwd: fixture("prismalint/bad") });
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      'prisma-lint: unknown rule "require-feild" (neither a rule of the prisma-lint package nor one of ours) (.prismalintrc.json)',
      expect.stringMatching(/^prisma-lint: rule "model-name-grammatical-number": invalid options: .* \(\.prismalintrc\.json\)$/u),
    ]);
  });

  it("--print-config writes the translation as our config, which then finds the same", async () => {
    const dir = copyFixture("prismalint/json");
    const printed = await runCli(["--print-config"], { cwd: dir });
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as { rules: Record<string, unknown> };
    expect(config.rules["require-foreign-key-index"]).toEqual(["error", { forAllRelations: false, forNames: ["authorId"] }]);
    expect(config.rules["require-timestamps"]).toBe("off");
    writeFileSync(path.join(dir, "prisma-lint.config.json"), printed.stdout);
    const run = await runCli(json, { cwd: dir });
    expect(run.stderr).toBe("");
    expect(ruleIds(run)).toEqual(["field-name-mapping-snake-case", "model-name-grammatical-number"]);
  });
});

describe("their output flags", () => {
  it("-o json is ESLint's JSON report; -o none prints nothing; -o filepath one line per file; exit codes unchanged", async () => {
    const cwd = fixture("prismalint/json");
    const [asJson, none, filepath, simple] = await Promise.all([
      runCli(["-o", "json"], { cwd }),
      runCli(["-o", "none"], { cwd }),
      runCli(["--output-format", "filepath"], { cwd }),
      runCli(["-o", "simple", "--no-color"], { cwd }),
    ]);
    expect(parseJson(asJson)[0]!.messages).toHaveLength(2);
    expect(none.stdout).toBe("");
    expect(none.code).toBe(1);
    expect(filepath.stdout).toBe(`${path.join("prisma", "schema.prisma")} ✖\n`);
    expect(simple.stdout).toContain("field-name-mapping-snake-case");
    expect(simple.stdout).not.toContain("\u001b[");
  });
});
