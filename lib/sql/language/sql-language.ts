import { resolve } from "node:path";
import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
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

  /** No options; keys set for other languages (a block without `files`) are tolerated. */
  validateLanguageOptions(): void {},

  /**
   * PostgreSQL's parse of the file. A file in a migration folder that declares another database
   * (a Drizzle journal with `"dialect": "mysql"`, Prisma's `migration_lock.toml` with `provider =
   * "sqlite"`) is not PostgreSQL: it parses as an empty script, so no rule reports on it.
   */
  parse(file: File): ParseResult<Script> {
    const text = textOf(file);
    const path = resolve(file.path);
    if (migrationFolder(path).otherDatabase) {
      return { ok: true, ast: { type: "Script", body: [], range: [0, text.length], loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } };
    }
    return parseText(path, text);
  },

  createSourceCode(file: File, result: OkParseResult<Script>): SqlSourceCode {
    return new SqlSourceCode({ text: textOf(file), ast: result.ast, path: resolve(file.path) });
  },
};
