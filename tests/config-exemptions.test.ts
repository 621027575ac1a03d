import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";

const linter = new Linter({ configType: "flat" });
const code = `
import { prisma } from "@/lib/prisma";
export async function load() {
  const users = await prisma.user.count();
  const posts = await prisma.post.count();
  return { users, posts };
}
`;

function ruleIds(config: "recommended" | "strict" | "all", filename: string): string[] {
  const messages = linter.verify(code, [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, ...plugin.configs[config]], { filename });
  return messages.map((m) => m.ruleId ?? m.message);
}

describe("file exemptions in the configs", () => {
  it("strict runs prefer-parallel-queries on application code", () => {
    expect(ruleIds("strict", "app/api/stats/route.ts")).toEqual(["backend-architect/prefer-parallel-queries"]);
  });

  it("strict leaves tests and one-off scripts alone", () => {
    for (const filename of ["app/api/stats/route.test.ts", "src/__tests__/stats.ts", "scripts/backfill.ts", "prisma/seed.ts"]) {
      expect(ruleIds("strict", filename), filename).toEqual([]);
    }
  });

  it("all keeps every rule everywhere", () => {
    expect(ruleIds("all", "scripts/backfill.ts")).toEqual(["backend-architect/prefer-parallel-queries"]);
  });

  it("recommended does not run the strict rule", () => {
    expect(ruleIds("recommended", "app/api/stats/route.ts")).toEqual([]);
  });
});
