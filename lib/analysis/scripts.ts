/**
 * Is this file a one-off script rather than code a request runs? A script runs itself: it starts
 * with a `#!` line, or calls its own entry function at module level (`main()`,
 * `main().catch(...)`, `void run()`, `await migrate()`). Cheap: reads the top-level statements only.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** Entry-point names of scripts: `main`, `run`, `runMigration`, `migrate`, `seedDatabase`, `backfill`. */
const ENTRY_NAME = /^(?:main|run|migrate|seed|backfill)(?:[A-Z]\w*)?$/u;
const CONSUMERS = new Set(["then", "catch", "finally"]);
/** What a script's last handler does: close the database client, or exit. */
const ENDS_PROCESS = /\$disconnect\s*\(|\bprocess\.exit\s*\(/u;

export function isSelfRunningScript(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (sourceCode.text.startsWith("#!")) return true;
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && callsLocalEntry(statement.expression, sourceCode));
}

/**
 * `main()`, `main().catch(...).finally(...)`, `void main()`, `await main()`, with `main` a function of this
 * file; any name when a handler of the chain ends the process or its connections (`.finally(() =>
 * prisma.$disconnect())`, `.catch(() => process.exit(1))`): `loadDemoData()` run by hand.
 */
function callsLocalEntry(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current: TSESTree.Expression = expression;
  let ends = false;
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
    else if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === "void") current = current.argument;
    else if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.MemberExpression &&
      current.callee.property.type === AST_NODE_TYPES.Identifier &&
      CONSUMERS.has(current.callee.property.name)
    ) {
      ends ||= current.arguments.some((arg) => ENDS_PROCESS.test(sourceCode.getText(arg)));
      current = current.callee.object;
    } else break;
  }
  if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const callee = current.callee;
  if (!ends && !ENTRY_NAME.test(callee.name)) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  return def?.type === "FunctionName" || (def?.type === "Variable" && def.node.init !== null && /Function/u.test(def.node.init.type));
}

/**
 * Data migrations and their runners (`code-migrations/7-migrate-events.ts`, `migration-scripts/`,
 * `migrationWorker.ts`): they run once per deploy over each item in order, which is their job.
 */
export function isMigrationFile(filename: string): boolean {
  const path = filename.replace(/\\/gu, "/");
  // an endpoint that migrates still runs per request
  if (/\/route\.[cm]?[jt]sx?$|\/pages\/api\//u.test(path)) return false;
  return /(?:(?:^|[^A-Za-z])[mM]|[a-z]M)igrat(?:e|es|ion|ions)(?:[^a-z]|$)/u.test(path.replace(/\/node_modules\/.*$/u, ""));
}

/**
 * Seed and test-data files and script folders, by their path: `prisma/seed.ts`, `testing-data-seed.ts`,
 * `seed-users.ts`, `seeds/`, `seeders/`, `scripts/`. Run by hand or by `prisma db seed`, never by a request.
 */
export function isScriptPath(filename: string): boolean {
  const path = filename.replace(/\\/gu, "/").replace(/^.*\/node_modules\//u, "");
  if (/(?:^|\/)(?:scripts?|seeds?|seeders?|seeding)\//u.test(path)) return true;
  const base = path.slice(path.lastIndexOf("/") + 1);
  return /(?:^|[-_.])seed(?:s|er|ers|ing)?(?:[-_.]|$)/iu.test(base.replace(/\.[cm]?[jt]sx?$/u, ""));
}

/** A one-off script, whichever way it shows: it runs itself, or its path is a seed, a script or a data migration. */
export function isOneOffScript(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  return isScriptPath(filename) || isMigrationFile(filename) || isSelfRunningScript(sourceCode);
}
