/**
 * Is this file a one-off script rather than code a request runs? A script runs itself: it starts
 * with a `#!` line, or calls its own entry function at module level (`main()`,
 * `main().catch(...)`, `void run()`, `await migrate()`). Cheap: reads the top-level statements only.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** Entry-point names of scripts: `main`, `run`, `runMigration`, `migrate`, `seedDatabase`, `backfill`. */
const ENTRY_NAME = /^(?:main|run|migrate|seed|backfill)(?:[A-Z]\w*)?$/u;
const CONSUMERS = new Set(["then", "catch", "finally"]);

export function isSelfRunningScript(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (sourceCode.text.startsWith("#!")) return true;
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && callsLocalEntry(statement.expression, sourceCode));
}

/** `main()`, `main().catch(...).finally(...)`, `void main()`, `await main()`, with `main` a function of this file. */
function callsLocalEntry(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current: TSESTree.Expression = expression;
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
    else if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === "void") current = current.argument;
    else if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.callee.type === AST_NODE_TYPES.MemberExpression &&
      current.callee.property.type === AST_NODE_TYPES.Identifier &&
      CONSUMERS.has(current.callee.property.name)
    ) {
      current = current.callee.object;
    } else break;
  }
  if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const callee = current.callee;
  if (!ENTRY_NAME.test(callee.name)) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  return def?.type === "FunctionName" || (def?.type === "Variable" && def.node.init !== null && /Function/u.test(def.node.init.type));
}
