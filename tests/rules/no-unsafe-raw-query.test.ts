import rule from "../../lib/rules/no-unsafe-raw-query.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("no-unsafe-raw-query", rule, {
  valid: [
    {
      name: "a constant string",
      filename: "lib/health.ts",
      code: `
import { prisma } from "@/lib/prisma";
export const ping = () => prisma.$queryRawUnsafe("SELECT 1");
`,
    },
    {
      name: "parameterised with $1 placeholders",
      filename: "app/api/users/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const email = new URL(req.url).searchParams.get("email");
  return Response.json(await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email));
}
`,
    },
    {
      name: "a template of constants",
      filename: "lib/stats.ts",
      code: `
import { prisma } from "@/lib/prisma";
const TABLE = "User";
const ACTIVE = \`"deletedAt" IS NULL\`;
export const countUsers = () => prisma.$queryRawUnsafe(\`SELECT COUNT(*) FROM "\${TABLE}" WHERE \${ACTIVE}\`);
`,
    },
    {
      name: "the tagged template: values become parameters",
      filename: "app/api/posts/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const q = new URL(req.url).searchParams.get("q") ?? "";
  return Response.json(await prisma.$queryRaw\`SELECT id FROM "Post" WHERE title ILIKE \${"%" + q + "%"}\`);
}
`,
    },
    {
      name: "allow-list lookup in Prisma.raw",
      filename: "app/api/reports/route.ts",
      code: `
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/prisma";
const SORT_COLUMNS = { newest: "created_at", title: "title" } as const;
export async function GET(req: Request) {
  const sort = (new URL(req.url).searchParams.get("sort") ?? "newest") as keyof typeof SORT_COLUMNS;
  return Response.json(await prisma.$queryRaw\`SELECT id FROM "Post" ORDER BY \${Prisma.raw(SORT_COLUMNS[sort])}\`);
}
`,
    },
    {
      name: "a let assigned only constants",
      filename: "app/api/stats/route.ts",
      code: `
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const period = new URL(req.url).searchParams.get("period");
  let bucket: string;
  if (period === "day") bucket = "DATE_TRUNC('day', date)";
  else if (period === "week") bucket = "DATE_TRUNC('week', date)";
  else bucket = "DATE_TRUNC('month', date)";
  const direction = period === "day" ? "DESC" : "ASC";
  return Response.json(await prisma.$queryRaw\`SELECT \${Prisma.raw(bucket)} AS p, COUNT(*) FROM "Email" GROUP BY 1 ORDER BY 1 \${Prisma.raw(direction)}\`);
}
`,
    },
    {
      name: "loop over a constant list of tables",
      filename: "prisma/migrations/backfill.ts",
      code: `
import { prisma } from "@/lib/prisma";
const TABLES = ["Project", "Webhook", "ApiKey"] as const;
export async function backfill() {
  for (const table of TABLES) {
    await prisma.$executeRawUnsafe(\`UPDATE "\${table}" SET "workspaceId" = "environmentId" WHERE "workspaceId" IS NULL\`);
  }
}
`,
    },
    {
      name: "a local helper called only with constants",
      filename: "lib/ranking.ts",
      code: `
import { Prisma } from "@prisma/client";
const discoverable = (alias: string) => Prisma.sql\`\${Prisma.raw(alias)}.status = 'approved'\`;
export const filters = [discoverable("p"), discoverable("p2")];
`,
    },
    {
      name: "a wrapper that passes its parameters on",
      filename: "lib/prisma-raw.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function rawQuery(sql: string, params: unknown[]) {
  return prisma.$queryRawUnsafe(sql, ...params);
}
`,
    },
    {
      name: "placeholders generated from indexes",
      filename: "lib/users.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function byIds(ids: string[]) {
  const placeholders = ids.map((_, i) => \`$\${i + 1}\`).join(", ");
  return prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE id IN (\${placeholders})\`, ...ids);
}
`,
    },
    {
      name: "numbers, allow-listed operators and deployment configuration",
      filename: "lib/search.ts",
      code: `
import { prisma } from "@/lib/prisma";
const SQL_OPERATORS = { gt: ">", lt: "<", eq: "=" } as const;
export async function search(op: keyof typeof SQL_OPERATORS, value: number, page: string) {
  const limit = Math.min(Number(page) * 20, 200);
  await prisma.$executeRawUnsafe(\`SET search_path TO "\${process.env.DB_SCHEMA}"\`);
  return prisma.$queryRawUnsafe(\`SELECT * FROM "Score" WHERE value \${SQL_OPERATORS[op]} $1 LIMIT \${limit}\`, value);
}
`,
    },
    {
      name: "an allow-list check in a conditional",
      filename: "app/api/posts/route.ts",
      code: `
import { sql } from "drizzle-orm";
import { db } from "@/db";
const SORTABLE = ["title", "created_at"];
export async function GET(req: Request) {
  const sort = new URL(req.url).searchParams.get("sort") ?? "";
  const column = SORTABLE.includes(sort) ? sort : "created_at";
  return Response.json(await db.execute(sql\`SELECT * FROM posts ORDER BY \${sql.raw(column)}\`));
}
`,
    },
    {
      name: "WHERE clauses pushed as constants and joined",
      filename: "lib/filters.ts",
      code: `
import { Pool } from "pg";
const pool = new Pool();
export async function list(status?: string, ownerId?: string) {
  const where: string[] = ["deleted_at IS NULL"];
  const values: string[] = [];
  if (status) { values.push(status); where.push(\`status = $\${values.length}\`); }
  if (ownerId) { values.push(ownerId); where.push(\`owner_id = $\${values.length}\`); }
  return pool.query(\`SELECT * FROM tasks WHERE \${where.join(" AND ")}\`, values);
}
`,
    },
    {
      name: "pg with a text variable made elsewhere",
      filename: "lib/pg.ts",
      code: `
import { Pool } from "pg";
import { QUERIES } from "./queries";
const pool = new Pool();
export const run = (name: keyof typeof QUERIES, values: unknown[]) => pool.query(QUERIES[name], values);
`,
    },
    {
      name: "escaping helpers, an imported constant and a value from a local resolver",
      filename: "server/routers/apps.ts",
      code: `
import { Pool } from "pg";
import { appSchemaIdent, pgQuoteLiteral } from "@/server/utils/sql";
import { MAX_ROWS } from "@/server/common/constants";
const pool = new Pool();
async function resolveContext(token: string) {
  const slug = token.split(".")[0]!;
  return { schema: appSchemaIdent(slug), blockId: token };
}
export async function list(token: string) {
  const { schema, blockId } = await resolveContext(token);
  const client = await pool.connect();
  await client.query(\`SET LOCAL app.block_id = \${pgQuoteLiteral(blockId)}\`);
  return client.query(\`SELECT key FROM \${schema}.kv LIMIT \${MAX_ROWS}\`);
}
`,
    },
    {
      name: "parameters declared as a literal union and a number",
      filename: "lib/feed.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function page(dir: "asc" | "desc", limit: number, hours = 24) {
  return prisma.$queryRawUnsafe(\`SELECT * FROM "Post" WHERE "createdAt" > now() - interval '\${hours} hours' ORDER BY "createdAt" \${dir} LIMIT \${limit}\`);
}
`,
    },
    {
      name: "numbers and enums validated by a Zod schema of the file, enum members",
      filename: "pages/api/internal/refresh.ts",
      code: `
import * as z from "zod";
import { ModelStatus } from "@prisma/client";
import { prisma } from "@/lib/prisma";
const schema = z.object({ start: z.coerce.number().optional(), modelIds: z.number().array() });
export default async function handler(req: { query: unknown }, res: { json(v: unknown): void }) {
  const { start, modelIds } = schema.parse(req.query);
  const rows = await prisma.$queryRawUnsafe(
    \`SELECT id FROM "Model" WHERE status = '\${ModelStatus.Published}' AND id IN (\${modelIds.join(",")}) \${start ? \`AND id > \${start}\` : ""}\`,
  );
  res.json(rows);
}
`,
    },
    {
      name: "members of an options type declared in the file",
      filename: "utils/sender-stats.ts",
      code: `
import { Prisma } from "@prisma/client";
import prisma from "@/utils/prisma";
type StatsOptions = { emailAccountId: string; orderDirection?: "asc" | "desc"; limit?: number | null };
export async function senderStats(options: StatsOptions) {
  const direction = options.orderDirection?.toUpperCase() || "DESC";
  const limitClause = options.limit ? \`LIMIT \${options.limit}\` : "";
  return prisma.$queryRaw\`SELECT "from", COUNT(*) FROM "EmailMessage" WHERE "emailAccountId" = \${options.emailAccountId}
    GROUP BY 1 ORDER BY 2 \${Prisma.raw(direction)} \${Prisma.raw(limitClause)}\`;
}
`,
    },
    {
      name: "a helper that runs statements made elsewhere (a migration file's text)",
      filename: "lib/db-admin.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function runStatement(statement: string) {
  return prisma.$executeRawUnsafe(statement);
}
export async function applyMigrations(apply: (statement: string) => Promise<unknown>) {
  for (const statement of MIGRATIONS) await apply(statement);
}
declare const MIGRATIONS: string[];
export const boot = () => applyMigrations((statement) => prisma.$executeRawUnsafe(statement));
`,
    },
    {
      name: "statements read from a .sql file",
      filename: "lib/migrate.ts",
      code: `
import { readFileSync } from "node:fs";
import { prisma } from "@/lib/prisma";
export async function migrate(file: string) {
  const text = readFileSync(file, "utf8");
  for (const statement of text.split(";").map((s) => s.trim()).filter(Boolean)) {
    await prisma.$executeRawUnsafe(statement);
  }
}
`,
    },
    {
      name: "a query builder's escaped output",
      filename: "src/features/record/record.service.ts",
      code: `
import type { Knex } from "knex";
import { prisma } from "@/lib/prisma";
export class RecordService {
  constructor(private readonly knex: Knex) {}
  async versions(dbTableName: string, ids: string[]) {
    const nativeQuery = this.knex(dbTableName).select("__id", "__version").whereIn("__id", ids).toQuery();
    return prisma.$queryRawUnsafe<{ __id: string }[]>(nativeQuery);
  }
}
`,
    },
    {
      name: "table and column names a helper's caller chooses",
      filename: "lib/report.ts",
      code: `
import { PrismaClient } from "@prisma/client";
const client = new PrismaClient();
export async function countRows(table: string, teamId: string) {
  return client.$queryRawUnsafe(\`SELECT COUNT(*) FROM "\${table}" WHERE "teamId" = $1\`, teamId);
}
export async function rename(from: string, to: string) {
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(\`ALTER TABLE "\${from}" RENAME TO "\${to}"\`);
  });
}
export async function recreate(rankTable: string, primaryKey: string, indexes: string[] = []) {
  await client.$executeRawUnsafe(\`CREATE TABLE "\${rankTable}_New" AS SELECT * FROM "\${rankTable}_Live"\`);
  await client.$executeRawUnsafe(\`ALTER TABLE "\${rankTable}_New" ADD CONSTRAINT "pk_\${rankTable}" PRIMARY KEY ("\${primaryKey}")\`);
  for (const index of indexes) await client.$executeRawUnsafe(\`CREATE INDEX ON "\${rankTable}_New" ("\${index}")\`);
}
`,
    },
    {
      name: "a name checked against a strict pattern before use, also in a local validator",
      filename: "src/engine/partitions.ts",
      code: `
import { prisma } from "@/lib/prisma";
function safeName(name: string): string {
  if (!/^Delivery_\\d{4}_\\d{2}_\\d{2}$/.test(name)) {
    throw new Error(\`unexpected partition name: \${name}\`);
  }
  return name;
}
export async function exists(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT to_regclass('"\${safeName(name)}"')::text AS oid\`);
}
export async function grant(schema: string, role: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema) || !/^[a-z_]+$/.test(role)) return;
  await prisma.$executeRawUnsafe(\`GRANT USAGE ON SCHEMA \${schema} TO \${role}; SELECT '\${schema}'\`);
}
`,
    },
    {
      name: "request values checked against an allow-list (Set#has, includes) before use",
      filename: "app/api/permissions/route.ts",
      code: `
import { sql } from "drizzle-orm";
import { db } from "@/db";
const INNER = { name: "name", updatedAt: "updated_at_m" } as const;
const OUTER = { name: "p.name", updatedAt: "p.updated_at_m" } as const;
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const column = params.get("sort") ?? "name";
  const map = params.get("scope") === "inner" ? INNER : OUTER;
  const valid = new Set([...Object.values(map), "id"]);
  if (!valid.has(column)) {
    return Response.json({ error: "bad sort" }, { status: 400 });
  }
  const direction = params.get("dir");
  if (direction !== "asc" && direction !== "desc") throw new Error("bad direction");
  return Response.json(await db.execute(sql\`SELECT * FROM permissions ORDER BY \${sql.raw(column)} \${sql.raw(direction)}\`));
}
`,
    },
    {
      name: "a member of the input checked with includes, and an operator from an imported list",
      filename: "server/rewards/collected.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { validOperators } from "./operators";
const supported = ["Model", "Image", "Article"];
export const getOwner = async (input: { entityType: string; entityId: number }, operator: string) => {
  if (!supported.includes(input.entityType)) return false;
  if (!validOperators.includes(operator)) throw new Error("Invalid operator");
  return prisma.$queryRawUnsafe(\`SELECT "userId" FROM "\${input.entityType}" WHERE id \${operator} \${input.entityId} AND kind = '\${input.entityType}'\`);
};
`,
    },
    {
      name: "a direction parsed by a Zod enum",
      filename: "lib/order-by.ts",
      code: `
import { Prisma } from "@prisma/client";
import { z } from "zod";
export function orderBySql(column: string, order: unknown) {
  const parsed = z.enum(["ASC", "DESC"]).safeParse(order);
  if (!parsed.success) throw new Error("Invalid order");
  return Prisma.raw(\`ORDER BY \${column} \${parsed.data}\`);
}
`,
    },
    {
      name: "ids the database generated, spliced even inside quotes",
      filename: "server/jobs/bounties.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function closeExpired() {
  const expired = await prisma.bounty.findMany({ where: { complete: false }, select: { id: true, userId: true } });
  for (const bounty of expired) {
    await prisma.$executeRawUnsafe(\`UPDATE "Bounty" SET complete = true WHERE id = '\${bounty.id}' AND "userId" = \${bounty.userId}\`);
  }
  const { id: challengeId } = await prisma.challenge.create({ data: { title: "Daily" } });
  const ids = expired.map(({ id }) => \`'\${id}'\`).join(",");
  await prisma.$executeRawUnsafe(\`UPDATE "Collection" SET description = '/challenges/\${challengeId}' WHERE "bountyId" IN (\${ids})\`);
}
`,
    },
    {
      name: "values of no visible type made elsewhere: enums, imported configuration, JSON of numbers, escaped JSON",
      filename: "server/events/leaderboard.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { ModelStatus } from "@prisma/client";
import { activeEvents } from "./events";
export async function update(statuses: ModelStatus[], counts: number[], meta: object) {
  for (const event of activeEvents) {
    await prisma.$executeRawUnsafe(\`DELETE FROM "LeaderboardResult" WHERE "leaderboardId" = '\${event.name}:day'\`);
  }
  const json = JSON.stringify(counts);
  const metaJson = JSON.stringify(meta).replace(/'/g, "''");
  await prisma.$executeRawUnsafe(
    \`UPDATE "Stats" SET counts = '\${json}'::jsonb, meta = '\${metaJson}'::jsonb WHERE status IN (\${statuses.map((s) => \`'\${s}'::"ModelStatus"\`).join(",")})\`,
  );
}
`,
    },
    {
      name: "a table alias and a Zod string limited to name characters",
      filename: "server/search/cleanup.ts",
      code: `
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { prisma } from "@/lib/prisma";
interface IndexConfig { tableName: string; alias: string }
const slugSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) });
export async function validIds(cfg: IndexConfig, body: unknown) {
  const { slug } = slugSchema.parse(body);
  return prisma.$queryRaw\`SELECT \${Prisma.raw(\`\${cfg.alias}.id\`)} FROM \${Prisma.raw(\`"\${cfg.tableName}"\`)} \${Prisma.raw(cfg.alias)} WHERE slug = '\${Prisma.raw(slug)}'\`;
}
`,
    },
    {
      name: "raw methods that are not SQL helpers",
      filename: "lib/misc.ts",
      code: `
const sql = { raw: (s: string) => s };
export function f(input: string, body: { raw(x: string): string }) {
  return [sql.raw(input), body.raw(input), String.raw\`\${input}\`];
}
`,
    },
    {
      name: "a GraphQL client.query is not SQL",
      filename: "lib/graphql.ts",
      code: `
import { client } from "./apollo";
export const load = (id: string) => client.query({ query: \`query { user(id: "\${id}") { name } }\` });
`,
    },
  ],
  invalid: [
    {
      name: "a string parameter of a key-value helper inside quotes",
      filename: "packages/db/src/kv.ts",
      code: `
import type { PrismaClient } from "@prisma/client";
export function makeKV(db: PrismaClient) {
  return {
    set: async (key: string, value: unknown) => {
      const json = JSON.stringify(value).replace(/'/g, "''");
      await db.$executeRawUnsafe(\`INSERT INTO "KeyValue" (key, value) VALUES ('\${key}', '\${json}'::jsonb)\`);
    },
  };
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 7, column: 34, endLine: 7, endColumn: 107, suggestions: [] }],
    },
    {
      name: "free-text fields of a webhook payload, through a local helper's destructured parameter",
      filename: "pages/api/webhooks/scan-result.ts",
      code: `
import { prisma } from "@/lib/prisma";
async function updateScan({ id, model, blockedFor }: { id: number; model?: string; blockedFor?: string }) {
  const sets = [model ? \`"aiModel" = '\${model}'\` : "", blockedFor ? \`"blockedFor" = '\${blockedFor}'\` : ""];
  return prisma.$queryRawUnsafe(\`UPDATE "Image" SET \${sets.filter(Boolean).join(", ")} WHERE id = \${id}\`);
}
export default async function handler(req: { body: { id: number; model?: string } }) {
  await updateScan(req.body);
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 5, column: 33, endLine: 5, endColumn: 105, suggestions: [] }],
    },
    {
      name: "string ids quoted one by one and joined",
      filename: "server/jobs/roles.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function addRole(role: string, accountIds: string[]) {
  const ids = accountIds.map((id) => \`'\${id}'\`).join(",");
  await prisma.$executeRawUnsafe(\`UPDATE "Account" SET roles = roles || '\${role}' WHERE "providerAccountId" IN (\${ids})\`);
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 5, column: 34, endLine: 5, endColumn: 121, suggestions: [] }],
    },
    {
      name: "a request value as a table name",
      filename: "pages/api/export.ts",
      code: `
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "@/lib/prisma";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const table = String(req.query.table);
  res.json(await prisma.$queryRawUnsafe(\`SELECT * FROM "\${table}" LIMIT 100\`));
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 6, column: 41, endLine: 6, endColumn: 77, suggestions: [] }],
    },
    {
      name: "SQL text from the request after a CTE",
      filename: "src/features/table/table.service.ts",
      code: `
import { prisma } from "@/lib/prisma";
export class TableService {
  async sqlQuery(tableName: string, sql: string) {
    const combined = \`WITH base AS (SELECT * FROM "\${tableName}") \${sql.replace(tableName, "base")}\`;
    return prisma.$queryRawUnsafe(combined);
  }
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 6, column: 35, endLine: 6, endColumn: 43, suggestions: [] }],
    },
    {
      name: "a tRPC input field of free text inside quotes",
      filename: "server/routers/tags.ts",
      code: `
import { z } from "zod";
import { Prisma } from "@prisma/client";
import { protectedProcedure } from "../trpc";
import { prisma } from "@/lib/prisma";
export const search = protectedProcedure.input(z.object({ q: z.string() })).query(({ input }) =>
  prisma.$queryRaw\`SELECT id FROM "Tag" WHERE name LIKE '\${Prisma.raw(input.q)}%'\`,
);
`,
      errors: [{ messageId: "unsafeRawFragment", line: 7, column: 71, endLine: 7, endColumn: 78, suggestions: [] }],
    },
    {
      name: "a pattern that lets quotes through does not vouch",
      filename: "app/api/schemas/route.ts",
      code: `
import { Pool } from "pg";
const pool = new Pool();
export async function GET(req: Request) {
  const schema = new URL(req.url).searchParams.get("schema") ?? "";
  if (!/^.+$/.test(schema)) throw new Error("missing schema");
  return Response.json((await pool.query(\`SELECT * FROM \${schema}.kv\`)).rows);
}
`,
      errors: [{ messageId: "unsafePgQuery", line: 7, column: 42, endLine: 7, endColumn: 70, suggestions: [] }],
    },
    {
      name: "a route param through a local helper, where a value goes",
      filename: "src/routes/users.ts",
      code: `
import { Router } from "express";
import { Pool } from "pg";
const pool = new Pool();
const router = Router();
function findUser(id) {
  return pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
}
router.get("/users/:id", async (req, res) => {
  res.json((await findUser(req.params.id)).rows);
});
export default router;
`,
      errors: [{ messageId: "unsafePgQuery", line: 7, column: 21, endLine: 7, endColumn: 59, suggestions: [] }],
    },
    {
      name: "a request header inside quotes",
      filename: "app/actions/audit.ts",
      code: `
"use server";
import { headers } from "next/headers";
import { prisma } from "@/lib/prisma";
export async function audit() {
  const agent = (await headers()).get("user-agent");
  await prisma.$executeRawUnsafe(\`INSERT INTO "Audit" (agent) VALUES ('\${agent}')\`);
}
`,
      errors: [{ messageId: "unsafeRawCall", line: 7, column: 34, endLine: 7, endColumn: 83, suggestions: [] }],
    },
    {
      name: "search input inside a quoted LIKE pattern: no suggestion",
      filename: "app/api/posts/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const q = new URL(req.url).searchParams.get("q") ?? "";
  const rows = await prisma.$queryRawUnsafe(\`SELECT id, title FROM "Post" WHERE title ILIKE '%\${q}%'\`);
  return Response.json(rows);
}
`,
      errors: [
        { messageId: "unsafeRawCall", line: 5, column: 45, endLine: 5, endColumn: 102, suggestions: [] },
      ],
    },
    {
      name: "value after = : suggestion to the tagged template",
      filename: "app/api/users/[id]/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const users = await prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE id = \${id}\`);
  return Response.json(users);
}
`,
      errors: [
        {
          messageId: "unsafeRawCall",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 85,
          suggestions: [
            {
              messageId: "useTaggedTemplate",
              output: `
import { prisma } from "@/lib/prisma";
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const users = await prisma.$queryRaw\`SELECT * FROM "User" WHERE id = \${id}\`;
  return Response.json(users);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "type arguments are kept and $executeRawUnsafe becomes $executeRaw",
      filename: "lib/sessions.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function expireSessions(userId: string, limit: string) {
  await prisma.$queryRawUnsafe<{ id: string }[]>(\`SELECT id FROM "Session" WHERE "userId" = \${userId} LIMIT \${limit}\`);
  return prisma.$executeRawUnsafe(\`DELETE FROM "Session" WHERE id = \${userId}::int;\`);
}
`,
      errors: [
        {
          messageId: "unsafeRawCall",
          line: 4,
          column: 50,
          endLine: 4,
          endColumn: 118,
          suggestions: [
            {
              messageId: "useTaggedTemplate",
              output: `
import { prisma } from "@/lib/prisma";
export async function expireSessions(userId: string, limit: string) {
  await prisma.$queryRaw<{ id: string }[]>\`SELECT id FROM "Session" WHERE "userId" = \${userId} LIMIT \${limit}\`;
  return prisma.$executeRawUnsafe(\`DELETE FROM "Session" WHERE id = \${userId}::int;\`);
}
`,
            },
          ],
        },
        {
          messageId: "unsafeRawCall",
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 85,
          suggestions: [
            {
              messageId: "useTaggedTemplate",
              output: `
import { prisma } from "@/lib/prisma";
export async function expireSessions(userId: string, limit: string) {
  await prisma.$queryRawUnsafe<{ id: string }[]>(\`SELECT id FROM "Session" WHERE "userId" = \${userId} LIMIT \${limit}\`);
  return prisma.$executeRaw\`DELETE FROM "Session" WHERE id = \${userId}::int;\`;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "a constant spliced in next to the value: no suggestion",
      filename: "lib/orders.ts",
      code: `
import { prisma } from "@/lib/prisma";
const OPEN = "'open'";
export async function openOrders(customerId: string) {
  return prisma.$queryRawUnsafe(\`SELECT * FROM "Order" WHERE status = \${OPEN} AND "customerId" = \${customerId}\`);
}
`,
      errors: [
        { messageId: "unsafeRawCall", line: 5, column: 33, endLine: 5, endColumn: 112, suggestions: [] },
      ],
    },
    {
      name: "concatenation",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function findByEmail(email: string) {
  return prisma.$queryRawUnsafe("SELECT * FROM \\"User\\" WHERE email = '" + email + "'");
}
`,
      errors: [
        { messageId: "unsafeRawCall", line: 5, column: 33, endLine: 5, endColumn: 87, suggestions: [] },
      ],
    },
    {
      name: "a const bound to a built template",
      filename: "lib/cleanup.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function purge(userId: string) {
  const sql = \`DELETE FROM "Session" WHERE "userId" = '\${userId}'\`;
  await prisma.$executeRawUnsafe(sql);
}
`,
      errors: [
        { messageId: "unsafeRawCall", line: 5, column: 34, endLine: 5, endColumn: 37, suggestions: [] },
      ],
    },
    {
      name: "a free-text field of a Zod schema",
      filename: "pages/api/search.ts",
      code: `
import * as z from "zod";
import { prisma } from "@/lib/prisma";
const schema = z.object({ q: z.string().min(1), limit: z.coerce.number() });
export default async function handler(req: { query: unknown }, res: { json(v: unknown): void }) {
  const { q, limit } = schema.parse(req.query);
  res.json(await prisma.$queryRawUnsafe(\`SELECT id FROM "Post" WHERE title = '\${q}' LIMIT \${limit}\`));
}
`,
      errors: [
        { messageId: "unsafeRawCall", line: 7, column: 41, endLine: 7, endColumn: 100, suggestions: [] },
      ],
    },
    {
      name: "Prisma.raw with a request value",
      filename: "app/api/reports/route.ts",
      code: `
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const sort = new URL(req.url).searchParams.get("sort") ?? "created_at";
  const rows = await prisma.$queryRaw\`SELECT id FROM "Post" ORDER BY \${Prisma.raw(sort)}\`;
  return Response.json(rows);
}
`,
      errors: [
        { messageId: "unsafeRawFragment", line: 6, column: 83, endLine: 6, endColumn: 87, suggestions: [] },
      ],
    },
    {
      name: "Drizzle sql.raw with a built template",
      filename: "app/api/monitors/route.ts",
      code: `
import { sql } from "drizzle-orm";
import { db } from "@/db";
export async function GET(req: Request) {
  const column = new URL(req.url).searchParams.get("orderBy");
  const rows = await db.execute(sql\`SELECT * FROM monitor \${sql.raw(\`ORDER BY \${column} DESC\`)}\`);
  return Response.json(rows);
}
`,
      errors: [
        { messageId: "unsafeRawFragment", line: 6, column: 69, endLine: 6, endColumn: 94, suggestions: [] },
      ],
    },
    {
      name: "Kysely sql.raw",
      filename: "src/repositories/person.ts",
      code: `
import { sql } from "kysely";
import { db } from "./database";
export async function search(direction: string) {
  return db.selectFrom("person").selectAll().orderBy(sql.raw(\`first_name \${direction}\`)).execute();
}
`,
      errors: [
        { messageId: "unsafeRawFragment", line: 5, column: 62, endLine: 5, endColumn: 87, suggestions: [] },
      ],
    },
    {
      name: "pg pool.query with a template",
      filename: "pages/api/users.ts",
      code: `
import { Pool } from "pg";
const pool = new Pool();
export default async function handler(req: { query: { email: string } }, res: { json(v: unknown): void }) {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE email = '\${req.query.email}'\`);
  res.json(rows);
}
`,
      errors: [
        { messageId: "unsafePgQuery", line: 5, column: 37, endLine: 5, endColumn: 93, suggestions: [] },
      ],
    },
    {
      name: "pg client.query with concatenation and a config object",
      filename: "lib/pg.ts",
      code: `
import { Pool } from "pg";
const pool = new Pool();
export async function load(id: string, name: string) {
  const client = await pool.connect();
  await client.query("SELECT * FROM accounts WHERE id = " + id);
  await client.query({ text: \`SELECT * FROM tags WHERE name = '\${name}'\`, values: [] });
  client.release();
}
`,
      errors: [
        { messageId: "unsafePgQuery", line: 6, column: 22, endLine: 6, endColumn: 63, suggestions: [] },
        { messageId: "unsafePgQuery", line: 7, column: 30, endLine: 7, endColumn: 73, suggestions: [] },
      ],
    },
  ],
});
