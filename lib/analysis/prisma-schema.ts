/**
 * The Prisma schema, for TypeScript rules: which model a client accessor (`prisma.user`,
 * `tx.userProfile`) reaches, its fields, relations and indexes.
 *
 * One discovery and one parser for the CLI, the language and these rules: the schema is found from
 * `settings["backend-architect"].schema` (a file or folder), else the way Prisma finds it
 * (`prisma-lint/discovery.ts`), from the linted file's folder upward; in a monorepo root, the one
 * workspace package that holds a schema. Each schema file is parsed once per process by the Prisma
 * language's parser and cached by path, modification time and size; the disk is read again at most
 * once a second (`SCHEMA_RECHECK_MS`), so the editor sees schema edits. No schema, or a schema with a
 * syntax error: `undefined`, and the rules stay silent.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { discoverSchema, prismaFilesIn } from "../../prisma-lint/discovery.js";
import type { Enum, Model, Schema } from "../../prisma-lint/language/ast.js";
import { parseSchema } from "../../prisma-lint/language/parser.js";
import { argument, fieldAttribute, idFields, isIgnored, modelIndexes, relationOf, SCALAR_TYPES } from "../../prisma-lint/schema-context.js";
import { getSettings } from "./settings.js";
import { folderStamp } from "../util/folder-stamp.js";

export type SchemaFieldKind = "scalar" | "enum" | "relation" | "composite" | "unknown";

export interface SchemaField {
  name: string;
  /** The type's name: `String`, `Role`, `Post`. */
  type: string;
  kind: SchemaFieldKind;
  list: boolean;
  optional: boolean;
  /** The column name from `@map("...")`, when it differs from the field name. */
  dbName: string | undefined;
  /** For a relation field: the foreign-key fields on this side (`fields: [...]`), empty on the back-relation side. */
  relationFields: string[];
}

export interface SchemaModel {
  name: string;
  /** The Prisma client accessor: the model name with a lower-case first letter. */
  accessor: string;
  /** The table name from `@@map("...")`. */
  dbName: string | undefined;
  fields: ReadonlyMap<string, SchemaField>;
  /** `@id` / `@@id` fields, in order. */
  id: string[];
  /** Every `@unique` / `@@unique`, columns in order. */
  uniques: string[][];
  /** Every `@@index`, columns in order. */
  indexes: string[][];
  /** Scalar fields that lead an index, the primary key or a unique constraint. */
  leadingColumns: ReadonlySet<string>;
  /** The file the model is declared in. */
  file: string;
}

export interface PrismaSchemaInfo {
  /** The schema file, or the folder of a multi-file schema. */
  path: string;
  /** Models by client accessor (`userProfile`). */
  models: ReadonlyMap<string, SchemaModel>;
  /** Models by name (`UserProfile`). */
  byName: ReadonlyMap<string, SchemaModel>;
  enums: ReadonlySet<string>;
  /** The datasource's `provider` and `relationMode`, when a file of the schema declares them. */
  provider: string | undefined;
  relationMode: string | undefined;
}

interface ParsedFile {
  mtimeMs: number;
  size: number;
  ast: Schema | undefined;
}

const parsedFiles = new Map<string, ParsedFile>();
/** Folder → the schema found from it, or where nothing was found. Discovery reads a few paths per folder. */
const foundFrom = new Map<string, string | NotFound>();

/**
 * "No schema from here up": remembered with the modification times of the folders that were searched (and
 * their `prisma/` folders), so that a schema created while the editor runs is found at the next lint.
 */
interface NotFound {
  stamps: [folder: string, stamp: string][];
  /** When the stamps were last found unchanged (`Date.now()`). */
  checkedAt: number;
}
/** Schema path → its model map, valid while every file's stamp is the same, and when the stamps were last read. */
const built = new Map<string, { stamp: string; info: PrismaSchemaInfo | undefined; checkedAt: number }>();

/**
 * How long an answer read off the disk (a schema's files unchanged, or no schema from a folder up) is taken
 * as current without reading the disk again. Every lint that asks for the schema stats each of its files: a
 * folder schema of forty files cost forty `stat` calls per lint, 0.5% of an `eslint .` on an app that has
 * one. Bounded in time, not per run, so the editor still sees an edit to the schema at the first lint that
 * starts a second after it is saved (the language server lints a file again only when that file changes).
 */
