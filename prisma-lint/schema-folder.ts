/**
 * Multi-file schemas (`prisma/schema/*.prisma`): ESLint lints one file at a time, but a model in
 * `post.prisma` relates to `User` in `user.prisma` and the datasource sits in `schema.prisma`. This
 * module finds the other files of the schema a file belongs to and summarizes them (datasource,
 * block names by kind). Each file is parsed once per process and cached by path, mtime and size;
 * the linted file itself always comes from the editor's text, never from disk.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { Schema } from "./language/ast.js";
import { parseSchema } from "./language/parser.js";

export interface FileSummary {
  /** `provider` and `relationMode` of the file's datasource block, if it has one. */
  datasource: { provider: string | undefined; relationMode: string | undefined } | undefined;
  models: string[];
  views: string[];
  enums: string[];
  types: string[];
}

export interface SchemaFolder {
  /** The folder the schema's files were collected from. */
  root: string;
  /** The other files of the schema (absolute paths), not including the linted file. */
  files: string[];
  summaries: FileSummary[];
}

const MAX_DEPTH = 4;
const MAX_FILES = 500;
const MAX_DIRS = 200;
const SKIPPED_DIRS = new Set(["node_modules", "migrations", "dist", "build", "generated"]);

const summaryCache = new Map<string, { mtimeMs: number; size: number; summary: FileSummary | undefined }>();

export function summarize(ast: Schema): FileSummary {
  const summary: FileSummary = { datasource: undefined, models: [], views: [], enums: [], types: [] };
  for (const block of ast.body) {
    switch (block.type) {
      case "Datasource":
        summary.datasource = { provider: block.provider, relationMode: block.relationMode };
        break;
      case "Model":
        summary.models.push(block.name.name);
        break;
      case "View":
        summary.views.push(block.name.name);
        break;
      case "Enum":
        summary.enums.push(block.name.name);
        break;
      case "CompositeType":
        summary.types.push(block.name.name);
        break;
      default:
        break;
    }
  }
  return summary;
}

/** The summary of a schema file on disk; `undefined` when it cannot be read or parsed. */
export function summarizeFile(path: string): FileSummary | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    summaryCache.delete(path);
    return undefined;
  }
  const cached = summaryCache.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.summary;
  let summary: FileSummary | undefined;
  try {
    const result = parseSchema(readFileSync(path, "utf8"));
    summary = result.ok ? summarize(result.ast) : undefined;
  } catch {
    summary = undefined;
  }
  summaryCache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, summary });
  return summary;
}

/** `.prisma` files under `dir`, `depth` levels deep at most (a project root: only its own files). */
function listSchemaFiles(dir: string, depth: number, into: string[], visited = { dirs: 0 }): void {
  if (into.length >= MAX_FILES || ++visited.dirs > MAX_DIRS) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith(".prisma")) into.push(path);
    else if (entry.isDirectory() && depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name)) {
      listSchemaFiles(path, depth + 1, into, visited);
    }
  }
}

function isProjectRoot(dir: string): boolean {
  for (const marker of ["package.json", ".git"]) {
    try {
      statSync(join(dir, marker));
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function collect(root: string, self: string): SchemaFolder {
  const paths: string[] = [];
  listSchemaFiles(root, isProjectRoot(root) ? MAX_DEPTH : 0, paths);
  const files: string[] = [];
  const summaries: FileSummary[] = [];
  for (const path of paths.sort()) {
    if (path === self) continue;
    const summary = summarizeFile(path);
    if (!summary) continue;
    files.push(path);
    summaries.push(summary);
  }
  return { root, files, summaries };
}

/**
 * The other files of the schema that `filename` belongs to. `schemaSetting` is
 * `settings["backend-architect"].schema` (a file or folder, relative to `cwd`). Without it, the
 * folder is the file's own directory, or up to two parents when no file there declares the
 * datasource (nested layouts such as `prisma/schema/models/user.prisma`), never above the project
 * root. A file that declares its own datasource and has no `.prisma` siblings is a schema on its own.
 */
export function findSchemaFolder(
  filename: string,
  cwd: string,
  ownSummary: FileSummary,
  schemaSetting?: unknown,
): SchemaFolder | undefined {
  if (!filename || !filename.endsWith(".prisma")) return undefined;
  const self = isAbsolute(filename) ? filename : resolve(cwd, filename);
  if (!exists(self)) return undefined;

  if (typeof schemaSetting === "string" && schemaSetting.length > 0) {
    const target = resolve(cwd, schemaSetting);
    try {
      if (statSync(target).isDirectory()) {
        if (self.startsWith(`${target}/`) || self.startsWith(`${target}\\`)) return collect(target, self);
      } else if (target === self) {
        return { root: dirname(self), files: [], summaries: [] };
      }
    } catch {
      // a setting that points nowhere: fall back to the conventions
    }
  }

  let dir = dirname(self);
  const first = collect(dir, self);
  if (ownSummary.datasource || first.summaries.some((s) => s.datasource)) return first;
  for (let up = 0; up < 2; up++) {
    if (isProjectRoot(dir)) break;
    const parent = dirname(dir);
    if (parent === dir || basename(parent) === "node_modules") break;
    dir = parent;
    const wider = collect(dir, self);
    if (wider.summaries.some((s) => s.datasource)) return wider;
  }
  return first;
}
