/**
 * The config of the npm package `prisma-lint` (loop-payments), read when no config of ours is found, so
 * that switching costs nothing. It is found where that package's cosmiconfig (name `prismalint`) finds it:
 * `package.json#prismalint`, `.prismalintrc` (YAML or JSON), `.prismalintrc.{json,yaml,yml,js,ts,cjs,mjs,cts,mts}`,
 * the same under `.config/` (`.config/prismalintrc[.ext]`), `prismalint.config.{js,ts,cjs,mjs,cts,mts}`;
 * searched from the schema's folder upward like ours. Rule names and options are translated to ours
 * (`translatePrismalintConfig`); only the rules it turns on run (all of theirs are off by default).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LoadedConfig, PrismaLintConfig, RuleEntry } from "./config.js";
import { findConfigFile, FolderListings, type SearchPlaces } from "./config-search.js";
import { firstLine, UserError } from "./errors.js";
import { RENAMED_RULES } from "./prismalint-rules.js";

const NAME = "prismalint";
const EXTENSIONS = ["json", "yaml", "yml", "js", "ts", "cjs", "mjs", "cts", "mts"];
export const PRISMALINT_SEARCH_PLACES = [
  "package.json",
  `.${NAME}rc`,
  ...EXTENSIONS.map((ext) => `.${NAME}rc.${ext}`),
  `.config/${NAME}rc`,
  ...EXTENSIONS.map((ext) => `.config/${NAME}rc.${ext}`),
  ...["js", "ts", "cjs", "mjs", "cts", "mts"].map((ext) => `${NAME}.config.${ext}`),
];

/** Their 18 rule names. */
export const PRISMALINT_RULES = new Set([
  "ban-unbounded-string-type",
  "enum-name-pascal-case",
  "enum-value-case",
  "enum-value-snake-case",
  "field-name-camel-case",
  "field-name-grammatical-number",
  "field-name-mapping-snake-case",
  "field-order",
  "forbid-field",
  "forbid-required-ignored-field",
  "model-name-grammatical-number",
  "model-name-mapping-snake-case",
  "model-name-pascal-case",
  "model-name-prefix",
  "require-default-empty-arrays",
  "require-field",
  "require-field-index",
  "require-field-type",
]);

/** Is this the name of one of their config files (for `--config .prismalintrc.json`)? */
export function isPrismalintConfigFile(file: string): boolean {
  const base = path.basename(file);
  return base === `.${NAME}rc` || base.startsWith(`.${NAME}rc.`) || base.startsWith(`${NAME}rc.`) || base === `${NAME}rc` || base.startsWith(`${NAME}.config.`);
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

class LoadError extends Error {
  constructor(
    readonly filepath: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function parseJson(filepath: string, content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/u, ""));
  } catch (error) {
    throw new LoadError(filepath, `cannot parse JSON: ${firstLine((error as Error).message)}`);
  }
}

async function parseYaml(filepath: string, content: string): Promise<unknown> {
  const { load } = await import("js-yaml");
  try {
    return load(content, { filename: filepath });
  } catch (error) {
    throw new LoadError(filepath, `cannot parse YAML: ${firstLine((error as Error).message)}`);
  }
}

function exported(module: unknown): unknown {
  const value = (module as { default?: unknown }).default ?? module;
  return typeof value === "function" ? (value as () => unknown)() : value;
}

async function importModule(filepath: string): Promise<unknown> {
  try {
    return exported(await import(pathToFileURL(filepath).href));
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    throw new LoadError(filepath, `cannot load config: ${firstLine((error as Error)?.message ?? String(error))}`);
  }
}

/**
 * A TypeScript config: Node.js runs it itself where it strips types (22.18+); elsewhere it is compiled
 * with the project's `typescript`, as cosmiconfig does, into a file beside it that is removed afterwards.
 */