export const SCHEMA_RECHECK_MS = 1000;

function isRecent(checkedAt: number): boolean {
  const elapsed = Date.now() - checkedAt;
  return elapsed >= 0 && elapsed < SCHEMA_RECHECK_MS;
}

const MONOREPO_PACKAGE_DIRS = ["packages", "apps", "libs"];

type SchemaContext = { filename: string; physicalFilename?: string; cwd: string; settings: unknown; sourceCode?: object };

/**
 * The answer per linted file: several rules of one lint ask, and each ask stats every file of the schema (a
 * folder schema of forty files, forty stats and a listing). ESLint builds a new `SourceCode` for every lint,
 * so an edit saved before the next lint is still seen.
 */
const perLint = new WeakMap<object, PrismaSchemaInfo | undefined>();

/** The schema of the project the linted file belongs to, or `undefined` (no schema, unreadable, or a syntax error). */
export function getPrismaSchema(context: SchemaContext): PrismaSchemaInfo | undefined {
  const { sourceCode } = context;
  if (sourceCode && perLint.has(sourceCode)) return perLint.get(sourceCode);
  let info: PrismaSchemaInfo | undefined;
  try {
    const schemaPath = locateSchema(context);
    info = schemaPath === undefined ? undefined : loadSchema(schemaPath);
  } catch {
    info = undefined;
  }
  if (sourceCode) perLint.set(sourceCode, info);
  return info;
}

