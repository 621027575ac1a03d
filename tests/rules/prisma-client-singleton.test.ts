import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import rule from "../../lib/rules/prisma-client-singleton.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

/** A worker package: its own Node process (`tsx watch`), no Next.js. */
const WORKER = fs.mkdtempSync(path.join(os.tmpdir(), "singleton-worker-"));
fs.writeFileSync(
  path.join(WORKER, "package.json"),
  JSON.stringify({ name: "@acme/worker", scripts: { dev: "tsx watch index.ts", start: "tsx index.ts" }, dependencies: { "@prisma/client": "6.0.0" } }),
);
fs.mkdirSync(path.join(WORKER, "lib"));
/** An API server package: NestJS or Express, no Next.js (run by `nest start --watch` or nodemon). */
const API = fs.mkdtempSync(path.join(os.tmpdir(), "singleton-api-"));
fs.writeFileSync(path.join(API, "package.json"), JSON.stringify({ name: "api", scripts: { start: "nest start" }, dependencies: { "@nestjs/core": "11.0.0" } }));
fs.mkdirSync(path.join(API, "src"));
const EXPRESS = fs.mkdtempSync(path.join(os.tmpdir(), "singleton-express-"));
fs.writeFileSync(path.join(EXPRESS, "package.json"), JSON.stringify({ name: "server", dependencies: { express: "5.0.0", "@prisma/client": "6.0.0" } }));
fs.mkdirSync(path.join(EXPRESS, "src"));

