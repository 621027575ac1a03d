import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { Linter, type Rule } from "eslint";
import { describe, expect, it } from "vitest";
import { createDbQueryDetector, isLazyQuery, listValues, writtenValues } from "../../lib/analysis/db-queries.js";

/** A probe rule that reports every query once, as `library kind operation model: <query text>`. */
const probe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const detector = createDbQueryDetector(context as never);
    function visit(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression) {
      const query = detector.queryAt(node);
      if (!query) return;
      const text = context.sourceCode.getText(query.node as never).replace(/\s+/gu, " ");
      const d = `${query.library} ${query.kind}${query.readsOnly ? "(ro)" : ""} ${query.operation} ${query.model ?? "-"}: ${text}`;
      context.report({ node: query.node as never, messageId: "q", data: { d } });
    }
    return { CallExpression: visit, TaggedTemplateExpression: visit } as never;
  },
} satisfies Rule.RuleModule;

const linter = new Linter({ configType: "flat" });

function queries(code: string, settings: Record<string, unknown> = {}): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { probe } } },
        settings: { "backend-architect": settings },
        rules: { "t/probe": "error" },
      },
    ],
    { filename: "app/api/x/route.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("db-queries: recognised", () => {
  const cases: [string, string, string[]][] = [
    ["prisma model op", `prisma.user.findMany({ take: 10 })`, ["prisma read(ro) findMany user: prisma.user.findMany({ take: 10 })"]],
    ["prisma write", `await prisma.post.deleteMany({ where: { id } })`, ["prisma write deleteMany post: prisma.post.deleteMany({ where: { id } })"]],
    ["every write op", `db.a.createManyAndReturn({}); db.a.updateManyAndReturn({}); db.a.upsert({})`, [
      "prisma write createManyAndReturn a: db.a.createManyAndReturn({})",
      "prisma write updateManyAndReturn a: db.a.updateManyAndReturn({})",
      "prisma write upsert a: db.a.upsert({})",
    ]],
    ["member clients", `this.prisma.user.count(); ctx.prisma.team.findFirst(); opts.ctx.db.user.groupBy({}); this.prismaService.user.aggregate({})`, [
      "prisma read(ro) count user: this.prisma.user.count()",
      "prisma read(ro) findFirst team: ctx.prisma.team.findFirst()",
      "prisma read(ro) groupBy user: opts.ctx.db.user.groupBy({})",
      "prisma read(ro) aggregate user: this.prismaService.user.aggregate({})",
    ]],
    ["umami prisma.client", `prisma.client.website.findUnique({ where: { id } })`, ["prisma read(ro) findUnique website: prisma.client.website.findUnique({ where: { id } })"]],
    ["other client names", `prismaClient.a.findMany(); prismaEdge.a.findMany(); readDb.a.findMany(); database.a.findMany(); trx.a.create({})`, [
      "prisma read(ro) findMany a: prismaClient.a.findMany()",
      "prisma read(ro) findMany a: prismaEdge.a.findMany()",
      "prisma read(ro) findMany a: readDb.a.findMany()",
      "prisma read(ro) findMany a: database.a.findMany()",
      "prisma write create a: trx.a.create({})",
    ]],
    ["new PrismaClient binding under any name", `import { PrismaClient } from "@prisma/client"; const client = new PrismaClient().$extends({}); client.user.findMany();`, ["prisma read(ro) findMany user: client.user.findMany()"]],
    ["binding imported from a project db module", `import client from "@/lib/prisma"; client.user.findMany();`, ["prisma read(ro) findMany user: client.user.findMany()"]],
    ["$transaction callback parameter", `await prisma.$transaction(async (t) => { await t.user.update({ where: { id }, data }); });`, ["prisma write update user: t.user.update({ where: { id }, data })"]],
    ["settings.dbClients", `store.user.findMany(); ctx.warehouse.order.count()`, [
      "prisma read(ro) findMany user: store.user.findMany()",
      "prisma read(ro) count order: ctx.warehouse.order.count()",
    ]],
    ["then chain: the query is the op call", `prisma.user.findMany().then((u) => u.length)`, ["prisma read(ro) findMany user: prisma.user.findMany()"]],
    ["fluent relation", `prisma.user.findUnique({ where: { id } }).posts()`, ["prisma read(ro) findUnique user: prisma.user.findUnique({ where: { id } }).posts()"]],
    ["raw tagged and called", "prisma.$queryRaw`SELECT 1`; prisma.$executeRawUnsafe(q, id);", [
      "prisma raw(ro) $queryRaw -: prisma.$queryRaw`SELECT 1`",
      "prisma raw $executeRawUnsafe -: prisma.$executeRawUnsafe(q, id)",
    ]],
    ["$-prefixed raw methods are Prisma's on any receiver", "const client = getClient(); await client.$replica().$queryRawUnsafe(q, ...params); await getClient().$executeRaw`SET search_path TO x`;", [
      "prisma raw(ro) $queryRawUnsafe -: client.$replica().$queryRawUnsafe(q, ...params)",
      "prisma raw $executeRaw -: getClient().$executeRaw`SET search_path TO x`",
    ]],
    ["$queryRaw whose SQL writes is not read-only", "await prisma.$queryRaw`INSERT INTO \"Audit\" (a) VALUES (1) RETURNING id`; await prisma.$queryRawUnsafe(`UPDATE t SET a = 1 RETURNING *`); await prisma.$queryRaw(Prisma.sql`WITH x AS (SELECT 1) SELECT * FROM x`); await prisma.$queryRaw`WITH m AS (SELECT id FROM t WHERE a = ${a}) UPDATE t SET b = 1 FROM m RETURNING t.id`", [
      "prisma raw $queryRaw -: prisma.$queryRaw`INSERT INTO \"Audit\" (a) VALUES (1) RETURNING id`",
      "prisma raw $queryRawUnsafe -: prisma.$queryRawUnsafe(`UPDATE t SET a = 1 RETURNING *`)",
      "prisma raw(ro) $queryRaw -: prisma.$queryRaw(Prisma.sql`WITH x AS (SELECT 1) SELECT * FROM x`)",
      "prisma raw $queryRaw -: prisma.$queryRaw`WITH m AS (SELECT id FROM t WHERE a = ${a}) UPDATE t SET b = 1 FROM m RETURNING t.id`",
    ]],
    ["drizzle select chain", `await db.select().from(users).where(eq(users.id, id)).limit(1)`, ["drizzle read(ro) select -: db.select().from(users).where(eq(users.id, id)).limit(1)"]],
    ["drizzle writes", `await db.insert(users).values(v).returning(); await db.update(users).set(v).where(w); await db.delete(users).where(w)`, [
      "drizzle write insert users: db.insert(users).values(v).returning()",
      "drizzle write update users: db.update(users).set(v).where(w)",
      "drizzle write delete users: db.delete(users).where(w)",
    ]],
    ["drizzle relational, $count, execute", "await db.query.users.findMany({ limit: 5 }); await db.$count(users); await db.execute(sql`select 1`)", [
      "drizzle read(ro) findMany users: db.query.users.findMany({ limit: 5 })",
      "drizzle read(ro) $count -: db.$count(users)",
      "drizzle raw(ro) execute -: db.execute(sql`select 1`)",
    ]],
    ["drizzle client from drizzle()", `import { drizzle } from "drizzle-orm/postgres-js"; const conn = drizzle(client); await conn.select().from(t);`, ["drizzle read(ro) select -: conn.select().from(t)"]],
    ["drizzle builders batched", `await Promise.all([db.select().from(a), db.select().from(b)])`, [
      "drizzle read(ro) select -: db.select().from(a)",
      "drizzle read(ro) select -: db.select().from(b)",
    ]],
    ["supabase", `const supabase = await createClient(); await supabase.from("posts").select("*").eq("id", id); await supabase.from("posts").delete().eq("id", id);`, [
      `supabase read(ro) select posts: supabase.from("posts").select("*").eq("id", id)`,
      `supabase write delete posts: supabase.from("posts").delete().eq("id", id)`,
    ]],
    ["supabase client from a project helper", `import { createClient } from "@/utils/supabase/server"; const sb = await createClient(); await sb.from("notes").insert({ title });`, [
      `supabase write insert notes: sb.from("notes").insert({ title })`,
    ]],
    ["drizzle subquery passed to a call is part of the outer query only", `await db.select().from(posts).where(exists(db.select().from(likes).where(w)))`, [
      "drizzle read(ro) select -: db.select().from(posts).where(exists(db.select().from(likes).where(w)))",
    ]],
    ["a client returned by a factory call", `import { db } from "@acme/database"; import { prisma } from "@/lib/prisma"; await db().select().from(videos).where(eq(videos.id, id)); await (await getDb()).insert(users).values(v); await prisma().workspace.findUnique({ where: { id } });`, [
      "drizzle read(ro) select -: db().select().from(videos).where(eq(videos.id, id))",
      "drizzle write insert users: (await getDb()).insert(users).values(v)",
      "prisma read(ro) findUnique workspace: prisma().workspace.findUnique({ where: { id } })",
    ]],
    ["kysely", `await db.selectFrom("person").selectAll().where("id", "=", id).executeTakeFirst()`, [
      `kysely read(ro) selectFrom -: db.selectFrom("person").selectAll().where("id", "=", id).executeTakeFirst()`,
    ]],
    ["raw sql tags by origin", 'import { sql } from "@vercel/postgres"; import postgres from "postgres"; const pg = postgres(url); await sql`SELECT * FROM users`; await pg`DELETE FROM users WHERE id = ${id}`;', [
      "sql raw(ro) sql -: sql`SELECT * FROM users`",
      "sql raw sql -: pg`DELETE FROM users WHERE id = ${id}`",
    ]],
    ["pg pool", `import { Pool } from "pg"; const p = new Pool(); await p.query("SELECT * FROM t WHERE id = $1", [id]); await pool.query(q);`, [
      `sql raw(ro) query -: p.query("SELECT * FROM t WHERE id = $1", [id])`,
      "sql raw query -: pool.query(q)",
    ]],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => expect(queries(code, { dbClients: ["store", "ctx.warehouse"] })).toEqual(expected));
  }
});

