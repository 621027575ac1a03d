/**
 * The core: ESLint's own `Linter` with the plugin's Prisma language and schema rules, so suppression
 * comments, fixes, option validation and the stylish/json formatters are ESLint's. Everything the CLI adds
 * (discovery, config files, SARIF/GitHub formats, exit codes) sits around this module.
 *
 * Start-up time is most of a CLI run on a real schema, so this module loads ESLint's `Linter` alone
 * (`eslint/universal`) rather than the `ESLint` class and the rest of its API, and builds the `LintResult`s
 * the `ESLint` class would (`tests/prisma-lint/engine-equivalence.test.ts` compares the two).
 */
import path from "node:path";
import type { ESLint, Linter } from "eslint";
import { PrismaLanguage } from "./language/index.js";
import { schemaRules as schemaRulesRegistry } from "./rules/index.js";
import { firstLine, UserError } from "./errors.js";
import { NAMESPACE, type RuleEntry, type RuleMetaLike, type RuleSetting } from "./config.js";
import { readPackageInfo } from "../lib/util/package-info.js";

export const PRISMA_LANGUAGE = `${NAMESPACE}/prisma`;

/** The schema rules by bare id. */
export const schemaRules = schemaRulesRegistry as unknown as Record<string, RuleMetaLike & { meta: RuleMeta }>;

/** The parts of a rule's meta the formatters use. */
export interface RuleMeta {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { description?: string; url?: string; recommended?: unknown; severity?: unknown };
  languages?: readonly string[];
  schema?: unknown;
  deprecated?: unknown;
  replacedBy?: readonly string[];
}

type LinterClass = typeof Linter;
let linterClass: Promise<LinterClass> | undefined;

/** ESLint's `Linter`: from `eslint/universal` (the `Linter` alone), or the main entry on older ESLint 9. */
export function loadLinter(): Promise<LinterClass> {
  linterClass ??= import("eslint/universal").then(
    (m) => m.Linter as unknown as LinterClass,
    () => import("eslint").then((m) => m.Linter),
  );
  return linterClass;
}

let pluginCache: ESLint.Plugin | undefined;

/**
 * A plugin object with only the language and the schema rules, under the plugin's namespace, so rule ids
 * are `backend-architect/<id>` exactly as under ESLint with the full plugin (and start-up skips the
 * TypeScript rules).
 */
export function schemaPlugin(): ESLint.Plugin {
  pluginCache ??= {
    meta: { ...readPackageInfo(), namespace: NAMESPACE },
    languages: { prisma: PrismaLanguage as unknown as NonNullable<ESLint.Plugin["languages"]>[string] },
    rules: schemaRulesRegistry as unknown as NonNullable<ESLint.Plugin["rules"]>,
  };
  return pluginCache;
}

/** ESLint's rule-options message, on one line (`Value "x" should be array.`). */
function optionsMessage(error: unknown, ruleId: string): string {
  const message = (error as Error)?.message ?? String(error);
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .filter((l) => !l.startsWith(`Key "rules": Key "${ruleId}"`) && !l.startsWith("Configuration for rule"));
  return (lines.join(" ") || firstLine(message)).replace(/\s+/gu, " ");
}

function hasDefault(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasDefault);
  if (schema === null || typeof schema !== "object") return false;
  return Object.entries(schema).some(([key, value]) => key === "default" || hasDefault(value));
}

/**
 * True when ESLint's check of this entry cannot fail and cannot change it: no options are given, and the
 * rule's schema is ESLint's array form (which accepts no options) without `default`s (which ESLint's Ajv
 * would fill in). ESLint builds its Ajv instance, a noticeable share of a CLI run, on the first check, so
 * these entries are not sent through it.
 */
function checkIsNoOp(rule: { meta?: RuleMeta } | undefined, entry: RuleEntry): boolean {
  if (Array.isArray(entry) && entry.length > 1) return false;
  const schema = rule?.meta?.schema;
  return schema === false || (Array.isArray(schema) && !hasDefault(schema));
}

/**
 * Validates rule options with ESLint itself (meta.schema, meta.defaultOptions), one rule at a time so that
 * every broken rule is reported at once rather than only the first.
 */
