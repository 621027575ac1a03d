import rule from "../../lib/rules/prefer-parallel-queries.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("prefer-parallel-queries", rule, {
  valid: [
    {
      name: "a data migration's reads (latency does not matter in a one-off run)",
      filename: "packages/db/migration-scripts/migrate-to-branching.ts",
      code: `
        export async function migrate() {
          const projects = await db.project.findMany();
          const users = await db.user.findMany();
          return { projects, users };
        }
      `,
    },
    {
      name: "the second read uses the first one's result",
      filename: "app/api/teams/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET() {
  const user = await prisma.user.findFirstOrThrow({ where: { email: "a@example.com" } });
  const team = await prisma.team.findUnique({ where: { id: user.teamId } });
  return Response.json({ user, team });
}
`,
    },
    {
      name: "a dependency through a callback",
      filename: "lib/feed.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function feed(userId: string) {
  const follows = await prisma.follow.findMany({ where: { followerId: userId } });
  const posts = await prisma.post.findMany({ where: { authorId: { in: follows.map((f) => f.followingId) } } });
  return posts;
}
`,
    },
    {
      name: "writes keep their order",
      filename: "app/actions.ts",
      code: `
"use server";
import { prisma } from "@/lib/prisma";
export async function publish(id: string) {
  await prisma.post.update({ where: { id }, data: { published: true } });
  const count = await prisma.post.count({ where: { published: true } });
  await prisma.stats.upsert({ where: { id: 1 }, create: { id: 1, count }, update: { count } });
  await prisma.$executeRaw\`UPDATE "Post" SET "views" = 0 WHERE id = \${id}\`;
  const [row] = await prisma.$queryRaw<{ id: string }[]>\`INSERT INTO "Audit" (action) VALUES ('publish') RETURNING id\`;
  return row;
}
`,
    },
    {
      name: "data-changing CTEs through $queryRaw are writes",
      filename: "lib/jobs/publish.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function publishScheduled() {
  const versions = await prisma.$queryRaw<{ id: number }[]>\`
    WITH due AS (SELECT id FROM "Version" WHERE "publishAt" <= now())
    UPDATE "Version" v SET status = 'Published' FROM due WHERE v.id = due.id RETURNING v.id
  \`;
  const posts = await prisma.$queryRaw<{ id: number }[]>\`
    WITH due AS (SELECT id FROM "Post" WHERE "publishAt" <= now())
    UPDATE "Post" p SET status = 'Published' FROM due WHERE p.id = due.id RETURNING p.id
  \`;
  return { versions, posts };
}
`,
    },
    {
      name: "inside an interactive Prisma transaction",
      filename: "lib/transfer.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function transfer(from: string, to: string) {
  return prisma.$transaction(async (tx) => {
    const source = await tx.account.findUniqueOrThrow({ where: { id: from } });
    const target = await tx.account.findUniqueOrThrow({ where: { id: to } });
    return { source, target };
  });
}
`,
    },
    {
      name: "inside a Drizzle transaction, also on the outer client",
      filename: "lib/orders.ts",
      code: `
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { orders, customers } from "@/db/schema";
export async function load(id: number) {
  await db.transaction(async (tx) => {
    const order = await tx.select().from(orders).where(eq(orders.id, id));
    const customer = await db.select().from(customers).where(eq(customers.id, id));
    return { order, customer };
  });
}
`,
    },
    {
      name: "a helper that receives the transaction client",
      filename: "lib/billing.ts",
      code: `
import type { Prisma } from "@prisma/client";
export async function snapshot(client: Prisma.TransactionClient, teamId: string) {
  const invoices = await client.invoice.findMany({ where: { teamId } });
  const seats = await client.seat.count({ where: { teamId } });
  return { invoices, seats };
}
`,
    },
    {
      name: "a Kysely transaction",
      filename: "src/db/people.ts",
      code: `
import { db } from "./database";
export async function both(id: number) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("person").selectAll().where("id", "=", id).executeTakeFirst();
    const pets = await trx.selectFrom("pet").selectAll().where("owner_id", "=", id).execute();
    return { person, pets };
  });
}
`,
    },
    {
      name: "one pg Client runs one query at a time",
      filename: "scripts/check.ts",
      code: `
