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
    const keys = visitorKeys[node.type] ?? [];
    const children: TSESTree.Node[] = [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === "object" && "type" in child) children.push(child as TSESTree.Node);
      } else if (value && typeof value === "object" && "type" in value) {
        children.push(value as TSESTree.Node);
      }
    }
    children.sort((a, b) => a.range[0] - b.range[0]);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
