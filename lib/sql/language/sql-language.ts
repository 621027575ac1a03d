import { resolve } from "node:path";
import type { File, Language, LanguageContext, OkParseResult, ParseResult } from "@eslint/core";
import type { Node, Script } from "./ast.js";
import { migrationFolder } from "../history/folders.js";
import { parseText } from "../history/parse-cache.js";
import { SqlSourceCode, type SqlLanguageOptions } from "./source-code.js";

export type SqlLanguageType = Language<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RootNode: Script;
  Node: Node;
}>;

function textOf(file: File): string {
  return typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
}

/**
 * The ESLint language for PostgreSQL files (migrations of Supabase, Drizzle Kit, Prisma Migrate, or
 * hand-written), registered by the plugin as `languages.sql` and selected with
 * `language: "backend-architect/sql"`. The tree is PostgreSQL's own (see `ast.ts`).
 */
export const SqlLanguage: SqlLanguageType = {
  fileType: "text",
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: "type",
  visitorKeys: {},
  defaultLanguageOptions: {},

  /**
   * One option, `migrationTool: "drizzle"`: lint only migrations Drizzle Kit wrote (a folder with
   * `meta/_journal.json`, or drizzle-kit 1.0's `<name>/migration.sql` with `snapshot.json`); other
   * files the block matches parse as empty. It lets the Drizzle block match any `migrations` folder.
   * Keys set for other languages (a block without `files`) are tolerated.
   */
  validateLanguageOptions(options: SqlLanguageOptions): void {
    if (options.migrationTool !== undefined && options.migrationTool !== "drizzle") {
      throw new TypeError(`Key "languageOptions": Key "migrationTool": Expected "drizzle", received ${JSON.stringify(options.migrationTool)}.`);
    }
  },

  /**
   * PostgreSQL's parse of the file. A file in a migration folder that declares another database
   * (a Drizzle journal with `"dialect": "mysql"`, Prisma's `migration_lock.toml` with `provider =
   * "sqlite"`) is not PostgreSQL: it parses as an empty script, so no rule reports on it.
   */
  parse(file: File, context?: LanguageContext<SqlLanguageOptions>): ParseResult<Script> {
    const text = textOf(file);
    const path = resolve(file.path);
    const folder = migrationFolder(path);
    const notDrizzle = context?.languageOptions?.migrationTool === "drizzle" && folder.layout !== "drizzle";
    if (folder.otherDatabase || notDrizzle) {
      return { ok: true, ast: { type: "Script", body: [], range: [0, text.length], loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } };
    }
    return parseText(path, text);
  },

  createSourceCode(file: File, result: OkParseResult<Script>): SqlSourceCode {
    return new SqlSourceCode({ text: textOf(file), ast: result.ast, path: resolve(file.path) });
  },
};