import { Client } from "pg";
export async function check() {
  const client = new Client();
  await client.connect();
  const users = await client.query("SELECT count(*) FROM users");
  const posts = await client.query("SELECT count(*) FROM posts");
  await client.end();
  return { users, posts };
}
`,
    },
    {
      name: "a check between the reads",
      filename: "app/api/users/[id]/route.ts",
      code: `
import { notFound } from "next/navigation";
import { prisma } from "@/lib/prisma";
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) notFound();
  const posts = await prisma.post.findMany({ where: { authorId: id } });
  return Response.json({ user, posts });
}
`,
    },
    {
      name: "already in parallel",
      filename: "app/api/stats/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET() {
  const [users, posts] = await Promise.all([prisma.user.count(), prisma.post.count()]);
  return Response.json({ users, posts });
}
`,
    },
    {
      name: "other awaits are not queries",
      filename: "app/api/me/route.ts",
      code: `
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
export async function GET(req: Request) {
  const user = await prisma.user.findFirst();
  const body = await req.json();
  const session = await auth();
  const prefs = await fetchPrefs(session?.user.id);
  return Response.json({ user, body, prefs });
}
async function fetchPrefs(id?: string) { return id; }
`,
    },
    {
      name: "reads in different branches",
      filename: "lib/load.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function load(admin: boolean) {
  if (admin) {
    const users = await prisma.user.findMany();
    return users;
  } else {
    const posts = await prisma.post.findMany();
    return posts;
  }
}
`,
    },
    {
      name: "a query chained with then is not a plain read",
      filename: "lib/names.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function names() {
  const users = await prisma.user.findMany().then((rows) => rows.map((r) => r.name));
  const tags = await prisma.tag.findMany().then((rows) => rows.map((r) => r.name));
  return [...users, ...tags];
}
`,
    },
    {
      name: "not database clients",
      filename: "lib/http.ts",
      code: `
import { api } from "@/lib/api";
export async function load() {
  const users = await api.users.findMany();
  const cached = await cache.get("posts");
  return { users, cached };
}
declare const cache: Map<string, unknown>;
`,
    },
  ],
  invalid: [
    {
      name: "two independent counts in a route handler",
      filename: "app/api/stats/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function GET() {
  const userCount = await prisma.user.count();
  const postCount = await prisma.post.count();
  return Response.json({ userCount, postCount });
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 46,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { prisma } from "@/lib/prisma";
export async function GET() {
  const [userCount, postCount] = await Promise.all([
    prisma.user.count(),
    prisma.post.count(),
  ]);
  return Response.json({ userCount, postCount });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "short reads fit on one line",
      filename: "lib/counts.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function counts() {
  const a = await prisma.user.count();
  const b = await prisma.tag.count();
  return a + b;
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { prisma } from "@/lib/prisma";
export async function counts() {
  const [a, b] = await Promise.all([prisma.user.count(), prisma.tag.count()]);
  return a + b;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "multi-line queries move one level deeper; a later dependent read stays out",
      filename: "app/dashboard/page.tsx",
      code: `
import { prisma } from "@/lib/prisma";
import { auth } from "@/lib/auth";
export default async function Dashboard() {
  const session = await auth();
  const user = await prisma.user.findUnique({
    where: { id: session!.user.id },
  });
  const recent = await prisma.post.findMany({
    where: { published: true },
    take: 5,
  });
  const teams = await prisma.team.findMany({ where: { ownerId: user?.id } });
  return <main>{user?.name}{recent.length}{teams.length}</main>;
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 6,
          column: 22,
          endLine: 8,
          endColumn: 5,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { prisma } from "@/lib/prisma";
import { auth } from "@/lib/auth";
export default async function Dashboard() {
  const session = await auth();
  const [user, recent] = await Promise.all([
    prisma.user.findUnique({
      where: { id: session!.user.id },
    }),
    prisma.post.findMany({
      where: { published: true },
      take: 5,
    }),
  ]);
  const teams = await prisma.team.findMany({ where: { ownerId: user?.id } });
  return <main>{user?.name}{recent.length}{teams.length}</main>;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "the run after a dependent read",
      filename: "lib/profile.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function profile(id: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  const posts = await prisma.post.findMany({ where: { authorId: user.id } });
  const followers = await prisma.follow.count({ where: { followingId: id } });
  return { user, posts, followers };
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 77,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { prisma } from "@/lib/prisma";
export async function profile(id: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  const [posts, followers] = await Promise.all([
    prisma.post.findMany({ where: { authorId: user.id } }),
    prisma.follow.count({ where: { followingId: id } }),
  ]);
  return { user, posts, followers };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "bare awaited reads: reported without a suggestion",
      filename: "lib/guards.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function assertExists(teamId: string, userId: string) {
  await prisma.team.findUniqueOrThrow({ where: { id: teamId } });
  await prisma.user.findUniqueOrThrow({ where: { id: userId } });
}
`,
      errors: [
        { messageId: "sequentialReads", line: 4, column: 9, endLine: 4, endColumn: 65, suggestions: [] },
      ],
    },
    {
      name: "Drizzle and Supabase reads with destructuring",
      filename: "app/api/overview/route.ts",
      code: `
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import { monitors, incidents } from "@/db/schema";
import { createClient } from "@/utils/supabase/server";
export async function GET() {
  const rows = await db.select().from(monitors).where(eq(monitors.active, true));
  const [{ total }] = await db.select({ total: count() }).from(incidents);
  const supabase = await createClient();
  const { data: posts } = await supabase.from("posts").select("*");
  const { data: tags } = await supabase.from("tags").select("*");
  return Response.json({ rows, total, posts, tags });
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 81,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import { monitors, incidents } from "@/db/schema";
import { createClient } from "@/utils/supabase/server";
export async function GET() {
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(monitors).where(eq(monitors.active, true)),
    db.select({ total: count() }).from(incidents),
  ]);
  const supabase = await createClient();
  const { data: posts } = await supabase.from("posts").select("*");
  const { data: tags } = await supabase.from("tags").select("*");
  return Response.json({ rows, total, posts, tags });
}
`,
            },
          ],
        },
        {
          messageId: "sequentialReads",
          line: 10,
          column: 33,
          endLine: 10,
          endColumn: 67,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import { monitors, incidents } from "@/db/schema";
import { createClient } from "@/utils/supabase/server";
export async function GET() {
  const rows = await db.select().from(monitors).where(eq(monitors.active, true));
  const [{ total }] = await db.select({ total: count() }).from(incidents);
  const supabase = await createClient();
  const [{ data: posts }, { data: tags }] = await Promise.all([
    supabase.from("posts").select("*"),
    supabase.from("tags").select("*"),
  ]);
  return Response.json({ rows, total, posts, tags });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "raw reads count as reads",
      filename: "lib/report.ts",
      code: `
import { sql } from "@vercel/postgres";
import { prisma } from "@/lib/prisma";
export async function report() {
  const signups = await prisma.$queryRaw\`SELECT date_trunc('day', "createdAt") d, count(*) FROM "User" GROUP BY 1\`;
  const { rows } = await sql\`SELECT count(*) FROM events\`;
  return { signups, rows };
}
`,
      errors: [
        {
          messageId: "sequentialReads",
          line: 5,
          column: 25,
          endLine: 5,
          endColumn: 115,
          suggestions: [
            {
              messageId: "usePromiseAll",
              output: `
import { sql } from "@vercel/postgres";
import { prisma } from "@/lib/prisma";
export async function report() {
  const [signups, { rows }] = await Promise.all([
    prisma.$queryRaw\`SELECT date_trunc('day', "createdAt") d, count(*) FROM "User" GROUP BY 1\`,
    sql\`SELECT count(*) FROM events\`,
  ]);
  return { signups, rows };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "let, type annotations and comments keep the report but not the suggestion",
      filename: "lib/home.ts",
      code: `
import type { Post, User } from "@prisma/client";
import { prisma } from "@/lib/prisma";
export async function home() {
  let users = await prisma.user.findMany({ take: 10 });
  let posts = await prisma.post.findMany({ take: 10 });
  const pinned: Post[] = await prisma.post.findMany({ where: { pinned: true } });
  const admins: User[] = await prisma.user.findMany({ where: { role: "ADMIN" } });
  if (!users.length) return null;
  const a = await prisma.tag.findMany();
  // the newest first
  const b = await prisma.comment.findMany({ orderBy: { createdAt: "desc" } });
  users = users.slice(1);
  posts = posts.slice(1);
  return { users, posts, pinned, admins, a, b };
}
`,
      errors: [
        { messageId: "sequentialReads", line: 5, column: 21, endLine: 5, endColumn: 55, suggestions: [] },
        { messageId: "sequentialReads", line: 10, column: 19, endLine: 10, endColumn: 40, suggestions: [] },
      ],
    },
  ],
});