async function importTypeScript(filepath: string, content: string): Promise<unknown> {
  try {
    return await importModule(filepath);
  } catch (error) {
    if (error instanceof LoadError) throw error;
  }
  let ts: typeof import("typescript");
  try {
    ts = createRequire(filepath)("typescript") as typeof import("typescript");
  } catch {
    throw new LoadError(filepath, `cannot load a TypeScript config on Node.js ${process.version}: install "typescript" or use a .json config`);
  }
  const { outputText } = ts.transpileModule(content, {
    fileName: filepath,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler },
  });
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  writeFileSync(compiled, outputText);
  try {
    return await importModule(compiled);
  } finally {
    rmSync(compiled, { force: true });
  }
}

async function loadByName(filepath: string, content: string): Promise<unknown> {
  const base = path.basename(filepath);
  const ext = path.extname(base).slice(1);
  if (ext === "json") return parseJson(filepath, content);
  if (ext === "yaml" || ext === "yml" || ext === "" || !base.includes(".", 1)) return parseYaml(filepath, content);
  if (ext === "js" || ext === "cjs" || ext === "mjs") return importModule(filepath);
  if (ext === "ts" || ext === "cts" || ext === "mts") return importTypeScript(filepath, content);
  return parseYaml(filepath, content);
}

/** Where theirs is looked for in each folder (cosmiconfig's search places, empty files skipped). */
const SEARCH: SearchPlaces = { places: PRISMALINT_SEARCH_PLACES, packageProp: NAME, ignoreEmpty: true, parseJson };

function toUserError(error: unknown, fallback: string): UserError {
  if (error instanceof LoadError) return new UserError(error.reason, error.filepath);
  if (error instanceof UserError) return error;
  return new UserError(`cannot read config: ${firstLine((error as Error)?.message ?? String(error))}`, fallback);
}

/**
 * Their config, searched from `dir` upward (the folders listed for our search are not listed again);
 * `translatedFrom` is set when found.
 */
export async function searchPrismalintConfig(
  dir: string,
  listings = new FolderListings(),
): Promise<{ config: unknown; filepath: string } | undefined> {
  try {
    const found = findConfigFile(dir, SEARCH, listings);
    if (!found) return undefined;
    return { config: "packageConfig" in found ? found.packageConfig : await loadByName(found.filepath, found.content), filepath: found.filepath };
  } catch (error) {
    throw toUserError(error, dir);
  }
}

/** Loads one of their config files by name (`--config .prismalintrc.json`). */
export async function loadPrismalintFile(filepath: string): Promise<unknown> {
  let content: string;
  try {
    content = readFileSync(filepath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === "ENOENT") throw new UserError("config file not found", filepath);
    throw toUserError(error, filepath);
  }
  try {
    const loaded = await loadByName(filepath, content);
    return path.basename(filepath) === "package.json" ? (loaded as Record<string, unknown> | null)?.[NAME] : loaded;
  } catch (error) {
    throw toUserError(error, filepath);
  }
}

// ---------------------------------------------------------------------------------------------
// Translation
// ---------------------------------------------------------------------------------------------

export interface Translation {
  config: PrismaLintConfig;
  problems: UserError[];
  /** What changed on the way, for a person reading the note on stderr. */
  notes: string[];
}

/** A RegExp (from a JS config) as the string our options take. */
function regExpString(value: RegExp): string {
  return `/${value.source}/${value.flags.replace(/[gy]/gu, "")}`;
}

/** Values their rule reads as `^value$` regular expressions: a plain name stays a name, anything else a pattern. */
function anchoredPattern(value: unknown): unknown {
  if (value instanceof RegExp) return regExpString(value);
  if (typeof value !== "string" || /^\/.+\/$/su.test(value) || /^[A-Za-z0-9_]*$/u.test(value)) return value;
  return `/^(?:${value})$/`;
}

/** RegExp objects anywhere in a JS config's options become `"/source/flags"` strings. */
function withRegExpStrings(value: unknown): unknown {
  if (value instanceof RegExp) return regExpString(value);
  if (Array.isArray(value)) return value.map(withRegExpStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRegExpStrings(v)]));
  }
  return value;
}

type Options = Record<string, unknown>;

