import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/no-await-in-loop-query.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
/** A project with constants to import and a Prisma schema (`tests/fixtures/loop-bounds`). */
const BOUNDS = fileURLToPath(new URL("../fixtures/loop-bounds/", import.meta.url));
const bounds = (relative: string): string => path.join(BOUNDS, relative);

ruleTester.run("no-await-in-loop-query", rule, {
  valid: [
    {
      name: "rows of a findMany that pins a unique key (@@unique, @unique) are one row at most",
      filename: bounds("app/api/webhooks/tracker/route.ts"),
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const event = (await req.json()) as { taskId: string; label: string; serial: string };
  const duplicates = await prisma.label.findMany({ where: { taskId: event.taskId, name: event.label } });
  for (const label of duplicates) {
    await prisma.label.delete({ where: { id: label.id } });
  }
  const devices = await prisma.device.findMany({ where: { serial: { equals: event.serial } }, select: { id: true } });
  await Promise.all(devices.filter(Boolean).map((device) => prisma.device.update({ where: { id: device.id }, data: { lastSeenAt: new Date() } })));
  return Response.json({ ok: true });
}
`,
    },
    {
      name: "a subset of an imported constant list: the names a user picked that the presets hold",
      filename: bounds("app/alerts/actions.ts"),
      code: `
"use server";
import presets from "@/components/alerts/presets";
import { db } from "@/lib/db";
export async function enablePresets(projectId: string, names: string[]) {
  const presetsByName = new Map(presets.map((p) => [p.name, p]));
  const picked = new Set(names.filter((name) => presetsByName.has(name)));
  const existing = await db.alertRule.findMany({ where: { projectId }, select: { name: true } });
  const existingNames = new Set(existing.map((rule) => rule.name));
  const toCreate = Array.from(picked).filter((name) => !existingNames.has(name));
  for (const name of toCreate) {
    const preset = presetsByName.get(name)!;
    await db.alertRule.create({ data: { projectId, name, threshold: preset.threshold } });
  }
}
`,
    },
    {
      name: "an imported constant through Object.entries, a Set, and a spread of two constants",
      filename: bounds("lib/teams.ts"),
      code: `
import { defaultRoles } from "./regions";
import { prisma } from "@/lib/prisma";
const LIMITS = { free: 3, pro: 20, team: 100 };
const EXTRA_ROLES = ["billing"];
export async function seedTeam(teamId: string) {
  for (const [plan, limit] of Object.entries(LIMITS)) {
    await prisma.planLimit.create({ data: { teamId, plan, limit } });
  }
  for (const role of new Set([...defaultRoles, ...EXTRA_ROLES])) {
    await prisma.role.create({ data: { teamId, name: role } });
  }
}
`,
    },
    {
      name: "Effect's Option.map over one optional session is not a loop",
      filename: "packages/web-backend/src/Auth.ts",
      code: `
        import { Effect, Option } from "effect";
        export const getCurrentUser = (session: Option.Option<Session>) =>
          session.pipe(
            Option.map((s) => Effect.promise(() => db.select().from(users).where(eq(users.id, s.user.id)))),
          );
      `,
    },
    {
      name: "a data migration runs over each row once, in order (code-migrations folder)",
      filename: "packages/db/code-migrations/7-migrate-events-to-series.ts",
      code: `
        export async function up() {
          const projects = await db.project.findMany();
          for (const project of projects) {
            await db.series.create({ data: { projectId: project.id } });
          }
        }
      `,
    },
    {
      name: "chunks by index: one $transaction batch, or one raw bulk UPDATE, per chunk",
      filename: "worker/src/usage/bulkUpdates.ts",
      code: `
import { prisma } from "@/lib/prisma";
const CHUNK = 500;
export async function applyUsage(updates: { orgId: string; usage: number }[], chunkSize = 200) {
  for (let i = 0; i < updates.length; i += chunkSize) {
    const chunk = updates.slice(i, i + chunkSize);
    await prisma.$transaction(
      chunk.map((u) => prisma.organization.update({ where: { id: u.orgId }, data: { usage: u.usage } })),
    );
  }
  for (let offset = 0; offset < updates.length; offset += CHUNK) {
    const rows = updates.slice(offset, offset + CHUNK);
    const params = rows.flatMap((u) => [u.orgId, u.usage]);
    await prisma.$executeRawUnsafe(\`UPDATE org SET usage = v.usage FROM (VALUES \${values(rows)}) AS v(id, usage) WHERE org.id = v.id\`, ...params);
  }
}
`,
    },
    {
      name: "generated statements run one by one: a schema builder's toSQL(), a provider's statement list, destructured",
      filename: "apps/backend/src/features/field/field.service.ts",
      code: `
import { Injectable } from "@nestjs/common";
import { PrismaService } from "../prisma/prisma.service";
@Injectable()
export class FieldService {
  constructor(private readonly prismaService: PrismaService, private readonly knex: any, private readonly dbProvider: any) {}
  async dropTables(tableNames: string[]) {
    for (const tableName of tableNames) {
      for (const sql of this.knex.schema.dropTable(tableName).toSQL()) {
        await this.prismaService.txClient().$executeRawUnsafe(sql.sql);
      }
    }
  }
  async renameColumns(dbTableName: string, renames: { from: string; to: string }[]) {
    for (const { from, to } of renames) {
      const statements = this.dbProvider.renameColumn(dbTableName, from, to);
      for (const statement of statements) {
        await this.prismaService.txClient().$executeRawUnsafe(statement);
      }
    }
  }
  async createSchema(baseId: string) {
    for (const { sql } of this.dbProvider.createSchema(baseId)) await this.prismaService.$executeRawUnsafe(sql);
  }
  async tightenTables(dbTableNames: string[]) {
    for (const dbTableName of dbTableNames) {
      const statements = this.knex.schema
        .alterTable(dbTableName, (table: any) => table.unique("__id"))
        .toSQL()
        .map((item: { sql: string }) => item.sql);
      for (const sql of statements) await this.prismaService.txClient().$executeRawUnsafe(sql);
    }
  }
}
`,
    },
    {
      name: "schema changes per table or column: DDL text, a schema builder's query, through a const",
      filename: "apps/backend/src/features/table/table.service.ts",
      code: `
import { prisma } from "../prisma";
export async function addColumns(dbTableName: string, fields: { dbFieldName: string }[], knex: any) {
  for (const field of fields) {
    const alterTableQuery = knex.schema.alterTable(dbTableName, (table: any) => table.string(field.dbFieldName)).toQuery();
    await prisma.$executeRawUnsafe(alterTableQuery);
  }
}
export async function provisionTenants(tenants: { id: string }[]) {
  for (const tenant of tenants) {
    await prisma.$executeRawUnsafe(\`CREATE SCHEMA IF NOT EXISTS "\${tenant.id}"\`);
    await prisma.$executeRawUnsafe(\`
      -- each tenant's role
      GRANT USAGE ON SCHEMA "\${tenant.id}" TO app\`);
  }
}
`,
    },
    {
      name: "raw SQL a builder makes per chunk of a loop that steps by the chunk size",
      filename: "apps/backend/src/event-emitter/listeners/record-history.listener.ts",
      code: `
import { prisma } from "../prisma";
export async function saveHistory(records: { id: string; fields: Record<string, unknown> }[], knex: any) {
  const batchSize = 5000;
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize);
    const rows = batch.map((record) => ({ record_id: record.id, after: JSON.stringify(record.fields) }));
    const query = knex.insert(rows).into("record_history").toQuery();
    await prisma.$executeRawUnsafe(query);
  }
}
`,
    },
    {
      name: "a migration script that runs itself: main().catch(...)",
      filename: "tools/migrate/app-scoped.ts",
      code: `
import { drizzle } from "drizzle-orm/mysql2";
import * as schema from "@/db/schema";
async function main() {
  const db = drizzle(process.env.DATABASE_URL!, { schema, mode: "default" });
  const projects = await db.query.projects.findMany();
  for (const project of projects) {
    await db.insert(schema.apps).values({ projectId: project.id, slug: "default" });
  }
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
`,
    },
    {
      name: "a script with a shebang, and one whose entry is an arrow function awaited at top level",
      filename: "tools/backfill.ts",
      code: `#!/usr/bin/env tsx
import { prisma } from "@/lib/prisma";
const runBackfill = async () => {
  for (const user of await prisma.user.findMany()) {
    await prisma.profile.create({ data: { userId: user.id } });
  }
};
await runBackfill();
`,
    },
    {
      name: "Object.prototype methods in array callbacks and loops are not queries",
      filename: "app/dashboard/stats.tsx",
      code: `
import { prisma } from "@/lib/prisma";
export async function StatsTable({ teamId }: { teamId: string }) {
  const rows = await prisma.usage.groupBy({ by: ["day"], where: { teamId }, _sum: { events: true } });
  const labels = rows.map((row) => row.day.toLocaleString());
  const ids = rows.map((row) => row.teamId.toString());
  for (const row of rows) {
    if (!Object.prototype.hasOwnProperty.call(row, "_sum")) continue;
    if (row.hasOwnProperty("day")) await prisma.valueOf();
    totals.push(row._sum.events?.valueOf());
  }
  return { labels, ids };
}
`,
    },
    {
      name: "loop over an array literal",
      filename: "lib/roles.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function ensureRoles() {
  for (const role of ["admin", "user"]) {
    await prisma.role.upsert({ where: { name: role }, create: { name: role }, update: {} });
  }
}
`,
    },
    {
      name: "map over a module-level const array",
      filename: "lib/roles.ts",
      code: `
import { prisma } from "@/lib/prisma";
const ROLES = ["owner", "member", "viewer"] as const;
export async function ensureRoles(teamId: string) {
  await Promise.all(ROLES.map((name) => prisma.role.upsert({ where: { teamId_name: { teamId, name } }, create: { teamId, name }, update: {} })));
}
`,
    },
    {
      name: "loop over a Prisma enum and over a filtered constant",
      filename: "lib/settings.ts",
      code: `
import { NotificationType } from "@prisma/client";
import { prisma } from "@/lib/prisma";
const CHANNELS = ["email", "push", "sms"];
export async function seedDefaults(userId: string) {
  for (const type of Object.values(NotificationType)) {
    await prisma.notificationSetting.create({ data: { userId, type } });
  }
  for (const channel of CHANNELS.filter((c) => c !== "sms")) {
    await prisma.channel.create({ data: { userId, channel } });
  }
}
`,
    },
    {
      name: "retry loop counting to a constant",
      filename: "lib/jobs.ts",
      code: `
import { prisma } from "@/lib/prisma";
const MAX_ATTEMPTS = 3;
export async function claimJob(id: string) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const claimed = await prisma.job.updateMany({ where: { id, lockedAt: null }, data: { lockedAt: new Date() } });
    if (claimed.count > 0) return true;
  }
  return false;
}
`,
    },
    {
      name: "chunked batching with in: on the batch",
      filename: "app/api/cron/archive/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { chunk } from "@/lib/utils";
export async function POST(req: Request) {
  const { ids } = await req.json();
  for (const batch of chunk(ids, 500)) {
    await prisma.link.updateMany({ where: { id: { in: batch } }, data: { archived: true } });
  }
  return Response.json({ ok: true });
}
`,
    },
    {
      name: "index-sliced batches and createMany per chunk",
      filename: "lib/import.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function importRows(ids: string[], rows: { email: string }[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    const batch = ids.slice(i, i + 1000);
    await prisma.contact.deleteMany({ where: { id: { in: batch } } });
  }
  for (const group of chunkRows(rows)) {
    await prisma.contact.createMany({ data: group.map((row) => ({ email: row.email })) });
  }
}
`,
    },
    {
      name: "Drizzle inArray and raw SQL ANY() on the batch",
      filename: "lib/cleanup.ts",
      code: `
import { db } from "@/db";
import { sessions } from "@/db/schema";
import { inArray } from "drizzle-orm";
import { prisma } from "@/lib/prisma";
export async function purge(ids: string[]) {
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200);
    await db.delete(sessions).where(inArray(sessions.id, slice));
    await prisma.$executeRaw\`DELETE FROM "Token" WHERE "sessionId" = ANY(\${slice})\`;
  }
}
`,
    },
    {
      name: "queries collected into an array passed to $transaction",
      filename: "app/api/posts/reorder/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { order } = (await req.json()) as { order: { id: string; position: number }[] };
  const ops = [];
  for (const item of order) {
    ops.push(prisma.post.update({ where: { id: item.id }, data: { position: item.position } }));
  }
  await prisma.$transaction(ops);
  return Response.json({ ok: true });
}
`,
    },
    {
      name: "$transaction(items.map(...)), filtered, and Drizzle db.batch",
      filename: "lib/positions.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { db } from "@/db";
import { items } from "@/db/schema";
import { eq } from "drizzle-orm";
export async function savePositions(order: { id: string; position: number }[]) {
  await prisma.$transaction(order.map((o) => prisma.item.update({ where: { id: o.id }, data: { position: o.position } })));
  const updates = order.map((o) => (o.position > 0 ? prisma.item.update({ where: { id: o.id }, data: { position: o.position } }) : undefined)).filter(Boolean);
  await prisma.$transaction(updates);
  await db.batch([...order.map((o) => db.update(items).set({ position: o.position }).where(eq(items.id, o.id)))]);
}
`,
    },
    {
      name: "pagination with while and a retry with do...while",
      filename: "lib/export.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function exportAll(teamId: string) {
  let cursor: string | undefined;
  const rows = [];
  while (true) {
    const page = await prisma.event.findMany({ where: { teamId }, take: 1000, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
    if (page.length === 0) break;
    rows.push(...page);
    cursor = page.at(-1)!.id;
  }
  let saved;
  do {
    saved = await prisma.export.create({ data: { teamId, rows: rows.length } }).catch(() => null);
  } while (!saved);
  for (;;) {
    const { count } = await prisma.event.deleteMany({ where: { teamId, archived: true } });
    if (count === 0) break;
  }
}
`,
    },
    {
      name: "function defined in a loop but not called there",
      filename: "lib/loaders.ts",
      code: `
import { prisma } from "@/lib/prisma";
export function buildLoaders(ids: string[]) {
  const loaders: Record<string, () => Promise<unknown>> = {};
  for (const id of ids) {
    loaders[id] = () => prisma.user.findUnique({ where: { id } });
  }
  return ids.map((id) => ({ id, load: () => prisma.user.findUniqueOrThrow({ where: { id } }) }));
}
`,
    },
    {
      name: "nested function declaration inside the loop",
      filename: "lib/report.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function report(teams: { id: string }[]) {
  for (const team of teams) {
    function countMembers() {
      return prisma.member.count({ where: { teamId: team.id } });
    }
    register(team.id, countMembers);
  }
}
`,
    },
    {
      name: "findUnique fan-out is batched by Prisma's dataloader",
      filename: "app/api/users/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: string[] };
  const users = await Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));
  const promises = [];
  for (const id of ids) promises.push(prisma.team.findUnique({ where: { id } }));
  const teams = await Promise.all(promises);
  return Response.json({ users, teams });
}
`,
    },
    {
      name: "the loop leaves right after the query",
      filename: "lib/domains.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function setPrimary(domains: { id: string; verified: boolean }[]) {
  for (const domain of domains) {
    if (domain.verified) {
      await prisma.domain.update({ where: { id: domain.id }, data: { primary: true } });
      break;
    }
  }
  for (const domain of domains) {
    if (!domain.verified) return prisma.domain.findUnique({ where: { id: domain.id } });
  }
}
`,
    },
    {
      name: "query in the iterated expression runs once",
      filename: "lib/digest.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function digest() {
  for (const user of await prisma.user.findMany({ take: 100 })) {
    send(user.email);
  }
  return (await prisma.post.findMany({ take: 10 })).map((p) => p.title);
}
`,
    },
    {
      name: "not database queries: Map#delete, repositories, fetch clients",
      filename: "lib/cache.ts",
      code: `
