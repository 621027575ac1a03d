import rule from "../../lib/rules/no-side-effects-in-get.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("no-side-effects-in-get", rule, {
  valid: [
    {
      name: "a GET that hands out a double-submit CSRF token cookie (its value is a token, but not a session)",
      filename: "app/api/csrf/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { cookies } from "next/headers";
        export async function GET() {
          const token = createCsrfToken();
          (await cookies()).set("csrf_token", token, { httpOnly: false, secure: true, sameSite: "strict" });
          return NextResponse.json({ ok: true });
        }
      `,
    },
    {
      name: "a GET that starts an OAuth flow sets the state cookie it will check on the callback",
      filename: "app/api/outlook/admin-consent/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { generateSignedOAuthState, consentUrl } from "@/lib/oauth";
        const CONSENT_STATE_COOKIE = "ms_consent_state";
        export async function GET() {
          const state = generateSignedOAuthState({ type: "admin-consent" });
          const response = NextResponse.redirect(consentUrl(state));
          response.cookies.set(CONSENT_STATE_COOKIE, state, { httpOnly: true, secure: true, sameSite: "lax" });
          return response;
        }
      `,
    },
    {
      name: "an invitation link from an email accepts on GET once it reads its token",
      filename: "pages/api/teams/[teamId]/invitations/accept.ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import prisma from "@/lib/prisma";
        export default async function handle(req: NextApiRequest, res: NextApiResponse) {
          if (req.method === "GET") {
            const { teamId, token } = req.query as { teamId: string; token: string };
            const invitation = await prisma.invitation.findUnique({ where: { token } });
            if (!invitation || invitation.teamId !== teamId) return res.status(404).json("Invalid invitation");
            await prisma.invitation.delete({ where: { token } });
            return res.redirect("/documents");
          }
          return res.status(405).end();
        }
      `,
    },
    {
      name: "a GET that only reads",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          return Response.json(await prisma.post.findMany({ take: 20 }));
        }
      `,
    },
    {
      name: "writes in POST",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title } = Schema.parse(await req.json());
          return Response.json(await prisma.post.create({ data: { title } }));
        }
      `,
    },
    {
      name: "an OAuth callback that reads its state and code first",
      filename: "app/api/integrations/slack/callback/route.ts",
      code: `
        import { cookies } from "next/headers";
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          const url = new URL(req.url);
          const code = url.searchParams.get("code");
          const state = url.searchParams.get("state");
          if (!code || state !== (await cookies()).get("slack_state")?.value) return new Response("bad state", { status: 400 });
          const token = await exchange(code);
          await prisma.integration.create({ data: { provider: "slack", token } });
          return Response.redirect(new URL("/settings", req.url));
        }
      `,
    },
    {
      name: "an email verification link with the token in its path",
      filename: "app/api/verify-email/[token]/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
          const { token } = await params;
          const row = await prisma.verificationToken.delete({ where: { token } });
          await prisma.user.update({ where: { email: row.identifier }, data: { emailVerified: new Date() } });
          return Response.redirect("/login");
        }
      `,
    },
    {
      name: "analytics: a view event and a view counter",
      filename: "app/api/links/[id]/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(_req: Request, { params }: { params: { id: string } }) {
          await prisma.linkView.create({ data: { linkId: params.id } });
          await prisma.link.update({ where: { id: params.id }, data: { clicks: { increment: 1 }, lastClickedAt: new Date() } });
          return Response.json({ ok: true });
        }
      `,
    },
    {
      name: "a cron endpoint that checks its secret",
      filename: "app/api/cron/cleanup/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET(req: Request) {
          if (req.headers.get("Authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) return new Response(null, { status: 401 });
          await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });
          return new Response("ok");
        }
      `,
    },
    {
      name: "a Pages API route that writes only for POST",
      filename: "pages/api/teams/[id].ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { prisma } from "@/lib/prisma";
        export default async function handler(req: NextApiRequest, res: NextApiResponse) {
          if (req.method === "GET") {
            return res.json(await prisma.team.findUnique({ where: { id: String(req.query.id) } }));
          }
          if (req.method === "POST") {
            await prisma.team.update({ where: { id: String(req.query.id) }, data: { name: req.body.name } });
            return res.status(204).end();
          }
          res.status(405).end();
        }
      `,
    },
    {
      name: "a Pages API route whose writes run after a non-GET guard cannot be told apart: silent",
      filename: "pages/api/upload.ts",
      code: `
        import type { NextApiRequest, NextApiResponse } from "next";
        import { prisma } from "@/lib/prisma";
        export default async function handler(req: NextApiRequest, res: NextApiResponse) {
          await prisma.file.create({ data: { name: String(req.body.name) } });
          res.status(201).end();
        }
      `,
    },
    {
      name: "reading a cookie and setting a non-session cookie",
      filename: "app/api/theme/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function GET(req: Request) {
          const store = await cookies();
          store.set("theme", new URL(req.url).searchParams.get("t") ?? "light");
          return Response.json({ session: store.get("session")?.value !== undefined });
        }
      `,
    },
    {
      name: "an ignored model",
      filename: "app/api/feed/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          await prisma.feedCache.upsert({ where: { id: "home" }, create: { id: "home" }, update: {} });
          return Response.json({});
        }
      `,
      options: [{ ignoreModels: ["feedCache"] }],
    },
  ],
  invalid: [
    {
      name: "a GET that deletes",
      filename: "app/api/posts/[id]/delete/route.ts",
      code: `
import { prisma } from "@/lib/prisma";
import { auth } from "@/lib/auth";
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return new Response(null, { status: 401 });
  await prisma.post.delete({ where: { id: params.id, authorId: session.user.id } });
  return Response.redirect("/posts");
}
      `,
      errors: [
        {
          messageId: "sideEffectInGet",
          data: { effect: "writes to the database (`delete` on `post`)" },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 84,
        },
      ],
    },
    {
      name: "a Pages API GET branch that updates, and a switch case",
      filename: "pages/api/notifications.ts",
      code: `
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "@/lib/prisma";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "GET") {
    const items = await prisma.notification.findMany({ where: { userId: "u" } });
    await prisma.notification.updateMany({ where: { userId: "u" }, data: { read: true } });
    return res.json(items);
  }
  switch (req.method) {
    case "GET":
      await prisma.user.update({ where: { id: "u" }, data: { onboarded: true } });
      return res.end();
  }
}
      `,
      errors: [
        { messageId: "sideEffectInGet", line: 7, column: 11, endLine: 7, endColumn: 91 },
        { messageId: "sideEffectInGet", line: 12, column: 13, endLine: 12, endColumn: 82 },
      ],
    },
    {
      name: "a GET that signs the user in by a link without reading a token",
      filename: "app/api/demo-login/route.ts",
      code: `
import { cookies } from "next/headers";
export async function GET() {
  (await cookies()).set("session", await createDemoSession(), { httpOnly: true, secure: true, sameSite: "lax" });
  return Response.redirect("/");
}
      `,
      errors: [{ messageId: "sideEffectInGet", data: { effect: "sets a session cookie" }, line: 4, column: 3, endLine: 4, endColumn: 113 }],
    },
    {
      name: "a Pages API handler guarded as GET only, then a Drizzle insert",
      filename: "pages/api/track.ts",
      code: `
import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/db";
import { subscribers } from "@/db/schema";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).end();
  await db.insert(subscribers).values({ email: String(req.query.email) });
  res.status(200).end();
}
      `,
      errors: [{ messageId: "sideEffectInGet", line: 7, column: 9, endLine: 7, endColumn: 74 }],
    },
  ],
});
