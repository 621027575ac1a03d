import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/require-rate-limit.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
const FIXTURE = fileURLToPath(new URL("../fixtures/rate-limit/", import.meta.url));
const inFixture = (file: string) => path.join(FIXTURE, file);

ruleTester.run("require-rate-limit", rule, {
  valid: [
    {
      name: "route handler calls ratelimit.limit",
      filename: "app/api/contact/route.ts",
      code: `
        import { ratelimit } from "@/lib/ratelimit";
        export async function POST(req: Request) {
          const { success } = await ratelimit.limit(req.headers.get("x-forwarded-for") ?? "ip");
          if (!success) return new Response("Too many requests", { status: 429 });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a factory call of a limiter (ratelimit(10, \"1 m\").limit(key)) and a checkRateLimit helper",
      filename: "app/actions.ts",
      code: `
        "use server";
        export async function subscribe(email: string) {
          const { success } = await ratelimit(10, "1 m").limit(email);
          if (!success) return { error: "Slow down" };
        }
        export async function unsubscribe(email: string) {
          await checkRateLimit(email);
        }
      `,
    },
    {
      name: "wrapped by a wrapper whose definition rate-limits (resolved through tsconfig paths)",
      filename: inFixture("src/app/api/links/route.ts"),
      code: `
        import { withWorkspace } from "@/lib/with-workspace";
        export const POST = withWorkspace(async ({ req, workspaceId }) => Response.json({ workspaceId }));
      `,
    },
    {
      name: "a wrapper that cannot be resolved (a package) is trusted",
      filename: "app/api/events/route.ts",
      code: `
        import { withUnkey } from "@unkey/nextjs";
        export const POST = withUnkey(async (req) => Response.json({ ok: true }));
      `,
    },
    {
      name: "a project helper whose definition rate-limits",
      filename: inFixture("src/app/actions.ts"),
      code: `
        "use server";
        import { protect } from "@/lib/protect";
        export async function sendInvite(email: string) {
          await protect();
          return { email };
        }
      `,
    },
    {
      name: "a helper built by a call to a limiter factory of another file, in a file that names no limiter",
      filename: inFixture("src/app/actions.ts"),
      code: `
        "use server";
        import { strictGuard } from "@/lib/strict";
        export async function sendInvite(email: string) {
          await strictGuard(email);
          return { email };
        }
      `,
    },
    {
      name: "a helper that checks a cron secret from the environment",
      filename: inFixture("src/app/api/cron/route.ts"),
      code: `
        import { assertCron } from "@/lib/cron";
        export async function GET(req: Request) {
          assertCron(req);
          return Response.json(await purgeExpired());
        }
      `,
    },
    {
      name: "a helper that verifies a webhook signature (`wh.verify(...)`)",
      filename: inFixture("src/app/api/inbound/route.ts"),
      code: `
        import { checkInbound } from "@/lib/inbound";
        export async function POST(req: Request) {
          const event = await checkInbound(req);
          return Response.json(await recordDelivery(event));
        }
      `,
    },
    {
      name: "a safe-action client whose definition rate-limits, and one built on it",
      filename: inFixture("src/app/actions/rename.ts"),
      code: `
        import { authActionClient, limitedActionClient } from "@/lib/safe-action";
        export const rename = limitedActionClient.schema(RenameSchema).action(async ({ parsedInput }) => parsedInput.name);
        export const archive = authActionClient.schema(ArchiveSchema).action(async ({ parsedInput }) => parsedInput.id);
      `,
    },
    {
      name: "Express middleware in the route and app.use(limiter) at module level",
      filename: "server/routes.ts",
      code: `
        import express from "express";
        import rateLimit from "express-rate-limit";
        const router = express.Router();
        const loginLimiter = rateLimit({ windowMs: 60_000, max: 5 });
        router.post("/login", loginLimiter, async (req, res) => res.json({ ok: true }));
      `,
    },
    {
      name: "app.use(rateLimit(...)) covers the file's routes",
      filename: "server/app.ts",
      code: `
        import express from "express";
        import rateLimit from "express-rate-limit";
        const app = express();
        app.use(rateLimit({ windowMs: 60_000, max: 100 }));
        app.get("/items", (req, res) => res.json([]));
      `,
    },
    {
      name: "a rate-limited tRPC procedure and a configured limiter name",
      filename: "src/server/api/routers/post.ts",
      code: `
        export const postRouter = createTRPCRouter({
          create: rateLimitedProcedure.input(CreatePost).mutation(({ ctx, input }) => ctx.db.post.create({ data: input })),
          list: protectedProcedure.query(async ({ ctx }) => {
            await guard.hit(ctx.session.user.id);
            return [];
          }),
        });
      `,
      options: [{ functions: ["guard.hit"] }],
    },
    {
      name: "a plain module (not a boundary) is not checked",
      filename: "lib/posts.ts",
      code: `
        export async function createPost(data) {
          return db.insert(posts).values(data);
        }
      `,
    },
    {
      name: "CORS preflights and constant answers do no work worth limiting",
      filename: "app/api/track/route.ts",
      code: `
        export const OPTIONS = () => new Response(null, { status: 204, headers: CORS_HEADERS });
        export function GET() {
          return Response.json({ status: "ok", time: Date.now() });
        }
      `,
    },
    {
      name: "webhook and cron endpoints that only machines can call (signature check, env secret)",
      filename: "app/api/cron/cleanup/route.ts",
      code: `
        export async function POST(req: Request) {
          const rawBody = await req.text();
          await verifyQstashSignature({ req, rawBody });
          await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
          return Response.json({ ok: true });
        }
        export async function GET(req: Request) {
          if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) {
            return new Response("Unauthorized", { status: 401 });
          }
          await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a hand-written HMAC check with an environment secret",
      filename: "app/api/shopify/webhook/route.ts",
      code: `
        import crypto from "crypto";
        export async function POST(req: Request) {
          const body = await req.text();
          const expected = crypto.createHmac("sha256", \`\${process.env.SHOPIFY_WEBHOOK_SECRET}\`).update(body).digest("base64");
          if (expected !== req.headers.get("x-shopify-hmac-sha256")) return new Response("Invalid signature", { status: 401 });
          await handleOrder(JSON.parse(body));
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "better-auth's handler limits itself",
      filename: "app/api/auth/[...all]/route.ts",
      code: `
        import { auth } from "@/lib/auth";
        const handler = async (request: Request) => auth.handler(await normalize(request));
        export { handler as GET, handler as POST };
      `,
    },
  ],
  invalid: [
    {
      name: "a route handler without a limiter (a query .limit() is not a rate limit, NODE_ENV is not a secret)",
      filename: "app/api/posts/route.ts",
      code: `
        import { db } from "@/lib/db";
        export async function GET() {
          if (process.env.NODE_ENV === "development") console.log("listing posts");
          return Response.json(await db.select().from(posts).limit(10));
        }
      `,
      errors: [
        {
          messageId: "missingRateLimit",
          data: { name: "route handler `GET`" },
          line: 3,
          column: 31,
          endLine: 3,
          endColumn: 34,
        },
      ],
    },
    {
      name: "a wrapper whose definition does not rate-limit",
      filename: inFixture("src/app/api/ping/route.ts"),
      code: `
        import { withLogging } from "@/lib/with-logging";
        export const POST = withLogging(async (req) => Response.json({ ok: true }));
      `,
      errors: [{ messageId: "missingRateLimit", line: 3, column: 22, endLine: 3, endColumn: 26 }],
    },
    {
      name: "a server action calling a helper that only reads the IP, and the bare safe-action client",
      filename: inFixture("src/app/actions.ts"),
      code: `
        "use server";
        import { clientIp } from "@/lib/protect";
        import { actionClient } from "@/lib/safe-action";
        export async function vote(pollId: string) {
          return { pollId, ip: await clientIp() };
        }
        export const comment = actionClient.schema(CommentSchema).action(async ({ parsedInput }) => db.comment.create({ data: parsedInput }));
      `,
      errors: [
        { messageId: "missingRateLimit", data: { name: "server action `vote`" }, line: 5, column: 31, endLine: 5, endColumn: 35 },
        { messageId: "missingRateLimit", data: { name: "server action `comment`" }, line: 8, column: 22, endLine: 8, endColumn: 29 },
      ],
    },
    {
      name: "a Pages API route",
      filename: "pages/api/signup.ts",
      code: `
        export default async function handler(req, res) {
          res.status(201).json(await createUser(req.body));
        }
      `,
      errors: [{ messageId: "missingRateLimit", data: { name: "API route" }, line: 2, column: 39, endLine: 2, endColumn: 46 }],
    },
    {
      name: "Express route without limiter middleware",
      filename: "server/routes.ts",
      code: `
        import express from "express";
        const router = express.Router();
        router.post("/signup", requireAuth, async (req, res) => res.json(await createUser(req.body)));
      `,
      errors: [{ messageId: "missingRateLimit", data: { name: "route `POST /signup`" }, line: 4, column: 21, endLine: 4, endColumn: 30 }],
    },
  ],
});
