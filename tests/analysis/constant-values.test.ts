import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createConstantEvaluator } from "../../lib/analysis/constant-values.js";
import { createRequestInputTest } from "../../lib/analysis/raw-sql.js";

/** A probe rule: reports the provenance of the argument of every `probe(x)` call. */
function probeRule(injectionSafe: boolean): Rule.RuleModule {
  return {
    meta: { type: "problem", schema: [], messages: { p: "{{p}}" } },
    create(context) {
      const evaluator = createConstantEvaluator(context.sourceCode as never, { injectionSafe });
      return {
        CallExpression(node) {
          const call = node as unknown as TSESTree.CallExpression;
          if (call.callee.type !== "Identifier" || call.callee.name !== "probe" || !call.arguments[0]) return;
          context.report({ node, messageId: "p", data: { p: evaluator.provenance(call.arguments[0]) } });
        },
      };
    },
  };
}

const linter = new Linter({ configType: "flat" });

function provenances(code: string, injectionSafe: boolean): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { probe: probeRule(injectionSafe) } } },
        rules: { "t/probe": "error" },
      },
    ],
    { filename: "lib/x.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

/** [name, code, provenance in the strict mode, provenance with injectionSafe] */
const cases: [string, string, string, string][] = [
  ["string literal", `probe("SELECT 1")`, "constant", "constant"],
  ["const binding and template of constants", `const T = "users"; const q = \`SELECT * FROM \${T}\`; probe(q)`, "constant", "constant"],
  ["concatenation of constants", `const A = "a"; probe("x" + A + "y")`, "constant", "constant"],
  ["template with a parameter", "export function f(id: string) { probe(`SELECT ${id}`) }", "built", "built"],
  ["concatenation with a parameter", `export function f(id: string) { probe("SELECT " + id) }`, "built", "built"],
  ["a parameter of an exported function", `export function f(sql: string) { probe(sql) }`, "opaque", "opaque"],
  ["const bound to a built template", "export function f(id: string) { const q = `WHERE id = ${id}`; probe(q) }", "built", "built"],
  ["every write of a let is constant", `export function f(p: string) { let fn; if (p === "day") fn = "DATE_TRUNC('day', d)"; else fn = "DATE_TRUNC('week', d)"; probe(fn) }`, "constant", "constant"],
  ["a let written with input", `export function f(p: string) { let fn = "a"; if (p) fn = p; probe(fn) }`, "opaque", "opaque"],
  ["+= of constants", `let q = "SELECT *"; q += " FROM t"; probe(q)`, "constant", "constant"],
  ["+= of input", `export function f(x: string) { let q = "SELECT *"; q += x; probe(q) }`, "built", "built"],
  ["allow-list lookup on a const object", `const SORT = { newest: "created_at", title: "title" } as const; export function f(s: keyof typeof SORT) { probe(SORT[s]) }`, "constant", "constant"],
  ["allow-list lookup on a const array", `const COLS = ["a", "b"]; export function f(i: number) { probe(COLS[i]) }`, "constant", "constant"],
  ["lookup on a mutated object is not an allow-list", `const SORT: Record<string, string> = { a: "a" }; export function f(k: string, v: string) { SORT[k] = v; probe(SORT[k]) }`, "opaque", "opaque"],
  ["lookup on an object with an input value", `export function f(x: string, k: string) { const M = { a: x }; probe(M[k]) }`, "opaque", "opaque"],
  ["nested lookup", `const OPS = { num: { gt: ">", lt: "<" } }; export function f(t: "num", o: "gt") { probe(OPS[t][o]) }`, "constant", "constant"],
  ["for-of over a constant array", `const TABLES = ["A", "B"]; for (const t of TABLES) probe(\`DELETE FROM "\${t}"\`)`, "constant", "constant"],
  ["map over a constant array", `const COLS = ["a", "b"]; probe(COLS.map((c) => \`"\${c}"\`).join(", "))`, "constant", "constant"],
  ["for-of over input", `export function f(names: string[]) { for (const n of names) probe(n) }`, "opaque", "opaque"],
  ["property of an element of a constant array of objects", `const FIELDS = [{ column: "a" }, { column: "b" }]; for (const f of FIELDS) probe(f.column)`, "constant", "constant"],
  ["allow-list test with includes", `const COLS = ["a", "b"] as const; export function f(x: string) { probe(COLS.includes(x as never) ? x : "a") }`, "constant", "constant"],
  ["allow-list test with a Set", `const COLS = new Set(["a", "b"]); export function f(x: string) { probe(!COLS.has(x) ? "a" : x) }`, "constant", "constant"],
  ["allow-list test with in", `const SORT = { a: "a", b: "b" }; export function f(x: string) { probe(x in SORT ? x : "a") }`, "constant", "constant"],
  ["a test on another value vouches for nothing", `const COLS = ["a"]; export function f(x: string, y: string) { probe(COLS.includes(x) ? y : "a") }`, "opaque", "opaque"],
  ["conditional of constants", `export function f(desc: boolean) { probe(desc ? "DESC" : "ASC") }`, "constant", "constant"],
  ["?? with a constant fallback on input", `export function f(x?: string) { probe(x ?? "a") }`, "opaque", "opaque"],
  ["parameter of a local function called with constants", `const build = (alias: string) => \`\${alias}.id\`; build("p"); build("pp"); probe(build("q"))`, "constant", "constant"],
  ["parameter of a local function, one call with input", `function where(alias: string) { probe(alias) } where("p"); export function f(x: string) { where(x) }`, "opaque", "opaque"],
  ["parameter of an exported local function", `export function where(alias: string) { probe(alias) } where("p");`, "opaque", "opaque"],
  ["parameter default", `function g(dir = "ASC") { probe(dir) } g();`, "constant", "constant"],
  ["return values of a local function", `function order(k: string) { switch (k) { case "a": return "a ASC"; default: return "b DESC"; } } export function f(k: string) { probe(order(k)) }`, "constant", "constant"],
  ["return value of a local function with input", `function order(k: string) { return \`\${k} ASC\`; } export function f(k: string) { probe(order(k)) }`, "built", "built"],
  ["an imported function's result", `import { order } from "./order"; probe(order())`, "opaque", "opaque"],
  ["placeholders from indexes", "export function f(ids: string[]) { probe(ids.map((_, i) => `$${i + 1}`).join(\", \")) }", "built", "constant"],
  ["array built with push of constants", `export function f(a?: string) { const where: string[] = ["x = $1"]; if (a) where.push("a = $2"); probe(where.join(" AND ")) }`, "constant", "constant"],
  ["array built with push of input", "export function f(a: string) { const where: string[] = []; where.push(`a = '${a}'`); probe(where.join(\" AND \")) }", "built", "built"],
  ["array handed to an unknown function", `import { addFilters } from "./f"; export function f() { const where: string[] = []; addFilters(where); probe(where.join(" AND ")) }`, "opaque", "opaque"],
  ["Number() of input", `export function f(x: string) { probe(\`LIMIT \${Number(x)}\`) }`, "built", "constant"],
  ["length of input", `export function f(xs: string[]) { probe(\`LIMIT \${xs.length}\`) }`, "built", "constant"],
  ["arithmetic on input", `export function f(page: number, size: number) { probe(\`OFFSET \${(page - 1) * size}\`) }`, "built", "constant"],
  ["a date", `export function f(x: string) { probe(\`'\${new Date(x).toISOString()}'\`) }`, "built", "constant"],
  ["process.env", "probe(`SET search_path TO \"${process.env.SCHEMA}\"`)", "built", "constant"],
  ["derived from process.env through a local function", `function schema() { const url = new URL(process.env.DATABASE_URL!); return url.searchParams.get("schema"); } probe(schema())`, "opaque", "constant"],
  ["env module import", `import { env } from "@/env"; probe(env.DB_SCHEMA)`, "opaque", "constant"],
  ["a parameter declared as a literal union or a number", `export function f(dir: "asc" | "desc", n?: number) { probe(\`ORDER BY a \${dir.toUpperCase()} LIMIT \${n}\`) }`, "built", "constant"],
  ["a destructured parameter declared as a literal union", `export function f({ sortBy, q }: { sortBy: "name" | "date"; q: string }) { probe(\`\${sortBy} \${q.length}\`) }`, "built", "constant"],
  ["a parameter with a numeric default", `export function f(hours = 24) { probe(String(hours + 1)) }`, "built", "constant"],
  ["a parameter declared as number | number[], reassigned", `export const f = (ids: number | number[]) => { if (!Array.isArray(ids)) ids = [ids]; ids = [...new Set(ids)]; probe(\`ARRAY[\${ids.join(",")}]\`) }`, "built", "constant"],
  ["members and values of an imported enum", `import { ModelStatus, CosmeticEntity } from "@prisma/client"; for (const e of Object.values(CosmeticEntity)) probe(\`'\${e}' <> '\${ModelStatus.Published}'\`)`, "constant", "constant"],
  ["a lowercase import is not an enum", `import { statuses } from "./s"; probe(\`\${statuses.Published}\`)`, "built", "built"],
  ["the strings of a tagged template", `export function ifDetails(sql: TemplateStringsArray) { probe(sql[0]) }`, "constant", "constant"],
  ["fields of a local Zod schema: numbers, enums and uuids", `import { z } from "zod"; const schema = z.object({ start: z.coerce.number().optional(), ids: z.number().array(), dir: z.enum(["asc", "desc"]).default("asc"), id: z.string().uuid(), q: z.string() }); export function f(req: { query: unknown }) { const { start, ids, dir, id } = schema.parse(req.query); probe(\`\${start} \${ids.join(",")} \${dir} '\${id}'\`) }`, "built", "constant"],
  ["a free-text field of a local Zod schema", `import * as z from "zod"; const schema = z.object({ q: z.string().min(1) }); export function f(body: unknown) { const payload = schema.safeParse(body); const input = payload.data!; probe(input.q) }`, "opaque", "opaque"],
  ["a numeric field through safeParse().data", `import * as z from "zod"; const schema = z.object({ modelId: z.coerce.number() }); export function f(body: unknown) { const payload = schema.safeParse(body); const input = payload.data!; probe(\`AND m.id = \${input.modelId}\`) }`, "built", "constant"],
  ["a member declared by a type of this file", `type Options = { limit?: number | null; search?: string }; export function f(options: Options) { probe(options.limit ? \`LIMIT \${options.limit}\` : "") }`, "built", "constant"],
  ["a member declared as a string", `interface Options { search: string } export function f(options: Options) { probe(\`'\${options.search}'\`) }`, "built", "built"],
  ["a parameter typed by an alias of this file", `type Direction = "asc" | "desc"; export function f(dir: Direction) { probe(dir) }`, "opaque", "constant"],
  ["a member of ReturnType<typeof localFunction>", `function parseArgs(argv: string[]) { return { timeoutMs: Number.parseInt(argv[0] ?? "60000", 10), team: argv[1] }; } export function f(opts: ReturnType<typeof parseArgs>) { probe(\`SET statement_timeout = '\${opts.timeoutMs}ms'\`) }`, "built", "constant"],
  ["a text member of ReturnType<typeof localFunction>", `function parseArgs(argv: string[]) { return { team: argv[1] }; } export function f(opts: ReturnType<typeof parseArgs>) { probe(\`'\${opts.team}'\`) }`, "built", "built"],
  ["a parameter declared as a string", `export function f(dir: string) { probe(dir) }`, "opaque", "opaque"],
  ["an imported SCREAMING_CASE constant", `import { MIN_MINUTES } from "~/server/common/constants"; probe(\`make_interval(mins => \${MIN_MINUTES})\`)`, "constant", "constant"],
  ["an imported camelCase value", `import { minMinutes } from "./constants"; probe(\`\${minMinutes}\`)`, "built", "built"],
  ["env from an env folder", `import { env } from "~/env/server"; probe(\`SET statement_timeout = \${env.TIMEOUT}\`)`, "built", "constant"],
  ["numbers mapped with Number", `export function f(ids: string[]) { probe(ids.map(Number).join(",")) }`, "opaque", "constant"],
  ["a variable declared as number[]", `export function f(input: any) { const ids: number[] = input; probe(\`IN (\${ids.join(",")})\`) }`, "built", "constant"],
  ["a parameter declared as readonly number[]", `export function f(values: readonly number[]) { probe(values.join(",")) }`, "opaque", "constant"],
  ["a let declared as number | undefined", `import { readToken } from "./token"; export function f(t: string) { let userId: number | undefined; userId = readToken(t); probe(\`WHERE u.id = \${userId}\`) }`, "built", "constant"],
  ["SQL escaping helpers", `import { pgQuoteLiteral, appSchemaIdent } from "./sql"; import { escapeLiteral } from "pg"; export function f(x: string, slug: string) { probe(\`SET x = \${pgQuoteLiteral(x)}; SELECT * FROM \${appSchemaIdent(slug)}.kv WHERE a = \${escapeLiteral(x)}\`) }`, "built", "constant"],
  ["a helper that is not an escaper", `import { normalize } from "./text"; export function f(x: string) { probe(\`WHERE a = '\${normalize(x)}'\`) }`, "built", "built"],
  ["find on the keys of a constant object", `const KEYS = { modelId: 1, postId: 2 }; export function f(input: Record<string, unknown>) { probe(Object.keys(KEYS).find((k) => k in input)) }`, "constant", "constant"],
  ["a property of what a local async function returns", `import { appSchemaIdent } from "./slug"; async function context(token: string) { const slug = token.slice(1); return { schema: appSchemaIdent(slug), userId: 1 }; } export async function f(t: string) { const { schema } = await context(t); probe(\`SELECT * FROM \${schema}.kv\`) }`, "built", "constant"],
  ["a property of what a local function returns, with input", `function context(token: string) { return { schema: token }; } export function f(t: string) { const { schema } = context(t); probe(schema) }`, "opaque", "opaque"],
  ["a property of a constant object literal", `const { table } = { table: "users" }; probe(table)`, "constant", "constant"],
  ["a string method of input", `export function f(x: string) { probe(x.toLowerCase()) }`, "opaque", "opaque"],
  ["a string method of a constant", `probe("abc".toUpperCase())`, "constant", "constant"],
  ["a request body value", `export async function POST(req: Request) { const { sort } = await req.json(); probe(sort) }`, "opaque", "opaque"],
  ["Object.keys of a constant object", `const M = { a: 1, b: 2 }; probe(Object.keys(M).join(", "))`, "constant", "constant"],
];

/** With type information (a program for a file under tests/fixtures/typed), literal unions and numbers are safe. */
function typedProvenances(code: string): string[] {
  const tsconfigRootDir = fileURLToPath(new URL("../fixtures/typed/", import.meta.url));
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser, parserOptions: { projectService: { allowDefaultProject: ["*.ts"] }, tsconfigRootDir } },
        plugins: { t: { rules: { probe: probeRule(true) } } },
        rules: { "t/probe": "error" },
      },
    ],
    { filename: `${tsconfigRootDir}probe.ts` },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("constant-values with type information", () => {
  it("a literal union, a number and a boolean are safe; a string is not", () => {
    const code = `
      type Q = { sortBy: "createdAt" | "name"; sortOrder: "asc" | "desc"; limit?: number; active: boolean; search: string };
      export function f(q: Q) {
        probe(q.sortBy);
        probe(\`ORDER BY \${q.sortBy} \${q.sortOrder} LIMIT \${q.limit}\`);
        probe(q.active);
        probe(q.search);
        probe(\`WHERE name = '\${q.search}'\`);
      }
      declare function probe(x: unknown): void;
    `;
    expect(typedProvenances(code)).toEqual(["constant", "constant", "constant", "opaque", "built"]);
  });
});

