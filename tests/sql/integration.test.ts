import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint as ESLint10, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";
import { fixture } from "./sql-rule-tester.js";

const cwd = fixture("supabase-app/");
const cacheDir = mkdtempSync(join(tmpdir(), "sql-eslint-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

type AnyESLint = typeof ESLint10;
const versions: Array<[string, AnyESLint]> = [
  ["ESLint 10", ESLint10],
  ["ESLint 9", ESLint9 as unknown as AnyESLint],
];

/** The two lines from the README, exactly. */
const userConfig = [...tseslint.configs.recommended, ...plugin.configs.recommended] as Linter.Config[];

async function findings(ESLint: AnyESLint, options: ConstructorParameters<AnyESLint>[0]): Promise<string[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, ...options });
  const results = await eslint.lintFiles(["."]);
  return results
    .flatMap((result) => result.messages.map((m) => `${result.filePath.slice(cwd.length)}:${m.line}:${m.column} ${m.ruleId ?? m.message}`))
    .sort();
}

const EXPECTED = ["supabase/migrations/20240103000000_projects.sql:14:37 backend-architect/require-foreign-key-index"];

for (const [name, ESLint] of versions) {
  describe(`${name}: Supabase migrations with tseslint.configs.recommended and the plugin's recommended config`, () => {
    it("lints the migrations as one history", async () => {
      expect(await findings(ESLint, { overrideConfig: userConfig })).toEqual(EXPECTED);
    });

    it("each config (recommended, strict, all) lints without a fatal error", async () => {
      for (const config of ["recommended", "strict", "all"] as const) {
        const result = await findings(ESLint, {
          overrideConfig: [...tseslint.configs.recommended, ...plugin.configs[config]] as Linter.Config[],
        });
        expect(result.filter((line) => !line.includes("backend-architect/")), config).toEqual([]);
      }
    });

    it("works with --cache", async () => {
      const cacheLocation = join(cacheDir, `${name.replace(/\W/gu, "")}.cache`);
      expect(await findings(ESLint, { overrideConfig: userConfig, cache: true, cacheLocation })).toEqual(EXPECTED);
      expect(await findings(ESLint, { overrideConfig: userConfig, cache: true, cacheLocation })).toEqual(EXPECTED);
    });

    it("fixes the newest migration through the ESLint class", async () => {
      const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: userConfig, fix: true });
      const [result] = await eslint.lintText(
        "create table public.labels (\n  id uuid primary key,\n  team_id uuid not null references public.teams (id)\n);\n" +
          "alter table public.labels enable row level security;\n",
        { filePath: join(cwd, "supabase/migrations/20240106000000_labels.sql") },
      );
      expect(result!.output).toContain(");\ncreate index labels_team_id_idx on public.labels (team_id);\nalter table");
    });

    it("works under a renamed plugin namespace", async () => {
      const result = await findings(ESLint, {
        overrideConfig: [{ files: ["**/*.sql"], plugins: { ba: plugin }, language: "ba/sql", rules: { "ba/require-foreign-key-index": "error" } }],
      });
      expect(result).toEqual(["supabase/migrations/20240103000000_projects.sql:14:37 ba/require-foreign-key-index"]);
    });

    it("type-checked configs need their type-aware rules turned off for migrations, as the README says", async () => {
      const typed = [
        ...tseslint.configs.recommendedTypeChecked,
        { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
        ...plugin.configs.recommended,
      ] as Linter.Config[];
      await expect(findings(ESLint, { overrideConfig: typed })).rejects.toThrow(/requires type information/u);
      const fixed = [...typed, { files: ["**/*.prisma", "**/*.sql"], ...tseslint.configs.disableTypeChecked }] as Linter.Config[];
      expect(await findings(ESLint, { overrideConfig: fixed })).toEqual(EXPECTED);
    });
  });
}
