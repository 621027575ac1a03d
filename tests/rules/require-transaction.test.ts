import rule from "../../lib/rules/require-transaction.js";
import { createRuleTester } from "../rule-tester.js";

/** A Prisma schema (`User.posts`, `Post.author`): nested-write hints name its relation fields. */
const schemaSettings = { "backend-architect": { schema: "tests/fixtures/schema-aware/prisma/schema.prisma" } };

createRuleTester().run("require-transaction", rule, {
  valid: [
    {
      name: "a test-data factory run by the seed command (it empties the tables first, so a failure is fixed by running it again)",
      filename: "bin/factory/communities/acme/index.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function createAcme() {
          const account = await prisma.account.create({ data: { name: "Acme" } });
          await prisma.channel.create({ data: { accountId: account.id, name: "general" } });
        }
      `,
    },
    {
      name: "later updates of the row the first write created (job progress, a final status) leave no other row half-done",
      filename: "src/worker/transcode.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { transcodeSegment } from "@/lib/media";
        export async function transcode(userId: string, segments: string[]) {
          const job = await prisma.transcodeJob.create({ data: { userId, total: segments.length, done: 0, status: "PENDING" } });
          for (const segment of segments) {
            await transcodeSegment(segment);
            await prisma.transcodeJob.update({ where: { id: job.id }, data: { done: { increment: 1 }, status: "RUNNING" } });
          }
          return prisma.transcodeJob.update({ where: { id: { equals: job.id } }, data: { status: "COMPLETE" } });
        }
      `,
    },
    {
      name: "Drizzle: the status of the inserted export row, filtered by its own id",
      filename: "app/api/exports/route.ts",
      code: `
        import { db } from "@/db";
        import { exportsTable } from "@/db/schema";
        import { eq } from "drizzle-orm";
        export async function POST(req: Request) {
          const { projectId } = await req.json();
          const [row] = await db.insert(exportsTable).values({ projectId, state: "queued" }).returning();
          const file = await buildExport(projectId);
          await db.update(exportsTable).set({ state: "ready", size: file.size }).where(eq(exportsTable.id, row.id));
          return Response.json(row);
        }
      `,
    },
    {
      name: "Prisma interactive transaction holds both writes",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, items } = await req.json();
          const order = await prisma.$transaction(async (tx) => {
            const created = await tx.order.create({ data: { userId } });
            await tx.orderItem.createMany({ data: items.map((item: { sku: string }) => ({ ...item, orderId: created.id })) });
            return created;
          });
          return Response.json(order);
        }
      `,
    },
    {
      name: "Prisma nested write creates the order and its items in one statement",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, items } = await req.json();
          const order = await prisma.order.create({
            data: { userId, items: { create: items } },
            include: { items: true },
          });
          return Response.json(order);
        }
      `,
    },
    {
      name: "Drizzle db.transaction holds both writes",
      filename: "app/api/orders/route.ts",
      code: `
        import { db } from "@/db";
        import { orders, orderItems } from "@/db/schema";
        export async function POST(req: Request) {
          const body = await req.json();
          const order = await db.transaction(async (tx) => {
            const [row] = await tx.insert(orders).values({ userId: body.userId }).returning();
            await tx.insert(orderItems).values({ orderId: row.id, sku: body.sku });
            return row;
          });
          return Response.json(order);
        }
      `,
    },
    {
      name: "Kysely db.transaction().execute holds both writes",
      filename: "app/api/people/route.ts",
      code: `
        import { db } from "@/lib/kysely";
        export async function POST(req: Request) {
          const { name, petName } = await req.json();
          const person = await db.transaction().execute(async (trx) => {
            const { id } = await trx.insertInto("person").values({ name }).returning("id").executeTakeFirstOrThrow();
            await trx.insertInto("pet").values({ name: petName, ownerId: id }).execute();
            return id;
          });
          return Response.json({ person });
        }
      `,
    },
    {
      name: "Prisma $transaction([...]) batch",
      filename: "app/projects/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function archiveProject(projectId: string, userId: string) {
          await prisma.$transaction([
            prisma.project.update({ where: { id: projectId }, data: { archivedAt: new Date() } }),
            prisma.membership.deleteMany({ where: { projectId } }),
          ]);
        }
      `,
    },
    {
      name: "Drizzle db.batch([...])",
      filename: "app/api/users/route.ts",
      code: `
        import { db } from "@/db";
        import { users, accounts } from "@/db/schema";
        import { eq } from "drizzle-orm";
        export async function POST(req: Request) {
          const { id, name } = await req.json();
          await db.batch([
            db.update(users).set({ name }).where(eq(users.id, id)),
            db.update(accounts).set({ displayName: name }).where(eq(accounts.userId, id)),
          ]);
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "compensation: the catch deletes the team the later write needed",
      filename: "app/teams/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createTeam(name: string, userId: string) {
          const team = await prisma.team.create({ data: { name } });
          try {
            await prisma.membership.create({ data: { teamId: team.id, userId, role: "OWNER" } });
          } catch (error) {
            await prisma.team.delete({ where: { id: team.id } });
            throw error;
          }
          return team;
        }
      `,
    },
    {
      name: "compensation: the catch calls an undo helper with the created row",
      filename: "app/documents/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createDocument(title: string, userId: string) {
          const document = await prisma.document.create({ data: { title, userId } });
          try {
            await prisma.recipient.create({ data: { documentId: document.id, email: "a@b.c" } });
          } catch (error) {
            await deleteDocument(document.id);
            throw error;
          }
          return document;
        }
        declare function deleteDocument(id: string): Promise<void>;
      `,
    },
    {
      name: "Supabase: the failed insert is followed by a delete of the team",
      filename: "app/api/teams/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const { name, userId } = await req.json();
          const { data: team } = await supabase.from("teams").insert({ name }).select().single();
          const { error } = await supabase.from("team_members").insert({ team_id: team!.id, user_id: userId });
          if (error) {
            await supabase.from("teams").delete().eq("id", team!.id);
            return Response.json({ error: "Could not create the team" }, { status: 500 });
          }
          return Response.json(team);
        }
      `,
    },
    {
      name: "the later write deletes what the earlier one created",
      filename: "app/checkout/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function startCheckout(userId: string) {
          const session = await prisma.checkoutSession.create({ data: { userId } });
          await prisma.checkoutSession.delete({ where: { id: session.id } }).catch(() => undefined);
          return session;
        }
      `,
    },
    {
      name: "append-only logs: auditLog and invoiceEvent",
      filename: "app/invoices/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createInvoice(customerId: string, amount: number) {
          const invoice = await prisma.invoice.create({ data: { customerId, amount } });
          await prisma.auditLog.create({ data: { action: "invoice.created", targetId: invoice.id } });
          await prisma.invoiceEvent.create({ data: { invoiceId: invoice.id, type: "created" } });
          return invoice;
        }
      `,
    },
    {
      name: "ignoreModels names another append-only table",
      filename: "app/invoices/actions.ts",
      options: [{"ignoreModels": ["invoiceTimeline"]}],
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createInvoice(customerId: string, amount: number) {
          const invoice = await prisma.invoice.create({ data: { customerId, amount } });
          await prisma.invoiceTimeline.create({ data: { invoiceId: invoice.id, type: "created" } });
          return invoice;
        }
      `,
    },
    {
      name: "seed file",
      filename: "prisma/seed.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function main() {
          const user = await prisma.user.create({ data: { email: "alice@example.com" } });
          await prisma.post.create({ data: { title: "Hello", authorId: user.id } });
        }
        main();
      `,
    },
    {
      name: "one-off script",
      filename: "scripts/backfill-posts.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function main() {
          const user = await prisma.user.create({ data: { email: "alice@example.com" } });
          await prisma.post.create({ data: { title: "Hello", authorId: user.id } });
        }
        main();
      `,
    },
    {
      name: "migration",
      filename: "db/migrations/0004_posts.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function main() {
          const user = await prisma.user.create({ data: { email: "alice@example.com" } });
          await prisma.post.create({ data: { title: "Hello", authorId: user.id } });
        }
        main();
      `,
    },
    {
      name: "a script next to the Prisma schema",
      filename: "apps/web/prisma/populate.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function main() {
          const user = await prisma.user.create({ data: { email: "alice@example.com" } });
          await prisma.post.create({ data: { title: "Hello", authorId: user.id } });
        }
        main();
      `,
    },
    {
      name: "writes in different branches of an if cannot both run",
      filename: "app/drafts/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function saveDraft(input: { id?: string; title: string; userId: string }) {
          if (input.id) {
            const draft = await prisma.draft.update({ where: { id: input.id }, data: { title: input.title } });
            return draft;
          } else {
            const draft = await prisma.draft.create({ data: { title: input.title, authorId: input.userId } });
            return draft;
          }
        }
      `,
    },
    {
      name: "a read of the new row, then a write that does not use it",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title, userId } = await req.json();
          const post = await prisma.post.create({ data: { title, authorId: userId } });
          const author = await prisma.user.findUnique({ where: { id: post.authorId } });
          await prisma.user.update({ where: { id: userId }, data: { postCount: { increment: 1 } } });
          return Response.json({ post, author });
        }
      `,
    },
    {
      name: "a later write that does not use the created row (independentWrites off)",
      filename: "app/api/profile/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, name } = await req.json();
          const profile = await prisma.profile.create({ data: { userId, name } });
          const avatar = \`https://avatars.example.com/\${encodeURIComponent(name)}.png\`;
          await prisma.user.update({ where: { id: userId }, data: { image: avatar } });
          return Response.json(profile);
        }
      `,
    },
    {
      name: "two independent writes without the independentWrites option",
      filename: "app/api/users/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, name } = await req.json();
          await prisma.user.update({ where: { id: userId }, data: { name } });
          await prisma.session.deleteMany({ where: { userId } });
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "Promise.all of two independent creates without the independentWrites option",
      filename: "app/api/posts/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title, userId } = await req.json();
          const [post, notification] = await Promise.all([
            prisma.post.create({ data: { title, authorId: userId } }),
            prisma.notification.create({ data: { userId, text: "You posted" } }),
          ]);
          return Response.json({ post, notification });
        }
      `,
    },
    {
      name: "a helper that takes the transaction client from its caller",
      filename: "lib/workspaces.ts",
      code: `
        import type { Prisma } from "@prisma/client";
        export async function createWorkspace(tx: Prisma.TransactionClient, name: string, userId: string) {
          const workspace = await tx.workspace.create({ data: { name } });
          await tx.member.create({ data: { workspaceId: workspace.id, userId } });
          return workspace;
        }
      `,
    },
    {
      name: "an upsert leaves the row a retry finds again",
      filename: "app/api/members/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { email, teamId } = await req.json();
          const user = await prisma.user.upsert({ where: { email }, create: { email }, update: {} });
          await prisma.membership.create({ data: { userId: user.id, teamId } });
          return Response.json(user);
        }
      `,
    },
    {
      name: "Drizzle insert ... onConflictDoUpdate is an upsert",
      filename: "app/api/members/route.ts",
      code: `
        import { db } from "@/db";
        import { users, memberships } from "@/db/schema";
        export async function POST(req: Request) {
          const { email, teamId } = await req.json();
          const [user] = await db.insert(users).values({ email }).onConflictDoUpdate({ target: users.email, set: { email } }).returning();
          await db.insert(memberships).values({ userId: user.id, teamId });
          return Response.json(user);
        }
      `,
    },
    {
      name: "get-or-create: the row stands in for one found",
      filename: "app/api/members/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { email, teamId } = await req.json();
          const user = (await prisma.user.findUnique({ where: { email } })) ?? (await prisma.user.create({ data: { email } }));
          await prisma.membership.create({ data: { userId: user.id, teamId } });
          return Response.json(user);
        }
      `,
    },
    {
      name: "deferred work in waitUntil runs after the response",
      filename: "app/api/links/route.ts",
      code: `
        import { waitUntil } from "@vercel/functions";
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { url, userId } = await req.json();
          const link = await prisma.link.create({ data: { url, userId } });
          waitUntil(prisma.click.create({ data: { linkId: link.id } }).then(() => undefined));
          waitUntil((async () => {
            await prisma.linkPreview.create({ data: { linkId: link.id } });
          })());
          return Response.json(link);
        }
      `,
    },
    {
      name: "other work on the new row between the writes: the update records its outcome",
      filename: "app/api/imports/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { tasks } from "@trigger.dev/sdk/v3";
        export async function POST(req: Request) {
          const { url } = await req.json();
          const job = await prisma.importJob.create({ data: { url, status: "PENDING" } });
          const handle = await tasks.trigger("import-csv", { jobId: job.id });
          await prisma.importJob.update({ where: { id: job.id }, data: { runId: handle.id } });
          return Response.json(job);
        }
      `,
    },
    {
      name: "the later write does not use the created tag",
      filename: "app/tags/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createTag(name: string, postId: string) {
          const tag = await prisma.tag.create({ data: { name } });
          await prisma.post.update({ where: { id: postId }, data: { tags: { connect: { id: "t1" } } } });
          return tag;
        }
      `,
    },
    {
      name: "a single write",
      filename: "app/api/orgs/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, name } = await req.json();
          const org = await prisma.organization.create({ data: { name } });
          if (!org) return Response.json({ error: "Failed" }, { status: 500 });
          return Response.json(org);
        }
      `,
    },
    {
      name: "independentWrites: queries collected in an array (literal and push) run by one $transaction",
      filename: "app/api/prompts/route.ts",
      options: [{"independentWrites": true}],
      code: `
        import { prisma } from "@/lib/prisma";
        export async function DELETE(req: Request) {
          const { promptId, projectId, name } = await req.json();
          const operations = [prisma.prompt.delete({ where: { id: promptId, projectId } })];
          const next = await prisma.prompt.findFirst({ where: { projectId, name, id: { not: promptId } }, orderBy: { version: "desc" } });
          if (next) {
            operations.push(prisma.prompt.update({ where: { id: next.id }, data: { labels: { push: "latest" } } }));
          }
          await prisma.$transaction(operations);
          return new Response(null, { status: 204 });
        }
      `,
    },
    {
      name: "the later write reads only values the create was handed (subject, from), not the new row",
      filename: "app/api/inbound/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { from, subject, body } = await req.json();
          const email = await prisma.inboundEmail.create({ data: { from, subject: subject || "No subject", body } });
          await prisma.ticket.create({ data: { title: email.subject, requester: email.from, detail: body } });
          return Response.json(email);
        }
      `,
    },
    {
      name: "failures settled on purpose: Promise.allSettled and .catch on the later write",
      filename: "lib/folders.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function copyFolder(dataroomId: string, folder: { name: string; documentIds: string[] }) {
          const copy = await prisma.folder.create({ data: { name: folder.name, dataroomId } });
          await Promise.allSettled(
            folder.documentIds.map((documentId) => prisma.folderDocument.create({ data: { documentId, folderId: copy.id } })),
          );
          await prisma.folderStats.create({ data: { folderId: copy.id, documents: folder.documentIds.length } }).catch((error) => {
            console.error("Could not record folder stats", error);
          });
          return copy;
        }
      `,
    },
    {
      name: "independentWrites: a query built first and handed to a project's transaction helper with the other",
      filename: "app/settings/actions.ts",
      options: [{"independentWrites": true}],
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        import type { Prisma } from "@prisma/client";
        export async function deleteAccount(userId: string, accountId: string) {
          const removeMemberships = prisma.member.deleteMany({ where: { userId } });
          await runAccountTransaction(userId, [
            removeMemberships,
            prisma.account.delete({ where: { id: accountId, userId } }),
          ]);
        }
        async function runAccountTransaction(userId: string, operations: Prisma.PrismaPromise<unknown>[]) {
          await prisma.$transaction(operations);
        }
      `,
    },
    {
      name: "a row created in another handler's transaction callback reaches no write of this one",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId } = await req.json();
          const order = await prisma.$transaction(async (tx) => {
            const created = await tx.order.create({ data: { userId } });
            return created;
          });
          return Response.json(order);
        }
        export async function PATCH(req: Request) {
          const { orderId, sku } = await req.json();
          await prisma.order.update({ where: { id: orderId }, data: { touchedAt: new Date() } });
          await prisma.orderItem.create({ data: { orderId, sku } });
          return Response.json({ ok: true });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "the row a local helper creates and returns, used by the handler",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        async function saveOrder(userId: string) {
          const row = await prisma.order.create({ data: { userId } });
          return row;
        }
        export async function POST(req: Request) {
          const { userId } = await req.json();
          const order = await saveOrder(userId);
          await prisma.orderItem.create({ data: { orderId: order.id, sku: "a" } });
          return Response.json(order);
        }
      `,
      errors: [{ messageId: "dependentCreate", line: 10, suggestions: [] }],
    },
    {
      name: "a row a callback assigns to a variable of the handler",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { withRetry } from "@/lib/retry";
        export async function POST(req: Request) {
          const { userId } = await req.json();
          let order: { id: string } | undefined;
          await withRetry(async () => {
            order = await prisma.order.create({ data: { userId } });
          });
          await prisma.orderItem.create({ data: { orderId: order!.id, sku: "a" } });
          return Response.json(order);
        }
      `,
      errors: [{ messageId: "dependentCreate", line: 10, suggestions: [] }],
    },
    {
      name: "a row a callback assigns to a property of an object of the handler",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { withRetry } from "@/lib/retry";
        export async function POST(req: Request) {
          const { userId } = await req.json();
          const result: { order?: { id: string } } = {};
          await withRetry(async () => {
            result.order = await prisma.order.create({ data: { userId } });
          });
          await prisma.orderItem.create({ data: { orderId: result.order!.id, sku: "a" } });
          return Response.json(result);
        }
      `,
      errors: [{ messageId: "dependentCreate", line: 10, suggestions: [] }],
    },
    {
      name: "a row created in a .then callback",
      filename: "app/api/orders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { loadCart } from "@/lib/cart";
        export async function POST(req: Request) {
          const { userId } = await req.json();
          const order = await loadCart(userId).then((cart) => prisma.order.create({ data: { userId, total: cart.total } }));
          await prisma.orderItem.create({ data: { orderId: order.id, sku: "a" } });
          return Response.json(order);
        }
      `,
      errors: [{ messageId: "dependentCreate", line: 7, suggestions: [] }],
    },
    {
      name: "Prisma: items created with the order's id (adjacent: a suggestion)",
      filename: "app/orders/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function placeOrder(userId: string, items: { sku: string; qty: number }[]) {
          const order = await prisma.order.create({ data: { userId } });
          await prisma.orderItem.createMany({ data: items.map((item) => ({ ...item, orderId: order.id })) });
          return order;
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 6, column: 17, endLine: 6, endColumn: 109, suggestions: [{ messageId: "wrapInTransaction", output: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function placeOrder(userId: string, items: { sku: string; qty: number }[]) {
          const order = await prisma.$transaction(async (tx) => {
            const order = await tx.order.create({ data: { userId } });
            await tx.orderItem.createMany({ data: items.map((item) => ({ ...item, orderId: order.id })) });
            return order;
          });
          return order;
        }
      ` }] },
      ],
    },
    {
      name: "Drizzle: [order] = await db.insert(...).returning()",
      filename: "app/api/orders/route.ts",
      code: `
        import { db } from "@/db";
        import { orders, orderItems } from "@/db/schema";
        export async function POST(req: Request) {
          const body = await req.json();
          const [order] = await db.insert(orders).values({ userId: body.userId }).returning();
          await db.insert(orderItems).values(body.items.map((item: { sku: string }) => ({ sku: item.sku, orderId: order.id })));
          return Response.json(order);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 128, suggestions: [] },
      ],
    },
    {
      name: "Kysely: destructured id",
      filename: "app/api/people/route.ts",
      code: `
        import { db } from "@/lib/kysely";
        export async function POST(req: Request) {
          const { name, petName } = await req.json();
          const { id } = await db.insertInto("person").values({ name }).returning("id").executeTakeFirstOrThrow();
          await db.insertInto("pet").values({ name: petName, ownerId: id }).execute();
          return Response.json({ id });
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 6, column: 17, endLine: 6, endColumn: 86, suggestions: [] },
      ],
    },
    {
      name: "Supabase: the message names an RPC to a database function",
      filename: "app/api/teams/route.ts",
      code: `
        import { createClient } from "@/utils/supabase/server";
        export async function POST(req: Request) {
          const supabase = await createClient();
          const { name, userId } = await req.json();
          const { data: team } = await supabase.from("teams").insert({ name }).select().single();
          await supabase.from("team_members").insert({ team_id: team!.id, user_id: userId, role: "owner" });
          return Response.json(team);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 108, suggestions: [] },
      ],
    },
    {
      name: "destructured id, through a template string: the membership is reported, the project's own slug update is not",
      filename: "app/projects/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createProject(name: string, ownerId: string) {
          const { id } = await prisma.project.create({ data: { name } });
          const slug = \`\${name.toLowerCase()}-\${id}\`;
          await prisma.membership.create({ data: { projectId: id, userId: ownerId, role: "OWNER" } });
          await prisma.project.update({ where: { id }, data: { slug } });
          return id;
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 7, column: 17, endLine: 7, endColumn: 102, suggestions: [] },
      ],
    },
    {
      name: "Drizzle: .map over the created rows",
      filename: "app/api/invites/route.ts",
      code: `
        import { db } from "@/db";
        import { users, profiles } from "@/db/schema";
        export async function POST(req: Request) {
          const invites: { email: string }[] = await req.json();
          const created = await db.insert(users).values(invites).returning({ id: users.id });
          await db.insert(profiles).values(created.map((user) => ({ userId: user.id, bio: "" })));
          return Response.json(created);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 98, suggestions: [] },
      ],
    },
    {
      name: "a transaction that holds only the later writes: one report",
      filename: "app/api/invoices/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, lines } = await req.json();
          const invoice = await prisma.invoice.create({ data: { userId } });
          await prisma.$transaction(async (tx) => {
            for (const line of lines) {
              await tx.invoiceLine.create({ data: { invoiceId: invoice.id, ...line } });
            }
            await tx.invoiceLine.updateMany({ where: { invoiceId: invoice.id }, data: { locked: true } });
          });
          return Response.json(invoice);
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 8, column: 21, endLine: 8, endColumn: 88, suggestions: [] },
      ],
    },
    {
      name: "a timeline is not a log by name",
      filename: "app/invoices/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createInvoice(customerId: string, amount: number) {
          const invoice = await prisma.invoice.create({ data: { customerId, amount } });
          await prisma.invoiceTimeline.create({ data: { invoiceId: invoice.id, type: "created" } });
          return invoice;
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 6, column: 17, endLine: 6, endColumn: 100, suggestions: [{ messageId: "wrapInTransaction", output: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function createInvoice(customerId: string, amount: number) {
          const invoice = await prisma.$transaction(async (tx) => {
            const invoice = await tx.invoice.create({ data: { customerId, amount } });
            await tx.invoiceTimeline.create({ data: { invoiceId: invoice.id, type: "created" } });
            return invoice;
          });
          return invoice;
        }
      ` }] },
      ],
    },
    {
      name: "both writes in one Promise.allSettled callback: the item still half-applies",
      filename: "app/api/teams/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { teams } = await req.json();
          const results = await Promise.allSettled(
            teams.map(async (name: string) => {
              const team = await prisma.team.create({ data: { name } });
              await prisma.channel.create({ data: { teamId: team.id, name: "general" } });
              return team;
            }),
          );
          return Response.json(results);
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 8, column: 21, endLine: 8, endColumn: 90, suggestions: [{ messageId: "wrapInTransaction", output: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { teams } = await req.json();
          const results = await Promise.allSettled(
            teams.map(async (name: string) => {
              const team = await prisma.$transaction(async (tx) => {
                const team = await tx.team.create({ data: { name } });
                await tx.channel.create({ data: { teamId: team.id, name: "general" } });
                return team;
              });
              return team;
            }),
          );
          return Response.json(results);
        }
      ` }] },
      ],
    },
    {
      name: "with the Prisma schema: the nested write names the relation field",
      filename: "app/api/users/route.ts",
      settings: schemaSettings,
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { email, title } = await req.json();
          const user = await prisma.user.create({ data: { email } });
          await prisma.post.create({ data: { title, slug: title, contentHash: "", teamId: "t1", authorId: user.id } });
          return Response.json(user);
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 6, column: 17, endLine: 6, endColumn: 119, suggestions: [{ messageId: "wrapInTransaction", output: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { email, title } = await req.json();
          const user = await prisma.$transaction(async (tx) => {
            const user = await tx.user.create({ data: { email } });
            await tx.post.create({ data: { title, slug: title, contentHash: "", teamId: "t1", authorId: user.id } });
            return user;
          });
          return Response.json(user);
        }
      ` }] },
      ],
    },
    {
      name: "with the Prisma schema: no relation from Post to User, so no nested-write hint",
      filename: "app/api/posts/route.ts",
      settings: schemaSettings,
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { email, title } = await req.json();
          const post = await prisma.post.create({ data: { title, slug: title, contentHash: "", teamId: "t1", authorId: "u1" } });
          const summary = \`\${title} (\${post.id})\`;
          await prisma.user.create({ data: { email, name: summary } });
          return Response.json(post);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 71, suggestions: [] },
      ],
    },
    {
      name: "an echoed value and the new id: the id ties the rows",
      filename: "app/api/inbound/route.ts",
      code: `
        import { db } from "@/db";
        import { inboundEmails, tickets } from "@/db/schema";
        export async function POST(req: Request) {
          const { from, subject } = await req.json();
          const [email] = await db.insert(inboundEmails).values({ from, subject }).returning();
          await db.insert(tickets).values({ title: email.subject, emailId: email.id });
          return Response.json(email);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 87, suggestions: [] },
      ],
    },
    {
      name: "an id the code made up still ties the rows",
      filename: "lib/webhooks.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        import { createId } from "@paralleldrive/cuid2";
        export async function createWebhook(projectId: string, url: string, linkIds: string[]) {
          const webhook = await prisma.webhook.create({ data: { id: createId(), url, projectId } });
          await prisma.linkWebhook.createMany({ data: linkIds.map((linkId) => ({ linkId, webhookId: webhook.id })) });
          return webhook;
        }
      `,
      errors: [
        { messageId: "dependentCreate", line: 6, column: 17, endLine: 6, endColumn: 118, suggestions: [{ messageId: "wrapInTransaction", output: `
        import { prisma } from "@/lib/prisma";
        import { createId } from "@paralleldrive/cuid2";
        export async function createWebhook(projectId: string, url: string, linkIds: string[]) {
          const webhook = await prisma.$transaction(async (tx) => {
            const webhook = await tx.webhook.create({ data: { id: createId(), url, projectId } });
            await tx.linkWebhook.createMany({ data: linkIds.map((linkId) => ({ linkId, webhookId: webhook.id })) });
            return webhook;
          });
          return webhook;
        }
      ` }] },
      ],
    },
    {
      name: "one report for the same dependent write in both branches of an if",
      filename: "app/settings/actions.ts",
      code: `
        "use server";
        import { prisma } from "@/lib/prisma";
        export async function setAvatar(target: { type: "team" | "user"; id: string }, bytes: string) {
          const image = await prisma.avatarImage.create({ data: { bytes } });
          if (target.type === "team") {
            await prisma.team.update({ where: { id: target.id }, data: { avatarImageId: image.id } });
          } else {
            await prisma.user.update({ where: { id: target.id }, data: { avatarImageId: image.id } });
          }
          return image.id;
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 19, endLine: 7, endColumn: 102, suggestions: [] },
      ],
    },
    {
      name: "independentWrites: every write after the first",
      filename: "app/api/posts/route.ts",
      options: [{"independentWrites": true}],
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title, userId } = await req.json();
          await prisma.user.update({ where: { id: userId }, data: { lastActiveAt: new Date() } });
          const post = await prisma.post.create({ data: { title, authorId: userId } });
          await prisma.notification.create({ data: { userId, text: "Posted" } });
          return Response.json(post);
        }
      `,
      errors: [
        { messageId: "independentWrite", line: 6, column: 30, endLine: 6, endColumn: 87, suggestions: [] },
        { messageId: "independentWrite", line: 7, column: 17, endLine: 7, endColumn: 81, suggestions: [] },
      ],
    },
    {
      name: "independentWrites: adjacent Prisma writes get a suggestion",
      filename: "app/api/users/route.ts",
      options: [{"independentWrites": true}],
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, name } = await req.json();
          await prisma.user.update({ where: { id: userId }, data: { name } });
          await prisma.session.deleteMany({ where: { userId } });
          return new Response(null, { status: 204 });
        }
      `,
      errors: [
        { messageId: "independentWrite", line: 6, column: 17, endLine: 6, endColumn: 65, suggestions: [{ messageId: "wrapInTransaction", output: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { userId, name } = await req.json();
          await prisma.$transaction(async (tx) => {
            await tx.user.update({ where: { id: userId }, data: { name } });
            await tx.session.deleteMany({ where: { userId } });
          });
          return new Response(null, { status: 204 });
        }
      ` }] },
      ],
    },
    {
      name: "independentWrites: Promise.all is not a transaction",
      filename: "app/api/posts/route.ts",
      options: [{"independentWrites": true}],
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { title, userId } = await req.json();
          const [post, notification] = await Promise.all([
            prisma.post.create({ data: { title, authorId: userId } }),
            prisma.notification.create({ data: { userId, text: "You posted" } }),
          ]);
          return Response.json({ post, notification });
        }
      `,
      errors: [
        { messageId: "independentWrite", line: 7, column: 13, endLine: 7, endColumn: 81, suggestions: [] },
      ],
    },
    {
      name: "a write to other rows of the same model (another id, a list of ids, every id but the new one), or to another model, that uses the created id is still reported",
      filename: "app/api/folders/route.ts",
      code: `
        import { prisma } from "@/lib/prisma";
        export async function POST(req: Request) {
          const { name, parentId, ids } = await req.json();
          const folder = await prisma.folder.create({ data: { name, parentId } });
          const now = new Date();
          await prisma.folder.update({ where: { id: parentId }, data: { lastChildId: folder.id } });
          await prisma.folder.updateMany({ where: { id: { in: [folder.id, ...ids] } }, data: { touchedAt: now } });
          await prisma.folder.updateMany({ where: { parentId, id: { not: folder.id } }, data: { isLatest: false } });
          await prisma.workspace.update({ where: { id: folder.id }, data: { rootFolderId: folder.id } });
          return Response.json(folder);
        }
      `,
      errors: [
        { messageId: "dependentWrite", line: 7, column: 17, endLine: 7, endColumn: 100, suggestions: [] },
        { messageId: "dependentWrite", line: 8, column: 17, endLine: 8, endColumn: 115, suggestions: [] },
        { messageId: "dependentWrite", line: 9, column: 17, endLine: 9, endColumn: 117, suggestions: [] },
        { messageId: "dependentWrite", line: 10, column: 17, endLine: 10, endColumn: 105, suggestions: [] },
      ],
    },
  ],
});