ruleTester.run("prisma-client-singleton", rule, {
  valid: [
    {
      name: "the entry point of a worker thread, called once at its top level (also an IIFE there)",
      filename: "src/worker/previews.ts",
      code: `
import { PrismaClient } from "@prisma/client";
import { isMainThread, workerData } from "node:worker_threads";

async function run() {
  const prisma = new PrismaClient();
  for (const id of workerData.fileIds as string[]) {
    await prisma.file.update({ where: { id }, data: { previewReady: true } });
  }
  await prisma.$disconnect();
  process.exit(0);
}

if (!isMainThread) {
  void run();
}

(async () => {
  const client = new PrismaClient();
  await client.$connect();
})();
      `,
    },
    {
      name: "requireGlobalCache: a worker run by tsx watch restarts its process, nothing to cache across reloads",
      filename: path.join(WORKER, "lib/getLinkBatch.ts"),
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        export const nextBatch = () => prisma.link.findMany({ take: 50 });
      `,
      options: [{ requireGlobalCache: true }],
    },
    {
      name: "requireGlobalCache: a NestJS or Express server package runs as its own process",
      filename: path.join(API, "src/prisma.service.ts"),
      code: `
        import { PrismaClient } from "@prisma/client";
        export const prisma = new PrismaClient();
      `,
      options: [{ requireGlobalCache: true }],
    },
    {
      name: "requireGlobalCache: an Express API package (nodemon restarts the process)",
      filename: path.join(EXPRESS, "src/db.ts"),
      code: `
        import { PrismaClient } from "@prisma/client";
        export const prisma = new PrismaClient();
      `,
      options: [{ requireGlobalCache: true }],
    },
    {
      name: "module-level client in lib/prisma.ts",
      filename: "lib/prisma.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        export const prisma = new PrismaClient();
      `,
    },
    {
      name: "the Next.js globalThis pattern, also under strict",
      filename: "lib/prisma.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
        export const prisma = globalForPrisma.prisma ?? new PrismaClient();
        if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
      `,
    },
    {
      name: "T3 factory called once at module level",
      filename: "src/server/db.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        const createPrismaClient = () =>
          new PrismaClient({ log: process.env.NODE_ENV === "development" ? ["query", "error", "warn"] : ["error"] });
        const globalForPrisma = globalThis as unknown as { prisma: ReturnType<typeof createPrismaClient> | undefined };
        export const db = globalForPrisma.prisma ?? createPrismaClient();
        if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
      `,
    },
    {
      name: "prismaClientSingleton() factory with $extends",
      filename: "lib/db.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const prismaClientSingleton = () => {
          return new PrismaClient().$extends({ result: {} });
        };
        declare const globalThis: { prismaGlobal: ReturnType<typeof prismaClientSingleton> } & typeof global;
        const prisma = globalThis.prismaGlobal ?? prismaClientSingleton();
        export default prisma;
        if (process.env.NODE_ENV !== "production") globalThis.prismaGlobal = prisma;
      `,
    },
    {
      name: "lazy singleton in a module-level variable",
      filename: "lib/prisma.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        let client: PrismaClient | undefined;
        export function getPrisma() {
          if (!client) client = new PrismaClient();
          return client;
        }
      `,
    },
    {
      name: "lazy singleton with ??= on globalThis",
      filename: "lib/prisma.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        export function getPrisma() {
          return (globalThis.__prisma ??= new PrismaClient());
        }
      `,
    },
    {
      name: "local variable stored on global before use",
      filename: "lib/prisma.js",
      code: `
        const { PrismaClient } = require("@prisma/client");
        function init() {
          const client = new PrismaClient();
          global.prisma = client;
        }
        init();
      `,
    },
    {
      name: "replica client handed to an extension whose result is cached (umami)",
      filename: "src/lib/prisma.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        import { readReplicas } from "@prisma/extension-read-replicas";
        function getClient() {
          const baseClient = new PrismaClient();
          const replicaClient = new PrismaClient({ datasourceUrl: process.env.DATABASE_REPLICA_URL });
          replicaClient.$on("query", console.log);
          const extended = baseClient.$extends(readReplicas({ replicas: [replicaClient] }));
          globalThis[PRISMA] ??= extended;
          return extended;
        }
        const client = globalThis[PRISMA] || getClient();
        export default client;
      `,
    },
    {
      name: "exported factory with no call here cannot be judged",
      filename: "packages/db/src/client.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        export function createPrismaClient(url: string) {
          return new PrismaClient({ datasourceUrl: url });
        }
      `,
    },
    {
      name: "NestJS-style instance field: a singleton if the service is one",
      filename: "src/prisma/prisma.service.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        export class PrismaService {
          client: PrismaClient;
          constructor() {
            this.client = new PrismaClient();
          }
        }
      `,
    },
    {
      name: "static holder in a static block",
      filename: "lib/prisma.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        export class Db {
          static client: PrismaClient;
          static { Db.client = new PrismaClient(); }
        }
      `,
    },
    {
      name: "seed script is ignored by default",
      filename: "prisma/seed.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        async function main() {
          const prisma = new PrismaClient();
          await prisma.user.create({ data: { email: "a@example.com" } });
        }
        main();
      `,
    },
    {
      name: "test file is ignored by default",
      filename: "app/api/users/route.test.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        beforeAll(() => { const prisma = new PrismaClient(); });
      `,
    },
    {
      name: "a client for a database URL known only at run time: a test container, a probe of another server",
      filename: "packages/testing/src/containers.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        export async function createDatabase(baseUri: string, name: string) {
          const admin = new PrismaClient({ datasources: { db: { url: withDatabase(baseUri, "postgres") } } });
          try {
            await admin.$executeRawUnsafe(\`CREATE DATABASE "\${name}"\`);
          } finally {
            await admin.$disconnect();
          }
        }
        export async function fingerprint(config: { url: string }) {
          const client = new PrismaClient({ datasourceUrl: config.url });
          return client.$queryRaw\`SELECT current_database()\`;
        }
      `,
    },
    {
      name: "a factory cached in a static field of a module-level class, and on globalThis in development",
      filename: "packages/shared/src/db.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        export class ClientHolder {
          private static instance: PrismaClient;
          static get(): PrismaClient {
            if (!ClientHolder.instance) ClientHolder.instance = makeClient();
            return ClientHolder.instance;
          }
        }
        const makeClient = () => {
          const client = new PrismaClient({ log: ["error"] });
          client.$on("error", (e) => console.error(e));
          return client;
        };
        declare const globalThis: { prismaDev?: PrismaClient };
        if (process.env.NODE_ENV === "development") globalThis.prismaDev ??= makeClient();
        export const prisma = globalThis.prismaDev ?? ClientHolder.get();
      `,
    },
    {
      name: "a client per tenant kept in a module-level Map through a local",
      filename: "lib/tenant-db.ts",
      code: `
        import { PrismaClient } from "@prisma/client";
        const clients = new Map<string, PrismaClient>();
        export function tenantClient(tenant: string) {
          let client = clients.get(tenant);
          if (!client) {
            client = new PrismaClient();
            clients.set(tenant, client);
          }
          return client;
        }
      `,
    },
    {
      name: "strict: Playwright seeds, integration harnesses and benchmarks are ignored by default",
      filename: "apps/web/playwright/seed.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        export const prisma = new PrismaClient();
      `,
    },
    {
      name: "strict: an integration harness client",
      filename: "apps/web/integration/db.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "../generated/prisma-test/client";
        export const prisma = new PrismaClient({ adapter });
      `,
    },
    {
      name: "strict: a seed module outside prisma/",
      filename: "packages/database/src/seed.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function main() {
          await prisma.user.upsert({ where: { email: "admin@example.com" }, create: { email: "admin@example.com" }, update: {} });
        }
        main().finally(() => prisma.$disconnect());
      `,
    },
    {
      name: "strict: a module-level client over an HTTP driver adapter holds no pool to leak",
      filename: "lib/prisma/edge.ts",
      options: [{ requireGlobalCache: true }],
      code: `
        import { Client } from "@planetscale/database";
        import { PrismaPlanetScale } from "@prisma/adapter-planetscale";
        import { PrismaClient } from "@prisma/client";
        const client = new Client({ url: process.env.DATABASE_URL });
        const adapter = new PrismaPlanetScale(client);
        export const prismaEdge = new PrismaClient({ adapter });
      `,
    },
    {
      name: "strict: a test-data seed script run by hand, whatever the ignore globs say (it calls itself and disconnects)",
      filename: "packages/database/manual-data/testing-data/load-demo-assets.ts",
      options: [{ requireGlobalCache: true, ignore: [] }],
      code: `
        import { PrismaClient } from "@prisma/client";
        const prisma = new PrismaClient();
        async function loadDemoAssets() {
          const owner = await prisma.user.findFirst({ where: { email: process.env.ADMIN_EMAIL } });
          if (!owner) throw new Error("Run the app once and sign up first");
          await prisma.asset.createMany({ data: [{ title: "Laptop", userId: owner.id }] });
        }
        loadDemoAssets()
          .catch((error) => {
            console.error(error);
            process.exit(1);
          })
          .finally(async () => {
            await prisma.$disconnect();
          });
      `,
    },
    {
      name: "strict: a seed file by its name (testing-data-seed.ts), with custom ignore globs",
      filename: "packages/database/testing-data/testing-data-seed.ts",
      options: [{ requireGlobalCache: true, ignore: ["**/*.test.ts"] }],
      code: `
        import { PrismaClient } from "@prisma/client";
        export const prisma = new PrismaClient();
        export async function seedOrganizations(count: number) {
          for (let i = 0; i < count; i++) await prisma.organization.create({ data: { name: \`Org \${i}\` } });
        }
      `,
    },
    {
      name: "a class that is not Prisma's",
      filename: "app/api/users/route.ts",
      code: `
        import { Client } from "pg";
        export async function GET() {
          const client = new Client();
          return Response.json({});
        }
      `,
    },
  ],
  invalid: [
    {
      name: "client created in a route handler",
      filename: "app/api/users/route.ts",
      code: `
import { PrismaClient } from "@prisma/client";
export async function GET() {
  const prisma = new PrismaClient();
  const users = await prisma.user.findMany();
  return Response.json(users);
}
      `,
      errors: [{ messageId: "clientPerCall", line: 4, column: 18, endLine: 4, endColumn: 36 }],
    },
    {
      name: "client created in a server action, aliased import",
      filename: "app/actions.ts",
      code: `
"use server";
import { PrismaClient as Client } from "@/generated/prisma/client";
export async function createPost(title: string) {
  await new Client().post.create({ data: { title } });
}
      `,
      errors: [{ messageId: "clientPerCall", line: 5, column: 9, endLine: 5, endColumn: 21 }],
    },
    {
      name: "factory called per request",
      filename: "lib/db.ts",
      code: `
import { PrismaClient } from "@prisma/client";
function createClient() {
  return new PrismaClient();
}
export async function getUser(id: string) {
  const db = createClient();
  return db.user.findUnique({ where: { id } });
}
      `,
      errors: [{ messageId: "clientPerCall", line: 4, column: 10, endLine: 4, endColumn: 28 }],
    },
    {
      name: "the app's own database URL from the environment, per request",
      filename: "app/api/reports/route.ts",
      code: `
import { PrismaClient } from "@prisma/client";
import { env } from "@/env";
export async function GET() {
  const prisma = new PrismaClient({ datasources: { db: { url: process.env.DATABASE_URL } } });
  const replica = new PrismaClient({ datasourceUrl: env.REPLICA_URL });
  try {
    return Response.json(await prisma.report.count() + await replica.report.count());
  } finally {
    await prisma.$disconnect();
  }
}
      `,
      errors: [
        { messageId: "clientPerCall", line: 5, column: 18, endLine: 5, endColumn: 94 },
        { messageId: "clientPerCall", line: 6, column: 19, endLine: 6, endColumn: 71 },
      ],
    },
    {
      name: "a client kept in a local that is only used here",
      filename: "lib/stats.ts",
      code: `
import { PrismaClient } from "@prisma/client";
export async function countUsers() {
  let client: PrismaClient;
  client = new PrismaClient();
  return client.user.count();
}
      `,
      errors: [{ messageId: "clientPerCall", line: 5, column: 12, endLine: 5, endColumn: 30 }],
    },
    {
      name: "ignore option narrowed: scripts linted too",
      filename: "scripts/backfill.ts",
      options: [{ ignore: [] }],
      code: `
import { PrismaClient } from "@prisma/client";
export async function run() {
  const prisma = new PrismaClient();
  await prisma.user.count();
}
      `,
      errors: [{ messageId: "clientPerCall", line: 4, column: 18, endLine: 4, endColumn: 36 }],
    },
    {
      name: "strict: a module-level client over a pooling adapter",
      filename: "packages/db/src/client.ts",
      options: [{ requireGlobalCache: true }],
      code: `
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
export const prisma = new PrismaClient({ adapter });
      `,
      errors: [{ messageId: "missingGlobalCache", line: 5, column: 23, endLine: 5, endColumn: 52 }],
    },
    {
      name: "strict: module-level client without globalThis cache",
      filename: "lib/prisma.ts",
      options: [{ requireGlobalCache: true }],
      code: `
import { PrismaClient } from "@prisma/client";
export const prisma = new PrismaClient();
      `,
      errors: [{ messageId: "missingGlobalCache", line: 3, column: 23, endLine: 3, endColumn: 41 }],
    },
    {
      name: "strict: a module that seeds on demand from a route is not a script (it does not call itself)",
      filename: "lib/demo-data.ts",
      options: [{ requireGlobalCache: true }],
      code: `
import { PrismaClient } from "@prisma/client";
const prisma = new PrismaClient();
export async function main(workspaceId: string) {
  await prisma.project.create({ data: { workspaceId, name: "Demo project" } });
}
      `,
      errors: [{ messageId: "missingGlobalCache", line: 3, column: 16, endLine: 3, endColumn: 34 }],
    },
    {
      name: "an entry point that is exported, or also called from a handler or a loop, runs more than once",
      filename: "src/worker/sync.ts",
      code: `
import { PrismaClient } from "@prisma/client";

export async function start() {
  const prisma = new PrismaClient();
  await prisma.job.deleteMany({ where: { done: true } });
}
start();

async function tick() {
  const prisma = new PrismaClient();
  await prisma.job.count();
}
tick();
setInterval(() => tick(), 60_000);

async function drain(queue: string) {
  const prisma = new PrismaClient();
  await prisma.job.deleteMany({ where: { queue } });
}
for (const queue of ["a", "b"]) drain(queue);
      `,
      errors: [
        { messageId: "clientPerCall", line: 5, column: 18, endLine: 5, endColumn: 36 },
        { messageId: "clientPerCall", line: 11, column: 18, endLine: 11, endColumn: 36 },
        { messageId: "clientPerCall", line: 18, column: 18, endLine: 18, endColumn: 36 },
      ],
    },
  ],
});