describe("constant-values", () => {
  for (const [name, code, strict, safe] of cases) {
    it(name, () => {
      expect(provenances(code, false), "strict").toEqual([strict]);
      expect(provenances(code, true), "injectionSafe").toEqual([safe]);
    });
  }
});

/** A probe rule that reports whether `probe(x)` is injectable as a clause (`fragment`) and inside quotes (`quoted`). */
const injectableRule: Rule.RuleModule = {
  meta: { type: "problem", schema: [], messages: { p: "{{p}}" } },
  create(context) {
    const evaluator = createConstantEvaluator(context.sourceCode as never, {
      injectionSafe: true,
      requestInput: createRequestInputTest(context as never),
      isQuery: (node) => node.type === "CallExpression" && /^prisma\./u.test(context.sourceCode.getText(node as never)),
    });
    return {
      CallExpression(node) {
        const call = node as unknown as TSESTree.CallExpression;
        if (call.callee.type !== "Identifier" || call.callee.name !== "probe" || !call.arguments[0]) return;
        const arg = call.arguments[0];
        const p = `${evaluator.isInjectable(arg, "fragment") ? "fragment" : "-"}/${evaluator.isInjectable(arg, "quoted") ? "quoted" : "-"}`;
        context.report({ node, messageId: "p", data: { p } });
      },
    };
  },
};

