import { readFileSync } from "node:fs";
import { parseSchema } from "./dist/prisma-lint/language/parser.js";
import { tokenize } from "./dist/prisma-lint/language/lexer.js";
import { PrismaSourceCode } from "./dist/prisma-lint/language/source-code.js";
const text = readFileSync("bench/.generated/schema-2000.prisma", "utf8");
for (let i = 0; i < 6; i++) {
  const t0 = performance.now(); const lx = tokenize(text); const t1 = performance.now(); const r = parseSchema(text); const t2 = performance.now();
  const sc = new PrismaSourceCode({ text, ast: r.ast }); [...sc.traverse()]; const t3 = performance.now();
  console.log(`tokenize ${(t1-t0).toFixed(0)} parse(all) ${(t2-t1).toFixed(0)} traverse ${(t3-t2).toFixed(0)} tokens ${lx.tokens.length}`);
}
