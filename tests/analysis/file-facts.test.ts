import tsParser from "@typescript-eslint/parser";
import type { TSESLint } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { describe, expect, it, vi } from "vitest";
import * as dbQueries from "../../lib/analysis/db-queries.js";
import { compilePreTest, fileFacts, mentions, minimalWords, type FileFacts } from "../../lib/analysis/file-facts.js";
import { getSettings } from "../../lib/analysis/settings.js";
import plugin from "../../lib/index.js";

vi.mock("../../lib/analysis/db-queries.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../lib/analysis/db-queries.js")>();
  return { ...original, createDbQueryDetector: vi.fn(original.createDbQueryDetector) };
});
const createDetector = vi.mocked(dbQueries.createDbQueryDetector);

type Context = Parameters<typeof fileFacts>[0];

/** Probe rules that ask for the facts of every call; `seen` records what they got, per rule. */
function probes(count: number, seen: { rule: number; facts: FileFacts; context: Context }[]) {
  const rules: Record<string, Rule.RuleModule> = {};
  for (let rule = 0; rule < count; rule++) {
    rules[`p${rule}`] = {
      meta: { type: "problem", schema: [] },
      create(context) {
        const ctx = context as unknown as Context;
        return {
          CallExpression(node) {
            const facts = fileFacts(ctx);
            seen.push({ rule, facts, context: ctx });
            facts.queries.queryAt(node as never);
            facts.boundaries.boundaryOf(node as never);
          },
        };
      },
    };
  }
  return rules;
}

function lint(rules: Record<string, Rule.RuleModule>, code: string, filename: string, settings: Record<string, unknown> = {}) {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules } },
        settings: { "backend-architect": settings },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`t/${id}`, "error"])),
      },
    ],
    { filename },
  );
}

const ROUTE = `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const body = await req.json();
  await prisma.post.create({ data: body });
  return Response.json(await prisma.post.findMany({ take: 10 }));
}
`;

describe("file-facts: one analysis per file", () => {
  it("builds each fact once per file, however many rules ask", () => {
    const seen: { rule: number; facts: FileFacts; context: Context }[] = [];
    createDetector.mockClear();
    lint(probes(4, seen), ROUTE, "app/api/posts/route.ts");
    expect(new Set(seen.map((s) => s.rule)).size).toBe(4);
    expect(new Set(seen.map((s) => s.facts)).size).toBe(1);
    expect(createDetector).toHaveBeenCalledTimes(1);
  });

  it("builds the query detector once per file for the whole plugin", () => {
    createDetector.mockClear();
    const linter = new Linter({ configType: "flat" });
    linter.verify(
      ROUTE,
      [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, ...(plugin.configs.all as Linter.Config[])],
      { filename: "app/api/posts/route.ts" },
    );
    expect(createDetector).toHaveBeenCalledTimes(1);
  });

  it("shares nothing between two files, even with the same text", () => {
    const seen: { rule: number; facts: FileFacts; context: Context }[] = [];
    createDetector.mockClear();
    const rules = probes(2, seen);
    lint(rules, ROUTE, "app/api/a/route.ts");
    const first = new Set(seen.map((s) => s.facts));
    seen.length = 0;
    lint(rules, ROUTE, "app/api/a/route.ts");
    const second = new Set(seen.map((s) => s.facts));
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    const [a] = first;
    const [b] = second;
    expect(a).not.toBe(b);
    expect(a!.queries).not.toBe(b!.queries);
    expect(createDetector).toHaveBeenCalledTimes(2);
  });

  it("keeps facts that depend on settings apart: different settings give different facts", () => {
    const seen: { rule: number; facts: FileFacts; context: Context }[] = [];
    lint(probes(1, seen), `export async function GET() { return Response.json(await store.user.findMany()); }`, "app/api/u/route.ts");
    const { context } = seen[0]!;
    // the same file (the same SourceCode) seen with other settings
    const withClient = Object.create(context, { settings: { value: { "backend-architect": { dbClients: ["store"] } } } }) as Context;
    const plain = fileFacts(context);
    const configured = fileFacts(withClient);
    expect(configured).not.toBe(plain);
    expect(configured.settings.dbClients).toEqual(["store"]);
    expect(plain.mayQueryDatabase).toBe(false);
    expect(configured.mayQueryDatabase).toBe(true);
    const call = findCall(context.sourceCode, "findMany");
    expect(plain.queries.queryAt(call)).toBeUndefined();
    expect(configured.queries.queryAt(call)?.model).toBe("user");
    // facts that do not depend on settings are shared by both
    expect(configured.boundaries).toBe(plain.boundaries);
    // asking again with the same settings object gives the same facts
    expect(fileFacts(Object.create(withClient) as Context)).toBe(configured);
  });
});

