import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";

/** One rule id, two languages: the rule picks the implementation for the file's language. */
describe("rule ids shared by the Prisma and SQL languages", () => {
  const linter = new Linter({ configType: "flat" });
  const rules: Linter.RulesRecord = {
    "backend-architect/require-id": "error",
    "backend-architect/require-timestamps": ["error", { ignoreModels: ["Audit*", "audit_*"] }],
  };
  const config: Linter.Config[] = [
    { files: ["**/*.prisma"], plugins: { "backend-architect": plugin }, language: "backend-architect/prisma", rules },
    { files: ["**/*.sql"], plugins: { "backend-architect": plugin }, language: "backend-architect/sql", rules },
  ];

  it("report in a schema and in a migration under the same id", () => {
    const prisma = linter.verify("model Setting {\n  key String @unique\n}\n", config, { filename: "schema.prisma" });
    const migration = linter.verify("create table public.settings (key text unique);\n", config, { filename: "1_init.sql" });
    expect(prisma.map((m) => [m.ruleId, m.messageId])).toEqual([
      ["backend-architect/require-id", "missingId"],
      ["backend-architect/require-timestamps", "missingCreatedAt"],
      ["backend-architect/require-timestamps", "missingUpdatedAt"],
    ]);
    expect(migration.map((m) => [m.ruleId, m.messageId])).toEqual([
      ["backend-architect/require-id", "uniqueKeyInsteadOfPrimaryKey"],
      ["backend-architect/require-timestamps", "missingCreatedAtColumn"],
      ["backend-architect/require-timestamps", "missingUpdatedAtColumn"],
    ]);
  });

  it("read one set of options, each language the keys it knows", () => {
    expect(linter.verify("model AuditEntry {\n  id String @id\n}\n", config, { filename: "schema.prisma" })).toEqual([]);
    expect(linter.verify("create table public.audit_entries (id uuid primary key);\n", config, { filename: "1.sql" })).toEqual([]);
  });

  it("share options that both languages implement: forNames names a field and its column", () => {
    const fkRules: Linter.RulesRecord = { "backend-architect/require-foreign-key-index": ["error", { forNames: ["tenantId"] }] };
    const fkConfig: Linter.Config[] = config.map((block) => ({ ...block, rules: fkRules }));
    const schema = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\nmodel Invoice {\n  id String @id\n  tenantId String\n}\n';
    const prisma = linter.verify(schema, fkConfig, { filename: "schema.prisma" });
    const migration = linter.verify("create table public.invoices (id uuid primary key, tenant_id uuid not null);\n", fkConfig, {
      filename: "1_init.sql",
    });
    expect(prisma.map((m) => m.messageId)).toEqual(["missingFieldIndex"]);
    expect(migration.map((m) => m.messageId)).toEqual(["unindexedColumn"]);
  });

  it("declare both languages, and options and messages of both", () => {
    const rule = plugin.rules["require-timestamps"]!;
    expect(rule.meta?.languages).toEqual(["backend-architect/prisma", "backend-architect/sql"]);
    expect(Object.keys(rule.meta?.messages ?? {})).toEqual(expect.arrayContaining(["missingCreatedAt", "missingCreatedAtColumn"]));
    const [schema] = rule.meta?.schema as Array<{ properties: Record<string, unknown> }>;
    expect(Object.keys(schema!.properties)).toEqual(expect.arrayContaining(["createdAt", "ignoreJoinTables", "requireTimestamptz"]));
  });
});
