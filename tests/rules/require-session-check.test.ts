import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/require-session-check.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
const FIXTURES = fileURLToPath(new URL("../fixtures/boundary/", import.meta.url));
const appOne = (file: string): string => path.join(FIXTURES, "app-one", file);
const appTwo = (file: string): string => path.join(FIXTURES, "app-two", file);
const MIDDLEWARE = fileURLToPath(new URL("../fixtures/middleware/", import.meta.url));
const inApp = (app: string, file: string): string => path.join(MIDDLEWARE, app, file);

ruleTester.run("require-session-check", rule, {
  valid: [
    {
      name: "Clerk middleware protects every route outside its public list",
      filename: inApp("clerk", "app/api/projects/route.ts"),
      code: `
        export async function POST(req: Request) {
          const body = await req.json();
          await prisma.project.create({ data: { name: body.name } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a server action module under a path the middleware refuses to signed-out requests",
      filename: inApp("cookie-list", "src/app/(app)/settings/actions.ts"),
      code: `
        "use server";
        export async function renameWorkspace(id: string, name: string) {
          await prisma.workspace.update({ where: { id }, data: { name } });
        }
      `,
    },
    {
      name: "a PublicEndpoint wrapper declares the API route public",
      filename: "pages/api/v1/tags.ts",
      code: `
        import { PublicEndpoint } from "~/server/utils/endpoint-helpers";
        export default PublicEndpoint(async function handler(req, res) {
          const tags = await prisma.tag.findMany({ take: 50 });
          res.status(200).json(tags);
        });
      `,
    },
    {
      name: "a route handler rate-limited by the caller's IP is public by design",
      filename: "app/api/resumes/upload-url/route.ts",
      code: `
        export async function POST(req: Request) {
          const ip = req.headers.get("x-forwarded-for") ?? "127.0.0.1";
          const { success } = await ratelimit(5, "1 m").limit(\`upload:\${ip}\`);
          if (!success) return new Response("Too many requests", { status: 429 });
          const url = await storage.getSignedUploadUrl({ key: crypto.randomUUID() });
          return Response.json({ url });
        }
      `,
    },
    {
      name: "a public safe-action client with an IP rate limit (survey respondents)",
      filename: "app/s/[surveyId]/actions.ts",
      code: `
        "use server";
        import { actionClient } from "@/lib/utils/action-client";
        export const checkSurveyPin = actionClient.inputSchema(pinSchema).action(async ({ parsedInput }) => {
          await applyIPRateLimit(limits.surveyPin);
          const survey = await prisma.survey.findUnique({ where: { id: parsedInput.surveyId } });
          return survey?.pin === parsedInput.pin;
        });
      `,
    },
    {
      name: "the bare base client \`actionClient\` is public by choice, like tRPC's publicProcedure",
      filename: appOne("src/app/actions/links.ts"),
      code: `
        "use server";
        import { actionClient } from "@/lib/safe-action";
        export const cancelInvite = actionClient.inputSchema(schema).action(async ({ parsedInput }) => {
          await prisma.invite.delete({ where: { uid: parsedInput.inviteUid } });
        });
      `,
    },
    {
      name: "rate-limit middleware on a Hono route",
      filename: "app/api/licensing/[...route]/route.ts",
      code: `
        import { Hono } from "hono";
        const app = new Hono().basePath("/api/licensing");
        app.post("/licenses/validate", rateLimiter({ windowMs: 60000, limit: 100 }), async (c) => {
          const { key } = await c.req.json();
          const license = await prisma.license.findUnique({ where: { key } });
          return c.json({ valid: Boolean(license) });
        });
      `,
    },
    {
      name: "a sign-in step that forwards the pending token to the identity provider",
      filename: "app/auth/actions.ts",
      code: `
        "use server";
        import { cookies } from "next/headers";
        export async function completeMfaChallenge(code: string) {
          const pending = (await cookies()).get(PENDING_SESSION_COOKIE)?.value;
          if (!pending) return { ok: false };
          const result = await identity.completeMfaChallenge({ code, pendingAuthToken: pending });
          return result;
        }
      `,
    },
    {
      name: "sign-in step names (completeOAuthSignIn, resendAuthCode)",
      filename: "app/auth/oauth-actions.ts",
      code: `
        "use server";
        export async function completeOAuthSignIn(request: Request) {
          const result = await provider.completeOAuthSignIn(request);
          return result;
        }
        export async function resendAuthCode(email: string) {
          await provider.resendCode({ email });
        }
      `,
    },
    {
      name: "several routes calling one helper in the enclosing function that checks a shared secret",
      filename: "src/app.ts",
      code: `
        import Fastify from "fastify";
        export async function buildServer() {
          const app = Fastify();
          function authorizedBody(schema, req, reply) {
            if (req.headers.authorization !== \`Bearer \${process.env.SERVICE_TOKEN}\`) {
              reply.code(401).send({ error: "Unauthorized" });
              return null;
            }
            return schema.parse(req.body);
          }
          app.post("/notifications", async (req, reply) => {
            const body = authorizedBody(notificationSchema, req, reply);
            if (!body) return reply;
            await createNotification(body);
            return reply.code(202).send({ queued: true });
          });
          return app;
        }
      `,
    },
    {
      name: "reads through a Supabase client made with the user's cookies (row level security decides)",
      filename: "app/api/notes/search/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const { data } = await supabase.from("notes").select("*").limit(20);
          return Response.json(data);
        }
      `,
    },
    {
      name: "an action that only sets a cookie through a cookie helper",
      filename: "lib/auth/cookie-actions.ts",
      code: `
        "use server";
        export async function rememberLastOrg(params: { orgId: string }) {
          await setLastUsedOrgCookie(params);
        }
      `,
    },
    {
      name: "an upload URL carrying its token in a route segment",
      filename: "app/api/uploads/[token]/route.ts",
      code: `
        import { handleUploadRequest } from "@/features/uploads/handle-upload";
        export const PUT = async (request: Request, context: RouteContext) => handleUploadRequest(request, context);
      `,
    },
    {
      name: "a Pages handler that hands the request to a dispatcher in another module",
      filename: "pages/api/conversations/[[...path]].ts",
      code: `
        import { handleRoute } from "@/features/conversations/route";
        export default async function handler(req, res) {
          return handleRoute(req, res);
        }
      `,
    },
    {
      name: "a Pages handler whose local helper checks the session",
      filename: "pages/api/items.ts",
      code: `
        async function createItem(req, res) {
          const session = await getServerSession(req, res, authOptions);
          if (!session) return res.status(401).end();
          await prisma.item.create({ data: { ownerId: session.user.id } });
          res.status(201).end();
        }
        export default function handler(req, res) {
          return createItem(req, res);
        }
      `,
    },
    {
      name: "route handler returns 401 when there is no session",
      filename: "app/api/posts/route.ts",
      code: `
        import { auth } from "@/lib/auth";
        export async function POST(req: Request) {
          const session = await auth();
          if (!session?.user?.id) return Response.json({ error: "Unauthorized" }, { status: 401 });
          await prisma.post.create({ data: { title: "x", authorId: session.user.id } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "Pages API route with getServerSession and res.status(401)",
      filename: "pages/api/posts/[id].ts",
      code: `
        export default async function handler(req, res) {
          const session = await getServerSession(req, res, authOptions);
          if (!session) {
            res.status(401).json({ message: "You must be logged in." });
            return;
          }
          await prisma.post.delete({ where: { id: String(req.query.id), authorId: session.user.id } });
          res.status(204).end();
        }
      `,
    },
    {
      name: "a derived binding is checked (const userId = session?.user?.id)",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function deleteChat(id: string) {
          const session = await auth();
          const userId = session?.user?.id;
          if (!userId) throw new Error("Unauthorized");
          await db.chat.delete({ where: { id, userId } });
        }
      `,
    },
    {
      name: "a throw-on-failure auth helper (requireUser, ensureTeamAccess)",
      filename: "app/settings/actions.ts",
      code: `
        "use server";
        export async function renameTeam(teamId: string, name: string) {
          const user = await requireUser();
          await ensureTeamAccess(user.id, teamId);
          await prisma.team.update({ where: { id: teamId }, data: { name } });
        }
      `,
    },
    {
      name: "Supabase getUser destructured and redirect()",
      filename: "app/notes/actions.ts",
      code: `
        "use server";
        export async function addNote(formData: FormData) {
          const supabase = await createClient();
          const { data: { user } } = await supabase.auth.getUser();
          if (!user) redirect("/login");
          await supabase.from("notes").insert({ body: String(formData.get("body")), user_id: user.id });
        }
      `,
    },
    {
      name: "better-auth auth.api.getSession with ?? redirect",
      filename: "app/api/todos/route.ts",
      code: `
        export async function DELETE(req: Request) {
          const session = (await auth.api.getSession({ headers: await headers() })) ?? redirect("/sign-in");
          await db.delete(todos).where(eq(todos.userId, session.user.id));
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "wrapper named in authWrappers (withAuth) from a package",
      filename: "app/api/me/route.ts",
      code: `
        import { withAuth } from "@workos-inc/authkit-nextjs";
        export const POST = withAuth(async (req) => {
          await prisma.log.create({ data: {} });
          return new Response();
        });
      `,
    },
    {
      name: "an unresolved wrapper is trusted by default (a package)",
      filename: "app/api/logs/route.ts",
      code: `
        import { withAxiom } from "next-axiom";
        export const POST = withAxiom(async (req) => {
          await prisma.log.create({ data: {} });
          return new Response();
        });
      `,
    },
    {
      name: "a wrapper resolved across files (tsconfig paths, barrel) that authenticates",
      filename: appOne("src/app/api/links/route.ts"),
      code: `
        import { withWorkspace } from "@/lib/auth";
        export const POST = withWorkspace(async ({ req, session }) => {
          await prisma.link.create({ data: { userId: session.user.id } });
          return Response.json({});
        });
      `,
    },
    {
      name: "a safe-action client whose definition authenticates (authActionClient)",
      filename: appOne("src/app/actions/links.ts"),
      code: `
        "use server";
        import { authActionClient } from "@/lib/safe-action";
        export const deleteLink = authActionClient.inputSchema(schema).action(async ({ parsedInput, ctx }) => {
          await prisma.link.delete({ where: { id: parsedInput.id, userId: ctx.user.id } });
        });
      `,
    },
    {
      name: "the same name `actionClient` is authenticated in another app",
      filename: appTwo("app/chat-actions.ts"),
      code: `
        "use server";
        import { actionClient } from "@/utils/actions/safe-action";
        export const archiveChat = actionClient.inputSchema(schema).action(async ({ parsedInput, ctx }) => {
          await prisma.chat.update({ where: { id: parsedInput.id, userId: ctx.userId }, data: { archived: true } });
        });
      `,
    },
    {
      name: "a bare safe-action client whose action checks the session itself",
      filename: appOne("src/app/actions/profile.ts"),
      code: `
        "use server";
        import { actionClient } from "@/lib/safe-action";
        export const updateProfile = actionClient.inputSchema(schema).action(async ({ parsedInput }) => {
          const session = await getSession();
          if (!session) throw new Error("Unauthorized");
          await prisma.user.update({ where: { id: session.user.id }, data: parsedInput });
        });
      `,
    },
    {
      name: "tRPC procedures: protected and explicitly public",
      filename: "server/api/routers/post.ts",
      code: `
        export const postRouter = createTRPCRouter({
          create: protectedProcedure.input(z.object({ name: z.string() })).mutation(async ({ ctx, input }) => ctx.db.post.create({ data: input })),
          hello: publicProcedure.mutation(async ({ ctx }) => ctx.db.visit.create({ data: {} })),
        });
      `,
    },
    {
      name: "Stripe webhook verified by signature",
      filename: "app/api/stripe/route.ts",
      code: `
        export async function POST(req: Request) {
          const body = await req.text();
          const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
          await prisma.subscription.update({ where: { id: event.data.object.id }, data: { status: "active" } });
          return new Response(null, { status: 200 });
        }
      `,
    },
    {
      name: "cron endpoint comparing a header with a process.env secret",
      filename: "app/api/cron/cleanup/route.ts",
      code: `
        export async function POST(request: Request) {
          if (request.headers.get("x-cron-key") !== process.env.CRON_KEY) {
            return new Response("Nope", { status: 418 });
          }
          await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "a token guard whose exit says 401 (embed tokens, API keys looked up in the database)",
      filename: "app/api/embed/route.ts",
      code: `
        export async function POST(req: Request) {
          const token = new URL(req.url).searchParams.get("t");
          const embed = token ? await redis.get(token) : null;
          if (!embed) return new Response("Invalid", { status: 401 });
          await prisma.view.create({ data: { embedId: embed.id } });
          return new Response();
        }
      `,
    },
    {
      name: "sign-in, sign-up and password reset actions are public by name",
      filename: "app/(auth)/actions.ts",
      code: `
        "use server";
        export async function signInWithEmail(formData: FormData) { await db.loginAttempt.create({ data: {} }); }
        export async function registerUser(formData: FormData) { await db.user.create({ data: {} }); }
        export const resetPassword = async (token: string) => { await db.user.update({ where: { token }, data: {} }); };
        export async function handleLogout() { await db.session.deleteMany({ where: {} }); }
      `,
    },
    {
      name: "inline sign-in / sign-out form actions",
      filename: "app/login/page.tsx",
      code: `
        export default function Login() {
          return (
            <form action={async () => { "use server"; await signIn("github", { redirectTo: "/" }); }}>
              <button>Sign in</button>
            </form>
          );
        }
      `,
    },
    {
      name: "a route that establishes an iron-session session",
      filename: "app/session/route.ts",
      code: `
        export async function POST(request: Request) {
          const session = await getIronSession(await cookies(), sessionOptions);
          const { username } = LoginSchema.parse(await request.json());
          const user = await prisma.user.findUniqueOrThrow({ where: { username } });
          session.userId = user.id;
          await session.save();
          await prisma.loginEvent.create({ data: { userId: user.id } });
          return Response.json(session);
        }
      `,
    },
    {
      name: "an action that only sets a cookie and redirects does no work",
      filename: "app/locale/actions.ts",
      code: `
        "use server";
        export async function setLocale(locale: string) {
          (await cookies()).set("locale", locale);
          revalidatePath("/");
          redirect("/");
        }
      `,
    },
    {
      name: "GET handlers are not checked by default; files under api/auth are public",
      filename: "app/api/auth/callback/route.ts",
      code: `
        export async function POST(req: Request) { await prisma.account.create({ data: {} }); return new Response(); }
      `,
    },
    {
      name: "a read-only GET handler",
      filename: "app/api/posts/route.ts",
      code: `export async function GET() { return Response.json(await prisma.post.findMany({ take: 10 })); }`,
    },
    {
      name: "Express route with auth middleware, and router.use(requireAuth) before routes",
      filename: "src/routes/items.ts",
      code: `
        import express from "express";
        const router = express.Router();
        router.post("/items", requireAuth, async (req, res) => { await prisma.item.create({ data: {} }); res.sendStatus(201); });
        const admin = express.Router();
        admin.use(authenticate);
        admin.delete("/items/:id", async (req, res) => { await prisma.item.delete({ where: { id: req.params.id } }); res.end(); });
      `,
    },
    {
      name: "an optional session (public endpoint that personalises when signed in)",
      filename: "app/api/views/route.ts",
      code: `
        export async function POST(req: Request) {
          const session = await auth();
          if (session?.user) {
            await prisma.view.create({ data: { userId: session.user.id } });
          }
          return new Response();
        }
      `,
    },
    {
      name: "a same-file helper that checks the session and throws",
      filename: "app/teams/actions.ts",
      code: `
        "use server";
        async function getTeamForUserOrFail(teamId: string) {
          const session = await getServerSession(authOptions);
          if (!session) throw new Error("Not signed in");
          return prisma.team.findFirstOrThrow({ where: { id: teamId, members: { some: { userId: session.user.id } } } });
        }
        export async function archiveTeam(teamId: string) {
          const team = await getTeamForUserOrFail(teamId);
          await prisma.team.update({ where: { id: team.id }, data: { archived: true } });
        }
      `,
    },
    {
      name: "a read before the check stops nothing from leaking",
      filename: "app/api/posts/[id]/route.ts",
      code: `
        export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
          const post = await prisma.post.findUnique({ where: { id: (await params).id } });
          const session = await auth();
          if (!session || post?.authorId !== session.user.id) return new Response(null, { status: 403 });
          await prisma.post.update({ where: { id: post.id }, data: { title: "x" } });
          return new Response();
        }
      `,
    },
    {
      name: "inline 'use server' action with a check, and a sync helper in a 'use server' module",
      filename: "app/page.tsx",
      code: `
        export default function Page() {
          async function create(formData: FormData) {
            "use server";
            const session = await auth();
            if (!session) return;
            await prisma.item.create({ data: { userId: session.user.id } });
          }
          return <form action={create} />;
        }
      `,
    },
    {
      name: "API key read from the Authorization header (verified out of sight)",
      filename: "app/api/v1/events/route.ts",
      code: `
        export async function POST(req: Request) {
          const apiKey = req.headers.get("authorization")?.replace("Bearer ", "");
          const workspace = await verifyWorkspaceKey(apiKey);
          await prisma.event.create({ data: { workspaceId: workspace.id } });
          return new Response();
        }
      `,
    },
    {
      name: "an action authenticated by an emailed token in its input",
      filename: "app/invite/actions.ts",
      code: `
        "use server";
        export const cancelEmailChange = async ({ token }: { token: string }) => {
          await prisma.emailChange.delete({ where: { token } });
        };
      `,
    },
  ],
  invalid: [
    {
      name: "settings.middleware: false does not read the middleware",
      filename: inApp("clerk", "app/api/projects/route.ts"),
      code: `export async function POST(req: Request) {
  await prisma.project.create({ data: { name: "x" } });
  return Response.json({ ok: true });
}`,
      settings: { "backend-architect": { middleware: false } },
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "a middleware matcher that leaves out /api protects no route handler",
      filename: inApp("api-excluded", "app/api/projects/route.ts"),
      code: `export async function POST(req: Request) {
  await prisma.project.create({ data: { name: "x" } });
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "an environment variable presence check answered with 401 is not authentication",
      filename: "app/api/digest/route.ts",
      code: `export async function POST(req: Request) {
  if (!process.env.DIGEST_SECRET) return new Response("Unauthorized", { status: 401 });
  await prisma.digest.create({ data: { body: await req.text() } });
  return new Response("ok");
}`,
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "an authorization error thrown only when the updated row is missing comes after the work",
      filename: "app/projects/actions.ts",
      code: `"use server";
export async function archiveProject(id: string) {
  const rows = await db.update(projects).set({ archived: true }).where(eq(projects.id, id)).returning();
  if (rows.length === 0) throw new UnauthorizedError("Not allowed");
  return rows[0];
}`,
      errors: [{ messageId: "noSessionCheck", line: 2, column: 23, endLine: 2, endColumn: 37 }],
    },
    {
      name: "a 'use server' export that passes its arguments on to a service function",
      filename: "app/projects/actions.ts",
      code: `"use server";
async function deleteProjectService(id: string) {
  return prisma.project.delete({ where: { id } });
}
export async function deleteProject(id: string) {
  return deleteProjectService(id);
}`,
      errors: [{ messageId: "noSessionCheck", line: 5, column: 23, endLine: 5, endColumn: 36 }],
    },
    {
      name: "a Pages handler whose request flows through a local helper",
      filename: "pages/api/items.ts",
      code: `async function createItem(req, res) {
  await prisma.item.create({ data: { name: req.body.name } });
  res.status(201).end();
}
export default function handler(req, res) {
  return createItem(req, res);
}`,
      errors: [{ messageId: "noSessionCheck", line: 5, column: 25, endLine: 5, endColumn: 32 }],
    },
    {
      name: "a Hono handler whose context flows through a local helper",
      filename: "src/routes/items.ts",
      code: `import { Hono } from "hono";
const app = new Hono();
const createItem = async (c) => {
  await prisma.item.create({ data: await c.req.json() });
  return c.json({ ok: true });
};
app.post("/items", (c) => createItem(c));`,
      errors: [{ messageId: "noSessionCheck", line: 7, column: 10, endLine: 7, endColumn: 18 }],
    },
    {
      name: "a server action that streams a model's answer",
      filename: "lib/ai/generate-filters.ts",
      code: `"use server";
export async function generateFilters(prompt: string) {
  const { partialOutputStream } = streamText({ model, prompt });
  for await (const part of partialOutputStream) stream.update(part);
  return stream.value;
}`,
      errors: [{ messageId: "noSessionCheck", line: 2, column: 23, endLine: 2, endColumn: 38 }],
    },
    {
      name: "a Supabase client made with the service role key is not the user's",
      filename: "app/api/username/get/route.ts",
      code: `export async function POST(request: Request) {
  const { userId } = await request.json();
  const admin = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);
  const { data } = await admin.from("profiles").select("username").eq("user_id", userId).single();
  return Response.json(data);
}`,
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "a rate limit keyed by something other than the caller's IP does not make a route public",
      filename: "app/api/invites/route.ts",
      code: `export async function POST(req: Request) {
  const { email } = await req.json();
  await ratelimit.limit(email);
  await prisma.invite.create({ data: { email } });
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "publicSignals.ipRateLimit: false reports IP rate-limited routes",
      filename: "app/api/contact/route.ts",
      code: `export async function POST(req: Request) {
  const { success } = await ratelimit.limit(ipAddress(req));
  if (!success) return new Response(null, { status: 429 });
  await prisma.message.create({ data: await req.json() });
  return new Response("ok");
}`,
      options: [{ publicSignals: { ipRateLimit: false } }],
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "server action deletes without any session check",
      filename: "app/chat/actions.ts",
      code: `"use server";
export async function deleteChat(id: string) {
  await prisma.chat.delete({ where: { id } });
}`,
      errors: [{ messageId: "noSessionCheck", data: { kind: "server action", name: "deleteChat" }, line: 2, column: 23, endLine: 2, endColumn: 33 }],
    },
    {
      name: "the session is read but never checked",
      filename: "app/api/posts/route.ts",
      code: `export async function POST(req: Request) {
  const session = await auth();
  await prisma.post.create({ data: { title: "x", authorId: session?.user.id } });
  return new Response();
}`,
      errors: [{ messageId: "sessionNotChecked", line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: "writes before it checks",
      filename: "app/api/items/route.ts",
      code: `export const PUT = async (req: Request) => {
  await prisma.audit.create({ data: { action: "put" } });
  const session = await getServerSession(authOptions);
  if (!session) return new Response(null, { status: 401 });
  return new Response();
};`,
      errors: [{ messageId: "checkAfterQuery", line: 1, column: 14, endLine: 1, endColumn: 17 }],
    },
    {
      name: "Pages API route without a check",
      filename: "pages/api/users/[id].ts",
      code: `export default async function handler(req, res) {
  await prisma.user.delete({ where: { id: req.query.id } });
  res.status(204).end();
}`,
      errors: [{ messageId: "noSessionCheck", data: { kind: "API route", name: "handler" }, line: 1, column: 31, endLine: 1, endColumn: 38 }],
    },
    {
      name: "export { handler as POST } reports at the local function name",
      filename: "app/api/upload/route.ts",
      code: `const handler = async (req: Request) => {
  await storage.upload(await req.blob());
  return new Response();
};
export { handler as GET, handler as POST };`,
      errors: [{ messageId: "noSessionCheck", data: { kind: "route handler", name: "handler" }, line: 1, column: 7, endLine: 1, endColumn: 14 }],
    },
    {
      name: "publicSignals.publicActionClient: false reports the bare base client `actionClient`",
      filename: appOne("src/app/actions/links.ts"),
      code: `"use server";
import { actionClient } from "@/lib/safe-action";
export const deleteLink = actionClient.inputSchema(schema).action(async ({ parsedInput }) => {
  await prisma.link.delete({ where: { id: parsedInput.id } });
});`,
      options: [{ publicSignals: { publicActionClient: false } }],
      errors: [{ messageId: "noSessionCheck", data: { kind: "server action", name: "deleteLink" }, line: 3, column: 14, endLine: 3, endColumn: 24 }],
    },
    {
      name: "a resolved wrapper that only catches errors does not authenticate",
      filename: appOne("src/app/api/links/route.ts"),
      code: `import { withError } from "@/lib/with-error";
export const DELETE = withError(async (req) => {
  await prisma.link.deleteMany({ where: { userId: "x" } });
  return new Response();
});`,
      errors: [{ messageId: "noSessionCheck", line: 2, column: 14, endLine: 2, endColumn: 20 }],
    },
    {
      name: "an exported helper of a 'use server' module is a callable endpoint",
      filename: "lib/services/team.ts",
      code: `"use server";
export const removeMember = async (teamId: string, userId: string) => {
  await prisma.membership.delete({ where: { teamId_userId: { teamId, userId } } });
};`,
      errors: [{ messageId: "noSessionCheck", line: 2, column: 14, endLine: 2, endColumn: 26 }],
    },
    {
      name: "anonymous Express handler reports at the route path",
      filename: "src/routes.ts",
      code: `import express from "express";
const router = express.Router();
router.delete("/users/:id", async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.end();
});`,
      errors: [{ messageId: "noSessionCheck", data: { kind: "route", name: "DELETE /users/:id" }, line: 3, column: 15, endLine: 3, endColumn: 27 }],
    },
    {
      name: "trustUnresolvedWrappers: false reports behind a package wrapper",
      filename: "app/api/logs/route.ts",
      code: `import { withAxiom } from "next-axiom";
export const POST = withAxiom(async (req) => {
  await prisma.log.create({ data: {} });
  return new Response();
});`,
      options: [{ trustUnresolvedWrappers: false }],
      errors: [{ messageId: "noSessionCheck", line: 2, column: 14, endLine: 2, endColumn: 18 }],
    },
    {
      name: "with all methods (strict), a GET handler that reads must check too",
      filename: "app/api/invoices/route.ts",
      code: `export async function GET() {
  return Response.json(await prisma.invoice.findMany({ take: 10 }));
}`,
      options: [{ methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] }],
      errors: [{ messageId: "noSessionCheck", line: 1, column: 23, endLine: 1, endColumn: 26 }],
    },
    {
      name: "a memoizing wrapper (React cache) does not authenticate",
      filename: "lib/services/integration.ts",
      code: `"use server";
import { cache as reactCache } from "react";
export const getIntegration = reactCache(async (integrationId: string) => {
  return prisma.integration.findUnique({ where: { id: integrationId } });
});`,
      errors: [{ messageId: "noSessionCheck", line: 3, column: 14, endLine: 3, endColumn: 28 }],
    },
    {
      name: "a non-database awaited call is work too",
      filename: "app/contact/actions.ts",
      code: `"use server";
export async function sendInvoice(invoiceId: string) {
  await resend.emails.send({ to: "billing@example.com", subject: invoiceId });
}`,
      errors: [{ messageId: "noSessionCheck", line: 2, column: 23, endLine: 2, endColumn: 34 }],
    },
  ],
});
