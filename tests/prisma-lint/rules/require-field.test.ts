import rule from "../../../prisma-lint/rules/require-field.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("require-field", rule, {
  valid: [
    {
      name: 'require ["id"] (their docs)',
      code: prisma`
        model User {
          id Int @id
        }
      `,
      options: [{ require: ["id"] }],
    },
    {
      name: 'ifSibling "/mountD6$/" (their docs: currencyCode beside priceAmountD6); no sibling, no requirement',
      code: prisma`
        model Product {
          currencyCode  String
          priceAmountD6 Int
        }

        model Tag {
          name String
        }
      `,
      options: [{ require: [{ name: "currencyCode", ifSibling: "/mountD6$/" }] }],
    },
    {
      name: "ifNoSibling: tenantlessEnv is required only when there is no tenantQid",
      code: prisma`
        model Invoice {
          tenantQid String
        }

        model FeatureFlag {
          tenantlessEnv String
        }
      `,
      options: [{ require: [{ name: "tenantlessEnv", ifNoSibling: "tenantQid" }] }],
    },
    {
      name: "a parameterized ignore comment lists names not required in this model (their docs); enums and views are not models",
      code: prisma`
        model User {
          /// prisma-lint-ignore-model require-field revisionNumber,revisionCreatedAt
          id String @id
        }

        view UserStats {
          count Int @unique
        }
      `,
      options: [{ require: ["id", "revisionNumber", "revisionCreatedAt"] }],
    },
  ],
  invalid: [
    {
      name: 'require ["id"] (their docs)',
      code: prisma`
        model User {
          name String
        }
      `,
      options: [{ require: ["id"] }],
      errors: [{ messageId: "missingFields", data: { model: "User", fields: "`id`", them: "it" }, line: 1, column: 7, endLine: 1, endColumn: 11 }],
    },
    {
      name: "ifSibling (their docs: priceAmountD6 without currencyCode), several missing fields in one report",
      code: prisma`
        model Product {
          priceAmountD6 Int
        }
      `,
      options: [{ require: ["id", "tenantId", { name: "currencyCode", ifSibling: "/mountD6$/" }] }],
      errors: [
        {
          messageId: "missingFields",
          data: { model: "Product", fields: "`id`, `tenantId` or `currencyCode`", them: "them" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 14,
        },
      ],
    },
    {
      name: "ifNoSibling and ifSibling together; the ignore comment names only some",
      code: prisma`
        model Report {
          /// prisma-lint-ignore-model require-field revisionNumber
          amount Int
        }
      `,
      options: [{ require: ["revisionNumber", { name: "currency", ifSibling: "amount", ifNoSibling: "currencyCode" }] }],
      errors: [{ messageId: "missingFields", data: { model: "Report", fields: "`currency`", them: "it" }, line: 1, column: 7, endLine: 1, endColumn: 13 }],
    },
  ],
});