describe("file-facts: the database pre-test", () => {
  function mayQuery(code: string, settings: Record<string, unknown> = {}, filename = "lib/x.ts"): boolean {
    const seen: { rule: number; facts: FileFacts; context: Context }[] = [];
    lint(probes(1, seen), `${code}\nnoop();`, filename, settings);
    return seen[0]!.facts.mayQueryDatabase;
  }

  it("skips files that name no database client", () => {
    expect(mayQuery(`import { cn } from "@/lib/utils"; export const Button = (p: Props) => cn("flex", p.className); const feedback = items.map((i) => i.count);`)).toBe(false);
    expect(mayQuery(`"use client"; export function useUser() { return useQuery({ queryKey: ["me"], queryFn: () => fetch("/api/me") }); }`)).toBe(false);
  });

  it("passes every way db-queries.ts recognises a client", () => {
    for (const code of [
      `await prisma.user.findMany()`,
      `const c = new PrismaClient()`,
      `await db.select().from(users)`,
      `await ctx.db.user.findMany()`,
      `await readDb.user.findMany()`,
      `await database.user.findMany()`,
      `await tx.user.create({ data })`,
      `await trx.insertInto("t").values(v).execute()`,
      `await supabase.from("t").select()`,
      `const k = new Kysely<DB>({ dialect })`,
      `const d = drizzle(pool)`,
      `await pool.query("select 1")`,
      `const c = new Client(); await c.query(text)`,
      `await getClient().$queryRaw\`select 1\``,
      `await store.$transaction(async (t) => t.user.create({ data }))`,
      `import { sql } from "@vercel/postgres"; await sql\`select 1\``,
      `import postgres from "postgres"; const q = postgres(url)`,
      `import { neon } from "@neondatabase/serverless"`,
      `import { client } from "@acme/db"; await client.user.findMany()`,
      `import store from "~/server/db/index"; await store.user.findMany()`,
      // a parameter typed as a client, whatever its name
      `export async function move(conn: Prisma.TransactionClient) { await conn.user.findMany() }`,
      `export async function list(q: PostgresJsDatabase<typeof schema>) { await q.select().from(users) }`,
      `export async function list(q: DrizzleClient) { await q.select().from(users) }`,
      `export async function list(q: Transaction<DB>) { await q.selectFrom("t").selectAll().execute() }`,
    ]) {
      expect(mayQuery(code), code).toBe(true);
    }
  });

  it("passes client names from the settings", () => {
    expect(mayQuery(`await store.user.findMany()`)).toBe(false);
    expect(mayQuery(`await store.user.findMany()`, { dbClients: ["store"] })).toBe(true);
    expect(mayQuery(`await ctx.store.user.findMany()`, { dbClients: ["ctx.store"] })).toBe(true);
  });
});

/** The whole-name test the compiled expressions replaced: an occurrence with no identifier character on either side. */
function wholeName(text: string, word: string): boolean {
  const part = /[\p{ID_Continue}$\u200C\u200D]/u;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!part.test(text[at - 1] ?? "") && !part.test(text[at + word.length] ?? "")) return true;
  }
  return false;
}

