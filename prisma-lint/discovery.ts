/**
 * Which schema files to lint: the paths on the command line (files, folders = multi-file schemas, globs),
 * or, with no path, the schema found the way Prisma finds it.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { describeFsError, UserError } from "./errors.js";
import { picomatch } from "./lazy-packages.js";

export interface SchemaTarget {
  /** The path as the user (or the discovery) named it, for messages. */
  label: string;
  /** Absolute paths of the schema files, sorted. */
  files: string[];
  /** The folder the config search starts from: the file's folder, or the multi-file schema's folder. */
  configDir: string;
  /** A multi-file schema (a folder). */
  folder: boolean;
}

export interface Discovery {
  targets: SchemaTarget[];
  /** Things worth a line on standard error that do not stop the run. */
  warnings: string[];
}

/** Prisma config file names, in the order Prisma looks for them. */
export const PRISMA_CONFIG_FILES = [
  "prisma.config.ts",
  "prisma.config.mts",
  "prisma.config.cts",
  "prisma.config.js",
  "prisma.config.mjs",
  "prisma.config.cjs",
  ".config/prisma.ts",
  ".config/prisma.mts",
  ".config/prisma.cts",
  ".config/prisma.js",
  ".config/prisma.mjs",
  ".config/prisma.cjs",
];

const SKIPPED_DIRS = new Set(["node_modules"]);

/** What the `schema` field of a Prisma config file says, read without running the file. */
export type PrismaConfigSchema =
  | { kind: "absent" }
  | { kind: "path"; value: string }
  | { kind: "dynamic"; expression: string };

/** Blanks out comments so that `// schema: "x"` does not count; keeps strings (URLs contain `//`). */
function stripComments(source: string): string {
  return source.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//gu, (m, str) =>
    str ? m : m.replace(/[^\n]/gu, " "),
  );
}

