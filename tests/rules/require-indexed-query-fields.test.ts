import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import rule from "../../lib/rules/require-indexed-query-fields.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();
// a copy outside the repository: the default `ignore` skips anything under a `tests/` folder
const APP = fs.mkdtempSync(path.join(os.tmpdir(), "indexed-app-"));
fs.cpSync(fileURLToPath(new URL("../fixtures/schema-aware/", import.meta.url)), APP, { recursive: true });
const file = (relative: string): string => path.join(APP, relative);

/** A MySQL project: foreign keys get an index from the database itself. */
const MYSQL = fs.mkdtempSync(path.join(os.tmpdir(), "indexed-mysql-"));
fs.mkdirSync(path.join(MYSQL, "prisma"));
fs.writeFileSync(
  path.join(MYSQL, "prisma/schema.prisma"),
  'datasource db {\n  provider = "mysql"\n}\nmodel User {\n  id Int @id\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n}\n',
);

ruleTester.run("require-indexed-query-fields", rule, {
  valid: [
    {
      name: "a null filter (soft delete) is not selective; { not: null } on a unique column is served by its index",
      filename: file("app/api/posts/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export const live = () => prisma.auditLog.findMany({ where: { meta: undefined, actorId: null }, take: 20 });
        export const withKey = () => prisma.apiKey.findMany({ where: { key: { not: null }, name: "ci" }, take: 20 });
      `,
    },
    {
      name: "a case-insensitive match (ILIKE on PostgreSQL, no plain index serves it)",
      filename: file("app/api/users/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export const byAction = (action: string) => prisma.auditLog.findMany({ where: { action: { equals: action, mode: "insensitive" } }, take: 20 });
      `,
    },
    {
      name: "a seed script named in camelCase (prisma/seedUsageLog.ts) is run by hand",
      filename: file("prisma/seedUsageLog.ts"),
      code: `
        import { prisma } from "../lib/prisma";
        export const seeded = () => prisma.auditLog.findMany({ where: { action: "seed" } });
      `,
    },
    {
      name: "a filter on the leading column of a composite index",
      filename: file("app/api/posts/route.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        export const list = (authorId: string) => prisma.post.findMany({ where: { authorId, status: "PUBLISHED" }, take: 20 });
      `,
    },
    {
      name: "the second column of a composite index alone is not served, but a unique constraint's first column is",
      filename: file("lib/posts.ts"),
      code: `
        import { prisma } from "./prisma";
        export const bySlug = (teamId: string, slug: string) => prisma.post.findFirst({ where: { teamId, slug } });
      `,
    },
    {
      name: "the primary key and a unique field",
      filename: file("lib/users.ts"),
      code: `
        import { prisma } from "./prisma";
        export const a = (id: string) => prisma.user.findFirst({ where: { id, name: "x" } });
        export const b = (email: string) => prisma.user.count({ where: { email: { equals: email } } });
      `,
    },
    {
      name: "text search, OR-only and NOT-only filters are not what an index serves",
      filename: file("lib/search.ts"),
      code: `
        import { prisma } from "./prisma";
        export const search = (q: string) => prisma.post.findMany({ where: { title: { contains: q, mode: "insensitive" } } });
        export const either = (a: string, b: string) => prisma.post.findMany({ where: { OR: [{ title: a }, { slug: b }] } });
        export const not = () => prisma.post.count({ where: { NOT: { status: "DRAFT" } } });
      `,
    },
    {
      name: "relation filters, a where held in a variable, a spread",
      filename: file("lib/filters.ts"),
      code: `
        import { prisma } from "./prisma";
        export const byAuthor = (email: string) => prisma.post.findMany({ where: { author: { email } } });
        // Prisma filters through the indexed foreign key (authorId IN (SELECT ...)): the status is a refinement
        export const draftsOf = (ownerId: string) => prisma.post.findMany({ where: { author: { id: ownerId }, status: "DRAFT" } });
        export const dynamic = (where: object) => prisma.post.findMany({ where });
        export const scoped = (scope: object) => prisma.post.findMany({ where: { ...scope, title: "x" } });
      `,
    },
    {
      name: "findUnique and models the schema does not have",
      filename: file("lib/misc.ts"),
      code: `
        import { prisma } from "./prisma";
        export const one = (title: string) => prisma.post.findUnique({ where: { title } });
        export const other = () => prisma.widget.findMany({ where: { color: "red" } });
      `,
    },
    {
      name: "seed scripts are not checked",
      filename: file("prisma/seed.ts"),
      code: `
        import { prisma } from "../lib/prisma";
        await prisma.post.deleteMany({ where: { title: "demo" } });
      `,
    },
    {
      name: "test files are not checked",
      filename: file("app/api/posts/route.test.ts"),
      code: `
        import { prisma } from "../../../lib/prisma";
        it("lists", async () => expect(await prisma.post.findMany({ where: { title: "x" } })).toEqual([]));
      `,
    },
    {
      name: "a JSON path filter is not what a plain index serves",
      filename: file("lib/json.ts"),
      code: `
        import { prisma } from "./prisma";
        export const byMeta = (id: string) => prisma.auditLog.findFirst({ where: { meta: { path: ["orgId"], equals: id } } });
      `,
    },
    {
      name: "an ignored small model",
      filename: file("lib/audit.ts"),
      code: `
        import { prisma } from "./prisma";
        export const recent = () => prisma.auditLog.findMany({ where: { action: "login" } });
      `,
      options: [{ ignoreModels: ["AuditLog"] }],
    },
    {
      name: "MySQL indexes foreign keys by itself",
      filename: path.join(MYSQL, "src/posts.ts"),
      code: `
        import { prisma } from "./db";
        export const byAuthor = (authorId: number) => prisma.post.findMany({ where: { authorId } });
      `,
    },
    {
      name: "no schema: silent",
      filename: "/nonexistent-project/lib/posts.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export const x = () => prisma.post.findMany({ where: { title: "a" } });
      `,
    },
    {
      name: "a Boolean filter alone is not worth an index",
      filename: file("lib/flags.ts"),
      code: `
        import { prisma } from "./prisma";
        export const admins = () => prisma.user.count({ where: { hasPassword: false } });
      `,
    },
    {
      name: "a filter that is undefined filters nothing",
      filename: file("lib/opt.ts"),
      code: `
        import { prisma } from "./prisma";
        export const list = () => prisma.post.findMany({ where: { title: undefined, authorId: "a" } });
      `,
    },
  ],
  invalid: [
    {
      name: "an equality filter on an unindexed enum column",
      filename: file("app/api/posts/route.ts"),
      code: `
import { prisma } from "../../../lib/prisma";
export async function GET() {
  return Response.json(await prisma.post.findMany({ where: { status: "PUBLISHED" }, take: 20 }));
}
      `,
      errors: [
        { messageId: "unindexedFilter", data: { model: "Post", operation: "findMany", index: "status" }, line: 4, column: 62, endLine: 4, endColumn: 68 },
      ],
    },
    {
      name: "equality and a range inside AND, through a const where",
      filename: file("lib/cleanup.ts"),
      code: `
import { prisma } from "./prisma";
export async function purge(cutoff: Date) {
  const where = { AND: [{ action: "view" }, { createdAt: { lt: cutoff } }] };
  await prisma.auditLog.deleteMany({ where });
}
      `,
      errors: [
        { messageId: "unindexedFilter", data: { model: "AuditLog", operation: "deleteMany", index: "action, createdAt" }, line: 4, column: 27, endLine: 4, endColumn: 33 },
      ],
    },
    {
      name: "the second column of a composite index alone",
      filename: file("lib/feed.ts"),
      code: `
import { prisma } from "./prisma";
export const since = (date: Date) => prisma.post.count({ where: { createdAt: { gte: date } } });
      `,
      errors: [{ messageId: "unindexedFilter", data: { model: "Post", operation: "count", index: "createdAt" }, line: 3, column: 67, endLine: 3, endColumn: 76 }],
    },
    {
      name: "in: a list on an unindexed column",
      filename: file("lib/bulk.ts"),
      code: `
import { prisma } from "./prisma";
export const publish = (titles: string[]) => prisma.post.updateMany({ where: { title: { in: titles } }, data: { status: "PUBLISHED" } });
      `,
      errors: [{ messageId: "unindexedFilter", data: { model: "Post", operation: "updateMany", index: "title" }, line: 3, column: 80, endLine: 3, endColumn: 85 }],
    },
  ],
});
