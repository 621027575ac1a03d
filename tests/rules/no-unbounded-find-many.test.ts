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
      name: "the children of one record: a poll's comments, a group's links, the current user's uploads to one dataroom",
      filename: "pages/api/polls/[pollId]/comments.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export default async function handler(req, res) {
          const { pollId, groupId, dataroomId } = req.query;
          const comments = await prisma.comment.findMany({ where: { pollId, userId: req.session.userId }, orderBy: { createdAt: "asc" } });
          const links = await prisma.link.findMany({ where: { AND: [{ groupId }, { deletedAt: null }], teamId: req.teamId } });
          const uploads = await prisma.documentUpload.findMany({ where: { viewerId: { equals: req.viewerId }, dataroomId } });
          res.status(200).json({ comments, links, uploads });
        }
      `,
    },
    {
      name: "Drizzle and Supabase lists of one parent",
      filename: "server/routers/namespaces.ts",
      code: `
        import { db } from "@/lib/db";
        import { overrides } from "@/lib/db/schema";
        import { and, eq } from "drizzle-orm";
        export const namespaceRouter = t.router({
          overrides: t.procedure.query(({ ctx, input }) =>
            db.select().from(overrides).where(and(eq(overrides.workspaceId, ctx.workspace.id), eq(overrides.namespaceId, input.id))),
          ),
          versions: t.procedure.query(({ input }) =>
            db.query.deploymentVersions.findMany({ where: (v, { eq }) => eq(v.deploymentId, input.deploymentId) }),
          ),
          steps: t.procedure.query(async ({ ctx, input }) => {
            const { data } = await ctx.supabase.from("workflow_steps").select("*").eq("workflow_id", input.id);
            return data;
          }),
        });
      `,
    },
    {
      name: "configuration tables: domains, webhooks, API keys, a role's permissions",
      filename: "app/api/teams/[teamId]/settings/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { db } from "@/lib/db";
        import { rolesPermissions } from "@/lib/db/schema";
        import { eq } from "drizzle-orm";
        export async function GET(_req: Request, { params }: { params: { teamId: string } }) {
          const domains = await prisma.customDomain.findMany({ where: { teamId: params.teamId } });
          const webhooks = await prisma.webhook.findMany({ where: { teamId: params.teamId } });
          const keys = await prisma.apiKey.findMany({ where: { teamId: params.teamId } });
          const permissions = await db.select().from(rolesPermissions).where(eq(rolesPermissions.workspaceId, params.teamId));
          return Response.json({ domains, webhooks, keys, permissions });
        }
      `,
    },
    {
      name: "a filter built elsewhere in the function cannot be judged",
      filename: "app/api/faqs/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          let where = buildVisibility(req);
          if (new URL(req.url).searchParams.has("mine")) where = { ...where, mine: true };
          return Response.json(await prisma.faq.findMany({ where }));
        }
      `,
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
      name: "everything a team or a user has: a team's documents matching a search, a user's own todos, a workspace's projects",
      filename: "pages/api/teams/[teamId]/documents/search.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { db } from "@/lib/db";
        import { projects } from "@/lib/db/schema";
        import { eq } from "drizzle-orm";
        export default async function handle(req, res) {
          const { teamId, query } = req.query;
          const documents = await prisma.document.findMany({ where: { teamId, name: { contains: query, mode: "insensitive" } } });
          const todos = await prisma.todo.findMany({ where: { userId: req.userId, done: false } });
          const rows = await db.select().from(projects).where(eq(projects.workspaceId, teamId));
          return res.status(200).json({ documents, todos, rows });
        }
      `,
      errors: [
        { messageId: "unboundedList", line: 8, column: 35, endLine: 8, endColumn: 59 },
        { messageId: "unboundedList", line: 9, column: 31, endLine: 9, endColumn: 51 },
        { messageId: "unboundedList", line: 10, column: 30, endLine: 10, endColumn: 39 },
      ],
    },
    {
      name: "with the narrowing options off, a child list and a configuration table",
      filename: "app/api/polls/[pollId]/route.ts",
      options: [{ ignoreChildLists: false, ignoreConfigTables: false }],
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(_req: Request, { params }: { params: { pollId: string } }) {
          const comments = await prisma.comment.findMany({ where: { pollId: params.pollId } });
          const webhooks = await prisma.webhook.findMany();
          return Response.json({ comments, webhooks });
        }
      `,
      errors: [
        { messageId: "unboundedList", line: 4, column: 34, endLine: 4, endColumn: 57 },
        { messageId: "unboundedList", line: 5, column: 34, endLine: 5, endColumn: 57 },
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
