/**
 * The CLI's config: `prisma-lint.config.{js,mjs,json}` or `package.json#prisma-lint`, found as lilconfig
 * finds it (config-search.ts) from the schema's folder upward, or named with `--config`; `--rule id:severity` on top.
 * Shape: `{ rules: { "<id>": "error" | ["warn", { ...options }] } }`; the default is the recommended schema rules.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { findConfigFile, FolderListings, packageProp, type SearchPlaces } from "./config-search.js";
import { describeFsError, firstLine, UserError } from "./errors.js";

export type Severity = "off" | "warn" | "error" | 0 | 1 | 2;
export type RuleEntry = Severity | [Severity, ...unknown[]];

/** What a config file holds. */
export interface PrismaLintConfig {
  rules?: Record<string, RuleEntry>;
}

/** A config as loaded: where it came from (undefined = none found: the defaults). */
export interface LoadedConfig {
  config: PrismaLintConfig | undefined;
  filepath: string | undefined;
  /** Set when the file is a config of the npm package `prisma-lint`: `config` is theirs, to be translated. */
  translatedFrom?: string;
}

/** What a rule looks like to the config code: its meta is enough. */
export interface RuleMetaLike {
  meta?: { docs?: { recommended?: unknown; severity?: unknown }; languages?: readonly string[] };
}

/** A rule setting and where it was set, for messages. */
export interface RuleSetting {
  entry: RuleEntry;
  /** The config file or `--rule ...` flag; undefined for the built-in default. */
  source: string | undefined;
}

export const NAMESPACE = "backend-architect";
const CONFIG_NAME = "prisma-lint";
export const CONFIG_FILES = ["prisma-lint.config.js", "prisma-lint.config.mjs", "prisma-lint.config.json"];
const SEARCH_PLACES = ["package.json", ...CONFIG_FILES];
const SEVERITIES = new Set<unknown>(["off", "warn", "error", 0, 1, 2]);

/** The path to show for a file: relative to the cwd when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

class ConfigLoadError extends Error {
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
    throw new ConfigLoadError(filepath, `cannot parse JSON: ${firstLine((error as Error).message)}`);
  }
}

/** Runs a JavaScript config as lilconfig does (only loaded for one: it costs start-up time). */
async function loadJs(filepath: string, content: string): Promise<unknown> {
  const { defaultLoaders } = await import("lilconfig");
  try {
    return await defaultLoaders[".js"]!(filepath, content);
  } catch (error) {
    throw new ConfigLoadError(filepath, `cannot load config: ${firstLine((error as Error)?.message ?? String(error))}`);
  }
}

const JS_EXTENSIONS = new Set([".js", ".mjs", ".cjs"]);

/** A config file's value by its extension (`.json`, no extension: JSON; `.js`, `.mjs`, `.cjs`: run); an empty file is an empty config. */
async function loadContent(filepath: string, content: string): Promise<PrismaLintConfig> {
  if (content.trim() === "") return {};
  return (JS_EXTENSIONS.has(path.extname(filepath)) ? await loadJs(filepath, content) : parseJson(filepath, content)) as PrismaLintConfig;
}

/** Where ours is looked for in each folder. */
const SEARCH: SearchPlaces = { places: SEARCH_PLACES, packageProp: CONFIG_NAME, ignoreEmpty: false, parseJson };

function rethrow(error: unknown, fallbackFile: string): never {
  if (error instanceof ConfigLoadError) throw new UserError(error.reason, displayPath(error.filepath));
  if (error instanceof UserError) throw error;
  throw new UserError(`cannot read config: ${describeFsError(error)}`, displayPath(fallbackFile));
}

/**
 * Searches `prisma-lint.config.*` / `package.json#prisma-lint` from `dir` upward (stops at the home folder);
 * when there is none, the config of the npm package `prisma-lint` (see `prismalint-config.ts`).
 */
export async function searchConfig(dir: string): Promise<LoadedConfig> {
  // both searches visit the same folders: each is listed once
  const listings = new FolderListings();
  try {
    const found = findConfigFile(dir, SEARCH, listings);
    if (found) {
      const config = "packageConfig" in found ? (found.packageConfig as PrismaLintConfig) : await loadContent(found.filepath, found.content);
      return { config, filepath: found.filepath };
    }
  } catch (error) {
    rethrow(error, dir);
  }
  const { searchPrismalintConfig } = await import("./prismalint-config.js");
  const theirs = await searchPrismalintConfig(dir, listings);
  return theirs ? { config: theirs.config as PrismaLintConfig, filepath: theirs.filepath, translatedFrom: theirs.filepath } : { config: undefined, filepath: undefined };
}

