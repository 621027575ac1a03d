/**
 * Following definitions one import hop away.
 *
 * Rules see one file at a time; what a wrapper (`withWorkspace(...)`), a safe-action client
 * (`authActionClient`) or a helper (`getUserOrThrow()`) does is written in another file of the project.
 * This module finds that definition: in the same file, or one import away through relative imports and
 * `tsconfig.json` `paths`/`baseUrl` aliases (via `get-tsconfig`), following barrel re-exports
 * (`export * from "./x"`, `export { a } from "./x"`) on the way. Packages are not followed.
 *
 * Each file is read and parsed once per process and cached by path and mtime (a module-level cache keyed
 * by file path: safe to share between rules and ESLint `--concurrency` workers, each has its own). Parse
 * failures and missing files give `undefined`: callers treat an unresolvable definition as unknown.
 *
 * Public API (stable; other rules build on it):
 *
 * ```ts
 * definitionOf(context, identifier)          // Definition | undefined: where the identifier's value is defined
 * definitionOfName(context, name)            // the same by name (top-level bindings and imports of the file)
 * definitionInFile(file, name)               // a top-level binding of a parsed file (e.g. a chain's root client)
 * resolveModule(fromFile, specifier)         // absolute path of a project module, or undefined
 * parseFile(path)                            // ParsedFile | undefined (cached)
 * classifyDefinition(definition, key, compute) // memoizes a classification per definition and key
 * * resolveStats()                             // counters for measuring the cost (files parsed, time spent)
 * setDefinitionFollowing(false)              // benchmarks: measure the cost of following definitions
 * ```
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createPathsMatcher, parseTsconfig, type TsConfigResult } from "get-tsconfig";
import { analyzeAuth, authenticates, calleeName, isAuthLikeName, type AuthConfig, type HelperAuth } from "./auth.js";
import { MEMO_WRAPPER, callChain } from "./request-boundary.js";
import { containsValidatorCall, isSchemaLike, mayDefineSchema } from "./validation.js";
import { isFunction } from "../util/ast.js";
import { walk } from "./walk.js";
import { declarationTexts, tsSourceFile, type TypeScript } from "./declaration-text.js";
import type { SourceFile } from "typescript";

export interface ParsedFile {
  /** Absolute path. */
  path: string;
  program: TSESTree.Program;
  /** Top-level bindings: function declarations, class declarations, `const x = ...` (the declarator). */
  locals: Map<string, TSESTree.Node>;
  /** Imports: local name -> module specifier and imported name (`default`, `*` for namespaces). */
  imports: Map<string, { source: string; imported: string }>;
  /** Exports: exported name -> local name, or a re-export from another module. */
  exports: Map<string, { local: string } | { source: string; imported: string }>;
  /** `export * from "..."` sources. */
  starExports: string[];
}

export interface Definition {
  /** The file the definition is in (the linted file itself for a local definition). */
  file: ParsedFile;
  /** The binding's name in that file. */
  name: string;
  /**
   * The defining node: a FunctionDeclaration, a ClassDeclaration, or the initializer of a
   * `const`/`let` declarator (a function expression, a call such as `createSafeActionClient(...).use(...)`).
   */
  node: TSESTree.Node;
  /** True when the definition was found in another file. */
  imported: boolean;
}

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "filename" | "sourceCode" | "cwd">>;

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const MAX_BARREL_DEPTH = 4;
const MAX_FILE_BYTES = 1_000_000;

interface CacheEntry {
  mtimeMs: number;
  size: number;
  file: ParsedFile | undefined;
  /** The text of a file read but not parsed: a lookup's text pre-test turned it away (see `FollowOptions`). */
  text?: string;
  /** TypeScript's tree of that text, when a `declarationOnly` lookup built it: converted if a later lookup needs the file. */
  source?: SourceFile;
  /** Whether that text may re-export (`MAY_RE_EXPORT`), read once. */
  reExports?: boolean;
  /**
   * The answers of the text pre-tests already run on that text, per test (`FollowOptions.textTest`, or
   * `mayDefineName` alone) and name: a module of helpers is asked for each helper a handler calls, and a
   * test reads the whole text (a regular expression, a lower-cased copy) every time it runs.
   */
  verdicts?: WeakMap<object, Map<string, boolean>>;
}

/** Options of a definition lookup. */
export interface FollowOptions {
  /**
   * A text pre-test for the files the lookup would parse (`name` is the binding it looks for there): a file
   * whose text fails it holds nothing the caller is looking for, so it is not parsed and the lookup answers
   * undefined. It must over-approximate, like file-facts' pre-tests. A file that may re-export (a barrel)
   * is parsed whatever its text, so the lookup still reaches the file that defines the name. Every lookup,
   * with a test or without, also skips a module whose text does not name what it looks for (`mayDefineName`).
   */
  readonly textTest?: (text: string, name: string) => boolean;
  /**
   * The caller's answer depends only on the declaration of the name (the statement that defines it), not on the
   * rest of its file: `textTest` is then also applied to the text of that declaration, found with TypeScript's
   * parser before the costlier conversion to ESTree (`declaration-text.ts`), and a file where no declaration
   * of the name passes is not converted. For a helper defined in a large module that mentions a limiter
   * somewhere else.
   */
  readonly declarationOnly?: boolean;
  /** The test of a declaration's text with `declarationOnly`, when it is not `textTest` (which may keep answers per module text). */
  readonly declarationTest?: (text: string, name: string) => boolean;
}

