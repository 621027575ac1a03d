import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";
import { prisma } from "./schema-rule-tester.js";

const linter = new Linter({ configType: "flat" });

/** Lints a schema under ESLint with these rules on; returns `rule line` per finding. */
function lint(code: string, rules: Linter.RulesRecord, namespace = "backend-architect"): string[] {
  const namespaced = Object.fromEntries(Object.entries(rules).map(([id, entry]) => [`${namespace}/${id}`, entry]));
  const messages = linter.verify(
    code,
    [{ files: ["**/*.prisma"], plugins: { [namespace]: plugin }, language: `${namespace}/prisma`, rules: namespaced }],
    { filename: "schema.prisma" },
  );
  expect(messages.filter((m) => !m.ruleId)).toEqual([]);
  return messages.map((m) => `${m.ruleId!.slice(namespace.length + 1)} ${m.line}`);
}

const CAMEL: Linter.RulesRecord = { "field-name-camel-case": "error" };

describe("/// prisma-lint-ignore-* comments of the prisma-lint package, under ESLint", () => {
  it("prisma-lint-ignore-model: no rule reports inside the model", () => {
    const code = prisma`
      model users {
        /// prisma-lint-ignore-model
        user_name String
      }

      model posts {
        post_title String
      }
    `;
    expect(lint(code, { ...CAMEL, "model-name-grammatical-number": "error" })).toEqual([
      "model-name-grammatical-number 6",
      "field-name-camel-case 7",
    ]);
  });

  it("prisma-lint-ignore-model <rule>: only that rule, in that model; other rules still report", () => {
    const code = prisma`
      model users {
        /// prisma-lint-ignore-model model-name-grammatical-number
        /// prisma-lint-ignore-model require-field-type
        user_name String
      }
    `;
    expect(lint(code, { ...CAMEL, "model-name-grammatical-number": "error" })).toEqual(["field-name-camel-case 4"]);
  });

  it("prisma-lint-ignore-model <rule> a,b: the fields listed", () => {
    const code = prisma`
      model Post {
        /// prisma-lint-ignore-model forbid-field legacyId, oldTitle
        legacyId String
        oldTitle String
        oldBody  String
      }
    `;
    expect(lint(code, { "forbid-field": ["error", { forbid: ["/^(legacy|old)/"] }] })).toEqual(["forbid-field 5"]);
  });

  it("prisma-lint-ignore-field: the rules named, separated by spaces or commas, or every rule", () => {
    const code = prisma`
      model User {
        /// prisma-lint-ignore-field field-name-camel-case
        user_name String
        /// prisma-lint-ignore-field other-rule,field-name-camel-case
        user_email String
        /// prisma-lint-ignore-field
        user_phone String
        /// prisma-lint-ignore-field forbid-field
        user_city String
        user_zip String
      }
    `;
    expect(lint(code, CAMEL)).toEqual(["field-name-camel-case 9", "field-name-camel-case 10"]);
  });

  it("prisma-lint-ignore-field: through other /// lines, not through a blank line, a // comment or a field", () => {
    const code = prisma`
      model User {
        /// The user's name.
        /// prisma-lint-ignore-field field-name-camel-case
        /// Shown on the profile.
        user_name String

        /// prisma-lint-ignore-field field-name-camel-case

        user_email String
        /// prisma-lint-ignore-field field-name-camel-case
        // a note
        user_phone String
        /// prisma-lint-ignore-field field-name-camel-case
        id String @id
        user_city String
        user_zip String
        /// prisma-lint-ignore-field field-name-camel-case
      }
    `;
    expect(lint(code, CAMEL)).toEqual(["field-name-camel-case 9", "field-name-camel-case 12", "field-name-camel-case 15", "field-name-camel-case 16"]);
  });

  it("rule names are case-sensitive; their rule names mean ours (require-field-index)", () => {
    const code = prisma`
      datasource db {
        provider = "postgresql"
      }

      model Post {
        /// prisma-lint-ignore-model require-field-index
        author   User   @relation(fields: [authorId], references: [id])
        authorId String
        /// prisma-lint-ignore-field Field-Name-Camel-Case
        post_title String
      }
    `;
    expect(lint(code, { ...CAMEL, "require-foreign-key-index": "error" })).toEqual(["field-name-camel-case 10"]);
  });

  it("prisma-lint-ignore-enum: all rules, one rule, or values", () => {
    const code = prisma`
      enum status {
        /// prisma-lint-ignore-enum
        Active
      }

      enum role {
        /// prisma-lint-ignore-enum enum-name-pascal-case
        Admin
      }

      enum Kind {
        /// prisma-lint-ignore-enum enum-value-case Special
        Special
        Other
      }
    `;
    expect(lint(code, { "enum-name-pascal-case": "error", "enum-value-case": "error" })).toEqual(["enum-value-case 8", "enum-value-case 14"]);
  });

  it("a model comment does not work in an enum, nor an enum comment in a model", () => {
    const code = prisma`
      enum role {
        /// prisma-lint-ignore-model
        admin
      }

      model users {
        /// prisma-lint-ignore-enum
        id String @id
      }
    `;
    expect(lint(code, { "enum-name-pascal-case": "error", "model-name-grammatical-number": "error" })).toEqual([
      "enum-name-pascal-case 1",
      "model-name-grammatical-number 6",
    ]);
  });

  it("our own rules are suppressed too, also under a renamed plugin namespace", () => {
    const code = prisma`
      model Tag {
        /// prisma-lint-ignore-model require-timestamps
        id String @id
      }
    `;
    expect(lint(code, { "require-timestamps": "error", "require-id": "error" }, "arch")).toEqual([]);
  });

  it("eslint-disable comments keep working beside them", () => {
    const code = prisma`
      model User {
        // eslint-disable-next-line backend-architect/field-name-camel-case
        user_name String
        /// prisma-lint-ignore-field
        user_email String
      }
    `;
    expect(lint(code, CAMEL)).toEqual([]);
  });
});
