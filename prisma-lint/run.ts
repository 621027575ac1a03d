/**
 * The `prisma-lint` command: arguments → schema files → config → ESLint → report → exit code.
 * Exit codes: 0 clean (or warnings within --max-warnings), 1 lint errors or too many warnings,
 * 2 usage, config, file or schema syntax errors.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ESLint } from "eslint";
import { HELP, parseCliArgs, type CliOptions } from "./args.js";
import {
  applyConfig,
  bareRuleId,
  displayPath,
  loadConfigFile,
  parseRuleFlag,
  recommendedSettings,
  searchConfig,
  toEslintRules,
  type LoadedConfig,
  type RuleSetting,
} from "./config.js";
import type { SchemaTarget } from "./discovery.js";
import { describeFsError, firstLine, UserError, UserErrors } from "./errors.js";
import { readSchemaFile, writeFileAtomic } from "./files.js";
import { readPackageInfo } from "../lib/util/package-info.js";

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_LINT = 1;
export const EXIT_USAGE = 2;

function decideColor(options: CliOptions, io: Io): boolean {
  if (options.color !== undefined) return options.color;
  if (options.outputFile !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return io.stdout.isTTY === true;
}

function isDebug(env: Io["env"]): boolean {
  return (env.DEBUG ?? "").split(/[\s,]+/u).some((name) => name === "prisma-lint" || name === "*" || name === "prisma-lint:*");
}

/** One schema file to lint, with the label the user knows it by. */
interface SchemaFile {
  filePath: string;
  label: string;
}

/** Files that share a config (usually all of them). */
interface ConfigGroup {
  loaded: LoadedConfig;
  files: SchemaFile[];
}