function injectables(code: string, filename = "lib/x.ts"): string[] {
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { probe: injectableRule } } }, rules: { "t/probe": "error" } }],
    { filename },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

/** [name, code, file, injectable as a clause / inside quotes] */
const injectableCases: [string, string, string, string][] = [
  ["a constant", `probe("SELECT 1")`, "lib/x.ts", "-/-"],
  ["a helper's parameter of no type", `export function f(x) { probe(x) }`, "lib/x.ts", "-/-"],
  ["a helper's string parameter", `export function f(x: string) { probe(x) }`, "lib/x.ts", "-/quoted"],
  ["a string parameter inside quotes of a template", "export function f(x: string) { probe(`WHERE a = '${x}'`) }", "lib/x.ts", "fragment/quoted"],
  ["a string parameter where a value goes", "export function f(x: string) { probe(`WHERE a = ${x}`) }", "lib/x.ts", "fragment/quoted"],
  ["a string parameter as a name", "export function f(t: string) { probe(`SELECT * FROM \"${t}\" AS ${t}_x, ${t}.id`) }", "lib/x.ts", "-/quoted"],
  ["an untyped value inside quotes", "import { cfg } from './c'; probe(`WHERE a = '${cfg.name}'`)", "lib/x.ts", "-/-"],
  ["the request of a route handler as a name", "export async function GET(req: Request) { const t = new URL(req.url).searchParams.get('t'); probe(`FROM \"${t}\"`) }", "app/api/x/route.ts", "fragment/quoted"],
  ["a request parameter named req", "export function handler(req: { query: { t: string } }) { probe(req.query.t) }", "lib/x.ts", "fragment/quoted"],
  ["a server action argument", "'use server';\nexport async function act(name) { probe(`FROM ${name}`) }", "app/actions.ts", "fragment/quoted"],
  ["request input checked with a Set", "const OK = new Set(['a', 'b']); export async function GET(req: Request) { const t = new URL(req.url).searchParams.get('t') ?? ''; if (!OK.has(t)) return; probe(`FROM \"${t}\"`) }", "app/api/x/route.ts", "-/-"],
  ["request input checked with a strict pattern", "export async function GET(req: Request) { const t = (await req.json()).t; if (!/^[a-z_]{1,30}$/.test(t)) throw new Error(); probe(`FROM ${t}`) }", "app/api/x/route.ts", "-/-"],
  ["a loose pattern does not vouch", "export async function GET(req: Request) { const t = (await req.json()).t; if (!/^[^']+$/.test(t)) throw new Error(); probe(`FROM ${t}`) }", "app/api/x/route.ts", "fragment/quoted"],
  ["an id read from the database", "export async function f() { const row = await prisma.user.findFirst(); probe(`WHERE id = '${row.id}'`) }", "lib/x.ts", "-/-"],
  ["a name read from the database is not an id", "export async function f(n: string) { const row = await prisma.user.findFirst({ where: { name: n } }); probe(row.name) }", "lib/x.ts", "-/-"],
  ["quotes doubled", "export function f(x: string) { probe(`'${x.replace(/'/g, \"''\")}'`) }", "lib/x.ts", "-/-"],
  ["JSON of numbers", "export function f(xs: number[]) { probe(`'${JSON.stringify(xs)}'`) }", "lib/x.ts", "-/-"],
  ["JSON of free text", "export function f(xs: string[]) { probe(`'${JSON.stringify(xs)}'`) }", "lib/x.ts", "fragment/quoted"],
];

describe("constant-values: injectable splices", () => {
  for (const [name, code, file, expected] of injectableCases) {
    it(name, () => {
      expect(injectables(code, file)).toEqual([expected]);
    });
  }
});