describe("db-queries: not queries", () => {
  const cases: [string, string][] = [
    ["Map#delete and Set#delete", `cache.delete(key); seen.delete(id);`],
    ["axios and fetch clients", `await axios.delete("/api/x"); await api.update(id, data);`],
    ["repositories with Prisma-like names", `await userRepository.findMany(); await users.findUnique(id);`],
    ["array methods on a result", `const rows = await load(); rows.find((r) => r.id); rows.filter(Boolean);`],
    ["drizzle sql fragment is not a query", 'import { sql } from "drizzle-orm"; const frag = sql`count(*)`;'],
    ["drizzle subquery with .as()", `const sq = db.select().from(users).as("sq");`],
    ["prepared statement", `const p = db.select().from(users).where(w).prepare("q");`],
    ["supabase storage is not the database", `await supabase.storage.from("avatars").upload(path, file);`],
    ["supabase auth", `await supabase.auth.getUser();`],
    ["apollo client.query", `await client.query({ query: GET_USERS });`],
    ["Firestore transaction update", `await db.runTransaction(async (t) => { t.update(ref, { n: 1 }); });`],
    ["prisma $connect / $disconnect", `await prisma.$connect(); await prisma.$disconnect();`],
    ["unknown receiver name", `await client.user.findMany();`],
    ["an import from a non-db module", `import { users } from "@/data/users"; users.posts.findMany();`],
    ["Dexie db.delete() without table", `await db.delete();`],
    ["a factory with arguments or another name", `await connect(url).select().from(t); await getCache().delete(key); await makeStore().users.findMany();`],
    ["Object.prototype methods", `rows.map((d) => d.date.toString()); bytes.map((b) => b.toString(16)); prisma.user.toString(); db.valueOf(); supabase.from("t").constructor();`],
  ];
  for (const [name, code] of cases) {
    it(name, () => {
      expect(queries(code)).toEqual([]);
    });
  }
});

