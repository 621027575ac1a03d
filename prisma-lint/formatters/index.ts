/**
 * Report formats. `stylish` and `json` are ESLint's own formatters; `sarif` and `github` are ours.
 * Each is loaded only when used.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { ESLint } from "eslint";
import type { FormatName } from "../args.js";
import { bareRuleId } from "../config.js";
import type { RuleMeta } from "../engine.js";

export interface FormatContext {
  /** The folder report paths are relative to (SARIF, GitHub). */
  baseDir: string;
  /** Colours for stylish. */
  color: boolean;
  /** Every rule that ran, by bare id, with its severity (1 warn, 2 error). */
  enabledRules: ReadonlyMap<string, 1 | 2>;
  /** The schema rules' meta by bare id. */
  rulesMeta: Readonly<Record<string, RuleMeta>>;
  /** The package version, for SARIF's tool driver. */
  version: string;
}

type BuiltInFormatter = (results: ESLint.LintResult[], context: { cwd: string; color?: boolean; rulesMeta?: unknown }) => string;

/**
 * ESLint's built-in formatter, loaded from where `ESLint#loadFormatter` loads it, without loading the
 * `ESLint` class (which costs start-up time); through `ESLint#loadFormatter` should that file ever move.
 */
async function builtInFormatter(name: "json" | "stylish", rulesMeta: FormatContext["rulesMeta"]): Promise<BuiltInFormatter> {
  const require = createRequire(import.meta.url);
  try {
    const eslintDir = path.dirname(require.resolve("eslint/package.json"));
    const formatter = require(path.join(eslintDir, "lib/cli-engine/formatters", `${name}.js`)) as unknown;
    if (typeof formatter === "function") {
      return (results, context) => (formatter as BuiltInFormatter)(results, { ...context, rulesMeta });
    }
  } catch {
    // not where ESLint 9 and 10 keep it: ask ESLint
  }
  const { ESLint } = await import("eslint");
  const loaded = await new ESLint().loadFormatter(name);
  return (results, context) => loaded.format(results, context as never) as string;
}

/** Copies of the results with bare rule ids (`require-id`), as the CLI prints them. */
export function withBareRuleIds(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  const bare = <T extends { ruleId: string | null }>(m: T): T => (m.ruleId ? { ...m, ruleId: bareRuleId(m.ruleId) } : m);
  return results.map((r) => ({ ...r, messages: r.messages.map(bare), suppressedMessages: r.suppressedMessages.map(bare) }));
}

/**
 * Formats the results. `json` prints exactly what `eslint --format json` prints (ESLint's formatter over
 * ESLint's results, rule ids `backend-architect/<id>` included); the other formats show bare rule ids.
 */
export async function formatResults(name: FormatName, results: ESLint.LintResult[], context: FormatContext): Promise<string> {
  switch (name) {
    case "json": {
      const formatter = await builtInFormatter("json", context.rulesMeta);
      return formatter(results, { cwd: context.baseDir });
    }
    case "stylish": {
      // syntax errors are printed as file:line:col lines on standard error instead
      const shown = withBareRuleIds(results.filter((r) => r.fatalErrorCount === 0));
      const formatter = await builtInFormatter("stylish", context.rulesMeta);
      return formatter(shown, { cwd: context.baseDir, color: context.color });
    }
    case "sarif": {
      const { formatSarif } = await import("./sarif.js");
      return formatSarif(withBareRuleIds(results), context);
    }
    case "github": {
      const { formatGithub } = await import("./github.js");
      return formatGithub(withBareRuleIds(results), context);
    }
    case "filepath":
      // the npm package prisma-lint's `-o filepath`: each file, with ✖ when it has problems
      return results.map((r) => `${path.relative(context.baseDir, r.filePath) || r.filePath} ${r.messages.length > 0 ? "✖" : "✔"}`).join("\n");
    case "none":
      return "";
  }
}