/**
 * Parsed files are the big entries (an AST per file): at most this many stay cached, the least recently
 * used dropped first, so a monorepo of tens of thousands of files cannot grow the process without bound.
 * A dropped file is parsed again if asked for again; nothing else depends on it staying.
 */
const MAX_CACHED_FILES = 2_000;
/** Module resolutions are strings: many more fit. */
const MAX_CACHED_MODULES = 50_000;

/** `map.set(key, value)`, dropping the oldest entries beyond `max` (a `Map` iterates in insertion order). */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

const fileCache = new Map<string, CacheEntry>();
/** Config file path -> its config (with `extends` applied), one object per file. */
const tsconfigCache = new Map<string, TsConfigResult | null>();
/** get-tsconfig's own cache (file reads and `existsSync` answers), handed to it on every call. */
const getTsconfigFsCache = new Map<string, string>();
const tsconfigLookupCache = new Map<string, TsConfigResult | null>();
const matcherCache = new WeakMap<TsConfigResult, ((specifier: string) => string[]) | null>();
const localIndexCache = new WeakMap<TSESTree.Program, ParsedFile>();
const classificationCache = new WeakMap<TSESTree.Node, Map<string, unknown>>();

const stats = { filesParsed: 0, parseMs: 0, resolveMs: 0, lookups: 0, cacheHits: 0 };

/** Counters for measuring what definition-following costs (used by the benchmark and the corpus scripts). */
export function resolveStats(): Readonly<typeof stats> & { cachedFiles: number } {
  return { ...stats, cachedFiles: fileCache.size };
}

let followingEnabled = true;

/** Turns definition-following off (every lookup gives undefined): for measuring its cost in benchmarks. */
export function setDefinitionFollowing(enabled: boolean): void {
  followingEnabled = enabled;
}

/** Clears every cache (tests). */
export function clearResolveCache(): void {
  fileCache.clear();
  moduleCache.clear();
  tsconfigCache.clear();
  getTsconfigFsCache.clear();
  nearestConfigCache.clear();
  tsconfigLookupCache.clear();
  lintStats = undefined;
  for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] = 0;
}

// ---------------------------------------------------------------- parsing

type ParseFn = (code: string | SourceFile, options: Record<string, unknown>) => TSESTree.Program;
type VisitorKeys = Record<string, readonly string[] | undefined>;
let parser: { parse: ParseFn; keys: VisitorKeys; typescript: TypeScript } | null | undefined;

/** typescript-estree, loaded on first use (it needs `typescript`, which a JS-only project may not have). */
function loadParser(): { parse: ParseFn; keys: VisitorKeys; typescript: TypeScript } | null {
  if (parser !== undefined) return parser;
  try {
    const require = createRequire(import.meta.url);
    const estree = require("@typescript-eslint/typescript-estree") as { parse: ParseFn };
    const { visitorKeys } = require("@typescript-eslint/visitor-keys") as { visitorKeys: VisitorKeys };
    // the copy typescript-estree itself uses, so that the trees `declarationOnly` builds are the kind it converts
    const typescript = createRequire(require.resolve("@typescript-eslint/typescript-estree"))("typescript") as TypeScript;
    parser = { parse: estree.parse, keys: visitorKeys, typescript };
  } catch {
    parser = null;
  }
  return parser;
}

function setParents(root: TSESTree.Node, keys: VisitorKeys): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (child && typeof child === "object" && "type" in child) {
            (child as { parent: TSESTree.Node }).parent = node;
            stack.push(child as TSESTree.Node);
          }
        }
      } else if (value && typeof value === "object" && "type" in value) {
        (value as unknown as { parent: TSESTree.Node }).parent = node;
        stack.push(value as unknown as TSESTree.Node);
      }
    }
  }
}

/**
 * The files stat'ed in the current lint: a lint asks for the same imported file several times (each schema
 * or helper it names), and a stat costs more than the lookup. Kept only while a lint is known to run (its
 * AST seen by `localFile`) and within one job (rules run synchronously; a microtask drops the answers), and
 * dropped when another AST is linted: an edit saved before the next lint, or between two `Linter.verify`
 * calls of one job, is always seen. Outside a lint every call stats.
 */
let lintStats: { program: TSESTree.Program; stats: Map<string, fs.Stats | undefined> } | undefined;

function statInThisLint(filePath: string): fs.Stats | undefined {
  const known = lintStats?.stats;
  if (known?.has(filePath)) return known.get(filePath);
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  known?.set(filePath, stat);
  return stat;
}

