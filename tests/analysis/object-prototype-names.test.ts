import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";
import { createDbQueryDetector } from "../../lib/analysis/db-queries.js";

/**
 * Every value has `toString`, `constructor`, `hasOwnProperty`...: a name table that is a plain
 * object read with `in` or `table[name]` answers for them too, and `items.map((n) => n.toString())`
 * becomes "a query per item". These names, in every place a query name can stand, on clients and
 * on anything else, must never make a query (or a finding) appear.
 */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const linter = new Linter({ configType: "flat" });

/** A probe rule that reports every query, as `library operation: <query text>`. */
const probe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const detector = createDbQueryDetector(context as never);
    function visit(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression) {
      const query = detector.queryAt(node);
      if (!query) return;
      const text = context.sourceCode.getText(query.node as never).replace(/\s+/gu, " ");
      context.report({ node: query.node as never, messageId: "q", data: { d: `${query.library} ${query.operation}: ${text}` } });
    }
    return { CallExpression: visit, TaggedTemplateExpression: visit } as never;
  },
} satisfies Rule.RuleModule;

function queries(code: string): string[] {
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { probe } } }, rules: { "t/probe": "error" } }],
    { filename: "app/api/items/route.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${fatal.message}\n${code}`);
  return messages.map((m) => m.message);
}

/** Clients of every library the detector knows, and receivers that are no client at all. */
const PRELUDE = `
import { prisma } from "@/lib/prisma";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { createClient } from "@/utils/supabase/server";
import { Kysely } from "kysely";
import { Pool } from "pg";
const supabase = await createClient();
const kdb = new Kysely<Database>({ dialect });
const pool = new Pool();
`;

/** The positions a query name can take; `N` is the name. */
const POSITIONS: { name: string; code: (n: string) => string; expected: (n: string) => string[] }[] = [
  { name: "Prisma model operation", code: (n) => `await prisma.user.${n}({ where: { id } });`, expected: () => [] },
  { name: "Prisma raw operation, called", code: (n) => `await prisma.${n}("SELECT 1");`, expected: () => [] },
  { name: "Prisma raw operation, tagged", code: (n) => `await prisma.${n}\`SELECT 1\`;`, expected: () => [] },
  { name: "Drizzle head", code: (n) => `await db.${n}(users);`, expected: () => [] },
  { name: "Drizzle head with a builder chain", code: (n) => `await db.${n}(users).where(eq(users.id, id));`, expected: () => [] },
  { name: "Drizzle relational query", code: (n) => `await db.query.users.${n}({ limit: 5 });`, expected: () => [] },
  { name: "Kysely head", code: (n) => `await kdb.${n}("person").selectAll().execute();`, expected: () => [] },
  { name: "Supabase operation", code: (n) => `await supabase.from("posts").${n}();`, expected: () => [] },
  { name: "node-postgres method", code: (n) => `await pool.${n}("SELECT 1");`, expected: () => [] },
  {
    name: "Drizzle chain method",
    code: (n) => `await db.delete(users).${n}();`,
    expected: (n) => [`drizzle delete: db.delete(users).${n}()`],
  },
  {
    name: "Supabase chain method",
    code: (n) => `await supabase.from("posts").select("*").${n}();`,
    expected: (n) => [`supabase select: supabase.from("posts").select("*").${n}()`],
  },
  {
    name: "Prisma result method",
    code: (n) => `(await prisma.user.findMany()).${n}();`,
    expected: () => ["prisma findMany: prisma.user.findMany()"],
  },
  { name: "a number in an array callback", code: (n) => `ids.map((id) => id.${n}());`, expected: () => [] },
  { name: "a value in a loop", code: (n) => `for (const item of items) { await item.${n}(); }`, expected: () => [] },
  { name: "a Map named like a client", code: (n) => `const byDb = new Map(); byDb.${n}(key);`, expected: () => [] },
  { name: "a model-like receiver", code: (n) => `await cache.user.${n}(key);`, expected: () => [] },
];

describe("Object.prototype names are never query names", () => {
  for (const position of POSITIONS) {
    it(position.name, () => {
      for (const name of PROTOTYPE_NAMES) {
        expect(queries(PRELUDE + position.code(name)), name).toEqual(position.expected(name));
      }
    });
  }
});

/** Every JS/TS rule of the plugin, at "error", but the one that asks every handler for a rate limit. */
const allJsRules = Object.fromEntries(
  Object.entries(plugin.rules)
    .filter(([id, rule]) => (rule.meta?.languages ?? ["js/js"]).includes("js/js") && id !== "require-rate-limit")
    .map(([id]) => [`backend-architect/${id}`, "error" as const]),
);

function findings(code: string, filename: string): string[] {
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { "backend-architect": plugin }, rules: allJsRules }],
    { filename },
  );
  return messages.map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

describe("Object.prototype names make no finding of any rule", () => {
  const calls = (n: string) => `
    for (const item of items) {
      await item.${n}();
      await prisma.user.${n}({ where: { id: item.id } });
      await prisma.${n}(item.sql);
      await db.${n}(users);
      await supabase.from("posts").${n}();
    }
    const labels = ids.map((id) => id.${n}());
    prisma.user.${n}();
    db.${n}(users);
    return labels;`;

  it("in a route handler", () => {
    for (const name of PROTOTYPE_NAMES) {
      const code = `${PRELUDE}\nexport async function GET(req: Request) {${calls(name)}\n}`;
      expect(findings(code, "app/api/items/route.ts"), name).toEqual([]);
    }
  });

  it("as an Express route method", () => {
    for (const name of PROTOTYPE_NAMES) {
      const code = `${PRELUDE}\nimport express from "express";\nconst router = express.Router();\nrouter.${name}("/items", async (req, res) => {\n  await prisma.user.deleteMany({ where: { id: req.body.id } });\n  res.json({ ok: true });\n});`;
      expect(findings(code, "src/routes/items.ts"), name).toEqual([]);
    }
  });
});

/**
 * The sweep, kept: a name table in lib/ is a Map or a Set. A plain-object table keyed by strings is
 * allowed only where it is read with `Object.hasOwn` (or keyed by the plugin's own rule ids), and
 * `name in TABLE` is never used.
 */
describe("lib/ has no plain-object name tables read by name", () => {
  const root = fileURLToPath(new URL("../../lib/", import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const ALLOWED = new Set(["STRICT_OPTIONS", "SUPABASE_BUCKET_METHODS", "OBJECT_CLIENT_METHODS"]);

  it("declares no string-keyed Record tables but the allowed ones, and those are read with Object.hasOwn", () => {
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(root, file), "utf8");
      for (const match of text.matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]*): (?:Readonly<)?Record<string,/gmu)) {
        const name = match[1]!;
        if (!ALLOWED.has(name)) found.push(`${file}: ${name}`);
        else if (name !== "STRICT_OPTIONS") expect(text, `${file}: ${name}`).toContain(`Object.hasOwn(${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("never asks `name in TABLE`", () => {
    const found = files.flatMap((file) =>
      readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(?:\*|\/\/|\/\*)/u.test(line) && /\bin [A-Z][A-Z0-9_]{2,}\b/u.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