export async function evict(keys: string[], cache: Map<string, unknown>) {
  keys.forEach((key) => cache.delete(key));
  for (const key of keys) {
    await userRepository.findMany({ key });
    await api.update(key, {});
  }
}
`,
    },
    {
      name: "floating Prisma query in a loop never runs: no-floating-query reports it",
      filename: "lib/bug.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function touch(ids: string[]) {
  for (const id of ids) {
    prisma.user.update({ where: { id }, data: { seenAt: new Date() } });
  }
}
`,
    },
    {
      name: "chunk list by name, OR built from the chunk",
      filename: "lib/fraud.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function hold(pairs: { programId: string; partnerId: string }[]) {
  const chunks = splitInto(pairs, 50);
  for (const chunk of chunks) {
    const pending = await prisma.commission.findMany({ where: { OR: chunk.map(({ programId, partnerId }) => ({ programId, partnerId })) } });
    await prisma.commission.updateMany({ where: { id: { in: pending.map((c) => c.id) } }, data: { status: "held" } });
  }
}
`,
    },
    {
      name: "transaction batch option off does not affect plain constant loops",
      filename: "lib/roles.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function seedRoles() {
  await prisma.$transaction(["a", "b"].map((name) => prisma.role.create({ data: { name } })));
}
`,
      options: [{ allowTransactionBatch: false }],
    },
    {
      name: "the same read on every item (guarded to run once) is not an N+1",
      filename: "app/api/cron/renewals/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
const ACME_ID = "ws_acme";
export async function GET() {
  const invoices = await prisma.invoice.findMany({ where: { status: "due" } });
  for (const invoice of invoices) {
    let workspace = invoice.workspace;
    if (workspace.id === ACME_ID) {
      workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: "ws_main" } });
    }
    charge(workspace, invoice);
  }
  return Response.json({ ok: true });
}
`,
    },
    {
      name: "raw bulk UPDATE ... FROM (VALUES ...) built from an index-sliced batch",
      filename: "prisma/backfill.ts",
      code: `
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/prisma";
export async function backfill(updates: { id: string; title: string }[]) {
  const BATCH = 1000;
  for (let i = 0; i < updates.length; i += BATCH) {
    const batch = updates.slice(i, i + BATCH);
    const tuples = batch.map((u) => Prisma.sql\`(\${u.id}, \${u.title})\`);
    const values = Prisma.join(tuples, ", ");
    await prisma.$executeRaw\`UPDATE "Post" AS p SET title = v.title FROM (VALUES \${values}) AS v(id, title) WHERE p.id = v.id\`;
  }
}
`,
    },
  ],
  invalid: [
    {
      name: "a statement per row: mapped from the rows, DML per item, a builder's query per item outside a chunk loop",
      filename: "apps/backend/src/features/record/record.service.ts",
      code: `
import { prisma } from "../prisma";
export async function reorder(rows: { id: string; order: number }[], knex: any) {
  const statements = rows.map((row) => knex("records").where("id", row.id).update({ order: row.order }).toQuery());
  for (const statement of statements) {
    await prisma.$executeRawUnsafe(statement);
  }
  for (const row of rows) {
    const query = knex("records").where("id", row.id).update({ order: row.order }).toQuery();
    await prisma.$executeRawUnsafe(query);
    await prisma.$executeRawUnsafe(\`UPDATE records SET "order" = \${row.order} WHERE id = '\${row.id}'\`);
  }
}
`,
      errors: [
        { messageId: "sequential", line: 6, column: 11, endLine: 6, endColumn: 46 },
        { messageId: "sequential", line: 10, column: 11, endLine: 10, endColumn: 42 },
        { messageId: "sequential", line: 11, column: 11, endLine: 11, endColumn: 103 },
      ],
    },
    {
      name: "shapes from real apps: a recursive folder copy, a fan-out in an interactive transaction, a raw UPDATE per holding",
      filename: "lib/datarooms/copy.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function copyFolders(roomId: string, folders: { name: string; children?: any[] }[], parentId: string | null = null) {
  for (const folder of folders) {
    const created = await prisma.roomFolder.create({ data: { name: folder.name, parentId, roomId } });
    if (folder.children?.length) await copyFolders(roomId, folder.children, created.id);
  }
}
export async function updateFields(fields: { id: number; page: number }[]) {
  return prisma.$transaction(async (tx) =>
    Promise.all(fields.map(async (field) => tx.field.update({ where: { id: field.id }, data: { page: field.page } }))),
  );
}
export async function spend(userId: number, holdings: { key: string; take: number }[]) {
  await prisma.$transaction(async (tx) => {
    for (const holding of holdings) {
      await tx.$executeRaw\`UPDATE "UserItem" SET remaining = remaining - \${holding.take} WHERE "userId" = \${userId} AND key = \${holding.key}\`;
    }
  });
}
`,
      errors: [
        { messageId: "sequential", line: 5, column: 27, endLine: 5, endColumn: 102 },
        { messageId: "fanOut", line: 11, column: 45, endLine: 11, endColumn: 117 },
        { messageId: "sequential", line: 17, column: 13, endLine: 17, endColumn: 142 },
      ],
    },
    {
      name: "shapes from real apps: a Drizzle relational lookup in a Hono route loop, a Supabase update per account",
      filename: "apps/server/src/routes/pages.ts",
      code: `
import { db } from "@openstatus/db";
import { monitor } from "@openstatus/db/src/schema";
import { and, eq } from "@openstatus/db";
import { createClient } from "@midday/supabase/job";
export function registerPages(api: Hono) {
  return api.post("/pages", async (c) => {
    const { monitors } = await c.req.json();
    for (const id of monitors) {
      const found = await db.query.monitor.findFirst({ where: and(eq(monitor.id, id), eq(monitor.workspaceId, 1)) });
      if (!found) return c.json({ error: "not found" }, 400);
    }
    return c.json({ ok: true });
  });
}
export async function matchAccounts(accounts: { id: string; iban: string }[]) {
  const supabase = createClient();
  for (const account of accounts) {
    const { error } = await supabase.from("bank_accounts").update({ iban: account.iban }).eq("id", account.id);
    if (error) console.warn(error);
  }
}
`,
      errors: [
        { messageId: "sequential", line: 10, column: 27, endLine: 10, endColumn: 117 },
        { messageId: "sequential", line: 19, column: 29, endLine: 19, endColumn: 111 },
      ],
    },
    {
      name: "a per-item query inside a chunk loop is still one query per item",
      filename: "lib/transactions.ts",
      code: `
import { db } from "@/db";
import { transactions } from "@/db/schema";
import { eq } from "drizzle-orm";
export async function setBaseCurrency(items: { id: string; amount: number }[]) {
  for (let i = 0; i < items.length; i += 100) {
    const batch = items.slice(i, i + 100);
    await Promise.all(batch.map((item) => db.update(transactions).set({ baseAmount: item.amount }).where(eq(transactions.id, item.id))));
  }
}
`,
      errors: [{ messageId: "fanOut", line: 8, column: 43, endLine: 8, endColumn: 135 }],
    },
    {
      name: "a module whose main() is only called from a handler is not a script; ignoreScripts off reports scripts too",
      filename: "lib/sync.ts",
      code: `
import { prisma } from "@/lib/prisma";
async function main(ids: string[]) {
  for (const id of ids) await prisma.user.update({ where: { id }, data: { synced: true } });
}
export async function POST(req: Request) {
  await main(await req.json());
  return new Response(null);
}
`,
      errors: [{ messageId: "sequential", line: 4, column: 31, endLine: 4, endColumn: 92 }],
    },
    {
      name: "ignoreScripts: false",
      filename: "tools/migrate/run.ts",
      options: [{ ignoreScripts: false }],
      code: `
import { prisma } from "@/lib/prisma";
async function main() {
  for (const user of await prisma.user.findMany()) await prisma.profile.create({ data: { userId: user.id } });
}
void main();
`,
      errors: [{ messageId: "sequential", line: 4, column: 58, endLine: 4, endColumn: 110 }],
    },
    {
      name: "sequential findUnique per post (still N queries: the dataloader only batches one tick)",
      filename: "app/api/posts/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET() {
  const posts = await prisma.post.findMany({ take: 20 });
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    Object.assign(post, { authorName: author?.name });
  }
  return Response.json(posts);
}
`,
      errors: [{ messageId: "sequential", line: 6, column: 26, endLine: 6, endColumn: 82 }],
    },
    {
      name: "fan-out update per id",
      filename: "app/api/posts/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function PATCH(req: Request) {
  const { postIds, tag } = await req.json();
  await Promise.all(postIds.map((id: string) => prisma.post.update({ where: { id }, data: { tag } })));
  return Response.json({ ok: true });
}
`,
      errors: [{ messageId: "fanOut", line: 5, column: 49, endLine: 5, endColumn: 101 }],
    },
    {
      name: "findUniqueOrThrow is not batched",
      filename: "app/api/users/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: string[] };
  return Response.json(await Promise.all(ids.map((id) => prisma.user.findUniqueOrThrow({ where: { id } }))));
}
`,
      errors: [{ messageId: "fanOut", line: 5, column: 58, endLine: 5, endColumn: 106 }],
    },
    {
      name: "findUnique fan-out callback that awaits more queries: the later one is reported",
      filename: "app/api/users/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: string[] };
  const result = await Promise.all(
    ids.map(async (id) => {
      const user = await prisma.user.findUnique({ where: { id } });
      const team = await prisma.team.findUnique({ where: { id: user!.teamId } });
      return { user, team };
    }),
  );
  return Response.json(result);
}
`,
      errors: [{ messageId: "fanOut", line: 8, column: 26, endLine: 8, endColumn: 81 }],
    },
    {
      name: "forEach with an async callback",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function markRead(ids: string[]) {
  ids.forEach(async (id) => {
    await prisma.notification.update({ where: { id }, data: { readAt: new Date() } });
  });
}
`,
      errors: [{ messageId: "fanOut", line: 6, column: 11, endLine: 6, endColumn: 86 }],
    },
    {
      name: "queries pushed into an array awaited with Promise.all",
      filename: "lib/sync.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function sync(members: { id: string; role: string }[]) {
  const updates = [];
  for (const member of members) {
    updates.push(prisma.member.update({ where: { id: member.id }, data: { role: member.role } }));
  }
  await Promise.all(updates);
}
`,
      errors: [{ messageId: "fanOut", line: 6, column: 18, endLine: 6, endColumn: 97 }],
    },
    {
      name: "index loop, Drizzle builder and Supabase query",
      filename: "lib/invites.ts",
      code: `
import { db } from "@/db";
import { members } from "@/db/schema";
import { createClient } from "@supabase/supabase-js";
const supabase = createClient(url, key);
export async function invite(teamId: string, emails: string[]) {
  for (let i = 0; i < emails.length; i++) {
    await db.insert(members).values({ teamId, email: emails[i] });
  }
  await Promise.all(emails.map((email) => supabase.from("invites").insert({ team_id: teamId, email })));
}
`,
      errors: [
        { messageId: "sequential", line: 8, column: 11, endLine: 8, endColumn: 66 },
        { messageId: "fanOut", line: 10, column: 43, endLine: 10, endColumn: 102 },
      ],
    },
    {
      name: "a function bound in the loop and called there, and an inline callback of another call",
      filename: "lib/enrich.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function enrich(posts: { id: string; authorId: string }[]) {
  for (const post of posts) {
    const loadAuthor = () => prisma.user.findFirst({ where: { id: post.authorId } });
    Object.assign(post, { author: await loadAuthor() });
  }
  await Promise.all(posts.map((post) => limit(() => prisma.view.count({ where: { postId: post.id } }))));
}
`,
      errors: [
        { messageId: "sequential", line: 5, column: 30, endLine: 5, endColumn: 85 },
        { messageId: "fanOut", line: 8, column: 53, endLine: 8, endColumn: 102 },
      ],
    },
    {
      name: "interactive transaction with a loop of writes",
      filename: "app/api/folders/reorder/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { order } = (await req.json()) as { order: { id: string; index: number }[] };
  await prisma.$transaction(async (tx) => {
    for (const item of order) {
      await tx.folder.update({ where: { id: item.id }, data: { index: item.index } });
    }
  });
  return Response.json({ ok: true });
}
`,
      errors: [{ messageId: "sequential", line: 7, column: 13, endLine: 7, endColumn: 86 }],
    },
    {
      name: "in: on a property of the item is not chunking; an inner constant loop does not hide the outer one",
      filename: "lib/feed.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function feed(users: { id: string; tagIds: string[] }[]) {
  for (const user of users) {
    await prisma.post.findMany({ where: { tagId: { in: user.tagIds } } });
    for (const kind of ["like", "share"]) {
      await prisma.stat.count({ where: { userId: user.id, kind } });
    }
  }
}
`,
      errors: [
        { messageId: "sequential", line: 5, column: 11, endLine: 5, endColumn: 74 },
        { messageId: "sequential", line: 7, column: 13, endLine: 7, endColumn: 68 },
      ],
    },
    {
      name: "an array literal that is filled at run time is not constant",
      filename: "lib/payouts.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function retally(sums: Map<string, number>) {
  const toUpdate: { id: string; amount: number }[] = [];
  for (const [id, amount] of sums) toUpdate.push({ id, amount });
  await Promise.all(toUpdate.map(({ id, amount }) => prisma.payout.update({ where: { id }, data: { amount } })));
}
`,
      errors: [{ messageId: "fanOut", line: 6, column: 54, endLine: 6, endColumn: 111 }],
    },
    {
      name: "a break inside an inner loop does not end the outer one",
      filename: "lib/match.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function match(users: { id: string; emails: string[] }[]) {
  for (const user of users) {
    for (const email of ["a@x.com", "b@x.com"]) {
      if (user.emails.includes(email)) {
        await prisma.user.update({ where: { id: user.id }, data: { matched: true } });
        break;
      }
    }
  }
}
`,
      errors: [{ messageId: "sequential", line: 7, column: 15, endLine: 7, endColumn: 86 }],
    },
    {
      name: "async reduce chains the queries one after another",
      filename: "lib/totals.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function total(ids: string[]) {
  return ids.reduce(async (sum, id) => (await sum) + (await prisma.order.count({ where: { customerId: id } })), Promise.resolve(0));
}
`,
      errors: [{ messageId: "sequential", line: 4, column: 61, endLine: 4, endColumn: 110 }],
    },
    {
      name: "allowTransactionBatch false reports batches",
      filename: "lib/positions.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function savePositions(order: { id: string; position: number }[]) {
  await prisma.$transaction(order.map((o) => prisma.item.update({ where: { id: o.id }, data: { position: o.position } })));
}
`,
      options: [{ allowTransactionBatch: false }],
      errors: [{ messageId: "fanOut", line: 4, column: 46, endLine: 4, endColumn: 121 }],
    },
    {
      name: "checkWhileLoops reports queries in while loops",
      filename: "lib/queue.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function drain(queue: string[]) {
  while (queue.length > 0) {
    const id = queue.shift()!;
    await prisma.job.delete({ where: { id } });
  }
}
`,
      options: [{ checkWhileLoops: true }],
      errors: [{ messageId: "sequential", line: 6, column: 11, endLine: 6, endColumn: 47 }],
    },
    {
      name: "the same write on every item is still N writes; a read that follows a cursor assigned in the loop varies",
      filename: "lib/counters.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function count(events: { id: string }[]) {
  let lastId = "";
  for (const event of events) {
    await prisma.counter.update({ where: { id: "events" }, data: { value: { increment: 1 } } });
    await prisma.log.findFirst({ where: { id: { gt: lastId } } });
    lastId = event.id;
  }
}
`,
      errors: [
        { messageId: "sequential", line: 6, column: 11, endLine: 6, endColumn: 96 },
        { messageId: "sequential", line: 7, column: 11, endLine: 7, endColumn: 66 },
      ],
    },
    {
      name: "async map inside JSX of a server component",
      filename: "app/dashboard/page.tsx",
      code: `