/** A probe that describes each query's laziness and list values, and each batch call. */
const helpersProbe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const detector = createDbQueryDetector(context as never);
    const text = (node: unknown) => context.sourceCode.getText(node as never).replace(/\s+/gu, " ");
    function visit(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression) {
      if (node.type === "CallExpression" && detector.isBatchCall(node)) {
        context.report({ node: node as never, messageId: "q", data: { d: `batch: ${text(node.callee)}` } });
      }
      const query = detector.queryAt(node);
      if (!query) return;
      const { filters, rows, params } = listValues(query);
      const parts = [isLazyQuery(query) ? "lazy" : "eager"];
      if (filters.length > 0) parts.push(`filters [${filters.map(text).join(", ")}]`);
      if (rows.length > 0) parts.push(`rows [${rows.map(text).join(", ")}]`);
      if (params.length > 0) parts.push(`params [${params.map(text).join(", ")}]`);
      context.report({ node: query.node as never, messageId: "q", data: { d: `${query.operation}: ${parts.join(" ")}` } });
    }
    return { CallExpression: visit, TaggedTemplateExpression: visit } as never;
  },
} satisfies Rule.RuleModule;

function helpers(code: string): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { probe: helpersProbe } } },
        rules: { "t/probe": "error" },
      },
    ],
    { filename: "lib/x.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("db-queries: isLazyQuery, listValues, isBatchCall", () => {
  const cases: [string, string, string[]][] = [
    ["prisma is lazy; in: and OR built from a list are list filters", `prisma.user.findMany({ where: { id: { in: ids }, OR: pairs.map((p) => p), AND: [{ a: 1 }] } })`, [
      "findMany: lazy filters [ids, pairs.map((p) => p)]",
    ]],
    ["prisma createMany rows", `prisma.user.createMany({ data: batch })`, ["createMany: lazy rows [batch]"]],
    ["drizzle builder is lazy, .execute() and .run() are eager, insert .values(rows) is still lazy", `db.select().from(t).where(and(inArray(t.id, ids), eq(t.a, 1))); db.delete(t).where(w).execute(); db.update(t).set(v).run(); db.insert(t).values(rows)`, [
      "select: lazy filters [ids]",
      "delete: eager",
      "update: eager",
      "insert: lazy rows [rows]",
    ]],
    ["supabase .in() and insert rows", `supabase.from("a").select().in("id", ids); supabase.from("a").upsert(list)`, [
      "select: lazy filters [ids]",
      "upsert: lazy rows [list]",
    ]],
    ["raw SQL parameters", "prisma.$executeRaw`DELETE FROM t WHERE id = ANY(${batch})`; prisma.$queryRawUnsafe(q, ids, 1)", [
      "$executeRaw: lazy params [batch]",
      "$queryRawUnsafe: lazy params [ids, 1]",
    ]],
    ["kysely is eager; where in", `db.selectFrom("person").where("id", "in", ids).execute()`, ["selectFrom: eager filters [ids]"]],
    ["batch calls: Prisma $transaction array form and Drizzle db.batch", `prisma.$transaction([a, b]); db.batch(ops); prisma.$transaction(async (tx) => {}); cache.batch(ops)`, [
      "batch: prisma.$transaction",
      "batch: db.batch",
    ]],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => expect(helpers(code)).toEqual(expected));
  }
});

