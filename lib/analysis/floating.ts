/**
 * Is a value thrown away where it is produced? A lazy query (a `PrismaPromise`, a Drizzle or
 * Supabase builder) that nobody awaits, returns, chains or hands on never runs.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipTransparentParents } from "../util/ast.js";

export interface Discarded {
  /** `void value`, when the value is discarded by a `void` operator. */
  voided: TSESTree.UnaryExpression | undefined;
}

/**
 * Whether `node`'s value is discarded: it is (the right side of `&&`/`||`/`??`, a branch of `?:`,
 * an element of a sequence, or the operand of `void` in) an expression statement. Undefined when
 * the value is used: awaited, returned, assigned, chained, or passed to a call.
 */
export function discardedValue(node: TSESTree.Node): Discarded | undefined {
  let current = skipTransparentParents(node);
  for (;;) {
    const parent = current.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return { voided: undefined };
      case AST_NODE_TYPES.UnaryExpression:
        // `void` throws the value away wherever it stands
        return parent.operator === "void" ? { voided: parent } : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right !== current) return undefined;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return undefined;
        break;
      case AST_NODE_TYPES.SequenceExpression:
        // an element before the last is discarded, wherever the sequence goes
        if (parent.expressions.at(-1) !== current) return { voided: undefined };
        break;
      default:
        return undefined;
    }
    current = skipTransparentParents(parent);
  }
}
