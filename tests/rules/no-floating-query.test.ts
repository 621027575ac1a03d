import rule from "../../lib/rules/no-floating-query.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("no-floating-query", rule, {
  valid: [
    {
      name: "awaited, returned and assigned",
      filename: "app/api/users/[id]/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await prisma.session.deleteMany({ where: { userId: id } });
  const pending = prisma.user.delete({ where: { id } });
  await pending;
  return prisma.auditLog.count();
}
`,
    },
    {
      name: "chained with then/catch/finally runs the query",
      filename: "lib/audit.ts",
      code: `
import { prisma } from "@/lib/prisma";
export function logAction(action: string) {
  prisma.auditLog.create({ data: { action } }).catch((error) => console.error(error));
  prisma.auditLog.count().then((n) => console.log(n));
  prisma.user.findMany().finally(() => {});
}
`,
    },
    {
      name: "passed to Promise.all, $transaction, waitUntil or a helper",
      filename: "app/api/posts/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { waitUntil } from "@vercel/functions";
export async function POST() {
  await Promise.all([prisma.post.count(), prisma.user.count()]);
  await prisma.$transaction([prisma.post.deleteMany({ where: { draft: true } })]);
  waitUntil(prisma.view.create({ data: { path: "/" } }));
  track(prisma.event.create({ data: { type: "post" } }));
  return Response.json({ ok: true });
}
`,
    },
    {
      name: "arrow function bodies return the query",
      filename: "lib/loaders.ts",
      code: `
import { prisma } from "@/lib/prisma";
export const loadUser = (id: string) => prisma.user.findUnique({ where: { id } });
export const onClick = () => void 0;
`,
    },
    {
      name: "Drizzle chains ended by execute/run run right away, Kysely too",
      filename: "lib/jobs.ts",
      code: `
import { db } from "@/db";
import { jobs } from "@/db/schema";
import { eq } from "drizzle-orm";
export function touch(id: string) {
  db.update(jobs).set({ touchedAt: new Date() }).where(eq(jobs.id, id)).run();
  db.delete(jobs).where(eq(jobs.id, id)).execute();
  db.deleteFrom("job").where("id", "=", id).execute();
}
`,
    },
    {
      name: "not database queries: Map#delete, axios, repositories, supabase storage",
      filename: "lib/cache.ts",
      code: `
export function evict(cache: Map<string, unknown>, key: string) {
  cache.delete(key);
  axios.delete("/api/cache/" + key);
  userRepository.update(key, {});
  supabase.storage.from("avatars").remove([key]);
}
`,
    },
    {
      name: "a condition that uses the query's value is not a statement",
      filename: "lib/flags.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function enable(id: string, on: boolean) {
  const result = on && prisma.flag.update({ where: { id }, data: { on } });
  return result;
}
`,
    },
    {
      name: "query builders stored for later",
      filename: "lib/query.ts",
      code: `
import { createClient } from "@/utils/supabase/server";
export async function listTodos(done?: boolean) {
  const supabase = await createClient();
  let query = supabase.from("todos").select("*");
  if (done !== undefined) query = query.eq("done", done);
  return query;
}
`,
    },
  ],
  invalid: [
    {
      name: "bare Prisma statement in a route handler",
      filename: "app/api/users/[id]/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prisma.session.deleteMany({ where: { userId: id } });
  await prisma.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
`,
      errors: [
        {
          messageId: "floating",
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 55,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
import { prisma } from "@/lib/prisma";
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await prisma.session.deleteMany({ where: { userId: id } });
  await prisma.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "behind void and behind cond &&",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function markRead(id: string, notify: boolean) {
  void prisma.auditLog.create({ data: { action: "read", targetId: id } });
  notify && prisma.notification.update({ where: { id }, data: { readAt: new Date() } });
}
`,
      errors: [
        {
          messageId: "floating",
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 74,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
"use server";
import { prisma } from "@/lib/prisma";
export async function markRead(id: string, notify: boolean) {
  await prisma.auditLog.create({ data: { action: "read", targetId: id } });
  notify && prisma.notification.update({ where: { id }, data: { readAt: new Date() } });
}
`,
            },
          ],
        },
        {
          messageId: "floating",
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 88,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
"use server";
import { prisma } from "@/lib/prisma";
export async function markRead(id: string, notify: boolean) {
  void prisma.auditLog.create({ data: { action: "read", targetId: id } });
  notify && await prisma.notification.update({ where: { id }, data: { readAt: new Date() } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "inside a non-async .then callback: no suggestion",
      filename: "lib/actions/onboard.ts",
      code: `
import { prisma } from "@/lib/prisma";
export function saveAvatar(userId: string, upload: Promise<{ url: string }>) {
  return upload.then(({ url }) => {
    prisma.user.update({ where: { id: userId }, data: { image: url } });
  });
}
`,
      errors: [{ messageId: "floating", line: 5, column: 5, endLine: 5, endColumn: 72, suggestions: [] }],
    },
    {
      name: "Drizzle and Supabase builders",
      filename: "lib/posts.ts",
      code: `
import { db } from "@/db";
import { posts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createClient } from "@/utils/supabase/server";
export async function publish(id: string) {
  db.update(posts).set({ published: true }).where(eq(posts.id, id));
  const supabase = await createClient();
  supabase.from("posts").delete().eq("id", id);
}
`,
      errors: [
        {
          messageId: "floating",
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 68,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
import { db } from "@/db";
import { posts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createClient } from "@/utils/supabase/server";
export async function publish(id: string) {
  await db.update(posts).set({ published: true }).where(eq(posts.id, id));
  const supabase = await createClient();
  supabase.from("posts").delete().eq("id", id);
}
`,
            },
          ],
        },
        {
          messageId: "floating",
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 47,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
import { db } from "@/db";
import { posts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createClient } from "@/utils/supabase/server";
export async function publish(id: string) {
  db.update(posts).set({ published: true }).where(eq(posts.id, id));
  const supabase = await createClient();
  await supabase.from("posts").delete().eq("id", id);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "inside an interactive transaction and a raw statement",
      filename: "lib/transfer.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function transfer(from: string, to: string, amount: number) {
  await prisma.$transaction(async (tx) => {
    tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    tx.$executeRaw\`UPDATE "Account" SET balance = balance + \${amount} WHERE id = \${to}\`;
  });
}
`,
      errors: [
        {
          messageId: "floating",
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 89,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
import { prisma } from "@/lib/prisma";
export async function transfer(from: string, to: string, amount: number) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    tx.$executeRaw\`UPDATE "Account" SET balance = balance + \${amount} WHERE id = \${to}\`;
  });
}
`,
            },
          ],
        },
        {
          messageId: "floating",
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 88,
          suggestions: [
            {
              messageId: "addAwait",
              output: `
import { prisma } from "@/lib/prisma";
export async function transfer(from: string, to: string, amount: number) {
  await prisma.$transaction(async (tx) => {
    tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    await tx.$executeRaw\`UPDATE "Account" SET balance = balance + \${amount} WHERE id = \${to}\`;
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "module level: no suggestion",
      filename: "scripts/cleanup.ts",
      code: `
import { prisma } from "../lib/prisma";
prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
`,
      errors: [{ messageId: "floating", line: 3, column: 1, endLine: 3, endColumn: 70, suggestions: [] }],
    },
  ],
});