export async function validateRuleOptions(
  settings: ReadonlyMap<string, RuleSetting>,
  problems: UserError[],
): Promise<void> {
  const toCheck = [...settings].filter(([id, { entry, source }]) => {
    if (source === undefined) return false; // the built-in defaults are valid
    const severity = Array.isArray(entry) ? entry[0] : entry;
    return severity !== "off" && severity !== 0 && !checkIsNoOp(schemaRules[id], entry);
  });
  if (toCheck.length === 0) return;
  const Linter = await loadLinter();
  const linter = new Linter({ configType: "flat" });
  const plugin = schemaPlugin();
  for (const [id, { entry, source }] of toCheck) {
    const ruleId = `${NAMESPACE}/${id}`;
    try {
      linter.verify("", [{ files: ["**/*.prisma"], plugins: { [NAMESPACE]: plugin }, language: PRISMA_LANGUAGE, rules: { [ruleId]: entry as Linter.RuleEntry } }], {
        filename: "schema.prisma",
      });
    } catch (error) {
      problems.push(new UserError(`rule "${id}": invalid options: ${optionsMessage(error, ruleId)}`, source));
    }
  }
}

/** The deepest folder that contains every path. */
export function commonAncestor(paths: readonly string[]): string {
  let common = path.resolve(paths[0]!);
  for (const p of paths.slice(1)) {
    const absolute = path.resolve(p);
    while (absolute !== common && !absolute.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) {
      const parent = path.dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

function escapeGlob(relative: string): string {
  return relative.split(path.sep).join("/").replace(/[*?[\]{}()!+@\\]/gu, "\\$&");
}

export interface EngineOptions {
  /** ESLint rules (namespaced ids). */
  rules: Record<string, RuleEntry>;
  /** The files to be linted (their folders decide ESLint's base path). */
  files: readonly string[];
  /** `true` to compute fixes (`output` in the results). */
  fix?: boolean;
  /** Errors only: rules set to "warn" do not run and warnings are not fixed (ESLint's `--quiet`). */
  quiet?: boolean;
  cwd?: string;
}

export interface SchemaText {
  filePath: string;
  text: string;
}

/** The plugin for one run: rules whose options were checked already lose their schema (see `checkIsNoOp`). */
function pluginFor(rules: Readonly<Record<string, RuleEntry>>, texts: readonly SchemaText[]): ESLint.Plugin {
  const plugin = schemaPlugin();
  // an inline `/* eslint rule: [...] */` comment may give options that only ESLint checks
  if (texts.some((t) => t.text.includes("eslint"))) return plugin;
  const registry = plugin.rules as Record<string, { meta?: RuleMeta }>;
  const copies: Record<string, unknown> = { ...registry };
  for (const [ruleId, entry] of Object.entries(rules)) {
    const id = ruleId.slice(NAMESPACE.length + 1);
    const rule = registry[id];
    if (rule?.meta && rule.meta.schema !== false && checkIsNoOp(rule, entry)) copies[id] = { ...rule, meta: { ...rule.meta, schema: false } };
  }
  return { ...plugin, rules: copies as NonNullable<ESLint.Plugin["rules"]> };
}

const NO_CONFIG = /^No matching configuration found for /u;

/** `ESLint#lintText`'s result for a file its default ignores (`**\/node_modules/`, `.git/`) skip. */
function ignoredResult(filePath: string, cwd: string, eslintVersion: string): ESLint.LintResult {
  const inNodeModules = path.dirname(path.relative(cwd, filePath)).split(path.sep).includes("node_modules");
  const message = inNodeModules
    ? 'File ignored by default because it is located under the node_modules directory. Use ignore pattern "!**/node_modules/" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.'
    : 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.';
  const warning = { ruleId: null, fatal: false, severity: 1, message, ...(eslintVersion.startsWith("9.") ? { nodeType: null } : {}) };
  return {
    filePath,
    messages: [warning as Linter.LintMessage],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** ESLint's per-file counts (`calculateStatsPerFile`). */
function counts(messages: readonly Linter.LintMessage[]) {
  const stats = { errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const message of messages) {
    if (message.fatal || message.severity === 2) {
      stats.errorCount++;
      if (message.fatal) stats.fatalErrorCount++;
      if (message.fix) stats.fixableErrorCount++;
    } else {
      stats.warningCount++;
      if (message.fix) stats.fixableWarningCount++;
    }
  }
  return stats;
}

/** The deprecated rules a run uses, as the `ESLint` class lists them (none today). */
function deprecatedRules(rules: Readonly<Record<string, RuleEntry>>): ESLint.DeprecatedRuleUse[] {
  const used: ESLint.DeprecatedRuleUse[] = [];
  for (const [ruleId, entry] of Object.entries(rules)) {
    const severity = Array.isArray(entry) ? entry[0] : entry;
    const meta = schemaRules[ruleId.slice(NAMESPACE.length + 1)]?.meta;
    if (severity === "off" || severity === 0 || !meta?.deprecated) continue;
    const info = typeof meta.deprecated === "object" ? (meta.deprecated as { replacedBy?: unknown }) : undefined;
    const replacements = info ? (Array.isArray(info.replacedBy) ? (info.replacedBy as Array<{ plugin?: { name?: unknown }; rule?: { name?: unknown } }>) : []) : undefined;
    const replacedBy = replacements
      ? replacements.map((r) => `${typeof r?.plugin?.name === "string" ? `${r.plugin.name}/` : ""}${typeof r?.rule?.name === "string" ? r.rule.name : ""}`)
      : [...(meta.replacedBy ?? [])];
    used.push({ ruleId, replacedBy, info } as ESLint.DeprecatedRuleUse);
  }
  return used;
}

/** What the `ESLint` class uses of the `Linter`, beyond its public types: a fix filter, suppressed messages. */
interface FullLinter {
  verifyAndFix(
    text: string,
    config: Linter.Config[],
    options: { filename: string; fix: boolean | ((message: Linter.LintMessage) => boolean); ruleFilter: (rule: { ruleId: string; severity: number }) => boolean },
  ): Linter.FixReport;
  getSuppressedMessages(): Linter.SuppressedLintMessage[];
}

/** Lints schema texts with ESLint's `Linter`; results are what `ESLint#lintText` gives. */
export class Engine {
  readonly #linter: FullLinter;
  readonly #version: string;
  readonly #options: EngineOptions;
  readonly #cwd: string;
  readonly #files: string[];

  private constructor(Linter: LinterClass, options: EngineOptions, cwd: string, files: string[]) {
    this.#linter = new Linter({ cwd, configType: "flat" }) as unknown as FullLinter;
    this.#version = Linter.version;
    this.#options = options;
    this.#cwd = cwd;
    this.#files = files;
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const Linter = await loadLinter();
    const cwd = commonAncestor([options.cwd ?? process.cwd(), ...options.files]);
    const files = ["**/*.prisma", ...options.files.filter((f) => !f.endsWith(".prisma")).map((f) => escapeGlob(path.relative(cwd, f)))];
    return new Engine(Linter, options, cwd, files);
  }

  lint(schemas: readonly SchemaText[]): ESLint.LintResult[] {
    const { rules, fix, quiet } = this.#options;
    const config: Linter.Config[] = [
      {
        files: this.#files,
        plugins: { [NAMESPACE]: pluginFor(rules, schemas) },
        language: PRISMA_LANGUAGE,
        rules: rules as Linter.RulesRecord,
      },
    ];
    const fixer = fix ? (quiet ? (message: Linter.LintMessage) => message.severity === 2 : true) : false;
    const ruleFilter = quiet ? ({ severity }: { severity: number }) => severity === 2 : () => true;
    const usedDeprecatedRules = deprecatedRules(rules);
    return schemas.map(({ filePath, text }) => {
      const resolved = path.resolve(this.#cwd, filePath);
      const { fixed, messages, output } = this.#linter.verifyAndFix(text, config, { filename: resolved, fix: fixer, ruleFilter });
      if (messages.length === 1 && messages[0]!.ruleId === null && messages[0]!.line === 0 && NO_CONFIG.test(messages[0]!.message)) {
        return ignoredResult(resolved, this.#cwd, this.#version);
      }
      const result: ESLint.LintResult = {
        filePath: resolved,
        messages,
        suppressedMessages: this.#linter.getSuppressedMessages(),
        ...counts(messages),
      } as ESLint.LintResult;
      if (fixed) result.output = output;
      if (result.errorCount + result.warningCount > 0 && result.output === undefined) result.source = text;
      result.usedDeprecatedRules = usedDeprecatedRules;
      return result;
    });
  }
}

/** `ESLint.getErrorResults`: the results with errors, errors only. */
export function errorResults(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  return results.flatMap((result) => {
    const messages = result.messages.filter((m) => m.severity === 2);
    if (messages.length === 0) return [];
    return [
      {
        ...result,
        messages,
        suppressedMessages: result.suppressedMessages.filter((m) => m.severity === 2),
        errorCount: messages.length,
        warningCount: 0,
        fixableErrorCount: result.fixableErrorCount,
        fixableWarningCount: 0,
      },
    ];
  });
}
