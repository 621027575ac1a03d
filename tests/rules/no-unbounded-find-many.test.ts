import rule from "../../lib/rules/no-unbounded-find-many.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("no-unbounded-find-many", rule, {
  valid: [
    {
      name: "take from a variable is bounded",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          const pageSize = Number(new URL(req.url).searchParams.get("size") ?? 20);
          const posts = await prisma.post.findMany({ where: { published: true }, take: pageSize, skip: 0 });
          return NextResponse.json(posts);
        }
      `,
    },
    {
      name: "filtered by an in: list",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { ids } = Schema.parse(await req.json());
          return Response.json(await prisma.post.findMany({ where: { id: { in: ids } } }));
        }
      `,
    },
    {
      name: "the result is only counted or used on the server",
      filename: "app/api/newsletter/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "@/lib/prisma";
        export async function POST() {
          const subscribers = await prisma.subscriber.findMany({ where: { active: true } });
          for (const s of subscribers) await sendEmail(s.email);
          return NextResponse.json({ sent: subscribers.length });
        }
      `,
    },
    {
      name: "a data helper outside any boundary",
      filename: "lib/data/users.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function listUsers() {
          return prisma.user.findMany();
        }
      `,
    },
    {
      name: "Drizzle with .limit(), a count, and a primary-key filter",
      filename: "app/api/users/route.ts",
      code: `
        import { db } from "@/lib/db";
        import { users, posts } from "@/lib/db/schema";
        import { count, eq } from "drizzle-orm";
        export async function GET(req: Request) {
          const page = await db.select().from(users).orderBy(users.createdAt).limit(50).offset(0);
          const [{ total }] = await db.select({ total: count() }).from(users);
          const mine = await db.select().from(posts).where(eq(posts.id, "p1"));
          return Response.json({ page, total, mine });
        }
      `,
    },
    {
      name: "Supabase with .range(), .single() and a head count",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function GET() {
          const supabase = await createClient();
          const { data: posts } = await supabase.from("posts").select("*").order("created_at").range(0, 19);
          const { data: profile } = await supabase.from("profiles").select("*").eq("user_id", "u1").single();
          const { count } = await supabase.from("posts").select("*", { count: "exact", head: true });
          return NextResponse.json({ posts, profile, count });
        }
      `,
    },
    {
      name: "options the file cannot see (spread, imported)",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { orderQuery } from "@/lib/queries";
        export async function GET() {
          const a = await prisma.order.findMany({ ...paginate(1), where: { paid: true } });
          const b = await prisma.order.findMany(orderQuery);
          return Response.json({ a, b });
        }
      `,
    },
    {
      name: "a small lookup table listed in ignoreModels",
      filename: "app/api/plans/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          return Response.json(await prisma.plan.findMany({ orderBy: { price: "asc" } }));
        }
      `,
      options: [{ ignoreModels: ["plan"] }],
    },
    {
      name: "only the first row reaches the client",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function latestPost() {
          const posts = await prisma.post.findMany({ orderBy: { createdAt: "desc" } });
          return posts[0];
        }
      `,
    },
  ],
  invalid: [
    {
      name: "Prisma findMany without take in a GET route response",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          return NextResponse.json(await prisma.post.findMany({ where: { published: true } }));
        }
      `,
      errors: [
        {
          messageId: "unboundedList",
          data: { operation: "findMany", fix: "`take` (and `skip` or a `cursor`)" },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 62,
        },
      ],
    },
    {
      name: "through a const and .map into the response",
      filename: "app/api/users/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "@/lib/prisma";
        export const GET = withSession(async ({ session }) => {
          const users = await prisma.user.findMany({ where: { teamId: session.teamId } });
          return NextResponse.json({ users: users.map((u) => ({ id: u.id, name: u.name })) });
        });
      `,
      errors: [{ messageId: "unboundedList", line: 5, column: 31, endLine: 5, endColumn: 51 }],
    },
    {
      name: "a server action returns the list",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function getTodos(userId: string) {
          return prisma.todo.findMany({ where: { userId } });
        }
      `,
      errors: [{ messageId: "unboundedList", line: 5, column: 18, endLine: 5, endColumn: 38 }],
    },
    {
      name: "Promise.all pagination without take",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          const where = { published: true };
          const [posts, total] = await Promise.all([prisma.post.findMany({ where }), prisma.post.count({ where })]);
          return Response.json({ posts, total });
        }
      `,
      errors: [{ messageId: "unboundedList", line: 5, column: 53, endLine: 5, endColumn: 73 }],
    },
    {
      name: "Drizzle select without limit, and a relational findMany in a Pages API route",
      filename: "pages/api/posts.ts",
      code: `
        import { db } from "@/lib/db";
        import { posts } from "@/lib/db/schema";
        import { eq } from "drizzle-orm";
        export default async function handler(req, res) {
          const mine = await db.select().from(posts).where(eq(posts.authorId, "u1"));
          const all = await db.query.posts.findMany({ with: { author: true } });
          res.status(200).json({ mine, all });
        }
      `,
      errors: [
        {
          messageId: "unboundedList",
          data: { operation: "select()", fix: "`.limit(n)` (and `.offset(n)`)" },
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 39,
        },
        {
          messageId: "unboundedList",
          data: { operation: "findMany", fix: "`limit` (and `offset`)" },
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 52,
        },
      ],
    },
    {
      name: "Supabase select without range or limit",
      filename: "app/api/posts/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function GET() {
          const supabase = await createClient();
          const { data, error } = await supabase.from("posts").select("*").eq("author_id", "u1");
          if (error) return NextResponse.json({ error: "Failed" }, { status: 500 });
          return NextResponse.json(data);
        }
      `,
      errors: [
        {
          messageId: "unboundedList",
          data: { operation: "select()", fix: "`.range(from, to)` or `.limit(n)`" },
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 70,
        },
      ],
    },
    {
      name: "a tRPC query procedure",
      filename: "src/server/api/routers/post.ts",
      code: `
        export const postRouter = createTRPCRouter({
          all: protectedProcedure.query(({ ctx }) => ctx.db.post.findMany({ orderBy: { id: "desc" } })),
        });
      `,
      errors: [{ messageId: "unboundedList", line: 3, column: 54, endLine: 3, endColumn: 74 }],
    },
  ],
});
