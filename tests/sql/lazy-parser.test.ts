import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";
import { isParserStarted } from "../../lib/sql/language/pg-parser.js";

// vitest isolates module state per test file, so this file sees a fresh parser module.
describe("the PostgreSQL parser", () => {
  const linter = new Linter({ configType: "flat" });
  const config: Linter.Config[] = [
    { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
    ...plugin.configs.recommended,
  ];

  it("is not started by importing the plugin or by linting TypeScript and Prisma files", () => {
    linter.verify('import { prisma } from "./db";\nexport const users = await prisma.user.findMany();\n', config, {
      filename: "app/api/users/route.ts",
    });
    linter.verify("model User {\n  id String @id\n}\n", config, { filename: "prisma/schema.prisma" });
    expect(isParserStarted()).toBe(false);
  });

  it("starts on the first SQL migration", () => {
    const messages = linter.verify("create table public.notes (id uuid primary key);\n", config, {
      filename: "supabase/migrations/20240101000000_notes.sql",
    });
    expect(isParserStarted()).toBe(true);
    expect(messages.map((m) => m.ruleId)).toContain("backend-architect/require-rls");
  });
});
