/**
 * Report formats. `stylish` and `json` are ESLint's own formatters; `sarif` and `github` are ours.
 * Each is loaded only when used.
 */
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
  /** ESLint, for its built-in formatters. */
  eslint: ESLint;
  /** Every rule that ran, by bare id, with its severity (1 warn, 2 error). */
  enabledRules: ReadonlyMap<string, 1 | 2>;
  /** The schema rules' meta by bare id. */
  rulesMeta: Readonly<Record<string, RuleMeta>>;
  /** The package version, for SARIF's tool driver. */
  version: string;
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
      const formatter = await context.eslint.loadFormatter("json");
      return formatter.format(results, { cwd: context.baseDir, maxWarningsExceeded: undefined } as never);
    }
    case "stylish": {
      // syntax errors are printed as file:line:col lines on standard error instead
      const shown = withBareRuleIds(results.filter((r) => r.fatalErrorCount === 0));
      const formatter = await context.eslint.loadFormatter("stylish");
      return formatter.format(shown, { color: context.color } as never);
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