function stringLiteral(text: string): string | undefined {
  const m = /^(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|`((?:\\.|[^`\\$])*)`)$/u.exec(text.trim());
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? m[3]!).replace(/\\(.)/gu, "$1");
}

/** The expression after `schema:` up to the next top-level `,` or `}`. */
function expressionAt(source: string, start: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return source.slice(start, i);
      depth--;
    } else if (c === "," && depth === 0) return source.slice(start, i);
  }
  return source.slice(start);
}

const DIRNAME = /^(?:__dirname|import\.meta\.dirname|process\.cwd\(\))$/u;

/**
 * Reads the `schema` field of a Prisma config file without running it (it usually imports `prisma/config`
 * and dotenv, and may do anything). Understands a string literal and `path.join`/`path.resolve`/`join`/`resolve`
 * over string literals and `__dirname`/`import.meta.dirname`; anything else is "dynamic".
 */
export function readPrismaConfigSchema(source: string, configDir: string): PrismaConfigSchema {
  const code = stripComments(source);
  const key = /(?:^|[{,\s])(?:schema|"schema"|'schema')\s*:\s*/gu;
  const match = key.exec(code);
  if (!match) {
    // `schema,` shorthand or a spread: the value is somewhere we cannot see.
    if (/[{,]\s*schema\s*[,}]/u.test(code)) return { kind: "dynamic", expression: "schema" };
    return { kind: "absent" };
  }
  const expression = expressionAt(code, match.index + match[0].length).trim();
  const literal = stringLiteral(expression);
  if (literal !== undefined) return { kind: "path", value: path.resolve(configDir, literal) };
  const call = /^(?:path\.)?(join|resolve)\(([\s\S]*)\)$/u.exec(expression);
  if (call) {
    const parts: string[] = [];
    for (const arg of call[2]!.split(",").map((a) => a.trim()).filter(Boolean)) {
      if (DIRNAME.test(arg)) parts.push(configDir);
      else {
        const value = stringLiteral(arg);
        if (value === undefined) return { kind: "dynamic", expression };
        parts.push(value);
      }
    }
    if (parts.length > 0) return { kind: "path", value: path.resolve(configDir, ...parts) };
  }
  return { kind: "dynamic", expression };
}

/**
 * Every `.prisma` file under a folder (recursively; `node_modules` and dot-folders skipped), sorted.
 * `beforeReading` is called with each folder before it is listed.
 */
export function prismaFilesIn(dir: string, beforeReading?: (folder: string) => void): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    beforeReading?.(current);
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      throw new UserError(`cannot read directory: ${describeFsError(error)}`, current);
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stats = statSync(full);
          isDir = stats.isDirectory();
          isFile = stats.isFile();
        } catch {
          // a dangling link: reading it reports the problem
          isFile = entry.name.endsWith(".prisma");
        }
      }
      if (isDir) {
        if (!entry.name.startsWith(".") && !SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (isFile && entry.name.endsWith(".prisma")) {
        found.push(full);
      }
    }
  };
  walk(dir);
  return found.sort();
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** A schema file or folder named by the user or by a convention. */
function targetFor(absolute: string, label: string): SchemaTarget {
  let stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // a dangling symlink or a loop: the file is there but cannot be read
    if (code === "ENOENT" || code === "ENOTDIR") {
      try {
        readFileSync(absolute);
      } catch (readError) {
        throw new UserError(describeFsError(readError), label);
      }
    }
    throw new UserError(describeFsError(error), label);
  }
  if (stats.isDirectory()) {
    const files = prismaFilesIn(absolute);
    if (files.length === 0) throw new UserError("no .prisma files in this directory", label);
    return { label, files, configDir: absolute, folder: true };
  }
  return { label, files: [absolute], configDir: path.dirname(absolute), folder: false };
}

/** Walks up from `dir` to the first package.json. */
function nearestPackageJson(dir: string): string | undefined {
  for (let current = dir; ; ) {
    const candidate = path.join(current, "package.json");
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Finds the schema the way Prisma does when no path is given. */
export function discoverSchema(cwd: string): Discovery {
  const warnings: string[] = [];

  for (const name of PRISMA_CONFIG_FILES) {
    const configFile = path.join(cwd, name);
    if (!existsSync(configFile)) continue;
    let source: string;
    try {
      source = readFileSync(configFile, "utf8");
    } catch (error) {
      throw new UserError(`cannot read Prisma config: ${describeFsError(error)}`, name);
    }
    const schema = readPrismaConfigSchema(source, path.dirname(configFile));
    if (schema.kind === "path") {
      if (!existsSync(schema.value)) {
        throw new UserError(`the schema named in ${name} does not exist: ${display(cwd, schema.value)}`, name);
      }
      return { targets: [targetFor(schema.value, display(cwd, schema.value))], warnings };
    }
    if (schema.kind === "dynamic") {
      warnings.push(
        `warning: cannot read "schema: ${schema.expression}" in ${name} without running it; ` +
          `falling back to Prisma's default locations (pass the schema path to choose)`,
      );
    }
    break;
  }

  const packageJson = nearestPackageJson(cwd);
  if (packageJson) {
    let pkg: unknown;
    try {
      pkg = JSON.parse(readFileSync(packageJson, "utf8"));
    } catch {
      pkg = undefined; // not ours to validate
    }
    const schema = (pkg as { prisma?: { schema?: unknown } } | undefined)?.prisma?.schema;
    if (typeof schema === "string" && schema !== "") {
      const absolute = path.resolve(path.dirname(packageJson), schema);
      const where = display(cwd, packageJson);
      if (!existsSync(absolute)) {
        throw new UserError(`the schema named in package.json#prisma.schema does not exist: ${schema}`, where);
      }
      return { targets: [targetFor(absolute, display(cwd, absolute))], warnings };
    }
  }

  for (const candidate of ["prisma/schema.prisma", "schema.prisma"]) {
    const absolute = path.join(cwd, candidate);
    if (existsSync(absolute)) return { targets: [targetFor(absolute, candidate)], warnings };
  }
  const folder = path.join(cwd, "prisma", "schema");
  if (existsSync(folder) && prismaFilesIn(folder).length > 0) {
    return { targets: [targetFor(folder, "prisma/schema")], warnings };
  }
  throw new UserError(
    "no Prisma schema found: looked for prisma.config.ts, package.json#prisma.schema, prisma/schema.prisma, " +
      "schema.prisma and prisma/schema/; pass a schema file or folder",
    display(process.cwd(), cwd),
  );
}

/** Expands a glob (picomatch syntax) relative to cwd to the files it matches, sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const posix = pattern.split(path.sep).join("/");
  const scan = picomatch().scan(posix);
  const base = path.resolve(cwd, scan.base || ".");
  if (!existsSync(base)) return [];
  const isMatch = picomatch()(scan.glob);
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          isDir = false;
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) walk(full, relative);
      } else if (isMatch(relative)) {
        found.push(full);
      }
    }
  };
  walk(base, "");
  return found.sort();
}

/** The schema targets for the paths on the command line; with none, the discovered schema. */
export function resolveTargets(paths: readonly string[], cwd: string): Discovery {
  if (paths.length === 0) return discoverSchema(cwd);
  const targets: SchemaTarget[] = [];
  const seen = new Set<string>();
  for (const arg of paths) {
    const absolute = path.resolve(cwd, arg);
    if (!existsSync(absolute) && picomatch().scan(arg.split(path.sep).join("/")).isGlob) {
      const files = expandGlob(arg, cwd);
      if (files.length === 0) throw new UserError("no files match this pattern", arg);
      for (const file of files) {
        if (seen.has(file)) continue;
        seen.add(file);
        targets.push({ label: display(cwd, file), files: [file], configDir: path.dirname(file), folder: false });
      }
      continue;
    }
    const target = targetFor(absolute, arg);
    target.files = target.files.filter((file) => !seen.has(file));
    for (const file of target.files) seen.add(file);
    if (target.files.length > 0) targets.push(target);
  }
  return { targets, warnings: [] };
}
