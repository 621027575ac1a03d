/**
 * The core: ESLint's own `ESLint` class with the plugin's Prisma language and schema rules, so suppression
 * comments, fixes, option validation and the stylish/json formatters are ESLint's. Everything the CLI adds
 * (discovery, config files, SARIF/GitHub formats, exit codes) sits around this module.
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
}

let pluginCache: ESLint.Plugin | undefined;

/**
 * A plugin object with only the language and the schema rules, under the plugin's namespace, so rule ids
 * are `backend-architect/<id>` exactly as under ESLint with the full plugin (and start-up skips the
 * TypeScript rules).
 */
export function schemaPlugin(): ESLint.Plugin {
  const { name, version } = readPackageInfo();
  pluginCache ??= {
    meta: { name, version, namespace: NAMESPACE },
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

/**
 * Validates rule options with ESLint itself (meta.schema, meta.defaultOptions), one rule at a time so that
 * every broken rule is reported at once rather than only the first.
 */
export async function validateRuleOptions(
  settings: ReadonlyMap<string, RuleSetting>,
  problems: UserError[],
): Promise<void> {
  const { Linter } = await import("eslint");
  const linter = new Linter({ configType: "flat" });
  const plugin = schemaPlugin();
  for (const [id, { entry, source }] of settings) {
    if (source === undefined) continue; // the built-in defaults are valid
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (severity === "off" || severity === 0) continue;
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

/** Lints schema texts with ESLint; results are ESLint's `LintResult`s, sorted by file path. */
export class Engine {
  readonly #eslint: ESLint;

  private constructor(eslint: ESLint) {
    this.#eslint = eslint;
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const { ESLint } = await import("eslint");
    const cwd = commonAncestor([options.cwd ?? process.cwd(), ...options.files]);
    const extra = options.files.filter((f) => !f.endsWith(".prisma")).map((f) => escapeGlob(path.relative(cwd, f)));
    const overrideConfig: Linter.Config[] = [
      {
        files: ["**/*.prisma", ...extra],
        plugins: { [NAMESPACE]: schemaPlugin() },
        language: PRISMA_LANGUAGE,
        rules: options.rules as Linter.RulesRecord,
      },
    ];
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig,
      fix: options.fix ? (options.quiet ? (message) => message.severity === 2 : true) : false,
      ...(options.quiet ? { ruleFilter: ({ severity }: { severity: number }) => severity === 2 } : {}),
    });
    return new Engine(eslint);
  }

  /** The ESLint instance (for its formatters and rule meta). */
  get eslint(): ESLint {
    return this.#eslint;
  }

  async lint(schemas: readonly SchemaText[]): Promise<ESLint.LintResult[]> {
    const results: ESLint.LintResult[] = [];
    for (const { filePath, text } of schemas) {
      results.push(...(await this.#eslint.lintText(text, { filePath, warnIgnored: true })));
    }
    return results;
  }
}
