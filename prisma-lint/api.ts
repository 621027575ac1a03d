/**
 * The programmatic API, `eslint-plugin-backend-architect/prisma-lint`:
 *
 * ```js
 * import { lintSchema } from "eslint-plugin-backend-architect/prisma-lint";
 * const results = await lintSchema({ files: ["prisma/schema.prisma"] });
 * ```
 *
 * Results are ESLint's `LintResult`s (rule ids `backend-architect/<id>`, as under ESLint), so any ESLint
 * formatter reads them.
 */
import path from "node:path";
import type { ESLint } from "eslint";
import { applyConfig, displayPath, loadConfigFile, recommendedSettings, toEslintRules, type PrismaLintConfig, type RuleSetting } from "./config.js";
import { resolveTargets } from "./discovery.js";
import { Engine, schemaRules, validateRuleOptions } from "./engine.js";
import { UserError, UserErrors } from "./errors.js";
import { readSchemaFile } from "./files.js";

export type { PrismaLintConfig, RuleEntry, Severity } from "./config.js";
export type LintResult = ESLint.LintResult;

export interface LintSchemaOptions {
  /** Schema text to lint. Give either `text` or `files`. */
  text?: string;
  /** The file name `text` is linted as (relative to `cwd`); default `schema.prisma`. */
  filePath?: string;
  /** Schema files, folders (a folder is a multi-file schema: every `.prisma` file in it) or globs. */
  files?: readonly string[];
  /**
   * The rules: a config object (`{ rules: { "require-uuid-id": "error" } }`, applied over the recommended
   * rules) or the path of a config file. Default: the recommended schema rules. No config file is searched.
   */
  config?: PrismaLintConfig | string;
  /** Compute fixes: results carry the fixed text as `output`. Nothing is written to disk. */
  fix?: boolean;
  /** Base folder for relative paths; default `process.cwd()`. */
  cwd?: string;
}

/** A problem with the input (a missing file, an unknown rule, bad options): every problem, one line each. */
export class PrismaLintError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "PrismaLintError";
    this.problems = problems;
  }
}

function toPrismaLintError(error: unknown): unknown {
  if (error instanceof UserErrors) return new PrismaLintError(error.errors.map((e) => e.line));
  if (error instanceof UserError) return new PrismaLintError([error.line]);
  return error;
}

/** Lints a Prisma schema (text or files) with the schema rules; resolves to ESLint `LintResult`s. */
export async function lintSchema(options: LintSchemaOptions): Promise<LintResult[]> {
  try {
    return await lint(options);
  } catch (error) {
    throw toPrismaLintError(error);
  }
}

async function lint(options: LintSchemaOptions): Promise<LintResult[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if ((options.text === undefined) === (options.files === undefined)) {
    throw new UserError("give either `text` or `files`", "lintSchema");
  }

  const problems: UserError[] = [];
  let settings: Map<string, RuleSetting> = recommendedSettings(schemaRules);
  if (typeof options.config === "string") {
    const loaded = await loadConfigFile(options.config, cwd);
    const source = displayPath(loaded.filepath ?? options.config, cwd);
    let config: unknown = loaded.config;
    if (loaded.translatedFrom !== undefined) {
      // a config of the npm package prisma-lint: translated, and only its rules run
      const { translatePrismalintConfig } = await import("./prismalint-config.js");
      const translation = translatePrismalintConfig(config, source, new Set(Object.keys(schemaRules)));
      problems.push(...translation.problems);
      config = translation.config;
      settings = new Map();
    }
    applyConfig(config, source, schemaRules, settings, problems);
  } else if (options.config !== undefined) {
    applyConfig(options.config, "config", schemaRules, settings, problems);
  }
  await validateRuleOptions(settings, problems);
  if (problems.length > 0) throw new UserErrors(problems);

  let schemas: { filePath: string; text: string }[];
  if (options.text !== undefined) {
    schemas = [{ filePath: path.resolve(cwd, options.filePath ?? "schema.prisma"), text: options.text }];
  } else {
    if ((options.files ?? []).length === 0) throw new UserError("`files` is empty", "lintSchema");
    const { targets } = resolveTargets(options.files ?? [], cwd);
    schemas = targets.flatMap((t) => t.files.map((filePath) => ({ filePath, text: readSchemaFile(filePath, displayPath(filePath, cwd)) })));
  }
  const engine = await Engine.create({
    rules: toEslintRules(settings),
    files: schemas.map((s) => s.filePath),
    fix: options.fix ?? false,
    cwd,
  });
  const results = await engine.lint(schemas);
  return results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

export { defineConfig, type DefinedConfig, type SchemaRuleOptions } from "./define-config.js";