async function groupByConfig(targets: readonly SchemaTarget[], options: CliOptions, cwd: string): Promise<ConfigGroup[]> {
  const files = (t: SchemaTarget): SchemaFile[] =>
    t.files.map((filePath) => ({ filePath, label: t.files.length === 1 && !t.folder ? t.label : displayPath(filePath, cwd) }));
  if (options.config !== undefined) {
    const loaded = await loadConfigFile(options.config, cwd);
    return [{ loaded, files: targets.flatMap(files) }];
  }
  const groups = new Map<string, ConfigGroup>();
  for (const target of targets) {
    const loaded = await searchConfig(target.configDir);
    const key = loaded.filepath ?? "";
    const group = groups.get(key) ?? { loaded, files: [] };
    group.files.push(...files(target));
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The rule settings for a group: recommended, then the config file, then `--rule` flags. A config of the
 * npm package `prisma-lint` is translated first, and replaces the recommended rules (theirs are all off
 * by default, so switching adds no findings).
 */
async function settingsFor(
  group: ConfigGroup,
  options: CliOptions,
  cwd: string,
  problems: UserError[],
  notes: string[],
): Promise<Map<string, RuleSetting>> {
  const { schemaRules } = await import("./engine.js");
  const flagRules = options.rules.map((flag) => [flag, parseRuleFlag(flag, problems)] as const);
  const named = [
    ...Object.keys((group.loaded.config as { rules?: object } | undefined)?.rules ?? {}),
    ...flagRules.flatMap(([, rules]) => Object.keys(rules ?? {})),
  ];
  // loading the TypeScript rules costs start-up time: only for a helpful message about an unknown id
  const otherRuleIds = named.some((id) => !Object.hasOwn(schemaRules, bareRuleId(id))) ? await typeScriptRuleIds() : new Set<string>();
  const translated = group.loaded.translatedFrom !== undefined;
  const settings = translated ? new Map<string, RuleSetting>() : recommendedSettings(schemaRules);
  if (group.loaded.filepath !== undefined) {
    const source = displayPath(group.loaded.filepath, cwd);
    let config: unknown = group.loaded.config;
    if (translated) {
      const { translatePrismalintConfig, translationNote } = await import("./prismalint-config.js");
      const translation = translatePrismalintConfig(config, source, new Set(Object.keys(schemaRules)));
      problems.push(...translation.problems);
      notes.push(translationNote(source, translation.notes));
      config = translation.config;
    }
    applyConfig(config, source, schemaRules, settings, problems, otherRuleIds);
  }
  for (const [flag, rules] of flagRules) {
    if (rules) applyConfig({ rules }, `--rule ${flag}`, schemaRules, settings, problems, otherRuleIds);
  }
  return settings;
}

let tsRuleIds: Promise<Set<string>> | undefined;
/** The plugin's TypeScript rule ids, so that `--rule no-floating-query:error` gets a helpful message. */
function typeScriptRuleIds(): Promise<Set<string>> {
  tsRuleIds ??= import("../lib/rules/index.js").then(
    (m) => new Set(Object.keys(m.rules)),
    () => new Set<string>(),
  );
  return tsRuleIds;
}

function enabledRules(settings: ReadonlyMap<string, RuleSetting>, quiet: boolean): Map<string, 1 | 2> {
  const enabled = new Map<string, 1 | 2>();
  for (const [id, { entry }] of settings) {
    const severity = Array.isArray(entry) ? entry[0] : entry;
    const level = severity === "error" || severity === 2 ? 2 : severity === "warn" || severity === 1 ? 1 : 0;
    if (level === 2 || (level === 1 && !quiet)) enabled.set(id, level);
  }
  return enabled;
}

/** The parse error's message without ESLint's "Parsing error: " prefix. */
function syntaxMessage(message: string): string {
  return message.replace(/^Parsing error: /u, "");
}

/** "internal error" with what ESLint says about where it happened. */
function internalError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = /Occurred while linting (.+)/u.exec(message)?.[1];
  const rule = /Rule: "([^"]+)"/u.exec(message)?.[1];
  const file = where && /^(.*?)(:\d+)?$/u.exec(where);
  const context = [file && displayPath(file[1]!) + (file[2] ?? ""), rule && `rule ${bareRuleId(rule)}`].filter(Boolean).join(", ");
  return `internal error: ${firstLine(message)}${context ? ` (${context})` : ""}; please report it (DEBUG=prisma-lint prints the stack)`;
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${readPackageInfo().version}\n`);
    return EXIT_OK;
  }
  const cwd = io.cwd;
  const color = decideColor(options, io);
  // ESLint 9's stylish formatter colours through chalk, which reads FORCE_COLOR when it loads
  io.env.FORCE_COLOR = color ? "1" : "0";

  const { resolveTargets } = await import("./discovery.js");
  const discovery = resolveTargets(options.paths, cwd);
  for (const warning of discovery.warnings) io.stderr.write(`prisma-lint: ${warning}\n`);

  const groups = await groupByConfig(discovery.targets, options, cwd);
  const { Engine, validateRuleOptions, schemaRules } = await import("./engine.js");
  const problems: UserError[] = [];
  const notes: string[] = [];
  const groupSettings: Map<string, RuleSetting>[] = [];
  for (const group of groups) {
    const settings = await settingsFor(group, options, cwd, problems, notes);
    await validateRuleOptions(settings, problems);
    groupSettings.push(settings);
  }
  if (problems.length > 0) {
    const unique = [...new Map(problems.map((p) => [p.line, p])).values()];
    throw new UserErrors(unique);
  }
  if (options.printConfig) {
    io.stdout.write(`${printedConfig(groupSettings[0] ?? new Map(), schemaRules)}\n`);
    return EXIT_OK;
  }
  if (!options.quiet) for (const note of new Set(notes)) io.stderr.write(note);

  const fix = options.fix || options.fixDryRun;
  const labels = new Map<string, string>();
  const results: ESLint.LintResult[] = [];
  const enabled = new Map<string, 1 | 2>();
  for (const [i, group] of groups.entries()) {
    const texts = group.files.map((f) => {
      labels.set(f.filePath, f.label);
      return { filePath: f.filePath, text: readSchemaFile(f.filePath, f.label) };
    });
    const settings = groupSettings[i]!;
    for (const [id, level] of enabledRules(settings, options.quiet)) enabled.set(id, Math.max(level, enabled.get(id) ?? 0) as 1 | 2);
    const engine = await Engine.create({ rules: toEslintRules(settings), files: texts.map((t) => t.filePath), fix, quiet: options.quiet, cwd });
    results.push(...(await engine.lint(texts)));
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

  if (options.fix) {
    for (const result of results) {
      if (result.output === undefined) continue;
      const label = labels.get(result.filePath) ?? displayPath(result.filePath, cwd);
      try {
        writeFileAtomic(result.filePath, result.output);
      } catch (error) {
        throw new UserError(`cannot write the fixed schema: ${describeFsError(error)}`, label);
      }
    }
  }

  let syntaxErrors = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (!message.fatal) continue;
      syntaxErrors++;
      const label = labels.get(result.filePath) ?? displayPath(result.filePath, cwd);
      io.stderr.write(`${label}:${message.line ?? 0}:${message.column ?? 0}: ${syntaxMessage(message.message)}\n`);
    }
  }

  const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  const { errorResults } = await import("./engine.js");
  const reported = options.quiet ? errorResults(results) : results;

  const { formatResults } = await import("./formatters/index.js");
  const baseDir = io.env.GITHUB_WORKSPACE && isInside(io.env.GITHUB_WORKSPACE, results.map((r) => r.filePath)) ? io.env.GITHUB_WORKSPACE : cwd;
  const report = await formatResults(options.format, reported, {
    baseDir: path.resolve(baseDir),
    color,
    enabledRules: enabled,
    rulesMeta: Object.fromEntries(Object.entries(schemaRules).map(([id, rule]) => [id, rule.meta])),
    version: readPackageInfo().version,
  });

  if (options.outputFile !== undefined) {
    const target = path.resolve(cwd, options.outputFile);
    if (existsSync(target) && statSync(target).isDirectory()) {
      throw new UserError("cannot write the report: it is a directory", options.outputFile);
    }
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, report);
    } catch (error) {
      throw new UserError(`cannot write the report: ${describeFsError(error)}`, options.outputFile);
    }
  } else if (report !== "") {
    // like ESLint: a newline after the report on standard output, the report as is in a file
    io.stdout.write(`${report}\n`);
  }

  if (syntaxErrors > 0) return EXIT_USAGE;
  if (errorCount - syntaxErrors > 0) return EXIT_LINT;
  if (options.maxWarnings !== undefined && warningCount > options.maxWarnings) {
    io.stderr.write(`prisma-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return EXIT_LINT;
  }
  return EXIT_OK;
}

/** `--print-config`: every schema rule with its setting, as a `prisma-lint.config.json`. */
function printedConfig(settings: ReadonlyMap<string, RuleSetting>, schemaRules: Readonly<Record<string, unknown>>): string {
  const rules: Record<string, unknown> = {};
  for (const id of Object.keys(schemaRules).sort()) rules[id] = settings.get(id)?.entry ?? "off";
  return JSON.stringify({ rules }, null, 2);
}

function isInside(dir: string, files: readonly string[]): boolean {
  const base = path.resolve(dir) + path.sep;
  return files.length > 0 && files.every((f) => f.startsWith(base));
}

/** Runs the command; never throws, never prints a stack trace unless DEBUG=prisma-lint. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UserErrors) {
      for (const e of error.errors) io.stderr.write(`prisma-lint: ${e.line}\n`);
    } else if (error instanceof UserError) {
      io.stderr.write(`prisma-lint: ${error.line}\n`);
    } else {
      io.stderr.write(`prisma-lint: ${internalError(error)}\n`);
    }
    if (isDebug(io.env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
