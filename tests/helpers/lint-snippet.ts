import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin from "../../lib/index.js";
import { JS_FILES, PRISMA_FILES, PRISMA_LANGUAGE } from "../../lib/configs/index.js";
import { SQL_LANGUAGE } from "../../lib/configs/sql.js";

const linter = new Linter({ configType: "flat" });

/** Lints a snippet with one rule of the plugin at "error", the way a user's config would run it. */
export function lintSnippet(
  ruleId: string,
  code: string,
  filename: string,
  settings: Record<string, unknown> = {},
): Linter.LintMessage[] {
  const rule = plugin.rules[ruleId] as { meta?: { languages?: string[] } } | undefined;
  if (!rule) throw new Error(`no rule ${ruleId}`);
  if (filename.endsWith(".sql")) {
    const sqlConfig: Linter.Config = {
      files: ["**/*.sql"],
      plugins: { "backend-architect": plugin },
      language: SQL_LANGUAGE,
      settings,
      rules: { [`backend-architect/${ruleId}`]: "error" },
    };
    return linter.verify(code, [sqlConfig], { filename });
  }
  const isPrisma = filename.endsWith(".prisma") || (rule.meta?.languages?.every((l) => l === PRISMA_LANGUAGE) ?? false);
  const config: Linter.Config[] = [
    {
      files: isPrisma ? PRISMA_FILES : JS_FILES,
      plugins: { "backend-architect": plugin },
      ...(isPrisma
        ? { language: PRISMA_LANGUAGE }
        : { languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } }),
      settings,
      rules: { [`backend-architect/${ruleId}`]: "error" },
    },
  ];
  return linter.verify(code, config, { filename });
}

/** A docs code block names its file in a first-line comment (`// app/api/users/route.ts`, `-- supabase/migrations/1_init.sql`). */
export function snippetFilename(code: string, fallback: string): string {
  const match = /^\s*(?:\/\/|--)\s*(\S+\.(?:[cm]?[jt]sx?|prisma|sql))\s*$/mu.exec(code.split("\n", 1)[0] ?? "");
  return match?.[1] ?? fallback;
}
