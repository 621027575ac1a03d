import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/no-sensitive-fields-in-response.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
const APP = fileURLToPath(new URL("../fixtures/schema-aware/", import.meta.url));
const file = (relative: string): string => path.join(APP, relative);

ruleTester.run("no-sensitive-fields-in-response", rule, {
  valid: [
    {
      name: "the key the caller looked the row up by is echoed back (they sent it), and a not-found guard returns null",
      filename: file("app/api/keys/lookup/route.ts"),
      code: `
        import { prisma } from "../../../../lib/prisma";
        export async function POST(req: Request) {
          const { key } = KeySchema.parse(await req.json());
          const apiKey = await prisma.apiKey.findUnique({ where: { key }, select: { id: true, name: true, key: true } });
          if (!apiKey) return Response.json(apiKey, { status: 404 });
          return Response.json(apiKey);
        }
      `,
    },
    {
      name: "the hash is replaced with a flag on each row before the list is sent",
      filename: file("pages/api/users/index.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export default async function handler(req, res) {
          const users = await prisma.user.findMany({ take: 20, select: { id: true, name: true, passwordHash: true } });
          for (let i = 0; i !== users.length; ++i) {
            const user = users[i];
            if (user.passwordHash) (user as any).passwordHash = true;
          }
          return res.json(users);
        }
      `,
    },
    {
      name: "delete of the secret columns before sending, on the row and on each element",
      filename: file("app/api/users/[id]/route.ts"),
      code: `
        import { prisma } from "../../../../lib/prisma";
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const user = await prisma.user.findUnique({ where: { id: params.id } });
          if (!user) return new Response(null, { status: 404 });
          delete (user as any).passwordHash;
          delete (user as any).twoFactorSecret;
          const keys = await prisma.apiKey.findMany({ where: { userId: params.id }, take: 10 });
          keys.forEach((k) => { delete (k as any).key; });
          return Response.json({ user, keys });
        }
      `,
    },
    {
      name: "requireSelect: a narrow row (9 columns, all meant for the screen) is not reported by default",
      filename: file("app/api/posts/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          const posts = await prisma.post.findMany({ take: 10 });
          return Response.json(posts);
        }
      `,
      options: [{ requireSelect: true }],
    },
    {
      name: "requireSelect: a wide row whose omit leaves it under the threshold",
      filename: file("app/api/organizations/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          const orgs = await prisma.organization.findMany({
            take: 10,
            omit: { subscriptionId: true, subscriptionCustomerId: true, subscriptionPriceId: true },
          });
          return Response.json(orgs);
        }
      `,
      options: [{ requireSelect: true }],
    },
    {
      name: "select of the fields the client needs",
      filename: file("app/api/users/[id]/route.ts"),
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "../../../../lib/prisma";
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const user = await prisma.user.findUnique({ where: { id: params.id }, select: { id: true, name: true, email: true } });
          return NextResponse.json(user);
        }
      `,
    },
    {
      name: "omit on the query leaves the secrets out",
      filename: file("app/api/users/[id]/route.ts"),
      code: `
        import { prisma } from "../../../../lib/prisma";
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const user = await prisma.user.findUnique({ where: { id: params.id }, omit: { passwordHash: true, twoFactorSecret: true } });
          return Response.json(user);
        }
      `,
    },
    {
      name: "the client module's global omit leaves the secrets out",
      filename: file("app/api/me/route.ts"),
      code: `
        import { db } from "../../../lib/db-omit";
        export async function GET() {
          const user = await db.user.findFirst({ where: { email: "a@b.c" } });
          return Response.json({ user });
        }
      `,
    },
    {
      name: "rest destructuring drops the hash",
      filename: file("app/actions.ts"),
      code: `
        "use server";
        import { prisma } from "../lib/prisma";
        export async function updateName(id: string, name: string) {
          const user = await prisma.user.update({ where: { id }, data: { name }, omit: { twoFactorSecret: true } });
          const { passwordHash, ...safeUser } = user;
          return safeUser;
        }
      `,
    },
    {
      name: "a DTO with named fields",
      filename: file("app/api/users/route.ts"),
      code: `
        import { NextResponse } from "next/server";
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          const users = await prisma.user.findMany({ take: 20 });
          return NextResponse.json(users.map((u) => ({ id: u.id, name: u.name, email: u.email })));
        }
      `,
    },
    {
      name: "the hash is read only to compare a password",
      filename: file("app/api/login/route.ts"),
      code: `
        import bcrypt from "bcryptjs";
        import { prisma } from "../../../lib/prisma";
        export async function POST(req: Request) {
          const { email, password } = Schema.parse(await req.json());
          const user = await prisma.user.findUnique({ where: { email } });
          if (!user || !(await bcrypt.compare(password, user.passwordHash))) return Response.json({ ok: false }, { status: 401 });
          return Response.json({ ok: true, id: user.id });
        }
      `,
    },
    {
      name: "counts and aggregates carry no columns",
      filename: file("app/api/stats/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          const [users, posts] = await Promise.all([prisma.user.count(), prisma.post.aggregate({ _sum: { views: true } })]);
          return Response.json({ users, posts });
        }
      `,
    },
    {
      name: "columns named like secrets that are not: a content hash, a token count, a boolean",
      filename: file("app/api/posts/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          const posts = await prisma.post.findMany({ take: 10 });
          const me = await prisma.user.findFirst({ select: { totalTokens: true, hasPassword: true } });
          return Response.json({ posts, me });
        }
      `,
    },
    {
      name: "the row passes through a function this file cannot see",
      filename: file("app/api/users/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        import { toPublicUser } from "../../../lib/dto";
        export async function GET() {
          const user = await prisma.user.findFirst();
          return Response.json(toPublicUser(user));
        }
      `,
    },
    {
      name: "a helper that is not a request boundary",
      filename: file("lib/users.ts"),
      code: `
        import { prisma } from "./prisma";
        export async function getUser(id: string) {
          return prisma.user.findUnique({ where: { id } });
        }
      `,
    },
    {
      name: "a model the schema does not have",
      filename: file("app/api/widgets/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          return Response.json(await prisma.widget.findMany());
        }
      `,
    },
    {
      name: "no schema: the rule stays silent",
      filename: "/nonexistent-project/app/api/users/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function GET() {
          return Response.json(await prisma.user.findMany());
        }
      `,
    },
    {
      name: "a nested select of a relation leaves out the secret columns",
      filename: file("app/api/posts/[id]/route.ts"),
      code: `
        import { prisma } from "../../../../lib/prisma";
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const post = await prisma.post.findUnique({ where: { id: params.id }, include: { author: { select: { id: true, name: true } } } });
          return Response.json(post);
        }
      `,
    },
    {
      name: "a field overwritten after the spread",
      filename: file("app/actions.ts"),
      code: `
        "use server";
        import { prisma } from "../lib/prisma";
        export async function me(id: string) {
          const user = await prisma.user.findUniqueOrThrow({ where: { id }, omit: { twoFactorSecret: true } });
          return { ...user, passwordHash: undefined };
        }
      `,
    },
    {
      name: "a masked rendering of a key is meant to be shown",
      filename: file("app/api/keys/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function GET() {
          return Response.json(await prisma.apiKey.findMany({ select: { id: true, name: true, displayKey: true } }));
        }
      `,
    },
    {
      name: "the response of another request's rows is unrelated to the query",
      filename: file("app/api/keys/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export async function POST() {
          const key = await prisma.apiKey.create({ data: { key: "k", name: "n", userId: "u" } });
          await audit(key.id);
          return Response.json({ id: key.id, name: key.name });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a row looked up by its key still sends the other secrets; a null guard on another value does not hide it",
      filename: file("app/api/users/by-email/route.ts"),
      code: `
import { prisma } from "../../../../lib/prisma";
export async function POST(req: Request) {
  const { email } = EmailSchema.parse(await req.json());
  const user = await prisma.user.findUnique({ where: { email } });
  if (!email) return Response.json(user);
  return Response.json({ ok: true });
}
      `,
      errors: [{ messageId: "sensitiveField", data: { fields: "`User.passwordHash` and `User.twoFactorSecret`", pronoun: "them", omit: "passwordHash: true, twoFactorSecret: true" }, line: 6, column: 36, endLine: 6, endColumn: 40 }],
    },
    {
      name: "a secret overwritten with another secret-derived value is still sent; a masked one is not named",
      filename: file("app/api/users/[id]/route.ts"),
      code: `
import { prisma } from "../../../../lib/prisma";
export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await prisma.user.findUnique({ where: { id: params.id } });
  if (!user) return new Response(null, { status: 404 });
  user.twoFactorSecret = null;
  user.passwordHash = user.passwordHash.slice(0, 12);
  return Response.json(user);
}
      `,
      errors: [{ messageId: "sensitiveField", data: { fields: "`User.passwordHash`", pronoun: "it", omit: "passwordHash: true" }, line: 8, column: 24, endLine: 8, endColumn: 28 }],
    },
    {
      name: "a full user row returned by a route handler",
      filename: file("app/api/users/[id]/route.ts"),
      code: `
import { NextResponse } from "next/server";
import { prisma } from "../../../../lib/prisma";
export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await prisma.user.findUnique({ where: { id: params.id } });
  return NextResponse.json(user);
}
      `,
      errors: [
        {
          messageId: "sensitiveField",
          data: { fields: "`User.passwordHash` and `User.twoFactorSecret`", pronoun: "them", omit: "passwordHash: true, twoFactorSecret: true" },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 32,
        },
      ],
    },
    {
      name: "wrapped in an object, through a const",
      filename: file("app/api/me/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  const user = await prisma.user.findFirst({ omit: { twoFactorSecret: true } });
  const body = { user, ok: true };
  return Response.json(body);
}
      `,
      errors: [{ messageId: "sensitiveField", line: 6, column: 24, endLine: 6, endColumn: 28 }],
    },
    {
      name: "returned from a server action",
      filename: file("app/settings/actions.ts"),
      code: `
"use server";
import { prisma } from "../../lib/prisma";
export async function updateProfile(id: string, name: string) {
  return prisma.user.update({ where: { id }, data: { name }, omit: { twoFactorSecret: true } });
}
      `,
      errors: [{ messageId: "sensitiveField", line: 5, column: 10, endLine: 5, endColumn: 96 }],
    },
    {
      name: "include of a relation brings its full rows",
      filename: file("app/api/users/[id]/accounts/route.ts"),
      code: `
import { prisma } from "../../../../../lib/prisma";
export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await prisma.user.findUnique({ where: { id: params.id }, select: { id: true, accounts: true } });
  return Response.json(user);
}
      `,
      errors: [{ messageId: "sensitiveField", data: { fields: "`Account.access_token` and `Account.refresh_token`", pronoun: "them", omit: "access_token: true, refresh_token: true" }, line: 5, column: 24, endLine: 5, endColumn: 28 }],
    },
    {
      name: "an api key row created and sent back whole",
      filename: file("pages/api/keys.ts"),
      code: `
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../lib/prisma";
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const apiKey = await prisma.apiKey.create({ data: { key: "k", name: "n", userId: "u" } });
  res.status(201).json(apiKey);
}
      `,
      errors: [{ messageId: "sensitiveField", data: { fields: "`ApiKey.key`", pronoun: "it", omit: "key: true" }, line: 6, column: 24, endLine: 6, endColumn: 30 }],
    },
    {
      name: "a sensitive column picked by name",
      filename: file("app/api/me/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  const user = await prisma.user.findFirstOrThrow({ select: { id: true, passwordHash: true } });
  return Response.json({ id: user.id, hash: user.passwordHash });
}
      `,
      errors: [{ messageId: "sensitiveField", line: 5, column: 24, endLine: 5, endColumn: 64 }],
    },
    {
      name: "rows mapped with a spread keep every column",
      filename: file("app/api/users/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  const users = await prisma.user.findMany({ take: 20, omit: { passwordHash: true } });
  return new Response(JSON.stringify(users.map((u) => ({ ...u, isAdmin: u.role === "ADMIN" }))));
}
      `,
      errors: [{ messageId: "sensitiveField", data: { fields: "`User.twoFactorSecret`", pronoun: "it", omit: "twoFactorSecret: true" }, line: 5, column: 23, endLine: 5, endColumn: 96 }],
    },
    {
      name: "extra sensitive fields from options",
      filename: file("app/api/posts/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  return Response.json(await prisma.post.findMany({ take: 5 }));
}
      `,
      options: [{ sensitiveFields: ["/^content/"] }],
      errors: [{ messageId: "sensitiveField", data: { fields: "`Post.contentHash`", pronoun: "it", omit: "contentHash: true" }, line: 4, column: 24, endLine: 4, endColumn: 63 }],
    },
    {
      name: "requireSelect: a full row of a wide model is over-fetching",
      filename: file("app/api/organizations/[slug]/route.ts"),
      code: `
import { prisma } from "../../../../lib/prisma";
export async function PATCH(req: Request, { params }: { params: { slug: string } }) {
  const org = await prisma.organization.update({ where: { slug: params.slug }, data: { name: "Acme" } });
  return Response.json(org);
}
      `,
      options: [{ requireSelect: true }],
      errors: [{ messageId: "fullRow", data: { models: "`Organization`" }, line: 5, column: 24, endLine: 5, endColumn: 27 }],
    },
    {
      name: "requireSelect with requireSelectMinColumns 1: a full row of any model",
      filename: file("app/api/posts/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  const posts = await prisma.post.findMany({ take: 10, include: { author: { select: { name: true } } } });
  return Response.json(posts);
}
      `,
      options: [{ requireSelect: true, requireSelectMinColumns: 1 }],
      errors: [{ messageId: "fullRow", data: { models: "`Post`" }, line: 5, column: 24, endLine: 5, endColumn: 29 }],
    },
    {
      name: "requireSelect: a narrow row included with a wide one names only the wide model",
      filename: file("app/api/posts/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  const orgs = await prisma.organization.findMany({ take: 10 });
  const posts = await prisma.post.findMany({ take: 10 });
  return Response.json({ orgs, posts });
}
      `,
      options: [{ requireSelect: true }],
      errors: [{ messageId: "fullRow", data: { models: "`Organization`" }, line: 6, column: 24, endLine: 6, endColumn: 39 }],
    },
  ],
});
