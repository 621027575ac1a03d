import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/require-zod-parse.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
const FIXTURES = fileURLToPath(new URL("../fixtures/boundary/", import.meta.url));
const appOne = (file: string): string => path.join(FIXTURES, "app-one", file);
const shop = (file: string): string => fileURLToPath(new URL(`../fixtures/zod/shop/${file}`, import.meta.url));

ruleTester.run("require-zod-parse", rule, {
  valid: [
    {
      name: "checkUrlParams: route and search params used only as equality keys (Prisma, Drizzle, Supabase)",
      filename: "app/api/projects/[projectId]/runs/[runId]/route.ts",
      code: `
        import { and, eq } from "drizzle-orm";
        import { db } from "@/lib/db";
        import { runs } from "@/lib/schema";
        import { prisma } from "@/lib/prisma";
        import { createClient } from "@/lib/supabase/server";
        export async function GET(req: NextRequest, { params }: { params: Promise<{ projectId: string; runId: string }> }) {
          const { projectId, runId } = await params;
          const status = req.nextUrl.searchParams.get("status");
          const project = await prisma.project.findUnique({ where: { id: projectId } });
          const owner = await prisma.user.findFirst({ where: { projects: { some: { id: projectId } }, team: { slug: { equals: status } } } });
          const [run] = await db.select().from(runs).where(and(eq(runs.projectId, projectId), eq(runs.id, runId))).limit(1);
          const supabase = await createClient();
          const { data: logs } = await supabase.from("logs").select("id, message").eq("run_id", runId).limit(50);
          return Response.json({ project, owner, run, logs });
        }
      `,
      options: [{ checkUrlParams: true }],
    },
    {
      name: "checkUrlParams: equality keys of a Drizzle relational query and of a project helper",
      filename: "app/api/repos/[owner]/[repo]/route.ts",
      code: `
        import { eq } from "drizzle-orm";
        import { db } from "@/lib/db";
        import { repos, configs } from "@/lib/schema";
        async function getConfig(owner: string, repo: string) {
          return db.query.configs.findFirst({ where: eq(configs.repo, \`\${owner}/\${repo}\`) });
        }
        async function getRepo(id: string) {
          return db.query.repos.findFirst({ where: eq(repos.id, id) });
        }
        export async function GET(req: Request, { params }: { params: Promise<{ owner: string; repo: string }> }) {
          const { owner, repo } = await params;
          const found = await getRepo(repo);
          const config = await getConfig(owner, repo);
          return Response.json({ found, config });
        }
      `,
      options: [{ checkUrlParams: true }],
    },
    {
      name: "a Supabase rpc with parsed arguments, and rpc on something that is not a Supabase client",
      filename: "app/api/search/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        import { peer } from "@/lib/json-rpc";
        export async function POST(request: Request) {
          const { query, count } = SearchSchema.parse(await request.json());
          const supabase = await createClient();
          const { data } = await supabase.rpc("search_documents", { query, match_count: count });
          return Response.json({ data });
        }
        export async function PUT(request: Request) {
          const { note } = await request.json();
          await peer.rpc("notify", { note });
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "form data read through a local helper that checks the entry's type and throws or returns",
      filename: "app/teams/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        function getString(formData: FormData, key: string): string {
          const value = formData.get(key);
          if (typeof value !== "string" || value.length === 0) throw new Error(\`Missing \${key}\`);
          return value.trim();
        }
        const requiredText = (formData: FormData, key: string) => {
          const value = formData.get(key);
          if (!value || value instanceof File) throw new Error(\`Missing \${key}\`);
          return value;
        };
        const optionalText = (formData: FormData, key: string) => {
          const value = formData.get(key);
          return typeof value === "string" && value !== "" ? value : undefined;
        };
        export async function createTeam(formData: FormData) {
          const name = getString(formData, "name");
          const slug = requiredText(formData, "slug");
          const about = optionalText(formData, "about");
          await prisma.team.create({ data: { name, slug, about } });
        }
      `,
    },
    {
      name: "a form entry that is not a file is a string",
      filename: "app/api/teams/route.ts",
      code: `
        export async function POST(req: Request) {
          const form = await req.formData();
          const name = form.get("name");
          if (name === null || name instanceof File) return new Response("Name is required.", { status: 400 });
          await prisma.team.create({ data: { name } });
          return new Response(null, { status: 201 });
        }
      `,
    },
    {
      name: "an argument pinned to the signed-in user's id before use (!==, then throw)",
      filename: "actions/update-user-name.ts",
      code: `
        "use server";
        import { auth } from "@/auth";
        import { prisma } from "@/lib/db";
        export async function updateUserName(userId: string, data: { name: string }) {
          const session = await auth();
          if (!session?.user || session?.user.id !== userId) throw new Error("Unauthorized");
          const { name } = userNameSchema.parse(data);
          await prisma.user.update({ where: { id: userId }, data: { name } });
        }
      `,
    },
    {
      name: "a body field pinned to the current user (=== around the use, or a helper's user)",
      filename: "app/api/preferences/route.ts",
      code: `
        import { getServerSession } from "next-auth";
        export async function POST(req: Request) {
          const session = await getServerSession(authOptions);
          const { userId, theme } = await req.json();
          if (userId === session?.user.id && (theme === "dark" || theme === "light")) {
            await prisma.preference.upsert({ where: { userId }, create: { userId, theme }, update: { theme } });
          }
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "body fields pushed into a local list that only goes back to the caller",
      filename: "app/api/preview/route.ts",
      code: `
        export async function POST(req: Request) {
          const { tags } = await req.json();
          const labels: string[] = [];
          for (const tag of tags) labels.push(\`#\${tag}\`);
          return Response.json({ labels });
        }
      `,
    },
    {
      name: "set() on a client or a module-level cache is not a local collection",
      filename: "app/api/drafts/route.ts",
      code: `
        import { redis } from "@/lib/redis";
        const recent = new Map<string, unknown>();
        export async function POST(req: Request) {
          const draft = await req.json();
          await redis.set("draft:latest", JSON.stringify(draft));
          recent.set("latest", draft);
          const users = await prisma.user.findMany({ where: { id: { in: [...recent.keys()] } }, take: Number(await redis.get("limit")) });
          return Response.json(users);
        }
      `,
    },
    {
      name: "Schema.parse(await req.json())",
      filename: "app/api/posts/route.ts",
      code: `
        export async function POST(req: Request) {
          const data = CreatePostSchema.parse(await req.json());
          await prisma.post.create({ data });
          return Response.json({});
        }
      `,
    },
    {
      name: "json bound first, then safeParse; the raw body is used after a successful check",
      filename: "app/api/posts/route.ts",
      code: `
        export async function POST(req: Request) {
          const body = await req.json();
          const result = postSchema.safeParse(body);
          if (!result.success) return Response.json({ issues: result.error.issues }, { status: 400 });
          await prisma.post.create({ data: { title: body.title } });
          return new Response();
        }
      `,
    },
    {
      name: "destructure, then validate the rebuilt object",
      filename: "app/api/profile/route.ts",
      code: `
        export async function PATCH(request: Request) {
          const { name, bio } = await request.json();
          const input = ProfileSchema.parse({ name, bio });
          await prisma.user.update({ where: { id: "me" }, data: input });
          return new Response();
        }
      `,
    },
    {
      name: "formData through Object.fromEntries, and an object built from formData.get()",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function createPost(formData: FormData) {
          const data = CreatePostSchema.parse({ title: formData.get("title"), content: formData.get("content") });
          await prisma.post.create({ data });
        }
        export async function createTag(formData: FormData) {
          const tag = TagSchema.parse(Object.fromEntries(formData));
          await prisma.tag.create({ data: tag });
        }
      `,
    },
    {
      name: "custom validators that take a schema argument (validateInputs, parseRequest, validateWithSchema)",
      filename: "app/api/items/route.ts",
      code: `
        export async function POST(request: Request) {
          const item = await parseRequest(request.json(), createItemSchema);
          await prisma.item.create({ data: item });
          return new Response();
        }
        export async function PUT(request: Request) {
          const body = await request.json();
          validateInputs([body.id, ZId], [body.name, ZName]);
          await prisma.item.update({ where: { id: body.id }, data: { name: body.name } });
          return new Response();
        }
      `,
    },
    {
      name: "server action parameters validated (z.string().parse, a derived schema, valibot parse)",
      filename: "app/items/actions.ts",
      code: `
        "use server";
        export async function deleteItem(id: string) {
          const itemId = z.string().cuid().parse(id);
          await prisma.item.delete({ where: { id: itemId } });
        }
        export async function updateItem(input: unknown) {
          const data = ItemSchema.pick({ name: true }).strict().parse(input);
          await prisma.item.update({ where: { id: "x" }, data });
        }
        export async function renameItem(input: unknown) {
          const { name } = parse(RenameSchema, input);
          await prisma.item.update({ where: { id: "x" }, data: { name } });
        }
      `,
    },
    {
      name: "a schema imported under a name that does not say schema (resolved definition)",
      filename: appOne("src/app/api/links/route.ts"),
      code: `
        import { createLinkInput } from "@/lib/helpers";
        export async function POST(req: Request) {
          const link = createLinkInput.parse(await req.json());
          await prisma.link.create({ data: link });
          return new Response();
        }
      `,
    },
    {
      name: "a project helper whose definition validates",
      filename: appOne("src/app/api/links/route.ts"),
      code: `
        import { readBody } from "@/lib/helpers";
        export async function PUT(req: Request) {
          const raw = await req.json();
          const body = await readBody(raw);
          await prisma.link.update({ where: { id: "x" }, data: body });
          return new Response();
        }
      `,
    },
    {
      name: "next-safe-action parsedInput and tRPC input are validated by construction",
      filename: "server/actions.ts",
      code: `
        "use server";
        export const del = authActionClient.inputSchema(s).action(async ({ parsedInput }) => prisma.x.delete({ where: { id: parsedInput.id } }));
        export const router = createTRPCRouter({ del: protectedProcedure.input(s).mutation(({ input, ctx }) => ctx.db.x.delete({ where: { id: input.id } })) });
      `,
    },
    {
      name: "webhook bodies consumed by a signature check (svix, Stripe) and handleUpload",
      filename: "app/api/webhooks/clerk/route.ts",
      code: `
        export async function POST(req: Request) {
          const payload = await req.json();
          const evt = new Webhook(secret).verify(JSON.stringify(payload), headers) as WebhookEvent;
          await prisma.user.create({ data: { id: evt.data.id } });
          return new Response();
        }
        export async function PUT(request: Request) {
          const body = (await request.json()) as HandleUploadBody;
          return Response.json(await handleUpload({ body, request, onBeforeGenerateToken: async () => ({}) }));
        }
      `,
    },
    {
      name: "Hono c.req.valid() and a zValidator middleware",
      filename: "src/api.ts",
      code: `
        import { Hono } from "hono";
        const app = new Hono();
        app.post("/items", zValidator("json", itemSchema), async (c) => {
          const item = c.req.valid("json");
          await db.insert(items).values(item);
          return c.json({});
        });
      `,
    },
    {
      name: "a body only logged, returned or passed to an unknown function",
      filename: "app/api/echo/route.ts",
      code: `
        export async function POST(req: Request) {
          const body = await req.json();
          console.log(body);
          await forwardToQueue(body);
          return Response.json(body);
        }
      `,
    },
    {
      name: "route params are not checked by default",
      filename: "app/api/posts/[id]/route.ts",
      code: `
        export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
          const { id } = await params;
          await prisma.post.delete({ where: { id } });
          return new Response();
        }
      `,
    },
    {
      name: "checkUrlParams: params and searchParams validated",
      filename: "app/api/posts/[id]/route.ts",
      options: [{ checkUrlParams: true }],
      code: `
        export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
          const { id } = ParamsSchema.parse(await params);
          const { page } = QuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
          return Response.json(await prisma.post.findMany({ where: { id }, skip: page * 10, take: 10 }));
        }
      `,
    },
    {
      name: "an action parameter compared or used only in a condition",
      filename: "app/settings/actions.ts",
      code: `
        "use server";
        export async function toggle(enabled: boolean) {
          if (enabled === true) revalidatePath("/");
          return { ok: typeof enabled === "boolean" };
        }
      `,
    },
    {
      name: "a wrapped server action: the wrapper supplies (and here validates) the arguments",
      filename: "app/(login)/actions.ts",
      code: `
        "use server";
        export const signUp = validatedAction(signUpSchema, async (data, formData) => {
          await db.insert(users).values({ email: data.email });
        });
      `,
    },
    {
      name: "Pages Router: dynamic segments of the file path in req.query are route params",
      filename: "pages/api/teams/[teamId]/documents/[id].ts",
      code: `
        export default async function handler(req, res) {
          const { teamId, id: documentId } = req.query as { teamId: string; id: string };
          const doc = await prisma.document.findFirst({ where: { id: documentId, teamId, ownerId: req.query.teamId } });
          res.json(doc);
        }
      `,
    },
    {
      name: "a hand-written typeof check guards the member it reads",
      filename: "pages/api/regenerate.ts",
      code: `
        export default async function handler(req, res) {
          if (typeof req.query.path === "string") {
            await res.revalidate(new URL(req.query.path, process.env.APP_URL).pathname);
            return res.json({ regenerated: true });
          }
          return res.status(400).end();
        }
      `,
    },
    {
      name: "typeof guards that return before the use, also for a field of the body",
      filename: "app/api/subscribers/route.ts",
      code: `
        export async function POST(req: Request) {
          const { email } = await req.json();
          if (typeof email !== "string" || email.length > 200) {
            return Response.json({ error: "email required" }, { status: 400 });
          }
          await prisma.subscriber.create({ data: { email } });
          return new Response(null, { status: 201 });
        }
        export async function PUT(req: Request) {
          const body = await req.json();
          if (typeof body.name !== "string") throw new Error("name must be a string");
          await prisma.subscriber.update({ where: { id: "me" }, data: { name: body.name } });
          return new Response();
        }
      `,
    },
    {
      name: "Array.isArray and instanceof guards; a value used only inside the positive branch",
      filename: "app/api/files/route.ts",
      code: `
        export async function POST(req: Request) {
          const form = await req.formData();
          const file = form.get("file");
          if (!(file instanceof File)) return new Response("file required", { status: 400 });
          await prisma.upload.create({ data: { name: file.name, size: file.size } });
          const tags = form.getAll("tag");
          if (Array.isArray(tags) && tags.every((t) => typeof t === "string")) {
            await prisma.tag.createMany({ data: tags.map((name) => ({ name })) });
          }
          return new Response();
        }
      `,
    },
    {
      name: "a validator predicate after String() coercion, and an allow-list check",
      filename: "app/newsletter/actions.ts",
      code: `
        "use server";
        const PLANS = ["free", "pro"] as const;
        export async function subscribe(formData: FormData) {
          const email = String(formData.get("email") ?? "");
          if (!isValidEmail(email)) return { error: "Please enter a valid email." };
          await prisma.subscriber.create({ data: { email } });
        }
        export async function choosePlan(plan: string) {
          if (!PLANS.includes(plan as (typeof PLANS)[number])) return { error: "Unknown plan." };
          await prisma.account.update({ where: { id: "me" }, data: { plan } });
        }
        export async function setTheme(theme: string) {
          if (theme !== "light" && theme !== "dark") throw new Error("bad theme");
          await prisma.settings.update({ where: { id: "me" }, data: { theme } });
        }
      `,
    },
    {
      name: "numeric coercions and comparisons with a literal fix the shape",
      filename: "pages/api/reports.ts",
      code: `
        export default async function handler(req, res) {
          const page = Number(req.query.page) || 1;
          const take = Math.min(parseInt(req.body.take, 10) || 20, 100);
          const archived = req.query.archived === "true";
          const rows = await prisma.report.findMany({ where: { archived }, skip: (page - 1) * take, take });
          res.json(rows);
        }
      `,
    },
    {
      name: "an Array.isArray check inside the try that reads the body; a sanitizer's result",
      filename: "app/api/links/sync/route.ts",
      code: `
        export async function POST(req: Request) {
          let ids: string[] = [];
          try {
            ids = await req.json();
            if (!Array.isArray(ids)) throw new Error("Invalid request body.");
          } catch {
            return new Response("Invalid request body.", { status: 400 });
          }
          await prisma.link.updateMany({ where: { id: { in: ids } }, data: { claimed: true } });
          return new Response();
        }
        export async function PUT(req: Request) {
          const { domains } = await req.json();
          const unique = sanitizeList(domains.join("\\n"));
          await prisma.team.update({ where: { id: "t" }, data: { ignoredDomains: unique } });
          return new Response();
        }
      `,
    },
    {
      name: "verify, then use: a token checked as a signed JWT before it is read",
      filename: "app/api/invites/accept/route.ts",
      code: `
        export async function POST(req: Request) {
          const { token } = await req.json();
          const claims = jwt.verify(token, process.env.INVITE_SECRET!) as { inviteId: string };
          await prisma.invite.update({ where: { id: claims.inviteId }, data: { acceptedAt: new Date() } });
          return new Response();
        }
      `,
    },
    {
      name: "verify, then use: a body that arrives after a shared-secret or signature check",
      filename: "app/api/cron/sync/route.ts",
      code: `
        export async function POST(req: Request) {
          if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) {
            return new Response("Unauthorized", { status: 401 });
          }
          const { accountId } = await req.json();
          await prisma.account.update({ where: { id: accountId }, data: { syncedAt: new Date() } });
          return new Response();
        }
        export async function PATCH(request: Request) {
          if (!isAuthorizedCronOrInternalRequest(request)) return new Response("Unauthorized", { status: 401 });
          const { emailAccountId } = await request.json();
          await prisma.emailAccount.update({ where: { id: emailAccountId }, data: { lastDigestAt: new Date() } });
          return new Response();
        }
        export async function PUT(req: Request) {
          const rawBody = await req.text();
          await verifyQstashSignature({ req, rawBody });
          const { jobId } = JSON.parse(rawBody);
          const job = await req.json();
          await prisma.job.update({ where: { id: job.id ?? jobId }, data: { done: true } });
          return new Response();
        }
      `,
    },
    {
      name: "verify, then use: a Pages route wrapped by a webhook wrapper",
      filename: "pages/api/webhooks/scan-result.ts",
      code: `
        export default WebhookEndpoint(async function handler(req, res) {
          const { imageId, status } = req.body;
          await prisma.image.update({ where: { id: imageId }, data: { scanStatus: status } });
          res.json({ ok: true });
        });
      `,
    },
    {
      name: "a value only echoed back to the same caller, tested, or handed to a package",
      filename: "app/api/greet/route.ts",
      code: `
        export async function POST(req: Request) {
          const { name, items } = await req.json();
          if (!name) return Response.json({ error: "name required" }, { status: 400 });
          const summary = \`Hello \${name.trim()}, you sent \${items.join(", ")}\`;
          await resend.emails.send({ to: "team@example.com", subject: "hello", text: summary });
          return Response.json({ message: summary });
        }
      `,
    },
    {
      name: "a Pages query read only to compare, test or hand to a sanitizer",
      filename: "pages/api/auth/connect.ts",
      code: `
        export default function handler(req, res) {
          const provider = typeof req.query.provider === "string" ? req.query.provider : undefined;
          if (!provider) return res.status(400).json({ error: "missing provider" });
          const linkRoles = req.query.roles === "true";
          res.redirect(302, buildLoginUrl({ provider, linkRoles, returnUrl: safePath(req.query.returnUrl) }));
        }
      `,
    },
    {
      name: "a helper's result goes into a schema, and a helper that only logs or sanitizes",
      filename: shop("src/pages/api/orders/index.ts"),
      code: `
        import { firstValue, normalizeSlug } from "@/server/orders";
        import { recordAudit } from "@/server/audit";
        export default async function handler(req, res) {
          const parsed = OrderQuerySchema.safeParse({ id: firstValue(req.query.id), page: firstValue(req.query.page) });
          if (!parsed.success) return res.status(422).json({ error: parsed.error.flatten() });
          await recordAudit("list", req.body);
          const slug = normalizeSlug(req.body.slug);
          res.json(await prisma.order.findMany({ where: { id: parsed.data.id, slug }, take: 20 }));
        }
      `,
    },
    {
      name: "a server action whose argument reaches a service that validates it, or only an audit log",
      filename: shop("src/app/orders/actions.ts"),
      code: `
        "use server";
        import { renameOrder } from "@/server/orders";
        import { recordAudit } from "@/server/audit";
        export async function rename(orderId: string, name: string) {
          await renameOrder(orderId, name);
        }
        export async function logView(orderId: string) {
          await recordAudit("view", orderId);
        }
      `,
    },
    {
      name: "the body handed whole to a service's method (instance, static, object) that parses it first",
      filename: shop("src/pages/api/coupons/index.ts"),
      code: `
        import { couponController, couponService, CouponService } from "@/server/coupons";
        export default async function handler(req, res) {
          if (req.method === "POST") return res.status(201).json(await couponService.create("s1", req.body));
          if (req.method === "PATCH") return res.json(await CouponService.rename(req.body));
          const { status } = await couponController.update("s1", req.body);
          res.status(status).end();
        }
      `,
    },
    {
      name: "verify, then use, inside the helper the route delegates to (a timing-safe key check through local bindings)",
      filename: shop("src/pages/api/internal/unpause.ts"),
      code: `
        import { handleUnpause } from "@/server/internal-route";
        export default async function handler(req, res) {
          return handleUnpause(req, res);
        }
      `,
    },
    {
      name: "a request handed to a helper that validates what it reads",
      filename: shop("src/app/api/orders/route.ts"),
      code: `
        import { readCheckedBody } from "@/server/orders";
        export async function POST(req: Request) {
          const { items } = await readCheckedBody(req);
          await prisma.order.create({ data: { items } });
          return new Response();
        }
      `,
    },
    {
      name: "checkUrlParams: a URL built from a validated body field is not the request's search params",
      filename: "app/api/callbacks/route.ts",
      options: [{ checkUrlParams: true }],
      code: `
        export async function POST(req: NextRequest) {
          const { callbackUrl } = CallbackSchema.parse(await req.json());
          const url = new URL(callbackUrl);
          const state = url.searchParams.get("state");
          await prisma.callback.create({ data: { state } });
          return new Response();
        }
      `,
    },
    {
      name: "not a boundary: a plain function reading req.json()",
      filename: "lib/http.ts",
      code: `
        export async function readJson(req: Request) {
          const body = await req.json();
          return prisma.x.create({ data: body });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "the JSON body goes straight into Prisma data",
      filename: "app/api/posts/route.ts",
      code: `export async function POST(req: Request) {
  const body = await req.json();
  await prisma.post.create({ data: body });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", data: { source: "the request body `req.json()`", example: "await req.json()" }, line: 2, column: 22, endLine: 2, endColumn: 32 }],
    },
    {
      name: "a cast is not a check; a member read reports once per source",
      filename: "app/api/users/route.ts",
      code: `export async function PATCH(request: Request) {
  const { name, email } = (await request.json()) as { name: string; email: string };
  await prisma.user.update({ where: { email }, data: { name } });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 34, endLine: 2, endColumn: 48 }],
    },
    {
      name: "formData().get() used without a schema",
      filename: "app/api/upload/route.ts",
      code: `export async function POST(req: Request) {
  const form = await req.formData();
  const title = form.get("title") as string;
  await prisma.doc.create({ data: { title } });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 22, endLine: 2, endColumn: 36 }],
    },
    {
      name: "server action parameter reaching a Prisma where",
      filename: "app/actions.ts",
      code: `"use server";
export async function deletePost(id: string) {
  await prisma.post.delete({ where: { id } });
}`,
      errors: [{ messageId: "actionInputInQuery", data: { name: "id" }, line: 2, column: 34, endLine: 2, endColumn: 36 }],
    },
    {
      name: "a form helper that only casts, and a JSON field that is merely not a file",
      filename: "app/api/teams/route.ts",
      code: `function text(form: FormData, key: string) {
  return form.get(key) as string;
}
export async function POST(req: Request) {
  const form = await req.formData();
  await prisma.team.create({ data: { name: text(form, "name") } });
  const { logo } = await req.json();
  if (logo instanceof File) return new Response(null, { status: 400 });
  await prisma.team.update({ where: { id: "t" }, data: { logo } });
  return new Response(null, { status: 201 });
}`,
      errors: [
        { messageId: "unvalidated", line: 5, column: 22, endLine: 5, endColumn: 36 },
        { messageId: "unvalidated", line: 7, column: 26, endLine: 7, endColumn: 36 },
      ],
    },
    {
      name: "compared with another client value or a row, not the identity: still unchecked",
      filename: "app/actions/transfer.ts",
      code: `"use server";
import { auth } from "@/auth";
export async function transferPost(postId: string, toUserId: string) {
  const session = await auth();
  if (!session) throw new Error("Unauthorized");
  const post = await prisma.post.findUnique({ where: { id: postId } });
  if (toUserId !== post?.authorId) throw new Error("Not allowed");
  await prisma.post.update({ where: { id: postId }, data: { authorId: toUserId } });
}`,
      errors: [
        { messageId: "actionInputInQuery", data: { name: "postId" }, line: 3, column: 36, endLine: 3, endColumn: 42 },
        { messageId: "actionInputInQuery", data: { name: "toUserId" }, line: 3, column: 52, endLine: 3, endColumn: 60 },
      ],
    },
    {
      name: "pinned to the identity only after the query ran",
      filename: "app/actions/profile.ts",
      code: `"use server";
import { auth } from "@/auth";
export async function loadProfile(userId: string) {
  const session = await auth();
  const profile = await prisma.profile.findUnique({ where: { userId } });
  if (userId !== session?.user.id) throw new Error("Unauthorized");
  return profile;
}`,
      errors: [{ messageId: "actionInputInQuery", data: { name: "userId" }, line: 3, column: 35, endLine: 3, endColumn: 41 }],
    },
    {
      name: "body ids deduplicated through a Set into a Supabase rpc (a Postgres function runs with them)",
      filename: "app/api/retrieval/route.ts",
      code: `import { createClient } from "@supabase/supabase-js";
export async function POST(request: Request) {
  const { fileIds, limit } = (await request.json()) as { fileIds: string[]; limit: number };
  const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data } = await supabaseAdmin.rpc("match_file_items", { file_ids: [...new Set(fileIds)], match_count: 5 });
  return Response.json({ data, limit });
}`,
      errors: [{ messageId: "unvalidated", line: 3, column: 37, endLine: 3, endColumn: 51 }],
    },
    {
      name: "body fields pushed into a list of Drizzle conditions",
      filename: "app/api/tasks/search/route.ts",
      code: `import { db } from "@/db";
import { tasks } from "@/db/schema";
export async function POST(req: Request) {
  const { status, assignee } = await req.json();
  const conditions = [eq(tasks.teamId, "t1")];
  if (status) conditions.push(eq(tasks.status, status));
  if (assignee) conditions.push(eq(tasks.assigneeId, assignee));
  const rows = await db.select().from(tasks).where(and(...conditions));
  return Response.json(rows);
}`,
      errors: [{ messageId: "unvalidated", line: 4, column: 38, endLine: 4, endColumn: 48 }],
    },
    {
      name: "an Express query object handed to a service that pushes its keys into a Prisma where",
      filename: "src/routes/articles.ts",
      code: `import { Router } from "express";
import prisma from "../prisma/client";
const router = Router();
const buildFilters = (query: any) => {
  const filters: object[] = [];
  if ("author" in query) filters.push({ author: { username: { equals: query.author } } });
  return filters;
};
router.get("/articles", async (req, res) => {
  const articles = await prisma.article.findMany({ where: { AND: buildFilters(req.query) } });
  res.json(articles);
});`,
      errors: [{ messageId: "unvalidated", line: 10, column: 79, endLine: 10, endColumn: 88 }],
    },
    {
      name: "a server action argument reaching a Drizzle query on a client returned by a factory (db())",
      filename: "app/actions/videos/edit-title.ts",
      code: `"use server";
import { db } from "@acme/database";
import { videos } from "@acme/database/schema";
export async function renameVideo(videoId: string, title: string) {
  const user = await getCurrentUser();
  if (!user || !title || !videoId) throw new Error("Missing data");
  await db().update(videos).set({ name: title }).where(and(eq(videos.id, videoId), eq(videos.ownerId, user.id)));
}`,
      errors: [
        { messageId: "actionInputInQuery", data: { name: "videoId" }, line: 4, column: 35, endLine: 4, endColumn: 42 },
        { messageId: "actionInputInQuery", data: { name: "title" }, line: 4, column: 52, endLine: 4, endColumn: 57 },
      ],
    },
    {
      name: "server action object parameter spread into query data",
      filename: "app/profile/actions.ts",
      code: `"use server";
export const updateProfile = async (input: ProfileInput) => {
  await prisma.user.update({ where: { id: "me" }, data: { ...input } });
};`,
      errors: [{ messageId: "actionInputInQuery", data: { name: "input" }, line: 2, column: 37, endLine: 2, endColumn: 42 }],
    },
    {
      name: "a server action parameter coerced with String() still reaches the query",
      filename: "app/notes/actions.ts",
      code: `"use server";
export async function addNote(formData: FormData) {
  const body = String(formData.get("body"));
  await prisma.note.create({ data: { body: body.trim() } });
}`,
      errors: [{ messageId: "actionInputInQuery", data: { name: "formData" }, line: 2, column: 31, endLine: 2, endColumn: 39 }],
    },
    {
      name: "Pages API req.body and req.query",
      filename: "pages/api/posts.ts",
      code: `export default async function handler(req, res) {
  const post = await prisma.post.create({ data: req.body });
  const list = await prisma.post.findMany({ where: { authorId: req.query.author }, take: 10 });
  res.json({ post, list });
}`,
      errors: [
        { messageId: "unvalidated", data: { source: "`req.body`", example: "req.body" }, line: 2, column: 49, endLine: 2, endColumn: 57 },
        { messageId: "unvalidated", data: { source: "`req.query`", example: "req.query" }, line: 3, column: 64, endLine: 3, endColumn: 73 },
      ],
    },
    {
      name: "Pages Router: a query-string key next to the dynamic segments is reported",
      filename: "pages/api/teams/[teamId]/search.ts",
      code: `export default async function handler(req, res) {
  const { teamId, q } = req.query;
  res.json(await prisma.doc.findMany({ where: { teamId, title: { contains: q } }, take: 10 }));
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 25, endLine: 2, endColumn: 34 }],
    },
    {
      name: "Hono c.req.json() into a Drizzle insert",
      filename: "src/api.ts",
      code: `import { Hono } from "hono";
const app = new Hono();
app.post("/items", async (c) => {
  const item = await c.req.json();
  await db.insert(items).values(item);
  return c.json({});
});`,
      errors: [{ messageId: "unvalidated", line: 4, column: 22, endLine: 4, endColumn: 34 }],
    },
    {
      name: "Hono c.req.json<T>(): the message names the call without its type arguments",
      filename: "src/router.ts",
      code: `import { Hono } from "hono";
const app = new Hono();
app.post("/jobs", async (c) => {
  const body = await c.req.json<{
    queue: string;
  }>();
  await db.insert(jobs).values({ queue: body.queue });
  return c.json({});
});`,
      errors: [
        {
          messageId: "unvalidated",
          data: { source: "the request body `c.req.json()`", example: "await c.req.json()" },
          line: 4,
          column: 22,
          endLine: 6,
          endColumn: 7,
        },
      ],
    },
    {
      name: "a resolved project function that reads the request and returns the raw body",
      filename: appOne("src/app/api/links/route.ts"),
      code: `import { readJson } from "@/lib/helpers";
export async function POST(req: Request) {
  const body = await readJson(req);
  await prisma.link.create({ data: body });
  return new Response();
}`,
      errors: [{ messageId: "unvalidatedInHelper", data: { helper: "readJson(...)" }, line: 3, column: 22, endLine: 3, endColumn: 35 }],
    },
    {
      name: "a body iterated over: each element reaches a query",
      filename: "app/api/posts/bulk-delete/route.ts",
      code: `export async function POST(req: Request) {
  const ids = await req.json();
  for (const id of ids) await prisma.post.delete({ where: { id } });
  return new Response(null, { status: 204 });
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 21, endLine: 2, endColumn: 31 }],
    },
    {
      name: "Array.isArray checks the array, not its elements",
      filename: "app/api/posts/bulk-delete/route.ts",
      code: `export async function POST(req: Request) {
  const { ids } = await req.json();
  if (!Array.isArray(ids)) return new Response(null, { status: 400 });
  for (const id of ids) await prisma.post.delete({ where: { id } });
  return new Response(null, { status: 204 });
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 25, endLine: 2, endColumn: 35 }],
    },
    {
      name: "elements handed to a callback that queries",
      filename: "app/api/tags/route.ts",
      code: `export async function PUT(req: Request) {
  const { tags } = await req.json();
  await Promise.all(tags.map((tag: string) => prisma.tag.upsert({ where: { name: tag }, create: { name: tag }, update: {} })));
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 26, endLine: 2, endColumn: 36 }],
    },
    {
      name: "a typeof guard on one field does not validate the whole body",
      filename: "app/api/profile/route.ts",
      code: `export async function PATCH(req: Request) {
  const body = await req.json();
  if (typeof body.name !== "string") return new Response(null, { status: 400 });
  await prisma.user.update({ where: { id: "me" }, data: body });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 22, endLine: 2, endColumn: 32 }],
    },
    {
      name: "a query that runs before the shared-secret check is not protected by it",
      filename: "app/api/cron/cleanup/route.ts",
      code: `export async function POST(req: Request) {
  const { olderThan } = await req.json();
  await prisma.session.deleteMany({ where: { expiresAt: { lt: olderThan } } });
  if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) return new Response(null, { status: 401 });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 2, column: 31, endLine: 2, endColumn: 41 }],
    },
    {
      name: "a Pages body read in several places is reported once",
      filename: "pages/api/teams/[teamId]/folders.ts",
      code: `export default async function handler(req, res) {
  const { teamId } = req.query;
  if (!req.body.name) return res.status(400).end();
  const folder = await prisma.folder.create({ data: { teamId, name: req.body.name, parentId: req.body.parentId } });
  res.json(folder);
}`,
      errors: [{ messageId: "unvalidated", data: { source: "`req.body`", example: "req.body" }, line: 3, column: 8, endLine: 3, endColumn: 16 }],
    },
    {
      name: "server action arguments passed to a service function that queries (one import away)",
      filename: shop("src/app/orders/actions.ts"),
      code: `"use server";
import { archiveOrders, getOrder } from "@/server/orders";
export async function archive(ids: string[], reason: string) {
  await archiveOrders({ ids, reason });
}
export const loadOrder = async (orderId: string) => getOrder(orderId);`,
      errors: [
        { messageId: "actionInputInQuery", data: { name: "ids" }, line: 3, column: 31, endLine: 3, endColumn: 34 },
        { messageId: "actionInputInQuery", data: { name: "orderId" }, line: 6, column: 33, endLine: 6, endColumn: 40 },
      ],
    },
    {
      name: "body fields handed (shorthand) to a data function one import away that inserts them",
      filename: shop("src/app/api/drafts/route.ts"),
      code: `import { saveDraft } from "@/server/orders";
export async function POST(req: Request) {
  const session = await auth();
  const { title, body }: { title: string; body: string } = await req.json();
  const draft = await saveDraft({ title, body, userId: session.user.id });
  return Response.json(draft);
}`,
      errors: [{ messageId: "unvalidated", line: 4, column: 66, endLine: 4, endColumn: 76 }],
    },
    {
      name: "Hono: the context handed to a helper that writes the body",
      filename: shop("src/server/routes.ts"),
      code: `import { Hono } from "hono";
import { saveNote } from "@/server/orders";
const app = new Hono();
app.post("/notes", async (c) => {
  const note = await saveNote(c);
  return c.json(note, 201);
});`,
      errors: [{ messageId: "unvalidatedInHelper", data: { helper: "saveNote(...)" }, line: 5, column: 22, endLine: 5, endColumn: 33 }],
    },
    {
      name: "the body handed to a service method that queries with it unparsed",
      filename: shop("src/pages/api/coupons/expire.ts"),
      code: `import { couponService } from "@/server/coupons";
export default async function handler(req, res) {
  await couponService.expire(req.body);
  res.status(204).end();
}`,
      errors: [{ messageId: "unvalidated", line: 3, column: 30, endLine: 3, endColumn: 38 }],
    },
    {
      name: "the body handed to a service function and a service object's method found through a barrel's `export *`",
      filename: shop("src/app/api/orders/store/route.ts"),
      code: `import { orderStore, storeOrder } from "@/services";
export async function POST(req: Request) {
  return Response.json(await storeOrder(await req.json()));
}
export async function PUT(req: Request) {
  return Response.json(await orderStore.save(await req.json()));
}`,
      errors: [
        { messageId: "unvalidated", line: 3, column: 47, endLine: 3, endColumn: 57 },
        { messageId: "unvalidated", line: 6, column: 52, endLine: 6, endColumn: 62 },
      ],
    },
    {
      name: "a helper that uses the body with no check of the caller",
      filename: shop("src/pages/api/internal/unpause-open.ts"),
      code: `import { handleUnpauseOpen } from "@/server/internal-route";
export default async function handler(req, res) {
  return handleUnpauseOpen(req, res);
}`,
      errors: [{ messageId: "unvalidatedInHelper", data: { helper: "handleUnpauseOpen(...)" }, line: 3, column: 10, endLine: 3, endColumn: 37 }],
    },
    {
      name: "Pages: the body returned by a helper that reads it, then written",
      filename: shop("src/pages/api/orders/bulk.ts"),
      code: `import { readOrderBody } from "@/server/orders";
export default async function handler(req, res) {
  const { items } = await readOrderBody(req);
  await prisma.order.create({ data: { items } });
  res.status(201).end();
}`,
      errors: [{ messageId: "unvalidatedInHelper", data: { helper: "readOrderBody(...)" }, line: 3, column: 27, endLine: 3, endColumn: 45 }],
    },
    {
      name: "a user's token verified first says who the user is, not that the body is safe",
      filename: "app/api/notes/route.ts",
      code: `export async function POST(req: Request) {
  const user = jwt.verify(req.headers.get("authorization") ?? "", process.env.JWT_SECRET!) as { sub: string };
  const note = await req.json();
  await prisma.note.create({ data: { ...note, authorId: user.sub } });
  return new Response(null, { status: 201 });
}`,
      errors: [{ messageId: "unvalidated", line: 3, column: 22, endLine: 3, endColumn: 32 }],
    },
    {
      name: "trustVerifiedCallers off: a cron body is reported",
      filename: "app/api/cron/sync/route.ts",
      options: [{ trustVerifiedCallers: false }],
      code: `export async function POST(req: Request) {
  if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) return new Response(null, { status: 401 });
  const { accountId } = await req.json();
  await prisma.account.update({ where: { id: accountId }, data: { syncedAt: new Date() } });
  return new Response();
}`,
      errors: [{ messageId: "unvalidated", line: 3, column: 31, endLine: 3, endColumn: 41 }],
    },
    {
      name: "reportUnknownCalls reports a body passed to an unresolved function",
      filename: "app/api/echo/route.ts",
      code: `export async function POST(req: Request) {
  await forwardToQueue(await req.json());
  return new Response();
}`,
      options: [{ reportUnknownCalls: true }],
      errors: [{ messageId: "unvalidated", line: 2, column: 30, endLine: 2, endColumn: 40 }],
    },
    {
      name: "checkUrlParams: a route param and a search param written into a row (more than a lookup key)",
      filename: "app/api/posts/[id]/route.ts",
      code: `export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const type = req.nextUrl.searchParams.get("type");
  await prisma.post.findUniqueOrThrow({ where: { id } });
  const entry = await prisma.evaluationType.create({ data: { key: id, type, label: "Custom" } });
  return Response.json(entry);
}`,
      options: [{ checkUrlParams: true }],
      errors: [
        { messageId: "unvalidated", line: 1, column: 48, endLine: 1, endColumn: 54 },
        { messageId: "unvalidated", line: 3, column: 16, endLine: 3, endColumn: 40 },
      ],
    },
  ],
});
