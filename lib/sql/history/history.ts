/**
 * The migration history of the linted file: every migration of its folder, in order, replayed into
 * one `Catalog`. The linted file takes part with the text ESLint lints. A folder's catalog is built
 * once and reused for each of its files while none of them changes (the parses are cached by path
 * and modification time, and the catalog by the identity of those parses).
 */
import type { SqlSourceCode } from "../language/source-code.js";
import { Catalog } from "./catalog.js";
import { migrationFolder, type MigrationFolder } from "./folders.js";
import { lintedFile, parsedFile, type ParsedFile } from "./parse-cache.js";

export interface History {
  catalog: Catalog;
  folder: MigrationFolder;
  /** The linted file as the history holds it (its facts' `origin.file`). */
  current: ParsedFile;
  /** Is the linted file the folder's newest migration (the one still being written)? */
  isNewest: boolean;
}

const bySourceCode = new WeakMap<SqlSourceCode, History>();
// One catalog per folder (keyed by the first file's path), valid while its files are the same parses.
const catalogs = new Map<string, { files: ParsedFile[]; catalog: Catalog }>();

export function historyOf(sourceCode: SqlSourceCode): History {
  let history = bySourceCode.get(sourceCode);
  if (history) return history;
  const path = sourceCode.path ?? "";
  const current = lintedFile(path, sourceCode.text, sourceCode.ast);
  // No statement, no finding: every fact a rule reports comes from the linted file. (Also the files
  // the language left unparsed: another database's, or not Drizzle Kit's under `migrationTool`.)
  if (sourceCode.ast.body.length === 0) {
    history = { catalog: new Catalog(), folder: { files: [path], otherDatabase: false, layout: "plain" }, current, isNewest: true };
    bySourceCode.set(sourceCode, history);
    return history;
  }
  const folder = path ? migrationFolder(path) : { files: [path], otherDatabase: false, layout: "plain" as const };
  const files: ParsedFile[] = [];
  for (const file of folder.files) {
    const parsed = file === path ? current : parsedFile(file);
    if (parsed) files.push(parsed);
  }
  if (!files.includes(current)) files.push(current);
  history = { catalog: catalogOf(files), folder, current, isNewest: files.at(-1) === current };
  bySourceCode.set(sourceCode, history);
  return history;
}

function catalogOf(files: ParsedFile[]): Catalog {
  const key = files[0]!.path;
  const cached = catalogs.get(key);
  if (cached && cached.files.length === files.length && cached.files.every((file, i) => file === files[i])) {
    return cached.catalog;
  }
  const catalog = new Catalog();
  for (const file of files) catalog.apply(file);
  catalogs.set(key, { files, catalog });
  return catalog;
}