/** Their options for a rule, as ours. */
function translateOptions(name: string, options: Options): Options {
  switch (name) {
    case "forbid-field":
      return { ...options, forbid: Array.isArray(options.forbid) ? options.forbid.map(anchoredPattern) : options.forbid };
    case "require-field-type":
      return {
        ...options,
        require: Array.isArray(options.require)
          ? options.require.map((r: unknown) => (r && typeof r === "object" ? { ...r, ifName: anchoredPattern((r as Options).ifName) } : r))
          : options.require,
      };
    case "require-field-index": {
      const forNames = options.forNames === undefined ? [] : Array.isArray(options.forNames) ? options.forNames : [options.forNames];
      const { forAllRelations, forNames: _, ...rest } = options;
      return { ...rest, forAllRelations: forAllRelations ?? false, forNames: forNames.map(anchoredPattern) };
    }
    case "enum-value-snake-case":
      return { ...options, style: "snake" };
    default:
      return options;
  }
}

/**
 * Their config (`{ rules: { "<name>": "error" | "off" | ["error", { ...options }] } }`) as ours. Their
 * levels are `error` and `off`: anything but `off` is an error there, and stays one here.
 */
export function translatePrismalintConfig(config: unknown, source: string, ourRuleIds: ReadonlySet<string>): Translation {
  const problems: UserError[] = [];
  const notes: string[] = [];
  const rules: Record<string, RuleEntry> = {};
  const rulesValue = (config as { rules?: unknown } | null)?.rules;
  if (!config || typeof config !== "object" || !rulesValue || typeof rulesValue !== "object" || Array.isArray(rulesValue)) {
    problems.push(new UserError('a prisma-lint config needs a "rules" object', source));
    return { config: { rules }, problems, notes };
  }
  const names = Object.keys(rulesValue).sort();
  for (const name of names) {
    const value = (rulesValue as Record<string, unknown>)[name];
    if (!PRISMALINT_RULES.has(name) && !ourRuleIds.has(name)) {
      problems.push(new UserError(`unknown rule "${name}" (neither a rule of the prisma-lint package nor one of ours)`, source));
      continue;
    }
    const level = Array.isArray(value) ? value[0] : value;
    const ours = Object.hasOwn(RENAMED_RULES, name) ? RENAMED_RULES[name]! : name;
    if (level === "off" || level === 0) {
      rules[ours] ??= "off";
      continue;
    }
    const rawOptions = Array.isArray(value) && value[1] && typeof value[1] === "object" ? (withRegExpStrings(value[1]) as Options) : {};
    const options = PRISMALINT_RULES.has(name) ? translateOptions(name, rawOptions) : rawOptions;
    if (name === "enum-value-snake-case" && names.includes("enum-value-case") && !isOff((rulesValue as Record<string, unknown>)["enum-value-case"])) {
      notes.push('"enum-value-snake-case" is left out: "enum-value-case" is on too, and both are our enum-value-case');
      continue;
    }
    if (name === "require-field-index" && options.forAllRelations === false && (options.forNames as unknown[]).length === 0) continue;
    if (ours !== name) notes.push(`"${name}" is our "${ours}"`);
    rules[ours] = Object.keys(options).length > 0 ? ["error", options] : "error";
  }
  return { config: { rules }, problems, notes };
}

function isOff(value: unknown): boolean {
  const level = Array.isArray(value) ? value[0] : value;
  return level === "off" || level === 0;
}

/** A loaded config of theirs, translated: `translatedFrom` tells the CLI to start from no rules at all. */
export function toLoadedConfig(translation: Translation, filepath: string): LoadedConfig & { translatedFrom: string } {
  return { config: translation.config, filepath, translatedFrom: filepath };
}

/** The line the CLI prints on standard error when it translated one of their configs. */
export function translationNote(file: string, notes: readonly string[]): string {
  const details = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  const remove = path.basename(file) === "package.json" ? `remove "${NAME}" from ${file}` : `delete ${file}`;
  return (
    `prisma-lint: read ${file}, a config of the npm package "prisma-lint", and translated it: only its rules run${details}. ` +
    `To make it ours: prisma-lint --print-config > prisma-lint.config.json, then ${remove}.\n`
  );
}