/** A lint of `program` runs: stats taken from now on hold until its job ends. */
function startLint(program: TSESTree.Program): void {
  if (lintStats?.program === program) return;
  if (!lintStats) {
    // a promise reaction, not queueMicrotask: that one builds an AsyncResource on every call
    void Promise.resolve().then(() => {
      lintStats = undefined;
    });
  }
  lintStats = { program, stats: new Map() };
}

/** Reads and parses a project file once per process (re-parsed when its mtime or size changes). */
export function parseFile(filePath: string): ParsedFile | undefined {
  return loadFile(filePath, {}, "");
}

/** `export *`, `export { x } from`, `export { x }` of an import, `export default x`: a file that may pass a name on. */
const MAY_RE_EXPORT = /\bexport\s*[*{]|\bexport\s+default\s+[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*\s*(?:;|$)/mu;

/**
 * Could a module's text define or export `name`? Not when the name is nowhere in it (and no `\u` escape could
 * spell it): a lookup skips such a module (one that re-exports nothing) and finds what it would have found.
 * It spares the parse of the modules a barrel's `export *` lists besides the one that defines the name.
 */
export function mayDefineName(text: string, name: string): boolean {
  return text.includes(name) || text.includes("\\u");
}

/**
 * `parseFile`, unless the file re-exports nothing and its text cannot define `name` or fails `textTest` for it,
 * or (with `declarationOnly`) every declaration of `name` in it does (then undefined).
 */
function loadFile(filePath: string, options: FollowOptions, name: string): ParsedFile | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = statInThisLint(filePath);
  } catch {
    return undefined;
  }
  if (!stat) return undefined;
  const cached = fileCache.get(filePath);
  const fresh = cached !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size;
  if (fresh && cached.text === undefined) {
    stats.cacheHits++;
    setBounded(fileCache, filePath, cached, MAX_CACHED_FILES); // most recently used
    return cached.file;
  }
  let file: ParsedFile | undefined;
  const loaded = stat.isFile() && stat.size <= MAX_FILE_BYTES ? loadParser() : null;
  if (loaded) {
    let code: string;
    try {
      code = fresh ? cached.text! : fs.readFileSync(filePath, "utf8");
    } catch {
      setBounded(fileCache, filePath, { mtimeMs: stat.mtimeMs, size: stat.size, file: undefined }, MAX_CACHED_FILES);
      return undefined;
    }
    const jsx = /\.[jt]sx$|\.js$/u.test(filePath);
    const entry: CacheEntry = fresh ? cached : { mtimeMs: stat.mtimeMs, size: stat.size, file: undefined, text: code };
    entry.reExports ??= MAY_RE_EXPORT.test(code);
    if (name !== "" && !entry.reExports && !passesTextTests(entry, code, filePath, jsx, loaded.typescript, name, options)) {
      setBounded(fileCache, filePath, entry, MAX_CACHED_FILES);
      return undefined;
    }
    const source = entry.source;
    const start = performance.now();
    try {
      const program = loaded.parse(source ?? code, {
        jsx,
        loc: true,
        range: true,
        comment: false,
        tokens: false,
        errorOnUnknownASTType: false,
        // typescript-estree checks every node for grammar errors the TypeScript parser lets through (misplaced
        // modifiers and the like: a sixth of the parse); a file read for its definitions is the project's
        // own compiled code, and a file TypeScript cannot parse still throws
        allowInvalidAST: true,
        // TypeScript parses every JSDoc comment into nodes by default, which the ESTree conversion never
        // reads (a fifth of the parse of a helper file); `tsSourceFile` skips them the same way
        jsDocParsingMode: "none",
      });
      setParents(program, loaded.keys);
      file = indexProgram(filePath, program);
    } catch {
      file = undefined;
    }
    stats.filesParsed++;
    stats.parseMs += performance.now() - start;
  }
  setBounded(fileCache, filePath, { mtimeMs: stat.mtimeMs, size: stat.size, file }, MAX_CACHED_FILES);
  return file;
}

/** Stands for "no `textTest`" in `CacheEntry.verdicts` (every lookup still runs `mayDefineName`). */
const NO_TEXT_TEST = {};