function locateSchema(context: SchemaContext): string | undefined {
  const setting = getSettings(context as Parameters<typeof getSettings>[0]).schema;
  if (setting) {
    const absolute = path.resolve(context.cwd, setting);
    return existsSync(absolute) ? absolute : undefined;
  }
  const filename = context.physicalFilename ?? context.filename;
  if (!path.isAbsolute(filename)) return undefined;
  const visited: string[] = [];
  let found: string | undefined;
  let notFound: NotFound | undefined;
  for (let dir = path.dirname(filename); ; ) {
    const cached = foundFrom.get(dir);
    if (cached !== undefined && (typeof cached === "string" || unchanged(cached))) {
      if (typeof cached === "string") found = cached;
      else notFound = cached;
      break;
    }
    visited.push(dir);
    found = schemaIn(dir);
    if (found !== undefined || path.basename(dir) === "node_modules") break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (found !== undefined) {
    for (const dir of visited) foundFrom.set(dir, found);
    return found;
  }
  const stamps = [...visited.flatMap(folderStamps), ...(notFound?.stamps ?? [])];
  const entry: NotFound = { stamps, checkedAt: Date.now() };
  for (const dir of visited) foundFrom.set(dir, entry);
  return undefined;
}

function folderStamps(dir: string): [string, string][] {
  return [dir, path.join(dir, "prisma")].map((folder) => [folder, folderStamp(folder)]);
}

function unchanged(entry: NotFound): boolean {
  if (isRecent(entry.checkedAt)) return true;
  if (!entry.stamps.every(([folder, stamp]) => folderStamp(folder) === stamp)) return false;
  entry.checkedAt = Date.now();
  return true;
}

/** The schema Prisma would find with `dir` as its working directory, else a monorepo's one schema package. */
function schemaIn(dir: string): string | undefined {
  if (!hasAnyConvention(dir)) return undefined;
  try {
    const target = discoverSchema(dir).targets[0];
    if (target) return target.folder ? target.configDir : target.files[0];
  } catch {
    // no schema by Prisma's conventions here
  }
  return isMonorepoRoot(dir) ? workspaceSchema(dir) : undefined;
}

/** A cheap pre-test, so that most folders cost one `readdir`. */
function hasAnyConvention(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.some(
    (name) =>
      name === "prisma" ||
      name === "schema.prisma" ||
      name === ".config" ||
      name.startsWith("prisma.config.") ||
      name === "package.json" ||
      name === "pnpm-workspace.yaml" ||
      name === "turbo.json" ||
      name === "nx.json",
  );
}

function isMonorepoRoot(dir: string): boolean {
  return workspaceGlobs(dir) !== undefined || existsSync(path.join(dir, "turbo.json")) || existsSync(path.join(dir, "nx.json"));
}

/** The workspace patterns of a monorepo root (`package.json#workspaces`, `pnpm-workspace.yaml`), if it declares any. */
function workspaceGlobs(dir: string): string[] | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { workspaces?: unknown };
    const workspaces = Array.isArray(pkg.workspaces) ? pkg.workspaces : (pkg.workspaces as { packages?: unknown } | undefined)?.packages;
    if (Array.isArray(workspaces)) return workspaces.filter((w): w is string => typeof w === "string");
  } catch {
    // no package.json, or not JSON
  }
  try {
    const yaml = readFileSync(path.join(dir, "pnpm-workspace.yaml"), "utf8");
    const block = /^packages:\s*\n((?:[ \t]*(?:[-#].*)?\n?)*)/mu.exec(yaml)?.[1] ?? "";
    return [...block.matchAll(/^[ \t]*-[ \t]*["']?([^"'\n#]+?)["']?[ \t]*$/gmu)].map((m) => m[1]!);
  } catch {
    return undefined;
  }
}

/** The package folders of a monorepo: its workspace patterns (`packages/*`, `apps/web`), else the usual folders. */
function workspacePackages(root: string): string[] {
  const patterns = workspaceGlobs(root) ?? MONOREPO_PACKAGE_DIRS.map((group) => `${group}/*`);
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) continue;
    const clean = pattern.replace(/\/+$/u, "");
    if (!clean.includes("*")) {
      dirs.push(path.join(root, clean));
      continue;
    }
    const star = /^([^*]*)\/\*{1,2}$/u.exec(clean);
    if (!star) continue;
    try {
      for (const name of readdirSync(path.join(root, star[1]!))) dirs.push(path.join(root, star[1]!, name));
    } catch {
      // a pattern that matches nothing
    }
  }
  return dirs;
}

/** The one workspace package (`packages/db`, `packages/prisma`...) that holds a schema; none when several do. */
function workspaceSchema(root: string): string | undefined {
  const found = new Set<string>();
  for (const dir of workspacePackages(root)) {
    if (path.basename(dir) === "node_modules" || !hasAnyConvention(dir)) continue;
    try {
      const target = discoverSchema(dir).targets[0];
      if (target) found.add(target.folder ? target.configDir : target.files[0]!);
    } catch {
      // this package has no schema
    }
    if (found.size > 1) return undefined;
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Folder schema → its files, with the stamps of the folders listed: a new, deleted or renamed file changes
 * its folder's stamp, so one `stat` per folder replaces the listing of every lint (a folder schema of forty
 * files is asked for by most files of an app). Edits inside a file are seen by `parseFile`'s own `stat`.
 */
const folderFiles = new Map<string, { stamps: [folder: string, stamp: string][]; files: string[] }>();

function filesOfFolder(folder: string): string[] {
  const cached = folderFiles.get(folder);
  if (cached?.stamps.every(([walked, stamp]) => folderStamp(walked) === stamp)) return cached.files;
  const stamps: [string, string][] = [];
  // each folder stamped before it is listed: a file added meanwhile changes the stamp, and the next lint lists again
  const files = prismaFilesIn(folder, (walked) => stamps.push([walked, folderStamp(walked)]));
  folderFiles.set(folder, { stamps, files });
  return files;
}

function loadSchema(schemaPath: string): PrismaSchemaInfo | undefined {
  const recent = built.get(schemaPath);
  if (recent && isRecent(recent.checkedAt)) return recent.info;
  const stat = statSync(schemaPath);
  const files = stat.isDirectory() ? filesOfFolder(schemaPath) : [schemaPath];
  const asts: { file: string; ast: Schema }[] = [];
  const stamps: string[] = [];
  for (const file of files) {
    const parsed = parseFile(file, file === schemaPath ? stat : undefined); // one stat per lint for a one-file schema
    if (!parsed.ast) return undefined; // a schema with a syntax error: the rules stay silent
    asts.push({ file, ast: parsed.ast });
    stamps.push(`${file}:${parsed.mtimeMs}:${parsed.size}`);
  }
  const stamp = stamps.join("|");
  const checkedAt = Date.now();
  if (recent?.stamp === stamp) {
    recent.checkedAt = checkedAt;
    return recent.info;
  }
  const info = asts.length > 0 ? buildInfo(schemaPath, asts) : undefined;
  built.set(schemaPath, { stamp, info, checkedAt });
  return info;
}

function parseFile(file: string, known?: Stats): ParsedFile {
  const stat = known ?? statSync(file);
  const cached = parsedFiles.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const result = parseSchema(readFileSync(file, "utf8"));
  const parsed = { mtimeMs: stat.mtimeMs, size: stat.size, ast: result.ok ? result.ast : undefined };
  parsedFiles.set(file, parsed);
  return parsed;
}

function buildInfo(schemaPath: string, asts: { file: string; ast: Schema }[]): PrismaSchemaInfo {
  const modelNodes: { file: string; model: Model }[] = [];
  const enums = new Set<string>();
  const composites = new Set<string>();
  /** `view` blocks: a field typed with one is a relation, not a column. */
  const views = new Set<string>();
  let datasource: { provider: string | undefined; relationMode: string | undefined } | undefined;
  for (const { file, ast } of asts) {
    for (const block of ast.body) {
      if (block.type === "Datasource") datasource = { provider: block.provider, relationMode: block.relationMode };
      else if (block.type === "Model" && !isIgnored(block)) modelNodes.push({ file, model: block });
      else if (block.type === "Enum") enums.add((block as Enum).name.name);
      else if (block.type === "CompositeType") composites.add(block.name.name);
      else if (block.type === "View") views.add(block.name.name);
    }
  }
  const modelNames = new Set([...modelNodes.map(({ model }) => model.name.name), ...views]);
  const models = new Map<string, SchemaModel>();
  const byName = new Map<string, SchemaModel>();
  for (const { file, model } of modelNodes) {
    const info = modelInfo(model, file, { modelNames, enums, composites });
    models.set(info.accessor, info);
    byName.set(info.name, info);
  }
  return { path: schemaPath, models, byName, enums, provider: datasource?.provider, relationMode: datasource?.relationMode };
}

function modelInfo(model: Model, file: string, names: { modelNames: Set<string>; enums: Set<string>; composites: Set<string> }): SchemaModel {
  const fields = new Map<string, SchemaField>();
  for (const field of model.fields) {
    const type = field.fieldType.name;
    const kind: SchemaFieldKind = SCALAR_TYPES.has(type)
      ? "scalar"
      : names.enums.has(type)
        ? "enum"
        : names.modelNames.has(type)
          ? "relation"
          : names.composites.has(type)
            ? "composite"
            : "unknown";
    const map = fieldAttribute(field, "map");
    const mapped = map && argument(map, "name", 0);
    fields.set(field.name.name, {
      name: field.name.name,
      type,
      kind,
      list: field.fieldType.list,
      optional: field.fieldType.optional,
      dbName: mapped?.type === "StringLiteral" ? mapped.value : undefined,
      relationFields: kind === "relation" ? (relationOf(field)?.fields ?? []) : [],
    });
  }
  const indexes = modelIndexes(model);
  const tableMap = model.attributes.find((attribute) => attribute.name === "map");
  const table = tableMap && argument(tableMap, "name", 0);
  const name = model.name.name;
  return {
    name,
    accessor: name.charAt(0).toLowerCase() + name.slice(1),
    dbName: table?.type === "StringLiteral" ? table.value : undefined,
    fields,
    id: idFields(model),
    uniques: indexes.filter((index) => index.kind === "unique").map((index) => index.fields),
    indexes: indexes.filter((index) => index.kind === "index").map((index) => index.fields),
    leadingColumns: new Set(indexes.map((index) => index.fields[0]!).filter(Boolean)),
    file,
  };
}

/** For tests: forget every cached discovery and parse. */
export function clearPrismaSchemaCache(): void {
  parsedFiles.clear();
  folderFiles.clear();
  foundFrom.clear();
  built.clear();
}
