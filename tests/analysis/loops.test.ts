import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { describe, expect, it } from "vitest";
import {
  dependsOnIteration,
  enclosingIterations,
  iteratesChunks,
  iteratesConstant,
  leavesLoopAfter,
  type Iteration,
} from "../../lib/analysis/loops.js";

/** Describes the iterations around each call of `q(...)`, innermost first. */
const probe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const sourceCode = context.sourceCode as never;
    function describeIteration(node: TSESTree.Node, iteration: Iteration): string {
      const flags: string[] = [];
      if (iteration.kind === "loop") {
        flags.push(iteration.node.type.replace("Statement", ""));
        if (iteration.whileLike) flags.push("while-like");
        if (iteration.awaited) flags.push("awaited");
        const exit = leavesLoopAfter(node, iteration.node);
        if (exit) flags.push(`exits by ${exit}`);
      } else {
        flags.push(`.${iteration.method}()`);
      }
      if (iteratesConstant(iteration, sourceCode)) flags.push("constant");
      if (iteratesChunks(iteration, sourceCode)) flags.push("chunks");
      if (!dependsOnIteration(node, iteration, sourceCode)) flags.push("invariant");
      return flags.join(" ");
    }
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== "Identifier" || node.callee.name !== "q") return;
        const iterations = enclosingIterations(node, sourceCode);
        const d = iterations.map((iteration) => describeIteration(node, iteration)).join(" < ") || "none";
        context.report({ node: node as never, messageId: "q", data: { d } });
      },
    } as never;
  },
} satisfies Rule.RuleModule;

const linter = new Linter({ configType: "flat" });

function around(code: string): string[] {
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { probe } } }, rules: { "t/probe": "error" } }],
    { filename: "lib/x.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("loops: enclosingIterations and friends", () => {
  const cases: [string, string, string[]][] = [
    ["for...of body, awaited", `async function f(xs) { for (const x of xs) await q(x); }`, ["ForOf awaited"]],
    ["for...of right side runs once", `async function f() { for (const x of await q()) use(x); }`, ["none"]],
    ["for test and update run per iteration; init once", `function f(xs) { for (let i = q(); i < q(); i++) {} }`, ["none", "For invariant"]],
    ["for await", `async function f(s) { for await (const x of s) q(x); }`, ["ForOf awaited"]],
    ["while, do...while and for(;;) are while-like", `function f(a, b) { while (a) q(a = next(a)); do q(b--); while (b); for (let c = 0; ; c++) q(c); }`, [
      "While while-like",
      "DoWhile while-like",
      "For while-like",
    ]],
    ["array callbacks, nested inside a loop", `async function f(users) { for (const u of users) await Promise.all(u.posts.map((p) => q(p))); }`, [".map() < ForOf awaited"]],
    ["function declaration stops the walk", `function f(xs) { for (const x of xs) { function g() { return q(x); } g(); } }`, ["none"]],
    ["bound function called in the loop is crossed; not called, it stops", `async function f(xs) { for (const x of xs) { const g = () => q(x); await g(); } for (const x of xs) { const h = () => q(x); keep(h); } }`, [
      "ForOf awaited",
      "none",
    ]],
    ["IIFE and inline callbacks are crossed; object methods stop", `function f(xs) { for (const x of xs) { (async () => q(x))(); retry(() => q(x)); } xs.map((x) => ({ load: () => q(x) })); }`, [
      "ForOf",
      "ForOf",
      "none",
    ]],
    ["constant collections", `const ROLES = ["a", "b"] as const; enum E { A } function f() { for (const r of ROLES) q(r); Object.values(E).forEach((e) => q(e)); for (let i = 0; i < 3; i++) q(i); ["x", "y"].filter(Boolean).map((s) => q(s)); }`, [
      "ForOf constant",
      ".forEach() constant",
      "For constant",
      ".map() constant",
    ]],
    ["a constant of more than twenty items is data; twenty is still constant", `const CODES = [${Array.from({ length: 21 }, (_, i) => `"c${i}"`).join(", ")}]; const TOP = CODES.filter((c) => c !== "c0"); const TWENTY = [${Array.from({ length: 20 }, (_, i) => `"t${i}"`).join(", ")}]; function f() { for (const c of CODES) q(c); for (const c of TOP) q(c); for (const c of [...TWENTY]) q(c); }`, [
      "ForOf",
      "ForOf",
      "ForOf constant",
    ]],
    ["a Set of the values a constant holds; a Map and a Set filled later are not constant", `const PLANS = { free: 1, pro: 2 }; function f(names, extra) { const picked = new Set(names.filter((n) => Object.hasOwn(PLANS, n) && n)); const known = new Set(names.filter((n) => n in PLANS)); const wanted = new Set(names.filter((n) => new Set(Object.keys(PLANS)).has(n))); const seen = new Map(Object.entries(PLANS)); seen.set(extra, 3); for (const p of picked) q(p); for (const p of known) q(p); for (const p of wanted) q(p); for (const [k] of seen) q(k); }`, [
      "ForOf",
      "ForOf",
      "ForOf constant",
      "ForOf",
    ]],
    ["a property of a constant object literal is constant; of a value read at run time it is not", `const CONFIG = { plans: ["free", "pro"], regions: REGIONS_FROM_ENV }; async function f(load) { const settings = await load(); for (const p of CONFIG.plans) q(p); for (const r of settings.regions) q(r); }`, [
      "ForOf constant",
      "ForOf",
    ]],
    ["an array literal filled at run time is not constant", `function f(m) { const list = []; list.push(m); for (const x of list) q(x); }`, ["ForOf"]],
    ["chunk iterations", `function f(ids, chunks) { for (const batch of chunk(ids, 100)) q(batch); for (let i = 0; i < chunks.length; i++) q(chunks[i]); chunks.map((c) => q(c)); }`, [
      "ForOf chunks",
      "For chunks",
      ".map() chunks",
    ]],
    ["loop exits after the query: break, return; an inner loop's break does not count", `async function f(xs) { for (const x of xs) { if (x) { await q(x); break; } } for (const x of xs) { return q(x); } for (const x of xs) { for (const y of x) { await q(y); break; } } }`, [
      "ForOf awaited exits by break",
      "ForOf exits by return",
      "ForOf awaited exits by break < ForOf awaited",
    ]],
    ["a break in a switch case leaves the switch, not the loop", `async function f(xs) { for (const x of xs) { switch (x.kind) { case "a": await q(x); break; } } }`, ["ForOf awaited"]],
    ["loop-invariant calls; a cursor assigned in the loop varies", `async function f(xs) { let c = 0; for (const x of xs) { await q(1); await q(c); c = x; } }`, [
      "ForOf awaited invariant",
      "ForOf awaited",
    ]],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => expect(around(code)).toEqual(expected));
  }
});
