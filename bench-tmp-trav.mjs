import { readFileSync } from "node:fs";
import { parseSchema } from "./dist/prisma-lint/language/parser.js";
import { visitorKeys } from "./dist/prisma-lint/language/ast.js";
const text = readFileSync("bench/.generated/schema-2000.prisma", "utf8");
const ast = parseSchema(text).ast;
function build(withMap) {
  const steps = []; const parents = withMap === "map" ? new Map() : withMap === "weak" ? new WeakMap() : null;
  const visit = (node, parent) => {
    if (parent && parents) parents.set(node, parent);
    const args = [node, parent];
    steps.push({ type: "visit", kind: 1, target: node, phase: 1, args });
    const keys = visitorKeys[node.type];
    if (keys) for (const key of keys) { const child = node[key]; if (Array.isArray(child)) for (const item of child) visit(item, node); else if (child) visit(child, node); }
    steps.push({ type: "visit", kind: 1, target: node, phase: 2, args });
  };
  visit(ast, undefined);
  return steps;
}
for (let i = 0; i < 5; i++) for (const m of ["none", "map", "weak"]) { const t = performance.now(); const s = build(m); console.log(m, s.length / 2, (performance.now() - t).toFixed(0)); }
