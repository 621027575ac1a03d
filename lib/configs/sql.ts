/**
 * Config blocks for PostgreSQL migrations. Supabase's migrations get every SQL rule: their tables
 * live behind the Data API, where row level security is the access control. Drizzle Kit's get the
 * schema rules only: a Drizzle app usually reaches its database from the server alone, and the
 * rules about row level security would report tables no client can reach. (A Drizzle app on
 * Supabase that writes its migrations to `supabase/migrations` gets the Supabase block.)
 */
import type { Linter } from "eslint";
import type { ConfigName } from "./index.js";

export const SQL_LANGUAGE = "backend-architect/sql";
export const SUPABASE_MIGRATION_FILES = ["**/supabase/migrations/**/*.sql"];
/**
 * drizzle-kit's default `out` folder (`drizzle/`) and the usual custom ones (`migrations/`,
 * `src/db/migrations/`); the block's `migrationTool: "drizzle"` keeps only the folders Drizzle Kit
 * wrote (with `meta/_journal.json`), so Prisma's or other tools' `migrations` are left alone.
 */
export const DRIZZLE_MIGRATION_FILES = ["**/drizzle/**/*.sql", "**/migrations/**/*.sql"];
/** Rules about Supabase's Data API: off for migrations that no API exposes. */
export const DATA_API_RULES = ["require-rls", "require-rls-policy", "rls-policy-performance"];

export function sqlBlocks(config: ConfigName, plugins: Linter.Config["plugins"], rules: Linter.RulesRecord): Linter.Config[] {
  if (Object.keys(rules).length === 0) return [];
  const namespace = Object.keys(plugins ?? {})[0]!;
  const drizzleRules = Object.fromEntries(
    Object.entries(rules).filter(([id]) => !DATA_API_RULES.includes(id.slice(namespace.length + 1))),
  );
  return [
    { name: `${namespace}/${config}/sql-supabase`, files: SUPABASE_MIGRATION_FILES, plugins, language: SQL_LANGUAGE, rules },
    {
      name: `${namespace}/${config}/sql-drizzle`,
      files: DRIZZLE_MIGRATION_FILES,
      // Supabase's have their own block; Prisma Migrate's would only be read to be skipped.
      ignores: [...SUPABASE_MIGRATION_FILES, "**/prisma/migrations/**"],
      plugins,
      language: SQL_LANGUAGE,
      languageOptions: { migrationTool: "drizzle" },
      rules: drizzleRules,
    },
  ];
}