/** `loadFile`'s text pre-tests of a file that re-exports nothing: may it define `name` for this lookup? Memoised per entry. */
function passesTextTests(
  entry: CacheEntry,
  code: string,
  filePath: string,
  jsx: boolean,
  typescript: TypeScript,
  name: string,
  { textTest, declarationOnly, declarationTest = textTest }: FollowOptions,
): boolean {
  entry.verdicts ??= new WeakMap();
  let byName = entry.verdicts.get(textTest ?? NO_TEXT_TEST);
  if (!byName) {
    byName = new Map();
    entry.verdicts.set(textTest ?? NO_TEXT_TEST, byName);
  }
  // keyed by `textTest` (a `declarationTest` is written for its `textTest`); the same test may be asked with
  // and without `declarationOnly`, which answer differently
  const key = declarationOnly && textTest ? `${name}\0declaration` : name;
  let passes = byName.get(key);
  if (passes !== undefined) return passes;
  passes = mayDefineName(code, name) && (textTest?.(code, name) ?? true);
  if (passes && textTest && declarationOnly) {
    const start = performance.now();
    try {
      entry.source ??= tsSourceFile(typescript, filePath, code, jsx);
      passes = declarationTexts(typescript, entry.source, name)?.some((text) => declarationTest!(text, name)) ?? true;
    } catch {
      // a TypeScript this code does not know: the whole file is parsed, as without the option
      entry.source = undefined;
    }
    stats.parseMs += performance.now() - start;
  }
  byName.set(key, passes);
  return passes;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** The names a binding pattern declares. */
function patternNames(pattern: TSESTree.Node, out: string[] = []): string[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      out.push(pattern.name);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of pattern.properties) patternNames(p.type === AST_NODE_TYPES.Property ? p.value : p.argument, out);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of pattern.elements) if (e) patternNames(e, out);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternNames(pattern.left, out);
      break;
    case AST_NODE_TYPES.RestElement:
      patternNames(pattern.argument, out);
      break;
    default:
      break;
  }
  return out;
}

function indexProgram(filePath: string, program: TSESTree.Program): ParsedFile {
  const file: ParsedFile = {
    path: filePath,
    program,
    locals: new Map(),
    imports: new Map(),
    exports: new Map(),
    starExports: [],
  };
  const declare = (declaration: TSESTree.Node | null | undefined): void => {
    if (!declaration) return;
    if (
      (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
      declaration.id
    ) {
      file.locals.set(declaration.id.name, declaration);
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier) file.locals.set(d.id.name, d);
      }
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        for (const s of statement.specifiers) {
          const imported =
            s.type === AST_NODE_TYPES.ImportSpecifier
              ? nameOf(s.imported)
              : s.type === AST_NODE_TYPES.ImportDefaultSpecifier
                ? "default"
                : "*";
          file.imports.set(s.local.name, { source: statement.source.value, imported });
        }
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        declare(statement.declaration);
        const declaration = statement.declaration;
        if (declaration) {
          if ("id" in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier) {
            file.exports.set(declaration.id.name, { local: declaration.id.name });
          }
          if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
            for (const d of declaration.declarations) {
              for (const name of patternNames(d.id)) file.exports.set(name, { local: name });
            }
          }
        }
        for (const s of statement.specifiers) {
          if (s.type !== AST_NODE_TYPES.ExportSpecifier) continue;
          const exported = nameOf(s.exported);
          const local = nameOf(s.local);
          file.exports.set(exported, statement.source ? { source: statement.source.value, imported: local } : { local });
        }
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (
          (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
          declaration.id
        ) {
          declare(declaration);
          file.exports.set("default", { local: declaration.id.name });
        } else if (declaration.type === AST_NODE_TYPES.Identifier) {
          file.exports.set("default", { local: declaration.name });
        } else {
          file.locals.set("\0default", declaration);
          file.exports.set("default", { local: "\0default" });
        }
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported) file.starExports.push(statement.source.value);
        break;
      default:
        declare(statement);
    }
  }
  return file;
}

/** The linted file's own index (no re-parse: built from ESLint's AST, cached per AST). */
function localFile(context: Context): ParsedFile {
  const program = context.sourceCode.ast;
  startLint(program);
  let file = localIndexCache.get(program);
  if (!file) {
    file = indexProgram(path.resolve(context.cwd, context.filename), program);
    localIndexCache.set(program, file);
  }
  return file;
}

// ---------------------------------------------------------------- module resolution

/**
 * The config that applies to files of `directory`: the nearest `tsconfig.json` upward, else the nearest
 * `jsconfig.json` (what get-tsconfig's `getTsconfig` finds). One result object per config file, shared by
 * every folder under it: `getTsconfig` builds a new one per call, and each new object compiled its `paths`
 * matcher again (a folder of a large app costs a lookup, not a parse and a compile).
 */
function tsconfigFor(directory: string): TsConfigResult | null {
  const known = tsconfigLookupCache.get(directory);
  if (known !== undefined) return known;
  let result: TsConfigResult | null = null;
  for (const name of CONFIG_NAMES) {
    const file = nearestConfigFile(directory, name);
    if (file !== null) result = configAt(file);
    if (result) break;
  }
  tsconfigLookupCache.set(directory, result);
  return result;
}

const CONFIG_NAMES = ["tsconfig.json", "jsconfig.json"];
/** `name\0directory` -> the nearest file of that name from the directory upward (null: none). */
const nearestConfigCache = new Map<string, string | null>();

function nearestConfigFile(directory: string, name: string): string | null {
  const key = `${name}\0${directory}`;
  const known = nearestConfigCache.get(key);
  if (known !== undefined) return known;
  const candidate = path.join(directory, name);
  const parent = path.dirname(directory);
  const found = fs.existsSync(candidate) ? candidate : parent === directory ? null : nearestConfigFile(parent, name);
  nearestConfigCache.set(key, found);
  return found;
}

