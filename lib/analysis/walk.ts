import type { TSESTree } from "@typescript-eslint/utils";
import { visitorKeys } from "@typescript-eslint/visitor-keys";

/**
 * Visits `root` and its descendants in source order. `visit` returns `false` to skip a node's children.
 * Used to analyse one function body (a boundary, or a definition in a file parsed by `resolve.ts`);
 * never call it on a whole Program from a rule.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    // visitor keys list a node's children in source order; push them reversed so they pop in order
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child: unknown = value[i];
          if (child && typeof child === "object" && "type" in child) stack.push(child as TSESTree.Node);
        }
      } else if (value && typeof value === "object" && "type" in value) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}
