import rule from "../../lib/rules/no-unscoped-mutation.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("no-unscoped-mutation", rule, {
  valid: [
    {
      name: "functions whose name says every row is meant (a reset behind a one-time code, logging everyone out)",
      filename: "src/modules/danger/danger.service.ts",
      code: `
        import { prisma } from "../../prisma";
        import { db } from "@/db";
        import { sessionTable } from "@/db/schema";
        export class DangerService {
          async resetApp(otp: string) {
            if (!this.isOtpValid(otp)) throw new Error("Invalid code");
            await prisma.invoice.deleteMany();
            await prisma.client.deleteMany();
          }
        }
        export const logoutAllUsers = async () => {
          await requireAdminSession();
          await db.delete(sessionTable);
        };
      `,
    },
    {
      name: "an admin service method that deletes all of a table and takes nothing to scope it by",
      filename: "packages/backend/src/user-history/user-history.service.ts",
      code: `
import { Injectable } from "@nestjs/common";
import { PrismaService } from "../prisma/prisma.service";
@Injectable()
export class UserHistoryService {
  constructor(private readonly prisma: PrismaService) {}
  async deleteAllHistories() {
    try {
      await this.prisma.userHistory.deleteMany();
    } catch (error) {
      return { error: "USER_HISTORY_DELETION_FAILED" };
    }
    return { ok: true };
  }
}
`,
    },
    {
      name: "scoped Prisma deleteMany and updateMany",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function clearMyDrafts(userId: string) {
  await prisma.post.deleteMany({ where: { authorId: userId, published: false } });
  await prisma.post.updateMany({ where: { authorId: userId }, data: { archived: true } });
}
`,
    },
    {
      name: "where from a variable, a spread, or a spread of the arguments",
      filename: "lib/posts.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function archive(where: { teamId: string }, scope: object, args: object) {
  await prisma.post.updateMany({ where, data: { archived: true } });
  await prisma.post.deleteMany({ where: { ...scope } });
  await prisma.post.deleteMany({ ...args });
  await prisma.post.deleteMany(args);
}
`,
    },
    {
      name: "single-row delete and update need a unique where anyway",
      filename: "app/api/users/[id]/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await prisma.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
`,
    },
    {
      name: "Drizzle delete and update with .where()",
      filename: "app/api/notifications/route.ts",
      code: `
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { and, eq } from "drizzle-orm";
export async function DELETE(req: Request) {
  const userId = req.headers.get("x-user-id")!;
  await db.delete(notifications).where(eq(notifications.userId, userId));
  await db.update(notifications).set({ read: true }).where(and(eq(notifications.userId, userId)));
  return new Response(null, { status: 204 });
}
`,
    },
    {
      name: "Drizzle builders stored in a variable may get their filter later",
      filename: "lib/notifications.ts",
      code: `
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { eq } from "drizzle-orm";
export async function clear(userId?: string) {
  const query = db.delete(notifications).$dynamic();
  const pending = db.update(notifications).set({ read: true });
  if (userId) await pending.where(eq(notifications.userId, userId));
  return query;
}
`,
    },
    {
      name: "Supabase delete and update with filters",
      filename: "app/actions.ts",
      code: `
"use server";
import { createClient } from "@/utils/supabase/server";
export async function resetTodos(listId: string, ids: string[]) {
  const supabase = await createClient();
  await supabase.from("todos").update({ done: false }).eq("list_id", listId);
  await supabase.from("todos").delete().in("id", ids);
  await supabase.from("todos").delete().match({ list_id: listId, done: true });
}
`,
    },
    {
      name: "not database clients: Map#delete, axios, repositories, Firestore",
      filename: "lib/cache.ts",
      code: `
export async function clear(cache: Map<string, unknown>, key: string) {
  cache.delete(key);
  await axios.delete("/api/all");
  await postRepository.deleteMany();
  await db.runTransaction(async (t) => t.update(ref, { n: 0 }));
}
`,
    },
    {
      name: "a Map named like a client: byDb.delete(key), an instance field, a helper's result",
      filename: "lib/connections.ts",
      code: `
const byDb = new Map<string, Pool>();
export function forget(key: string, registry: { sessionDb: Map<string, number> }) {
  byDb.delete(key);
  registry.sessionDb.delete(key);
  this.cacheDb.delete(key);
}
`,
    },
    {
      name: "a client name with a Map-like call and no builder around it",
      filename: "lib/local-cache.ts",
      code: `
export async function evict(appDb: { delete(key: string): Promise<void> }, ids: string[]) {
  for (const id of ids) await appDb.delete(id);
  const db = getIndexedDb();
  await db.delete("drafts");
  await db.update("settings");
}
`,
    },
    {
      name: "an import from a database module that is not a client, without a builder chain",
      filename: "lib/session.ts",
      code: `
import { sessionCache } from "@/lib/db";
export function drop(token: string) {
  sessionCache.delete(token);
}
`,
    },
    {
      name: "Dexie tables take a key, not a Prisma argument object",
      filename: "lib/offline.ts",
      code: `
import { db } from "@/lib/db";
export async function clearOffline(id: number) {
  await db.todos.delete(id);
  await db.todos.update(id, { done: true });
  await db.todos.updateMany("all");
}
`,
    },
    {
      name: "replacing a table's contents: deleteMany() then, later in the function, a create of the same model",
      filename: "features/licensing/mutations.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function setInstanceLicense(key: string, seats: number) {
  await prisma.$transaction([
    prisma.instanceLicense.deleteMany(),
    prisma.instanceLicense.create({ data: { licenseKey: key, seats } }),
  ]);
}
export async function exportMeters(meters: { id: string }[], orgs: { id: string }[]) {
  // purge the previous backup, then write this run's rows
  await prisma.meterBackup.deleteMany();
  for (const meter of meters) {
    for (const org of orgs) {
      await prisma.meterBackup.create({ data: { meterId: meter.id, orgId: org.id } });
    }
  }
}
export async function replaceFlags(flags: { name: string }[]) {
  await prisma.$transaction(async (tx) => {
    await tx.featureFlag.deleteMany({});
    await tx.featureFlag.createMany({ data: flags });
  });
}
`,
    },
    {
      name: "Drizzle update without .set() is not a complete query",
      filename: "lib/partial.ts",
      code: `
import { db } from "@/db";
import { users } from "@/db/schema";
export function base() {
  return db.update(users);
}
`,
    },
  ],
  invalid: [
    {
      name: "\"all\" in the name, but a parameter the filter forgot: deleteAllDrafts(userId)",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function deleteAllDrafts(userId: string) {
  await prisma.post.deleteMany({ where: { published: false } });
  await prisma.draft.deleteMany();
}
`,
      errors: [{ messageId: "prisma", line: 6, column: 9, endLine: 6, endColumn: 34 }],
    },
    {
      name: "Prisma deleteMany with where: {}",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function clearDrafts() {
  await prisma.post.deleteMany({ where: {} });
}
`,
      errors: [{ messageId: "prisma", line: 5, column: 9, endLine: 5, endColumn: 46 }],
    },
    {
      name: "Prisma deleteMany with no argument, an empty object, updateMany without where",
      filename: "app/api/admin/reset/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST() {
  await prisma.session.deleteMany();
  await prisma.session.deleteMany({});
  await prisma.post.updateMany({ data: { archived: true } });
  await prisma.post.updateManyAndReturn({ where: {}, data: { archived: true } });
  return Response.json({ ok: true });
}
`,
      errors: [
        { messageId: "prisma", line: 4, column: 9, endLine: 4, endColumn: 36 },
        { messageId: "prisma", line: 5, column: 9, endLine: 5, endColumn: 38 },
        { messageId: "prisma", line: 6, column: 9, endLine: 6, endColumn: 61 },
        { messageId: "prisma", line: 7, column: 9, endLine: 7, endColumn: 81 },
      ],
    },
    {
      name: "inside an interactive transaction and a $transaction batch",
      filename: "lib/license.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function resetSeats(key: string) {
  await prisma.$transaction([prisma.seat.deleteMany(), prisma.license.create({ data: { key } })]);
  await prisma.$transaction(async (tx) => {
    await tx.seat.deleteMany({ where: {} });
    await tx.license.create({ data: { key } });
  });
}
`,
      errors: [
        { messageId: "prisma", line: 4, column: 30, endLine: 4, endColumn: 54 },
        { messageId: "prisma", line: 6, column: 11, endLine: 6, endColumn: 44 },
      ],
    },
    {
      name: "Drizzle delete and update without where",
      filename: "app/api/notifications/route.ts",
      code: `
import { db } from "@/db";
import { notifications } from "@/db/schema";
export async function DELETE() {
  await db.delete(notifications);
  await db.update(notifications).set({ read: true }).returning();
  return new Response(null, { status: 204 });
}
`,
      errors: [
        { messageId: "drizzle", line: 5, column: 9, endLine: 5, endColumn: 33 },
        { messageId: "drizzle", line: 6, column: 9, endLine: 6, endColumn: 65 },
      ],
    },
    {
      name: "Drizzle run() on SQLite and a returned delete",
      filename: "lib/reset.ts",
      code: `
import { db } from "@/db";
import { sessions } from "@/db/schema";
export async function reset() {
  db.delete(sessions).run();
  return db.update(sessions).set({ revoked: true });
}
`,
      errors: [
        { messageId: "drizzle", line: 5, column: 3, endLine: 5, endColumn: 28 },
        { messageId: "drizzle", line: 6, column: 10, endLine: 6, endColumn: 52 },
      ],
    },
    {
      name: "known Drizzle clients: a transaction parameter, a typed parameter, tRPC's ctx.db with a builder chain",
      filename: "server/api/routers/inbox.ts",
      code: `
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { messages } from "../../db/schema";
export async function purge(conn: PostgresJsDatabase, ctx: { db: unknown }) {
  await conn.transaction(async (t) => {
    await t.delete(messages);
  });
  await conn.delete(messages);
  await ctx.db.update(messages).set({ read: true });
}
`,
      errors: [
        { messageId: "drizzle", line: 6, column: 11, endLine: 6, endColumn: 29 },
        { messageId: "drizzle", line: 8, column: 9, endLine: 8, endColumn: 30 },
        { messageId: "drizzle", line: 9, column: 9, endLine: 9, endColumn: 52 },
      ],
    },
    {
      name: "a create of the same model in another function, or before the wipe, is no rebuild",
      filename: "lib/sessions.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function logout(userId: string) {
  await prisma.session.create({ data: { userId, kind: "logout" } });
  await prisma.session.deleteMany();
}
export async function login(userId: string) {
  return prisma.session.create({ data: { userId } });
}
`,
      errors: [{ messageId: "prisma", line: 5, column: 9, endLine: 5, endColumn: 36 }],
    },
    {
      name: "Supabase delete and update without a filter",
      filename: "app/actions.ts",
      code: `
"use server";
import { createClient } from "@/utils/supabase/server";
export async function resetTodos() {
  const supabase = await createClient();
  await supabase.from("todos").update({ done: false });
  const { error } = await supabase.from("todos").delete().select();
  return error;
}
`,
      errors: [
        { messageId: "supabase", line: 6, column: 9, endLine: 6, endColumn: 55 },
        { messageId: "supabase", line: 7, column: 27, endLine: 7, endColumn: 67 },
      ],
    },
  ],
});