function configAt(file: string): TsConfigResult | null {
  let result = tsconfigCache.get(file);
  if (result !== undefined) return result;
  try {
    result = { path: file, config: parseTsconfig(file, getTsconfigFsCache) };
  } catch {
    // `extends` names a package that is not installed: use the file's own compilerOptions
    result = ownTsconfig(file);
  }
  tsconfigCache.set(file, result);
  return result;
}

/** A config file read without its `extends` (JSON with comments and trailing commas). */
function ownTsconfig(file: string): TsConfigResult | null {
  try {
    const text = fs
      .readFileSync(file, "utf8")
      .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//gu, (_, string: string | undefined) => string ?? "")
      .replace(/,(\s*[}\]])/gu, "$1");
    const config = JSON.parse(text) as { compilerOptions?: Record<string, unknown> };
    const compilerOptions = { ...config.compilerOptions };
    delete compilerOptions.plugins;
    return { path: file, config: { compilerOptions } } as TsConfigResult;
  } catch {
    return null;
  }
}

function pathsMatcher(config: TsConfigResult): ((specifier: string) => string[]) | null {
  let matcher = matcherCache.get(config);
  if (matcher === undefined) {
    try {
      matcher = createPathsMatcher(config);
    } catch {
      matcher = null;
    }
    matcherCache.set(config, matcher);
  }
  return matcher;
}

function existingFile(candidate: string): string | undefined {
  const tryFile = (p: string): boolean => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (EXTENSIONS.some((e) => candidate.endsWith(e)) && tryFile(candidate)) return candidate;
  // ESM TypeScript writes `./x.js` for `./x.ts`
  const withoutJs = candidate.replace(/\.(?:[cm]?js|jsx)$/u, "");
  for (const extension of EXTENSIONS) {
    if (tryFile(withoutJs + extension)) return withoutJs + extension;
  }
  for (const extension of EXTENSIONS) {
    const index = path.join(candidate, `index${extension}`);
    if (tryFile(index)) return index;
  }
  return undefined;
}

/**
 * Module specifier answers. A relative one is keyed by the importing folder; a bare one (`@/lib/db`,
 * `next/server`) resolves the same from every folder under one tsconfig, so it is keyed by the config:
 * a package imported from a thousand folders costs one resolution (with a `baseUrl`, a dozen `stat`s), not one per folder.
 */
const moduleCache = new Map<string, string | null>();

/** Resolves a module specifier written in `fromFile` to a project file, or undefined (packages, missing files). */
export function resolveModule(fromFile: string, specifier: string): string | undefined {
  const directory = path.dirname(fromFile);
  const relative = specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..";
  if (!relative && specifier.startsWith("node:")) return undefined;
  const config = relative ? undefined : tsconfigFor(directory);
  const key = relative ? `${directory}\0${specifier}` : `${config?.path ?? ""}\0\0${specifier}`;
  const known = moduleCache.get(key);
  if (known !== undefined) return known ?? undefined;
  const start = performance.now();
  const result = relative ? existingFile(path.resolve(directory, specifier)) : config ? resolveAlias(config, specifier) : undefined;
  stats.resolveMs += performance.now() - start;
  setBounded(moduleCache, key, result ?? null, MAX_CACHED_MODULES);
  return result;
}