/** Loads the config file named with `--config` (or the `config` option of the API). */
export async function loadConfigFile(file: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  const theirs = await import("./prismalint-config.js");
  if (theirs.isPrismalintConfigFile(absolute)) {
    return { config: (await theirs.loadPrismalintFile(absolute)) as PrismaLintConfig, filepath: absolute, translatedFrom: absolute };
  }
  const isPackageJson = path.basename(absolute) === "package.json";
  const extension = path.extname(absolute);
  if (!isPackageJson && extension !== ".json" && extension !== "" && !JS_EXTENSIONS.has(extension)) {
    throw new UserError("config file must end in .js, .mjs, .cjs or .json (or be a package.json)", file);
  }
  let config: PrismaLintConfig | undefined;
  try {
    const content = String(readFileSync(absolute));
    if (isPackageJson) {
      const value = packageProp(parseJson(absolute, content), CONFIG_NAME);
      config = value == null ? undefined : (value as PrismaLintConfig);
    } else {
      config = await loadContent(absolute, content);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === "ENOENT") throw new UserError("config file not found", file);
    rethrow(error, absolute);
  }
  if (config == null && isPackageJson) {
    const prismalint = await theirs.loadPrismalintFile(absolute);
    if (prismalint !== undefined) return { config: prismalint as PrismaLintConfig, filepath: absolute, translatedFrom: absolute };
    throw new UserError(`package.json has no "${CONFIG_NAME}" key`, file);
  }
  return { config, filepath: absolute };
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(id: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(id, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best && bestDistance <= Math.max(2, Math.floor(id.length / 3)) ? `; did you mean "${best}"?` : "";
}

/** The bare id (`require-id`) for `require-id` or `backend-architect/require-id`. */
export function bareRuleId(id: string): string {
  return id.startsWith(`${NAMESPACE}/`) ? id.slice(NAMESPACE.length + 1) : id;
}

/** The recommended schema rules at their recommended severity: the default config. */
export function recommendedSettings(rules: Readonly<Record<string, RuleMetaLike>>): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const [id, rule] of Object.entries(rules)) {
    if (rule.meta?.docs?.recommended !== "recommended") continue;
    const severity = rule.meta.docs.severity === "warn" ? "warn" : "error";
    settings.set(id, { entry: severity, source: undefined });
  }
  return settings;
}

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/**
 * Checks one layer of rule settings (a config file's `rules`) and merges it over `settings`.
 * Every problem is collected; nothing is thrown.
 */
function mergeRules(
  rulesValue: unknown,
  source: string,
  schemaRules: Readonly<Record<string, RuleMetaLike>>,
  settings: Map<string, RuleSetting>,
  problems: UserError[],
  otherRuleIds: ReadonlySet<string>,
): void {
  if (rulesValue === undefined) return;
  if (rulesValue === null || typeof rulesValue !== "object" || Array.isArray(rulesValue)) {
    problems.push(new UserError(`"rules" must be an object of rule ids to severities, got ${describe(rulesValue)}`, source));
    return;
  }
  const known = Object.keys(schemaRules);
  for (const [rawId, entry] of Object.entries(rulesValue as Record<string, unknown>)) {
    const id = bareRuleId(rawId);
    if (!Object.hasOwn(schemaRules, id)) {
      const hint = otherRuleIds.has(id)
        ? `; "${id}" lints TypeScript and runs under ESLint, not prisma-lint`
        : suggestion(id, known);
      problems.push(new UserError(`unknown rule "${rawId}"${hint}`, source));
      continue;
    }
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (!SEVERITIES.has(severity)) {
      problems.push(
        new UserError(`rule "${id}": severity must be "off", "warn" or "error" (or 0, 1, 2), got ${describe(severity)}`, source),
      );
      continue;
    }
    settings.set(id, { entry: entry as RuleEntry, source });
  }
}

/** Checks a config object's shape and merges its rules over `settings`. */
export function applyConfig(
  config: unknown,
  source: string,
  schemaRules: Readonly<Record<string, RuleMetaLike>>,
  settings: Map<string, RuleSetting>,
  problems: UserError[],
  otherRuleIds: ReadonlySet<string> = new Set(),
): void {
  if (config === undefined) return;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    problems.push(new UserError(`config must be an object like { "rules": { ... } }, got ${describe(config)}`, source));
    return;
  }
  for (const key of Object.keys(config)) {
    if (key !== "rules" && key !== "$schema") {
      problems.push(new UserError(`unknown key "${key}" (a config has "rules" only)`, source));
    }
  }
  mergeRules((config as { rules?: unknown }).rules, source, schemaRules, settings, problems, otherRuleIds);
}

/** Parses `--rule id:severity` (or `--rule 'id:["warn", {...}]'`) into a one-rule config. */
export function parseRuleFlag(flag: string, problems: UserError[]): Record<string, unknown> | undefined {
  const where = `--rule ${flag}`;
  const colon = flag.indexOf(":");
  if (colon <= 0 || colon === flag.length - 1) {
    problems.push(new UserError("expected id:severity, e.g. require-uuid-id:error", where));
    return undefined;
  }
  // a scoped id has its own slash but never a colon, so the first colon separates id and value
  const id = flag.slice(0, colon).trim();
  const value = flag.slice(colon + 1).trim();
  if (value.startsWith("[")) {
    try {
      return { [id]: JSON.parse(value) };
    } catch (error) {
      problems.push(new UserError(`cannot parse the JSON after "${id}:": ${firstLine((error as Error).message)}`, where));
      return undefined;
    }
  }
  return { [id]: /^\d$/u.test(value) ? Number(value) : value };
}

/** ESLint's rules record (namespaced ids) for the settings; "off" rules are left out. */
export function toEslintRules(settings: ReadonlyMap<string, RuleSetting>): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const [id, { entry }] of settings) {
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (severity === "off" || severity === 0) continue;
    rules[`${NAMESPACE}/${id}`] = entry;
  }
  return rules;
}
