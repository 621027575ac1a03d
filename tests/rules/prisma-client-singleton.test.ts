import rule from "../../lib/rules/prisma-client-singleton.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("prisma-client-singleton", rule, {
  valid: [
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
      name: "strict: module-level client without globalThis cache",
      filename: "lib/prisma.ts",
      options: [{ requireGlobalCache: true }],
      code: `
import { PrismaClient } from "@prisma/client";
export const prisma = new PrismaClient();
      `,
      errors: [{ messageId: "missingGlobalCache", line: 3, column: 23, endLine: 3, endColumn: 41 }],
    },
  ],
});
