import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/require-tenant-scope.js";
import { createRuleTester } from "../rule-tester.js";

const APP = fileURLToPath(new URL("../fixtures/tenant-app/", import.meta.url));
const file = (relative: string): string => path.join(APP, relative);
const AUTH = `
  import { auth } from "@/auth";
  import { prisma } from "@/lib/prisma";
`;

createRuleTester().run("require-tenant-scope", rule, {
  valid: [
    {
      name: "the tenant column from the session",
      filename: file("app/api/projects/route.ts"),
      code: `${AUTH}
        export async function GET() {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const projects = await prisma.project.findMany({ where: { teamId: session.user.teamId, archived: false }, take: 50 });
          return Response.json(projects);
        }
      `,
    },
    {
      name: "a relation filter to the user's teams",
      filename: file("app/projects/actions.ts"),
      code: `"use server";${AUTH}
        export async function listProjects() {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          return prisma.project.findMany({ where: { team: { members: { some: { userId: session.user.id } } } } });
        }
      `,
    },
    {
      name: "the signed-in user's own rows",
      filename: file("app/invoices/actions.ts"),
      code: `"use server";${AUTH}
        export async function myInvoices() {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          return prisma.invoice.findMany({ where: { userId: session.user.id } });
        }
      `,
    },
    {
      name: "the tenant inside AND, from tRPC context",
      filename: file("server/api/routers/invoice.ts"),
      code: `
        import { z } from "zod";
        import { createTRPCRouter, orgProcedure } from "@/server/api/trpc";
        export const invoiceRouter = createTRPCRouter({
          total: orgProcedure.input(z.object({ min: z.number() })).query(({ ctx, input }) =>
            ctx.db.invoice.aggregate({ where: { AND: [{ organizationId: ctx.org.id }, { amount: { gte: input.min } }] }, _sum: { amount: true } }),
          ),
        });
      `,
    },
    {
      name: "a wrapper hands the workspace and the filter names it",
      filename: file("app/api/projects/route.ts"),
      code: `
        import { withTeam } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const GET = withTeam(async ({ team }) => {
          const count = await prisma.project.count({ where: { teamId: team.id } });
          return Response.json({ count });
        });
      `,
    },
    {
      name: "a cron job works across tenants by design",
      filename: file("app/api/cron/archive/route.ts"),
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) return new Response("Unauthorized", { status: 401 });
          await prisma.project.updateMany({ where: { archived: false, updatedAt: { lt: new Date(Date.now() - 864e5 * 365) } }, data: { archived: true } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "an admin route",
      filename: file("app/api/admin/projects/route.ts"),
      code: `${AUTH}
        export async function GET() {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          return Response.json(await prisma.project.findMany({ take: 100 }));
        }
      `,
    },
    {
      name: "an administrator role check first",
      filename: file("app/projects/actions.ts"),
      code: `"use server";${AUTH}
        export async function allProjects() {
          const session = await auth();
          if (session?.user.role !== "ADMIN") throw new Error("Forbidden");
          return prisma.project.findMany({ take: 100 });
        }
      `,
    },
    {
      name: "a where built elsewhere",
      filename: file("app/projects/actions.ts"),
      code: `"use server";${AUTH}
        import { projectFilter } from "@/lib/filters";
        export async function searchProjects(q: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          const where = projectFilter(session, q);
          return prisma.project.findMany({ where });
        }
      `,
    },
    {
      name: "a model without a tenant column",
      filename: file("app/tasks/actions.ts"),
      code: `"use server";${AUTH}
        export async function openTasks() {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          return prisma.task.findMany({ where: { done: false } });
        }
      `,
    },
    {
      name: "a public endpoint: require-session-check decides",
      filename: file("app/api/projects/count/route.ts"),
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          return Response.json({ count: await prisma.project.count() });
        }
      `,
    },
    {
      name: "one row by id: require-ownership-check's concern",
      filename: file("app/projects/actions.ts"),
      code: `"use server";${AUTH}
        export async function getProject(id: string) {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          return prisma.project.findFirst({ where: { id } });
        }
      `,
    },
    {
      name: "a membership check on the team from the URL, then its rows",
      filename: file("app/api/teams/[teamId]/projects/route.ts"),
      code: `${AUTH}
        import { assertTeamMember } from "@/lib/teams";
        export async function GET(req: Request, { params }: { params: { teamId: string } }) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          await assertTeamMember(session.user.id, params.teamId);
          return Response.json(await prisma.project.findMany({ where: { teamId: params.teamId } }));
        }
      `,
    },
  ],
  invalid: [
    {
      name: "every team's projects",
      filename: file("app/projects/actions.ts"),
      code: `"use server";${AUTH}
        export async function listProjects() {
          const session = await auth();
          if (!session) throw new Error("Unauthorized");
          return prisma.project.findMany({ where: { archived: false } });
        }
      `,
      errors: [{ messageId: "missingTenantScope", line: 8, column: 18, endLine: 8, endColumn: 73 }],
    },
    {
      name: "a bulk delete by a name the client sent",
      filename: file("app/api/projects/route.ts"),
      code: `${AUTH}
        export async function DELETE(req: Request) {
          const session = await auth();
          if (!session) return new Response("Unauthorized", { status: 401 });
          const { name } = await req.json();
          await prisma.project.deleteMany({ where: { name } });
          return new Response(null, { status: 204 });
        }
      `,
      errors: [{ messageId: "missingTenantScope", line: 9, column: 17, endLine: 9, endColumn: 63 }],
    },
    {
      name: "a count with no filter under a team wrapper",
      filename: file("app/api/invoices/route.ts"),
      code: `
        import { withTeam } from "@/lib/auth";
        import { prisma } from "@/lib/prisma";
        export const GET = withTeam(async ({ team }) => {
          const count = await prisma.invoice.count();
          return Response.json({ count, team: team.name });
        });
      `,
      errors: [{ messageId: "missingTenantScope", line: 5, column: 31, endLine: 5, endColumn: 53 }],
    },
  ],
});
