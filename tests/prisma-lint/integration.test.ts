import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint as ESLint10, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";

const cwd = fileURLToPath(new URL("../fixtures/prisma-project/", import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), "prisma-eslint-cache-"));
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
    .flatMap((result) =>
      result.messages.map((m) => `${result.filePath.slice(cwd.length)}:${m.line}:${m.column} ${m.ruleId ?? m.message}`),
    )
    .sort();
}

const EXPECTED = ["prisma/schema.prisma:16:22 backend-architect/require-foreign-key-index"];

for (const [name, ESLint] of versions) {
  describe(`${name}: a project with tseslint.configs.recommended and the plugin's recommended config`, () => {
    it("lints .ts and .prisma files: schema findings next to TypeScript ones, disable comments honoured", async () => {
      expect(await findings(ESLint, { overrideConfig: userConfig })).toEqual(EXPECTED);
    });

    it("each config (recommended, strict, all) lints without throwing", async () => {
      for (const config of ["recommended", "strict", "all"] as const) {
        const result = await findings(ESLint, {
          overrideConfig: [...tseslint.configs.recommended, ...plugin.configs[config]] as Linter.Config[],
        });
        expect(result.filter((line) => !line.includes("backend-architect/")), config).toEqual([]);
      }
    });

    it("fixes the schema through the ESLint class", async () => {
      const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: userConfig, fix: true });
      const [result] = await eslint.lintFiles(["prisma/schema.prisma"]);
      expect(result!.output).toContain("  updatedAt DateTime @updatedAt\n\n  @@index([authorId])\n}");
      expect(result!.messages).toEqual([]);
    });

    it("works with --cache", async () => {
      const cacheLocation = join(cacheDir, `${name.replace(/\W/gu, "")}.cache`);
      const first = await findings(ESLint, { overrideConfig: userConfig, cache: true, cacheLocation });
      const second = await findings(ESLint, { overrideConfig: userConfig, cache: true, cacheLocation });
      expect(first).toEqual(EXPECTED);
      expect(second).toEqual(EXPECTED);
    });

    it("honours the /// prisma-lint-ignore-* comments of the prisma-lint package", async () => {
      const eslint = new ESLint({
        cwd,
        overrideConfigFile: true,
        overrideConfig: [{ files: ["**/*.prisma"], plugins: { ba: plugin }, language: "ba/prisma", rules: { "ba/field-name-camel-case": "error" } }],
      });
      const text = "model User {\n  id String @id\n  /// prisma-lint-ignore-field field-name-camel-case\n  user_name String\n  user_email String\n}\n";
      const [result] = await eslint.lintText(text, { filePath: "prisma/ignore.prisma" });
      expect(result!.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(["5 ba/field-name-camel-case"]);
    });

    it("works under a renamed plugin namespace", async () => {
      const result = await findings(ESLint, {
        overrideConfig: [
          { files: ["**/*.prisma"], plugins: { ba: plugin }, language: "ba/prisma", rules: { "ba/require-foreign-key-index": "error" } },
        ],
      });
      expect(result.filter((line) => line.includes(" ba/"))).toEqual(["prisma/schema.prisma:16:22 ba/require-foreign-key-index"]);
    });

    it("type-checked configs need their type-aware rules turned off for schemas, as the README says", async () => {
      const typed = [
        ...tseslint.configs.recommendedTypeChecked,
        { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
        ...plugin.configs.recommended,
      ] as Linter.Config[];
      await expect(findings(ESLint, { overrideConfig: typed })).rejects.toThrow(/requires type information/u);
      const fixed = [...typed, { files: ["**/*.prisma"], ...tseslint.configs.disableTypeChecked }] as Linter.Config[];
      const result = await findings(ESLint, { overrideConfig: fixed });
      expect(result.filter((line) => line.startsWith("prisma/"))).toEqual(EXPECTED);
    });
  });
}

describe("ESLint 10: rule options for the plugin's JS rules set without `files`", () => {
  it("are refused for .prisma files by ESLint 10 itself, and work when scoped with `files`, as the README says", async () => {
    const options = { requireGlobalCache: true };
    const unscoped = [...userConfig, { rules: { "backend-architect/prisma-client-singleton": ["error", options] } }];
    await expect(findings(ESLint10, { overrideConfig: unscoped as Linter.Config[] })).rejects.toThrow(
      /do not support the language "backend-architect\/prisma"/u,
    );
    const scoped = [
      ...userConfig,
      { files: ["**/*.{ts,tsx}"], rules: { "backend-architect/prisma-client-singleton": ["error", options] } },
    ];
    expect(await findings(ESLint10, { overrideConfig: scoped as Linter.Config[] })).toEqual([
      "lib/prisma.ts:3:23 backend-architect/prisma-client-singleton",
      ...EXPECTED,
    ]);
  });
});