/** A bare specifier through the tsconfig's `paths` and `baseUrl`, to a file outside `node_modules`. */
function resolveAlias(config: TsConfigResult, specifier: string): string | undefined {
  const matcher = pathsMatcher(config);
  if (!matcher) return undefined;
  for (const candidate of matcher(specifier)) {
    if (candidate.split(path.sep).includes("node_modules")) continue;
    const found = existingFile(candidate);
    if (found && !found.split(path.sep).includes("node_modules")) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------- definitions

/** A top-level binding of a parsed file, following its import (one hop) and barrel re-exports. */
export function definitionInFile(file: ParsedFile, name: string, allowImport = true, options: FollowOptions = {}): Definition | undefined {
  if (!followingEnabled) return undefined;
  const local = file.locals.get(name);
  if (local) return toDefinition(file, name, local, false);
  const imported = file.imports.get(name);
  if (!imported || !allowImport || imported.imported === "*") return undefined;
  return exportOf(file, imported.source, imported.imported, 0, options);
}

/** The export `exported` of the module `source` imports from `file`. */
function exportOf(file: ParsedFile, source: string, exported: string, depth: number, options: FollowOptions): Definition | undefined {
  const target = resolveModule(file.path, source);
  const targetFile = target && loadFile(target, options, exported);
  return targetFile ? exportedDefinition(targetFile, exported, depth, options) : undefined;
}

/** An exported binding of a file, following re-exports (barrels) but no further imports. */
function exportedDefinition(file: ParsedFile, exported: string, depth: number, options: FollowOptions = {}): Definition | undefined {
  if (depth > MAX_BARREL_DEPTH) return undefined;
  const entry = file.exports.get(exported);
  if (entry && "local" in entry) {
    const local = file.locals.get(entry.local);
    if (local) return toDefinition(file, entry.local, local, true);
    // `import { x } from "./y"; export { x }`: a barrel too
    const imported = file.imports.get(entry.local);
    if (!imported || imported.imported === "*") return undefined;
    return exportOf(file, imported.source, imported.imported, depth + 1, options);
  }
  if (entry) return exportOf(file, entry.source, entry.imported, depth + 1, options);
  if (exported === "default") return undefined;
  for (const source of file.starExports) {
    const found = exportOf(file, source, exported, depth + 1, options);
    if (found) return found;
  }
  return undefined;
}

function toDefinition(file: ParsedFile, name: string, node: TSESTree.Node, imported: boolean): Definition | undefined {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) {
    return node.init ? { file, name, node: node.init, imported } : undefined;
  }
  return { file, name, node, imported };
}

/**
 * Where a name used in the linted file is defined: a top-level binding of the file, or the export of a
 * project module it imports (relative or tsconfig-aliased; barrels followed). Undefined for packages,
 * parameters and locals of functions (those are not followed), and anything unreadable.
 */
export function definitionOfName(context: Context, name: string, options?: FollowOptions): Definition | undefined {
  stats.lookups++;
  return definitionInFile(localFile(context), name, true, options);
}

/** `definitionOfName` for an identifier; `ns.fn` member expressions of a namespace import are followed too. */
export function definitionOf(context: Context, node: TSESTree.Node, options: FollowOptions = {}): Definition | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return definitionOfName(context, node.name, options);
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.property.type === AST_NODE_TYPES.Identifier
  ) {
    if (!followingEnabled) return undefined;
    const file = localFile(context);
    const imported = file.imports.get(node.object.name);
    if (imported?.imported !== "*") return undefined;
    stats.lookups++;
    return exportOf(file, imported.source, node.property.name, 0, options);
  }
  return undefined;
}

/**
 * The method a member call names on a project object: `LinkService.rename` (a static method of a class),
 * `linkService.create` (`export const linkService = new LinkService()`: an instance method),
 * `linksController.update` (a method or function property of an object literal). The definition's node is
 * the method's function. Undefined for anything else (a package, a parameter, a computed member).
 */
export function methodDefinitionOf(context: Context, node: TSESTree.Node): Definition | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const owner = definitionOfName(context, node.object.name);
  if (!owner) return undefined;
  const method = node.property.name;
  let target = owner.node;
  let instance = false;
  if (target.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier) {
    const classDefinition = definitionInFile(owner.file, target.callee.name, false);
    if (!classDefinition) return undefined;
    target = classDefinition.node;
    instance = true;
  }
  const fn = memberFunction(target, method, instance);
  return fn ? { file: owner.file, name: `${owner.name}.${method}`, node: fn, imported: owner.imported } : undefined;
}

function memberFunction(owner: TSESTree.Node, method: string, instance: boolean): TSESTree.Node | undefined {
  if (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) {
    for (const member of owner.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== "method" || member.static === instance) continue;
      if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === method) return member.value;
    }
    return undefined;
  }
  if (owner.type === AST_NODE_TYPES.ObjectExpression && !instance) {
    for (const property of owner.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      if (property.key.name !== method) continue;
      const value = property.value;
      return value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression ? value : undefined;
    }
  }
  return undefined;
}

/**
 * Memoizes `compute(definition)` per definition node and key, for the life of the parsed file. Use a key
 * that includes every option the classification depends on (e.g. `auth:${settingsHash}`). Recursion on
 * the same definition and key returns `fallback` (cycles).
 */
export function classifyDefinition<T>(definition: Definition, key: string, compute: (d: Definition) => T, fallback: T): T {
  let map = classificationCache.get(definition.node);
  if (!map) {
    map = new Map();
    classificationCache.set(definition.node, map);
  }
  if (map.has(key)) return map.get(key) as T;
  map.set(key, fallback);
  const value = compute(definition);
  map.set(key, value);
  return value;
}

// ---------------------------------------------------------------- classifications


/** "yes": the definition authenticates and stops on failure; "no": resolved and it does not; "unknown": not resolvable. */
export type AuthVerdict = "yes" | "no" | "unknown";

/**
 * Per config, the classification keys made so far by prefix: a key names every auth function and wrapper, so
 * building it anew for each lookup (and hashing the new string in the cache's map) cost more than the lookup.
 */
const configKeys = new WeakMap<AuthConfig, Map<string, string>>();

/** The cache key of answers that depend on an auth config (its functions and wrappers), after `prefix`. */
export function configKey(prefix: string, config: AuthConfig): string {
  let keys = configKeys.get(config);
  if (keys === undefined) {
    keys = new Map();
    configKeys.set(config, keys);
  }
  let key = keys.get(prefix);
  if (key === undefined) {
    key = `${prefix}:${[...config.functions].join(",")}|${[...config.wrappers].join(",")}`;
    keys.set(prefix, key);
  }
  return key;
}