describe("file-facts: text pre-tests", () => {
  const file = (text: string) => ({ sourceCode: { text } as Readonly<TSESLint.SourceCode> });

  it("finds words, in any case where asked, and passes a file with a \\u escape", () => {
    expect(mentions(file(`import { PrismaClient } from "@prisma/client";`), ["PrismaClient"])).toBe(true);
    expect(mentions(file(`const client = createClient();`), ["PrismaClient"])).toBe(false);
    expect(mentions(file(`const SUPABASE_URL = "";`), ["supabase"])).toBe(false);
    expect(mentions(file(`const SUPABASE_URL = "";`), [], ["supabase"])).toBe(true);
    expect(mentions(file(`const c = new Prisma\\u0043lient();`), ["PrismaClient"])).toBe(true);
  });

  it("tells a whole name from part of a longer identifier", () => {
    const mentionsName = (text: string, name: string) => compilePreTest([], [], [name])(text);
    expect(mentionsName("const ctx = context;", "tx")).toBe(false);
    expect(mentionsName("await tx.user.create({ data })", "tx")).toBe(true);
    expect(mentionsName("const { db } = ctx;", "db")).toBe(true);
    expect(mentionsName("const $db = 1; const dbName = 2; const feedback = 3;", "db")).toBe(false);
    expect(mentionsName("await\u00a0db.user.findMany()", "db")).toBe(true);
    expect(mentionsName("const ädb = 1;", "db")).toBe(false);
    expect(mentionsName("new QueryClient(); new Client();", "Client")).toBe(true);
    expect(mentionsName("db.user.findMany()", "db")).toBe(true);
    expect(mentionsName("const \u{1d465}db = 1;", "db")).toBe(false);
    const txOrTrx = compilePreTest([], [], ["tx", "trx"]);
    expect(txOrTrx("const ctrx = ctx;")).toBe(false);
    expect(txOrTrx("(trx) => trx")).toBe(true);
  });

  it("one compiled expression answers as an includes per word, a lower-cased copy and whole-name checks would", () => {
    const words = ["$queryRaw", "a.b", "cookie-parser", "(x)", "risma"];
    const test = compilePreTest(words, ["supabase"], ["db", "tx"]);
    const texts = [
      "prisma.$queryRaw`SELECT 1`",
      "const aXb = 1; const xx = 2; const $queryRawUnsafe = 3;",
      "import cookieParser from 'cookie-parser';",
      "const fn = (x) => x;",
      "const SupaBase = createClient();",
      "const ctx = context; const feedback = 1; const $db = 2; const dbName = 3;",
      "await tx.user.create({ data })",
      "const ädb = 1; const db\u0041 = 2;",
      "nothing to see here",
    ];
    const expected = (text: string) =>
      words.some((word) => text.includes(word)) ||
      text.includes("\\u") ||
      text.toLowerCase().includes("supabase") ||
      ["db", "tx"].some((name) => wholeName(text, name));
    for (const text of texts) expect(test(text), text).toBe(expected(text));
    expect(test("const aXb = 1; const xx = 2; const $queryRawUnsafe = 3;")).toBe(true); // $queryRaw inside a longer name
    expect(test("const ctx = context; const feedback = 1; const $db = 2; const dbName = 3;")).toBe(false);
  });

  it("keeps the shortest words that stand for the others", () => {
    expect(minimalWords(["hono/jwt", "jwt", "jwtVerify", "SignJWT", "JWT", "secret", "secret"]).sort()).toEqual(["JWT", "jwt", "secret"]);
  });
});

describe("settings: normalised once per settings object", () => {
  it("returns the same frozen object for the same settings, another for other settings", () => {
    const raw = { dbClients: ["store", 1], schema: "prisma" };
    const a = getSettings({ settings: { "backend-architect": raw } });
    const b = getSettings({ settings: { "backend-architect": raw } });
    expect(a).toBe(b);
    expect(a.dbClients).toEqual(["store"]);
    expect(Object.isFrozen(a) && Object.isFrozen(a.dbClients)).toBe(true);
    expect(getSettings({ settings: { "backend-architect": { ...raw } } })).not.toBe(a);
    expect(getSettings({ settings: {} })).toEqual({
      dbClients: [],
      authFunctions: [],
      authWrappers: [],
      authorizationFunctions: [],
      validators: [],
      cleanupFunctions: [],
      uploadFunctions: [],
      webhookVerifiers: [],
      schema: undefined,
      middleware: undefined,
    });
  });
});

function findCall(sourceCode: Readonly<TSESLint.SourceCode>, method: string) {
  let found: unknown;
  const visit = (node: Record<string, unknown>): void => {
    if (found || !node || typeof node.type !== "string") return;
    const callee = node.callee as { property?: { name?: string } } | undefined;
    if (node.type === "CallExpression" && callee?.property?.name === method) found = node;
    for (const [key, value] of Object.entries(node)) {
      if (key === "parent") continue;
      if (Array.isArray(value)) value.forEach((v) => visit(v as Record<string, unknown>));
      else if (value && typeof value === "object") visit(value as Record<string, unknown>);
    }
  };
  visit(sourceCode.ast as unknown as Record<string, unknown>);
  return found as Parameters<FileFacts["queries"]["queryAt"]>[0];
}
