import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";

const cwd = fileURLToPath(new URL("../examples/next-prisma-app/", import.meta.url));

/** Lints `code` as if it were the file `filePath` of a project using the recommended config. */
async function ruleIds(code: string, filePath: string, config: "recommended" | "strict" | "all" = "recommended"): Promise<string[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, ...plugin.configs[config]],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const LOOP = `
import { prisma } from "@/lib/prisma";
export async function run(ids: string[]) {
  for (const id of ids) await prisma.user.update({ where: { id }, data: { active: true } });
}
`;

const WIPE = `
import { prisma } from "@/lib/prisma";
export async function reset() {
  await prisma.session.deleteMany();
}
`;

describe("recommended config: file-scoped exemptions", () => {
  it("reports a query per loop iteration in app code", async () => {
    expect(await ruleIds(LOOP, "app/api/users/route.ts")).toEqual(["backend-architect/no-await-in-loop-query"]);
  });

  for (const file of ["prisma/seed.ts", "packages/database/src/seed.ts", "packages/db/seed/users.ts", "db/migrations/0042-backfill.ts", "migration/run.ts", "scripts/backfill.ts", "app/api/users/route.test.ts", "src/__tests__/users.ts", "apps/server/test/helpers.ts", "packages/db/tests/fixtures.ts", "e2e/setup.ts"]) {
    it(`turns no-await-in-loop-query off in ${file}`, async () => {
      expect(await ruleIds(LOOP, file)).toEqual([]);
    });
  }

  it("reports an unscoped deleteMany in app code and in one-off scripts", async () => {
    expect(await ruleIds(WIPE, "app/actions.ts")).toEqual(["backend-architect/no-unscoped-mutation"]);
    expect(await ruleIds(WIPE, "scripts/cleanup.ts")).toEqual(["backend-architect/no-unscoped-mutation"]);
  });

  for (const file of ["prisma/seed.ts", "src/seed.ts", "db/seeds/demo.ts", "lib/users.test.ts", "app/__tests__/reset.ts", "tests/setup.ts", "e2e/fixtures.ts"]) {
    it(`turns no-unscoped-mutation off in ${file}`, async () => {
      expect(await ruleIds(WIPE, file)).toEqual([]);
    });
  }

  const RAW = `
import { prisma } from "@/lib/prisma";
export async function run(name: string) {
  await prisma.$executeRawUnsafe(\`INSERT INTO "Tag" (name) VALUES ('\${name}')\`);
}
`;

  it("reports free text spliced into raw SQL in app code", async () => {
    expect(await ruleIds(RAW, "lib/tags.ts")).toEqual(["backend-architect/no-unsafe-raw-query"]);
  });

  for (const file of ["lib/tags.test.ts", "test/helpers/db.ts", "prisma/seed.ts", "apps/web/seed-deliveries.ts", "scripts/seeder/seed-postgres.ts", "scripts/backfill.ts", "packages/database/migration/20250101_fix/migration.ts"]) {
    it(`turns no-unsafe-raw-query off in ${file}, which no request reaches`, async () => {
      expect(await ruleIds(RAW, file)).toEqual([]);
    });
  }

  it("strict keeps the exemptions; all does not", async () => {
    expect(await ruleIds(WIPE, "prisma/seed.ts", "strict")).toEqual([]);
    expect(await ruleIds(WIPE, "prisma/seed.ts", "all")).toEqual(["backend-architect/no-unscoped-mutation"]);
  });
});