/** The key prefixes of `functionAuth` and `clientDefinitionVerdict` per depth (0 to 3), made once (see `configKey`). */
const FUNCTION_AUTH_PREFIXES = ["function-auth0", "function-auth1", "function-auth2", "function-auth3"];
const CLIENT_PREFIXES = ["client0", "client1", "client2", "client3"];


/** The function a definition stands for: a function, also inside a memo wrapper (`export const getUser = cache(async () => ...)`). */
function definitionFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  if (isFunction(node)) return node;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const { last } = calleeName(node);
    const fn = node.arguments[0];
    if (last !== undefined && MEMO_WRAPPER.test(last) && fn && isFunction(fn)) return fn;
  }
  return undefined;
}

const MAX_HELPER_DEPTH = 3;

/**
 * What a function definition does about authentication: "guards" when it (or a function of the project it
 * calls or hands on, up to three definitions deep) checks an auth result and stops on failure,
 * "returns-session" when it calls an auth function without checking (the caller must check), else undefined.
 */
function functionAuth(definition: Definition, config: AuthConfig, depth: number): HelperAuth {
  return classifyDefinition<HelperAuth>(
    definition,
    // per depth: how far it may still follow is part of the answer, which must not depend on who asked first
    configKey(FUNCTION_AUTH_PREFIXES[depth] ?? `function-auth${depth}`, config),
    (d) => {
      const fn = definitionFunction(d.node);
      if (!fn) return undefined;
      const follow = (name: string): HelperAuth => {
        if (depth >= MAX_HELPER_DEPTH) return undefined;
        const next = definitionInFile(d.file, name);
        return next && next.node !== d.node ? functionAuth(next, config, depth + 1) : undefined;
      };
      // `untilChecked`: `returnsAuth` is read below only when the function does not authenticate
      const analysis = analyzeAuth(
        fn,
        config,
        (call) => (call.callee.type === AST_NODE_TYPES.Identifier ? follow(call.callee.name) : undefined),
        undefined,
        { untilChecked: true },
      );
      if (authenticates(analysis)) return "guards";
      // `withMiddleware(handler, authMiddleware)`: a function of the project handed on to a runner
      let handsOnGuard = false;
      walk(fn, (node) => {
        if (handsOnGuard) return false;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          for (const argument of node.arguments) {
            if (argument.type === AST_NODE_TYPES.Identifier && d.file.locals.has(argument.name) && follow(argument.name) === "guards") {
              handsOnGuard = true;
            }
          }
        } else if (node.type === AST_NODE_TYPES.Identifier && depth < MAX_HELPER_DEPTH && dispatchMapGuards(d.file, node.name, config, depth)) {
          // `const handler = routeHandlers[key]; await handler(req, res)`: every handler of the map checks
          handsOnGuard = true;
        }
        return !handsOnGuard;
      });
      if (handsOnGuard) return "guards";
      return analysis.returnsAuth ? "returns-session" : undefined;
    },
    undefined,
  );
}

/** A same-file `const handlers = { "POST /": async (req, res) => ..., ... }` whose functions all authenticate. */
function dispatchMapGuards(file: ParsedFile, name: string, config: AuthConfig, depth: number): boolean {
  const local = file.locals.get(name);
  if (local?.type !== AST_NODE_TYPES.VariableDeclarator || local.init?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const functions = local.init.properties.flatMap((p) =>
    p.type === AST_NODE_TYPES.Property && isFunction(p.value) ? [p.value] : [],
  );
  if (functions.length === 0) return false;
  return functions.every((fn) => functionAuth({ file, name: "", node: fn, imported: true }, config, depth + 1) === "guards");
}

/**
 * A project helper called in a handler (`await getTeamOrThrow(id)`, `const user = await getUserFromRequest(req)`):
 * "guards" when its definition checks an auth result and stops on failure, "returns-session" when it calls an
 * auth function without checking (the caller must check its result), undefined otherwise or when unresolvable.
 */
export function classifyAuthHelper(context: Context, call: TSESTree.CallExpression, config: AuthConfig): HelperAuth {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const definition = definitionOf(context, callee);
  return definition ? functionAuth(definition, config, 0) : undefined;
}

/**
 * A wrapper around a handler (`withWorkspace(handler, opts)`, `withAdmin(handler)`): does its definition
 * authenticate and stop on failure? Names in `config.wrappers` are trusted without looking.
 */
export function classifyWrapper(context: Context, wrapperCall: TSESTree.CallExpression, config: AuthConfig): AuthVerdict {
  const { full, last } = calleeName(wrapperCall);
  if ((full !== undefined && config.wrappers.has(full)) || (last !== undefined && config.wrappers.has(last))) return "yes";
  const callee = wrapperCall.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return "unknown";
  const definition = definitionOf(context, callee);
  if (!definition || !definitionFunction(definition.node)) return "unknown";
  return functionAuth(definition, config, 0) === "guards" ? "yes" : "no";
}

/** A middleware function (`.use(fn)` of a safe-action client, or a middleware binding): does it authenticate? */
function middlewareAuthenticates(node: TSESTree.Node, file: ParsedFile | undefined, config: AuthConfig, depth: number): AuthVerdict {
  if (isFunction(node)) {
    if (!file) return authenticates(analyzeAuth(node, config)) ? "yes" : "no";
    return functionAuth({ file, name: "", node, imported: true }, config, depth) === "guards" ? "yes" : "no";
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (config.wrappers.has(node.name) || isAuthLikeName(node.name)) return "yes";
    const definition = file && depth < 3 ? definitionInFile(file, node.name) : undefined;
    if (!definition) return "unknown";
    return middlewareAuthenticates(definition.node, definition.file, config, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    // createMiddleware().define(async ({ next }) => ...)
    const fn = node.arguments.find((a) => isFunction(a));
    if (fn) return middlewareAuthenticates(fn, file, config, depth);
  }
  return "unknown";
}

/**
 * A next-safe-action client expression (`authActionClient`, `actionClient.use(mw)`): does one of its
 * middlewares authenticate? Follows the client's definition (same file or one import away), and the
 * definitions of the clients it is built from in that file (`authActionClient = actionClient.use(...)`).
 */
export function classifySafeActionClient(context: Context, client: TSESTree.Node, config: AuthConfig): AuthVerdict {
  const name = memberName(client);
  if (name !== undefined && config.wrappers.has(name)) return "yes";
  if (client.type === AST_NODE_TYPES.Identifier || client.type === AST_NODE_TYPES.MemberExpression) {
    const definition = definitionOf(context, client);
    if (!definition) return "unknown";
    return clientDefinitionVerdict(definition, config, 0);
  }
  if (client.type === AST_NODE_TYPES.CallExpression) {
    return clientExpressionVerdict(client, localFile(context), config, 0);
  }
  return "unknown";
}

function memberName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return node.property.name;
  }
  return undefined;
}

