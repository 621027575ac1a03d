import rule from "../../lib/rules/require-ownership-check.js";
import { createRuleTester } from "../rule-tester.js";

const AUTH = `
  import { auth } from "@/auth";
  import { prisma } from "@/lib/prisma";
`;

createRuleTester().run("require-ownership-check", rule, {
  valid: [
    {
      name: "the filter names the owner next to the id",
      filename: "app/posts/actions.ts",
      code: `"use server";${AUTH}
        export async function deletePost(id: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.post.delete({ where: { id, authorId: session.user.id } });
        }
      `,
    },
    {
      name: "a relation filter to the user's team",
      filename: "app/projects/actions.ts",
      code: `"use server";${AUTH}
        export async function renameProject(projectId: string, name: string) {
          const session = await auth();
          if (!session?.user) throw new Error("Unauthorized");
          await prisma.project.update({
            where: { id: projectId, team: { members: { some: { userId: session.user.id } } } },
            data: { name },
          });
        }
      `,
    },
    {
      name: "a permission helper runs first",
      filename: "app/posts/actions.ts",
      code: `"use server";${AUTH}
        import { canEditPost } from "@/lib/permissions";
        export async function archivePost(postId: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          if (!(await canEditPost(session.user.id, postId))) throw new Error("Forbidden");
          await prisma.post.update({ where: { id: postId }, data: { archived: true } });
        }
      `,
    },
    {
      name: "a throwing access assertion runs first",
      filename: "app/api/documents/[id]/route.ts",
      code: `${AUTH}
        import { assertDocumentAccess } from "@/lib/access";
        export async function DELETE(req: Request, { params }: { params: { id: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          await assertDocumentAccess(session.user.id, params.id);
          await prisma.document.delete({ where: { id: params.id } });
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "the row is read first and its owner compared with the session before the write",
      filename: "app/posts/actions.ts",
      code: `"use server";${AUTH}
        export async function publishPost(id: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          const post = await prisma.post.findUnique({ where: { id } });
          if (!post || post.authorId !== session.user.id) return { error: "Not found" };
          await prisma.post.update({ where: { id }, data: { published: true } });
          return { ok: true };
        }
      `,
    },
    {
      name: "a scoped read first (findFirst with the owner), then a write by id",
      filename: "app/api/posts/[id]/route.ts",
      code: `${AUTH}
        export async function PATCH(req: Request, { params }: { params: { id: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const { title } = await req.json();
          const post = await prisma.post.findFirst({ where: { id: params.id, authorId: session.user.id } });
          if (!post) return new Response("Not found", { status: 404 });
          const updated = await prisma.post.update({ where: { id: params.id }, data: { title } });
          return Response.json(updated);
        }
      `,
    },
    {
      name: "a wrapper that loads the workspace, and the filter names it",
      filename: "app/api/links/[linkId]/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const DELETE = withWorkspace(async ({ params, workspace }) => {
          await prisma.link.delete({ where: { id: params.linkId, projectId: workspace.id } });
          return new Response(null, { status: 204 });
        });
      `,
    },
    {
      name: "the row comes from a lookup scoped to the workspace",
      filename: "app/api/links/[linkId]/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { getLinkOrThrow } from "@/lib/api/links";
        import { prisma } from "@/lib/prisma";
        export const PATCH = withWorkspace(async ({ req, params, workspace }) => {
          const link = await getLinkOrThrow({ workspaceId: workspace.id, linkId: params.linkId });
          const body = await req.json();
          const updated = await prisma.link.update({ where: { id: link.id }, data: { url: body.url } });
          return Response.json(updated);
        });
      `,
    },
    {
      name: "a guard on the authorized workspace, then a filter on a constant of that workspace",
      filename: "app/api/e2e/bounties/[bountyId]/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        import { assertTestWorkspace } from "../../guard";
        const TEST_PROGRAM_ID = "prog_test";
        export const DELETE = withWorkspace(async ({ params, workspace }) => {
          assertTestWorkspace(workspace);
          await prisma.bounty.delete({ where: { id: params.bountyId, programId: TEST_PROGRAM_ID } });
          return Response.json({ id: params.bountyId });
        });
      `,
    },
    {
      name: "a list of client ids mapped to rows read first: the write takes the server's rows",
      filename: "app/api/links/sync/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const POST = withWorkspace(async ({ req, session, workspace }) => {
          const links: { domain: string; key: string }[] = await req.json();
          const unclaimed = await Promise.all(
            links.map((link) => prisma.link.findFirst({ where: { domain: link.domain, key: link.key, userId: null } })),
          ).then((rows) => rows.filter((row) => row !== null));
          await prisma.link.updateMany({ where: { id: { in: unclaimed.map((link) => link!.id) } }, data: { userId: session.user.id, projectId: workspace.id } });
          return Response.json({ claimed: unclaimed.length });
        });
      `,
    },
    {
      name: "membership computed into a local, then compared and exited (Pages API)",
      filename: "pages/api/teams/[teamId]/tags/[id].ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { getServerSession } from "next-auth/next";
        import { authOptions } from "@/lib/auth-options";
        import prisma from "@/lib/prisma";
        export default async function handle(req: NextApiRequest, res: NextApiResponse) {
          const session = await getServerSession(req, res, authOptions);
          if (!session) return res.status(401).end("Unauthorized");
          const { teamId, id } = req.query as { teamId: string; id: string };
          const team = await prisma.team.findUnique({ where: { id: teamId }, select: { users: { select: { userId: true } } } });
          const isMember = team?.users.some((user) => user.userId === session.user.id);
          if (!isMember) return res.status(403).end("Forbidden");
          await prisma.tag.delete({ where: { id } });
          return res.status(204).end();
        }
      `,
    },
    {
      name: "a chain of lookups: the team by membership, the dataroom in the team, then its branding",
      filename: "pages/api/teams/[teamId]/datarooms/[id]/branding.ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { getServerSession } from "next-auth/next";
        import { authOptions } from "@/lib/auth-options";
        import prisma from "@/lib/prisma";
        export default async function handle(req: NextApiRequest, res: NextApiResponse) {
          const session = await getServerSession(req, res, authOptions);
          if (!session) return res.status(401).end("Unauthorized");
          const { teamId, id: dataroomId } = req.query as { teamId: string; id: string };
          const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
          if (!team) return res.status(403).end("Forbidden");
          const dataroom = await prisma.dataroom.findUnique({ where: { id: dataroomId, teamId } });
          if (!dataroom) return res.status(404).end("Not found");
          const brand = await prisma.dataroomBrand.findUnique({ where: { dataroomId } });
          return res.status(200).json(brand);
        }
      `,
    },
    {
      name: "tRPC middleware scopes by team and the filter uses it",
      filename: "server/api/routers/project.ts",
      code: `
        import { z } from "zod";
        import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";
        export const projectRouter = createTRPCRouter({
          delete: teamProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
            return ctx.db.project.delete({ where: { id: input.id, teamId: ctx.team.id } });
          }),
        });
      `,
    },
    {
      name: "a safe-action client's ctx carries the user",
      filename: "app/notes/actions.ts",
      code: `"use server";
        import { z } from "zod";
        import { authActionClient } from "@/lib/safe-action";
        import { prisma } from "@/lib/prisma";
        export const deleteNote = authActionClient
          .inputSchema(z.object({ id: z.string() }))
          .action(async ({ parsedInput, ctx }) => {
            await prisma.note.delete({ where: { id: parsedInput.id, userId: ctx.userId } });
          });
      `,
    },
    {
      name: "an administrator may act on any row (role helper)",
      filename: "app/users/actions.ts",
      code: `"use server";${AUTH}
        import { requireRole } from "@/lib/roles";
        export async function banUser(userId: string) {
          await requireRole("ADMIN");
          await prisma.user.update({ where: { id: userId }, data: { banned: true } });
        }
      `,
    },
    {
      name: "an administrator may act on any row (role comparison that exits)",
      filename: "app/users/actions.ts",
      code: `"use server";${AUTH}
        export async function deleteUser(userId: string) {
          const session = await auth();
          if (!session || session.user.role !== "ADMIN") throw new Error("Forbidden");
          await prisma.user.delete({ where: { id: userId } });
        }
      `,
    },
    {
      name: "tRPC admin procedure",
      filename: "server/api/routers/admin.ts",
      code: `
        import { z } from "zod";
        import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
        export const adminRouter = createTRPCRouter({
          removeOrg: adminProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) =>
            ctx.db.organization.delete({ where: { id: input.id } }),
          ),
        });
      `,
    },
    {
      name: "a webhook authenticates a machine, not a user",
      filename: "app/api/webhooks/stripe/route.ts",
      code: `
        import Stripe from "stripe";
        import { prisma } from "@/lib/prisma";
        const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
        export async function POST(req: Request) {
          const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
          const subscription = event.data.object as Stripe.Subscription;
          await prisma.subscription.update({ where: { stripeId: subscription.id }, data: { status: subscription.status } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "nobody is signed in: require-session-check's concern",
      filename: "app/api/posts/[id]/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function DELETE(req: Request, { params }: { params: { id: string } }) {
          await prisma.post.delete({ where: { id: params.id } });
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "the session user's own row",
      filename: "app/settings/actions.ts",
      code: `"use server";${AUTH}
        export async function updateName(name: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.user.update({ where: { id: session.user.id }, data: { name } });
        }
      `,
    },
    {
      name: "a row read by id but never sent to the client",
      filename: "app/api/posts/[id]/like/route.ts",
      code: `${AUTH}
        export async function POST(req: Request, { params }: { params: { id: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const post = await prisma.post.findUnique({ where: { id: params.id }, select: { id: true } });
          if (!post) return new Response("Not found", { status: 404 });
          await prisma.like.create({ data: { postId: post.id, userId: session.user.id } });
          return new Response(null, { status: 201 });
        }
      `,
    },
    {
      name: "a read compared with the session's team after the query, before the response",
      filename: "app/api/applications/[id]/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const GET = withWorkspace(async ({ workspace, params }) => {
          const application = await prisma.application.findUnique({ where: { id: params.id } });
          if (!application || application.workspaceId !== workspace.id) {
            return Response.json({ error: "Not found" }, { status: 404 });
          }
          return Response.json(application);
        });
      `,
    },
    {
      name: "a secret token the client holds is the authorization (invite acceptance)",
      filename: "app/invites/actions.ts",
      code: `"use server";${AUTH}
        export async function acceptInvite(token: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.invite.update({ where: { token }, data: { acceptedById: session.user.id } });
        }
      `,
    },
    {
      name: "a membership check on the team id from the URL before the query",
      filename: "app/api/teams/[teamId]/projects/[projectId]/route.ts",
      code: `${AUTH}
        export async function DELETE(req: Request, { params }: { params: { teamId: string; projectId: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const member = await prisma.membership.findFirst({ where: { teamId: params.teamId, userId: session.user.id } });
          if (!member) return new Response("Forbidden", { status: 403 });
          await prisma.project.delete({ where: { id: params.projectId, teamId: params.teamId } });
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "a project's own authorization function from settings",
      filename: "app/documents/actions.ts",
      settings: { "backend-architect": { authorizationFunctions: ["loadEditableDocument"] } },
      code: `"use server";${AUTH}
        import { loadEditableDocument } from "@/lib/documents";
        export async function renameDocument(documentId: string, title: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await loadEditableDocument(documentId);
          await prisma.document.update({ where: { id: documentId }, data: { title } });
        }
      `,
    },
    {
      name: "Drizzle delete scoped by the owner",
      filename: "app/todos/actions.ts",
      code: `"use server";
        import { and, eq } from "drizzle-orm";
        import { auth } from "@/auth";
        import { db } from "@/db";
        import { todos } from "@/db/schema";
        export async function deleteTodo(id: number) {
          const session = await auth();
          if (!session?.user?.id) throw new Error("Unauthorized");
          await db.delete(todos).where(and(eq(todos.id, id), eq(todos.userId, session.user.id)));
        }
      `,
    },
    {
      name: "a query that runs before the handler's own session check (a public read)",
      filename: "app/programs/actions.ts",
      code: `"use server";${AUTH}
        export async function applyToProgram(programId: string) {
          const program = await prisma.program.findUniqueOrThrow({ where: { id: programId } });
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.application.create({ data: { programId, userId: session.user.id } });
          return program;
        }
      `,
    },
    {
      name: "a public GET branch of a Pages API route whose PUT branch signs in",
      filename: "pages/api/links/[id].ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { getServerSession } from "next-auth/next";
        import { authOptions } from "@/lib/auth-options";
        import prisma from "@/lib/prisma";
        export default async function handle(req: NextApiRequest, res: NextApiResponse) {
          const { id } = req.query as { id: string };
          if (req.method === "GET") {
            const link = await prisma.link.findUnique({ where: { id }, select: { id: true, name: true } });
            if (link?.password) return res.status(401).json({ error: "Password required" });
            return res.status(200).json(link);
          }
          if (req.method === "PUT") {
            const session = await getServerSession(req, res, authOptions);
            if (!session) return res.status(401).end("Unauthorized");
            await prisma.link.update({ where: { id, ownerId: session.user.id }, data: req.body });
            return res.status(204).end();
          }
          return res.status(405).end();
        }
      `,
    },
    {
      name: "an authorization helper named get*Authorized*, called with the row's team",
      filename: "app/organizations/actions.ts",
      code: `"use server";
        import { z } from "zod";
        import { actionClientUser } from "@/lib/safe-action";
        import { getAuthorizedOrganizationAdmin } from "@/lib/organizations";
        import { prisma } from "@/lib/prisma";
        export const cancelInvitation = actionClientUser
          .inputSchema(z.object({ invitationId: z.string() }))
          .action(async ({ ctx: { userId }, parsedInput: { invitationId } }) => {
            const invitation = await prisma.invitation.findUnique({ where: { id: invitationId } });
            if (!invitation) throw new Error("Not found");
            await getAuthorizedOrganizationAdmin({ organizationId: invitation.organizationId, userId });
            await prisma.invitation.deleteMany({ where: { id: invitationId, status: "pending" } });
          });
      `,
    },
    {
      name: "an error-handling wrapper signs nobody in (a public sign-in step)",
      filename: "app/api/sso/signin/route.ts",
      code: `
        import { withError } from "@/utils/middleware";
        import { prisma } from "@/lib/prisma";
        export const GET = withError(async (request) => {
          const slug = new URL(request.url).searchParams.get("organizationSlug");
          const provider = await prisma.ssoProvider.findFirst({ where: { organization: { slug } } });
          return Response.json({ providerId: provider?.providerId });
        });
      `,
    },
    {
      name: "a server action wrapper hands the signed-in user to the handler",
      filename: "app/(login)/actions.ts",
      code: `"use server";
        import { and, eq } from "drizzle-orm";
        import { z } from "zod";
        import { validatedActionWithUser } from "@/lib/auth/middleware";
        import { db } from "@/lib/db/drizzle";
        import { users } from "@/lib/db/schema";
        export const updateAccount = validatedActionWithUser(z.object({ name: z.string() }), async (data, _, user) => {
          await db.update(users).set({ name: data.name }).where(eq(users.id, user.id));
          return { success: "Account updated." };
        });
      `,
    },
    {
      name: "a tRPC procedure that authorizes the project the input names",
      filename: "server/api/routers/media.ts",
      code: `
        import { z } from "zod";
        import { createTRPCRouter, protectedProjectProcedure } from "@/server/api/trpc";
        export const mediaRouter = createTRPCRouter({
          getById: protectedProjectProcedure.input(z.object({ projectId: z.string(), mediaId: z.string() })).query(async ({ input, ctx }) => {
            const media = await ctx.prisma.media.findUnique({ where: { projectId_id: { projectId: input.projectId, id: input.mediaId } } });
            return media;
          }),
        });
      `,
    },
    {
      name: "an admin page under /admin/",
      filename: "app/admin/users/actions.ts",
      code: `"use server";${AUTH}
        export async function verifyUser(userId: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.user.update({ where: { id: userId }, data: { verified: true } });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a server action deletes the post whose id the client sent",
      filename: "app/posts/actions.ts",
      code: `"use server";${AUTH}
        export async function deletePost(id: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await prisma.post.delete({ where: { id } });
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 8, column: 17, endLine: 8, endColumn: 54 }],
    },
    {
      name: "a route handler updates the row named in the URL",
      filename: "app/api/posts/[id]/route.ts",
      code: `${AUTH}
        export async function PATCH(req: Request, { params }: { params: { id: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const body = await req.json();
          const post = await prisma.post.update({ where: { id: params.id }, data: { title: body.title } });
          return Response.json(post);
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 9, column: 30, endLine: 9, endColumn: 107 }],
    },
    {
      name: "the wrapper authorizes the workspace, not the link the client names inside it",
      filename: "app/api/links/[linkId]/route.ts",
      code: `
        import { withWorkspace } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const DELETE = withWorkspace(async ({ params, workspace }) => {
          await prisma.link.delete({ where: { id: params.linkId } });
          return new Response(null, { status: 204 });
        });
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 5, column: 17, endLine: 5, endColumn: 69 }],
    },
    {
      name: "a team id from the URL is the client's choice until a membership check",
      filename: "app/api/teams/[teamId]/projects/[projectId]/route.ts",
      code: `${AUTH}
        export async function DELETE(req: Request, { params }: { params: { teamId: string; projectId: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          await prisma.project.delete({ where: { id: params.projectId, teamId: params.teamId } });
          return new Response(null, { status: 204 });
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 8, column: 17, endLine: 8, endColumn: 98 }],
    },
    {
      name: "a document read by id is sent to the client",
      filename: "app/api/documents/[id]/route.ts",
      code: `${AUTH}
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const document = await prisma.document.findUnique({ where: { id: params.id } });
          return Response.json(document);
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 8, column: 34, endLine: 8, endColumn: 90 }],
    },
    {
      name: "looking up the signed-in user is not a check on the row",
      filename: "app/posts/actions.ts",
      code: `"use server";${AUTH}
        export async function removePost(id: string) {
          const session = await auth();
          const user = await prisma.user.findUnique({ where: { id: session?.user?.id } });
          if (!user) throw new Error("Unauthorized");
          await prisma.post.delete({ where: { id } });
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 9, column: 17, endLine: 9, endColumn: 54 }],
    },
    {
      name: "cancelReminder is not a can* check",
      filename: "app/reminders/actions.ts",
      code: `"use server";${AUTH}
        import { cancelReminder } from "@/lib/reminders";
        export async function deleteReminder(reminderId: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          await cancelReminder(reminderId);
          await prisma.reminder.deleteMany({ where: { id: reminderId } });
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 10, column: 17, endLine: 10, endColumn: 74 }],
    },
    {
      name: "a tRPC protected procedure deletes by the input id",
      filename: "server/api/routers/post.ts",
      code: `
        import { z } from "zod";
        import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
        export const postRouter = createTRPCRouter({
          delete: protectedProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) => {
            return ctx.db.post.delete({ where: { id: input.id } });
          }),
        });
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 6, column: 20, endLine: 6, endColumn: 67 }],
    },
    {
      name: "Drizzle update by the id the client sent, after validation",
      filename: "app/todos/actions.ts",
      code: `"use server";
        import { eq } from "drizzle-orm";
        import { z } from "zod";
        import { auth } from "@/auth";
        import { db } from "@/db";
        import { todos } from "@/db/schema";
        export async function toggleTodo(input: unknown) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          const { id, done } = z.object({ id: z.number(), done: z.boolean() }).parse(input);
          await db.update(todos).set({ done }).where(eq(todos.id, id));
        }
      `,
      errors: [{ messageId: "missingOwnershipCheck", line: 11, column: 17, endLine: 11, endColumn: 71 }],
    },
  ],
});
