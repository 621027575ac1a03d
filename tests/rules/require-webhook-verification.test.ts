import rule from "../../lib/rules/require-webhook-verification.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("require-webhook-verification", rule, {
  valid: [
    {
      name: "the installation's own secret read from the database before verifying with it",
      filename: "pages/api/deploy/github.ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { Webhooks } from "@octokit/webhooks";
        import { db } from "@/server/db";
        import { deployFromPush } from "@/server/deploy";
        export default async function handler(req: NextApiRequest, res: NextApiResponse) {
          const signature = req.headers["x-hub-signature-256"];
          if (!signature) return res.status(401).json({ message: "Missing signature header" });
          const installation = await db.query.github.findFirst({ where: eq(github.installationId, req.body.installation.id) });
          if (!installation?.webhookSecret) return res.status(400).end();
          const webhooks = new Webhooks({ secret: installation.webhookSecret });
          if (!(await webhooks.verify(JSON.stringify(req.body), signature as string))) return res.status(401).end();
          await deployFromPush(req.body);
          return res.status(200).end();
        }
      `,
    },
    {
      name: "Pages API: the raw body read with micro's buffer(req) and a client got ready before constructEvent",
      filename: "pages/api/webhooks/stripe.ts",
      code: `
        import { buffer } from "micro";
        import type { NextApiRequest, NextApiResponse } from "next";
        import { getServerStripe } from "@/server/stripe";
        import { fulfilOrder } from "@/server/orders";
        export default async function handler(req: NextApiRequest, res: NextApiResponse) {
          const stripe = await getServerStripe();
          const buf = await buffer(req);
          const sig = req.headers["stripe-signature"];
          let event;
          try {
            if (!sig) return res.status(400).end();
            event = stripe.webhooks.constructEvent(buf, sig, process.env.STRIPE_WEBHOOK_SECRET!);
          } catch (error) {
            await logError({ stage: "signature", error });
            return res.status(400).send("Invalid signature");
          }
          await fulfilOrder(event);
          return res.json({ received: true });
        }
      `,
    },
    {
      name: "a cloned request's text and an HMAC compared with timingSafeEqual",
      filename: "app/api/webhook/registered/route.ts",
      code: `
        import crypto from "node:crypto";
        import { headers } from "next/headers";
        import { tasks } from "@trigger.dev/sdk";
        export async function POST(req: Request) {
          const text = await req.clone().text();
          const signature = (await headers()).get("x-supabase-signature");
          if (!signature) return Response.json({ message: "Missing signature" }, { status: 401 });
          const expected = crypto.createHmac("sha256", process.env.WEBHOOK_SECRET_KEY!).update(text).digest();
          if (!crypto.timingSafeEqual(Buffer.from(signature, "base64"), expected)) {
            return Response.json({ message: "Not Authorized" }, { status: 401 });
          }
          const body = await req.json();
          await tasks.trigger("onboard-team", { userId: body.record.id });
          return Response.json({ success: true });
        }
      `,
    },
    {
      name: "a provider that does not sign, checked against its published IP ranges",
      filename: "app/api/postback/webhook/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { getIP, isIpInRange } from "@/lib/ip";
        const PROVIDER_IP_RANGES = ["192.0.2.0/24"];
        export const GET = async (req: Request) => {
          const ip = await getIP();
          if (!PROVIDER_IP_RANGES.some((range) => isIpInRange(ip, range))) return new Response("Forbidden", { status: 403 });
          const workspaceId = new URL(req.url).searchParams.get("workspace_id") ?? "";
          await prisma.conversion.create({ data: { workspaceId } });
          return Response.json("OK");
        };
      `,
    },
    {
      name: "a verification token from the validated environment, through a const",
      filename: "app/api/google/webhook/route.ts",
      code: `
        import { env } from "@/env";
        import { processHistory } from "@/lib/gmail";
        export async function POST(request: Request) {
          const token = new URL(request.url).searchParams.get("token");
          const verificationToken = env.GOOGLE_PUBSUB_VERIFICATION_TOKEN;
          if (token !== verificationToken) return Response.json({ message: "Invalid verification token" }, { status: 403 });
          await processHistory(await request.json());
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "Stripe v2 thin events: stripe.parseThinEvent",
      filename: "app/api/stripe/connect/webhook/route.ts",
      code: `
        import { stripe } from "@/lib/stripe";
        import { closeAccount } from "@/lib/accounts";
        export async function POST(req: Request) {
          const buf = await req.text();
          const signature = req.headers.get("Stripe-Signature");
          if (!signature) return new Response("Missing signature", { status: 400 });
          const event = stripe.parseThinEvent(buf, signature, process.env.STRIPE_CONNECT_WEBHOOK_SECRET!);
          await closeAccount(event);
          return new Response("OK");
        }
      `,
    },
    {
      name: "managing one's webhooks: a workspace wrapper hands the handler the signed-in user's workspace",
      filename: "app/api/webhooks/[webhookId]/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { withWorkspace } from "@/lib/auth";
        export const DELETE = withWorkspace(async ({ workspace, params }) => {
          await prisma.webhook.delete({ where: { id: params.webhookId, projectId: workspace.id } });
          return Response.json({ id: params.webhookId });
        });
      `,
    },
    {
      name: "managing one's webhooks: a Pages API route that reads the session",
      filename: "pages/api/teams/[teamId]/webhooks/index.ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { getServerSession } from "next-auth/next";
        import { authOptions } from "@/lib/auth";
        import prisma from "@/lib/prisma";
        import { getFeatureFlags } from "@/lib/features";
        export default async function handle(req: NextApiRequest, res: NextApiResponse) {
          const { teamId } = req.query as { teamId: string };
          const features = await getFeatureFlags({ teamId });
          if (!features.webhooks) return res.status(403).end();
          const session = await getServerSession(req, res, authOptions);
          if (!session) return res.status(401).end();
          const webhooks = await prisma.webhook.findMany({ where: { teamId } });
          return res.json(webhooks);
        }
      `,
    },
    {
      name: "Stripe: constructEvent before the work",
      filename: "app/api/webhooks/stripe/route.ts",
      code: `
        import Stripe from "stripe";
        import { prisma } from "@/lib/prisma";
        const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
        export async function POST(req: Request) {
          const body = await req.text();
          const signature = req.headers.get("stripe-signature")!;
          const event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
          if (event.type === "checkout.session.completed") {
            await prisma.subscription.create({ data: { stripeId: event.data.object.id } });
          }
          return new Response(null, { status: 200 });
        }
      `,
    },
    {
      name: "Svix (Clerk, Resend): new Webhook(secret).verify",
      filename: "app/api/webhooks/clerk/route.ts",
      code: `
        import { Webhook } from "svix";
        import { headers } from "next/headers";
        import { db } from "@/lib/db";
        import { users } from "@/lib/schema";
        export async function POST(req: Request) {
          const payload = await req.text();
          const h = await headers();
          const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET!);
          const evt = wh.verify(payload, {
            "svix-id": h.get("svix-id")!,
            "svix-timestamp": h.get("svix-timestamp")!,
            "svix-signature": h.get("svix-signature")!,
          }) as { type: string; data: { id: string } };
          await db.insert(users).values({ clerkId: evt.data.id });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "Clerk's verifyWebhook helper",
      filename: "app/api/webhooks/route.ts",
      code: `
        import { verifyWebhook } from "@clerk/nextjs/webhooks";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const evt = await verifyWebhook(req);
          await prisma.user.upsert({ where: { clerkId: evt.data.id }, create: { clerkId: evt.data.id }, update: {} });
          return new Response("ok");
        }
      `,
    },
    {
      name: "GitHub: an HMAC compared with timingSafeEqual",
      filename: "app/api/github/webhook/route.ts",
      code: `
        import crypto from "node:crypto";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const body = await req.text();
          const received = req.headers.get("x-hub-signature-256") ?? "";
          const expected = "sha256=" + crypto.createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET!).update(body).digest("hex");
          if (received.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(received), Buffer.from(expected))) {
            return new Response("invalid signature", { status: 401 });
          }
          await prisma.repo.update({ where: { id: JSON.parse(body).repository.id }, data: { pushedAt: new Date() } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "QStash: a verifying wrapper",
      filename: "app/api/jobs/route.ts",
      code: `
        import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";
        import { prisma } from "@/lib/prisma";
        async function handler(req: Request) {
          const { id } = await req.json();
          await prisma.job.update({ where: { id }, data: { done: true } });
          return new Response("ok");
        }
        export const POST = verifySignatureAppRouter(handler);
      `,
    },
    {
      name: "a cron secret compared with the environment",
      filename: "app/api/webhooks/cron/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) {
            return new Response("Unauthorized", { status: 401 });
          }
          await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "a project helper that verifies, in the same file",
      filename: "pages/api/webhooks/lemon.ts",
      code: `
        import crypto from "crypto";
        import type { NextApiRequest, NextApiResponse } from "next";
        import { prisma } from "@/lib/prisma";
        function isValid(raw: string, signature: string) {
          const digest = crypto.createHmac("sha256", process.env.LEMON_SECRET!).update(raw).digest("hex");
          return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature));
        }
        export default async function handler(req: NextApiRequest, res: NextApiResponse) {
          const raw = JSON.stringify(req.body);
          if (!isValid(raw, req.headers["x-signature"] as string)) return res.status(401).end();
          await prisma.order.create({ data: { lemonId: req.body.data.id } });
          res.status(200).end();
        }
      `,
    },
    {
      name: "a handler that does no work",
      filename: "app/api/webhooks/ping/route.ts",
      code: `
        export async function POST(req: Request) {
          const body = await req.json();
          console.log("ping", body);
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a handler outside webhook paths that reads no signature header",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title } = Schema.parse(await req.json());
          await prisma.post.create({ data: { title } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a configured project verifier",
      filename: "app/api/webhooks/partner/route.ts",
      code: `
        import { assertPartnerRequest } from "@/lib/partners";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const event = await assertPartnerRequest(req);
          await prisma.partnerEvent.create({ data: { type: event.type } });
          return new Response("ok");
        }
      `,
      settings: { "backend-architect": { webhookVerifiers: ["assertPartnerRequest"] } },
    },
    {
      name: "Paddle and Polar SDKs verify in unmarshal and validateEvent",
      filename: "app/api/webhooks/billing/route.ts",
      code: `
        import { paddle } from "@/lib/paddle";
        import { validateEvent } from "@polar-sh/sdk/webhooks";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const body = await req.text();
          const event = req.headers.has("paddle-signature")
            ? await paddle.webhooks.unmarshal(body, process.env.PADDLE_SECRET!, req.headers.get("paddle-signature")!)
            : validateEvent(body, Object.fromEntries(req.headers), process.env.POLAR_SECRET!);
          await prisma.invoice.create({ data: { externalId: String(event) } });
          return new Response("ok");
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a raw body read with buffer(req), then acted on without a check",
      filename: "pages/api/webhooks/payments.ts",
      code: `
import { buffer } from "micro";
import type { NextApiRequest, NextApiResponse } from "next";
import { grantCredits } from "@/server/credits";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const buf = await buffer(req);
  const event = JSON.parse(buf.toString("utf8"));
  await grantCredits(event.userId, event.amount);
  return res.json({ received: true });
}
      `,
      errors: [{ messageId: "unverified", line: 5, column: 31, endLine: 5, endColumn: 38 }],
    },
    {
      name: "sha256(secret + body) compared with !== (HubSpot v1 signatures): verified, but not in constant time",
      filename: "app/api/hubspot/webhook/route.ts",
      code: `
import crypto from "node:crypto";
import { enqueue } from "@/lib/queue";
const CLIENT_SECRET = process.env.HUBSPOT_CLIENT_SECRET ?? "";
export async function POST(req: Request) {
  const rawBody = await req.text();
  const signature = req.headers.get("X-HubSpot-Signature");
  const expectedHash = crypto.createHash("sha256").update(CLIENT_SECRET + rawBody).digest("hex");
  if (signature !== expectedHash) return new Response("Invalid signature", { status: 401 });
  await enqueue(JSON.parse(rawBody));
  return new Response("OK");
}
      `,
      errors: [{ messageId: "timingUnsafe", line: 9, column: 7, endLine: 9, endColumn: 33 }],
    },
    {
      name: "a Stripe webhook that trusts the body",
      filename: "app/api/webhooks/stripe/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const event = await req.json();
  if (event.type === "checkout.session.completed") {
    await prisma.subscription.update({ where: { customerId: event.data.object.customer }, data: { status: "active" } });
  }
  return Response.json({ received: true });
}
      `,
      errors: [{ messageId: "unverified", line: 3, column: 23, endLine: 3, endColumn: 27 }],
    },
    {
      name: "verification after the work is done",
      filename: "pages/api/webhooks/github.ts",
      code: `
import type { NextApiRequest, NextApiResponse } from "next";
import { Webhooks } from "@octokit/webhooks";
import { prisma } from "@/lib/prisma";
const webhooks = new Webhooks({ secret: process.env.GH_SECRET! });
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await prisma.delivery.create({ data: { id: String(req.headers["x-github-delivery"]) } });
  await webhooks.verify(JSON.stringify(req.body), req.headers["x-hub-signature-256"] as string);
  res.status(200).end();
}
      `,
      errors: [{ messageId: "unverified", line: 6, column: 31, endLine: 6, endColumn: 38 }],
    },
    {
      name: "a signature header read but never checked, outside a webhook path",
      filename: "app/api/integrations/shopify/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const hmac = req.headers.get("x-shopify-hmac-sha256");
  const order = await req.json();
  await prisma.order.create({ data: { shopifyId: order.id, hmac: hmac ?? "" } });
  return new Response("ok");
}
      `,
      errors: [{ messageId: "unverified", line: 3, column: 23, endLine: 3, endColumn: 27 }],
    },
    {
      name: "an HMAC compared with ===",
      filename: "app/api/webhooks/shopify/route.ts",
      code: `
import crypto from "node:crypto";
import { prisma } from "@/lib/prisma";
export async function POST(req: Request) {
  const body = await req.text();
  const digest = crypto.createHmac("sha256", process.env.SHOPIFY_SECRET!).update(body, "utf8").digest("base64");
  if (digest !== req.headers.get("x-shopify-hmac-sha256")) return new Response("bad", { status: 401 });
  await prisma.order.create({ data: { raw: body } });
  return new Response("ok");
}
      `,
      errors: [{ messageId: "timingUnsafe", data: { operator: "!==" }, line: 7, column: 7, endLine: 7, endColumn: 58 }],
    },
  ],
});