/** A probe rule that reports the values each write stores, as `operation: <value text> | ...`. */
const valuesProbe = {
  meta: { type: "problem", schema: [], messages: { q: "{{d}}" } },
  create(context) {
    const detector = createDbQueryDetector(context as never);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const query = detector.queryAt(node);
        if (!query) return;
        const values = writtenValues(query).map((v) => context.sourceCode.getText(v as never).replace(/\s+/gu, " "));
        context.report({ node: node as never, messageId: "q", data: { d: `${query.operation}: ${values.join(" | ")}` } });
      },
    } as never;
  },
} satisfies Rule.RuleModule;

function written(code: string): string[] {
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { values: valuesProbe } } }, rules: { "t/values": "error" } }],
    { filename: "app/api/x/route.ts" },
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe("db-queries: writtenValues", () => {
  const cases: [string, string, string[]][] = [
    ["prisma create/update/createMany data", `prisma.post.create({ data: { title } }); prisma.post.update({ where: { id }, data }); prisma.file.createMany({ data: rows })`, [
      "create: { title }",
      "update: data",
      "createMany: rows",
    ]],
    ["prisma upsert create and update", `prisma.user.upsert({ where: { id }, create: { id, image }, update: { image } })`, ["upsert: { id, image } | { image }"]],
    ["prisma reads, deletes and an argument in a variable", `prisma.user.findMany({ where }); prisma.user.delete({ where: { id } }); prisma.user.create(args)`, [
      "findMany: ",
      "delete: ",
      "create: ",
    ]],
    ["drizzle values and set", `db.insert(files).values({ key }).returning(); db.update(users).set({ image }).where(eq(users.id, id))`, [
      "insert: { key }",
      "update: { image }",
    ]],
    ["supabase insert/update/upsert, not delete or select", `const supabase = createClient(); supabase.from("a").insert({ path }); supabase.from("a").upsert([row]).select(); supabase.from("a").delete().eq("id", id); supabase.from("a").select("*")`, [
      "insert: { path }",
      "upsert: [row]",
      "delete: ",
      "select: ",
    ]],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => expect(written(code)).toEqual(expected));
  }
});