import { prisma } from "@/lib/prisma";
export default async function Page() {
  const teams = await prisma.team.findMany({ take: 10 });
  return <ul>{await Promise.all(teams.map(async (t) => <li key={t.id}>{await prisma.member.count({ where: { teamId: t.id } })}</li>))}</ul>;
}
`,
      errors: [{ messageId: "fanOut", line: 5, column: 78, endLine: 5, endColumn: 126 }],
    },
    {
      name: "an imported constant table longer than twenty items is data: one query per region",
      filename: bounds("lib/tax.ts"),
      code: `
import { billingRegions } from "@/lib/regions";
import { prisma } from "@/lib/prisma";
export async function refreshTaxRates(provider: string) {
  for (const region of billingRegions.filter((r) => r !== "us")) {
    await prisma.taxRate.upsert({ where: { region }, create: { region, provider }, update: { provider } });
  }
}
`,
      errors: [{ messageId: "sequential", line: 6, column: 11, endLine: 6, endColumn: 107 }],
    },
    {
      name: "a filter by a constant without a Set may repeat items; a let binding and a Set filled later are not constant",
      filename: bounds("app/api/alerts/route.ts"),
      code: `
import presets from "@/components/alerts/presets";
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const { names } = (await req.json()) as { names: string[] };
  const known = new Set(presets.map((p) => p.name));
  const wanted = names.filter((name) => known.has(name));
  for (const name of wanted) await prisma.alertRule.create({ data: { name } });
  const chosen = new Set(presets.map((p) => p.name));
  for (const extra of names) chosen.add(extra);
  for (const name of chosen) await prisma.alertRule.delete({ where: { name } });
}
`,
      errors: [
        { messageId: "sequential", line: 8, column: 36, endLine: 8, endColumn: 79 },
        { messageId: "sequential", line: 11, column: 36, endLine: 11, endColumn: 80 },
      ],
    },
    {
      name: "a findMany that pins part of a unique key, a list of values, or a value that may be undefined returns many rows",
      filename: bounds("app/api/tasks/labels/route.ts"),
      code: `
import { prisma } from "@/lib/prisma";
export async function DELETE(req: Request) {
  const body = (await req.json()) as { taskId: string; names: string[]; owner?: { id: string } };
  const labels = await prisma.label.findMany({ where: { taskId: body.taskId, name: { in: body.names } } });
  for (const label of labels) await prisma.label.delete({ where: { id: label.id } });
  const owned = await prisma.device.findMany({ where: { serial: body.owner?.id } });
  for (const device of owned) await prisma.device.delete({ where: { id: device.id } });
  const memberships = await prisma.membership.findMany({ where: { userId: body.taskId, teamId: body.taskId } });
  for (const m of memberships) await prisma.membership.delete({ where: { id: m.id } });
  return Response.json({ ok: true });
}
`,
      errors: [
        { messageId: "sequential", line: 6, column: 37, endLine: 6, endColumn: 85 },
        { messageId: "sequential", line: 8, column: 37, endLine: 8, endColumn: 87 },
        { messageId: "sequential", line: 10, column: 38, endLine: 10, endColumn: 87 },
      ],
    },
  ],
});