function clientDefinitionVerdict(definition: Definition, config: AuthConfig, depth: number): AuthVerdict {
  return classifyDefinition<AuthVerdict>(
    definition,
    configKey(CLIENT_PREFIXES[depth] ?? `client${depth}`, config),
    (d) => clientExpressionVerdict(d.node, d.file, config, depth),
    "unknown",
  );
}

function clientExpressionVerdict(expression: TSESTree.Node, file: ParsedFile, config: AuthConfig, depth: number): AuthVerdict {
  if (expression.type !== AST_NODE_TYPES.CallExpression) {
    if (expression.type === AST_NODE_TYPES.Identifier && depth < 3) {
      const next = definitionInFile(file, expression.name);
      return next ? clientDefinitionVerdict(next, config, depth + 1) : "unknown";
    }
    return "unknown";
  }
  const { root, calls } = callChain(expression);
  let verdict: AuthVerdict = "no";
  for (const call of calls) {
    const callee = call.callee as TSESTree.MemberExpression;
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
    if (method !== "use" && method !== "useValidated") continue;
    const argument = call.arguments[0];
    if (!argument) continue;
    const result = middlewareAuthenticates(argument, file, config, depth);
    if (result === "yes") return "yes";
    if (result === "unknown") verdict = "unknown";
  }
  if (root.type === AST_NODE_TYPES.CallExpression) {
    const { last } = calleeName(root);
    return last === "createSafeActionClient" || last === "createServerAction" ? verdict : "unknown";
  }
  if (root.type === AST_NODE_TYPES.Identifier) {
    if (config.wrappers.has(root.name)) return "yes";
    if (depth >= 3) return "unknown";
    const next = definitionInFile(file, root.name);
    if (!next) return "unknown";
    const base = clientDefinitionVerdict(next, config, depth + 1);
    return base === "yes" ? "yes" : base === "unknown" || verdict === "unknown" ? "unknown" : "no";
  }
  return "unknown";
}

/** A project helper that receives a request value: does its definition validate with a schema? undefined = unresolvable. */
export function helperValidates(context: Context, callee: TSESTree.Node, validators: ReadonlySet<string>): boolean | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const definition = definitionOf(context, callee);
  if (!definition) return undefined;
  return classifyDefinition<boolean | undefined>(
    definition,
    `validates:${[...validators].join(",")}`,
    (d) => {
      const fn = definitionFunction(d.node);
      return fn ? containsValidatorCall(fn, validators) : undefined;
    },
    undefined,
  );
}

const SCHEMA_MODULE: FollowOptions = { textTest: mayDefineSchema };

/** Is an identifier (not named like a schema) bound to a schema expression (`const input = z.object(...)`)? */
export function isSchemaDefinition(context: Context, id: TSESTree.Identifier): boolean {
  // a module whose text cannot define a schema answers as one not found (false): it is not parsed
  const definition = definitionOfName(context, id.name, SCHEMA_MODULE);
  if (!definition) return false;
  return classifyDefinition(definition, "schema", (d) => isSchemaLike(d.node), false);
}