describe("db-queries: every call of a chain, asked in any order", () => {
  /** For each call (in source order), the operation and text of its query, asking the calls from the last to the first. */
  function innerFirst(code: string): string[] {
    const answers: string[] = [];
    const rule = {
      meta: { type: "problem", schema: [], messages: {} },
      create(context) {
        const calls: TSESTree.CallExpression[] = [];
        return {
          CallExpression: (node: TSESTree.CallExpression) => calls.push(node),
          "Program:exit"() {
            const detector = createDbQueryDetector(context as never);
            const byCall = new Map([...calls].reverse().map((call) => [call, detector.getQuery(call)]));
            for (const call of calls) {
              const query = byCall.get(call);
              answers.push(`${context.sourceCode.getText(call as never)} -> ${query ? `${query.operation}: ${context.sourceCode.getText(query.node as never)}` : "-"}`);
            }
          },
        } as never;
      },
    } satisfies Rule.RuleModule;
    linter.verify(code, [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { rule } } }, rules: { "t/rule": "error" } }], {
      filename: "app/api/x/route.ts",
    });
    return answers;
  }

  it("answers for the inner calls of a chain as for the outer ones, and for calls of no query shape", () => {
    expect(innerFirst(`db.select().from(users).where(w).then(f); Array.from(rows); cache.delete(key); run(); list.map(f).filter(g);`)).toEqual([
      "db.select().from(users).where(w).then(f) -> -",
      "db.select().from(users).where(w) -> select: db.select().from(users).where(w)",
      "db.select().from(users) -> select: db.select().from(users).where(w)",
      "db.select() -> select: db.select().from(users).where(w)",
      "Array.from(rows) -> -",
      "cache.delete(key) -> -",
      "run() -> -",
      "list.map(f).filter(g) -> -",
      "list.map(f) -> -",
    ]);
  });
});
