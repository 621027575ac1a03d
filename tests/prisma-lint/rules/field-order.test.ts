import rule from "../../../prisma-lint/rules/field-order.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const LEADING = ["tenantId", "id", "createdAt", "updatedAt", "..."];
const SURROUNDING = ["tenantId", "id", "...", "createdAt", "updatedAt"];

createSchemaRuleTester().run("field-order", rule, {
  valid: [
    {
      name: "their docs, order [tenantId, id, createdAt, updatedAt, ...]: missing names are skipped",
      code: prisma`
        model User {
          tenantId String
          id       String @id
          email    String
        }

        model Account {
          tenantId  String
          id        String   @id
          createdAt DateTime
          email     String
        }
      `,
      options: [{ order: LEADING }],
    },
    {
      name: "their docs, order [tenantId, id, ..., createdAt, updatedAt]",
      code: prisma`
        model User {
          tenantId  String
          id        String
          email     String
          createdAt DateTime
          updatedAt DateTime
        }

        model Account {
          tenantId  String
          id        String
          email     String
          createdAt DateTime
        }
      `,
      options: [{ order: SURROUNDING }],
    },
    {
      name: "no order configured; views are not models; block attributes do not count",
      code: prisma`
        model User {
          email String
          id    String @id

          @@index([email])
        }
      `,
    },
  ],
  invalid: [
    {
      name: "their docs: tenantId last, with order [tenantId, id, createdAt, updatedAt, ...]",
      code: prisma`
        model User {
          id       String @id
          email    String
          tenantId String
        }
      `,
      options: [{ order: LEADING }],
      errors: [
        {
          messageId: "outOfOrder",
          data: { model: "User", order: "`tenantId`, `id`, …" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 11,
        },
      ],
    },
    {
      name: "their docs: createdAt before email, with order [tenantId, id, ..., createdAt, updatedAt]",
      code: prisma`
        model User {
          id        String @id
          createdAt DateTime
          email     String
        }
      `,
      options: [{ order: SURROUNDING }],
      errors: [{ messageId: "outOfOrder", data: { model: "User", order: "`id`, …, `createdAt`" }, line: 1, column: 7, endLine: 1, endColumn: 11 }],
    },
    {
      name: "two named fields swapped behind a wildcard",
      code: prisma`
        model User {
          id        String   @id
          updatedAt DateTime
          createdAt DateTime
        }
      `,
      options: [{ order: ["id", "...", "createdAt", "updatedAt"] }],
      errors: [{ messageId: "outOfOrder", line: 1, column: 7, endLine: 1, endColumn: 11 }],
    },
    {
      name: "without a wildcard, other fields are not allowed",
      code: prisma`
        model Tag {
          id   String @id
          name String
        }
      `,
      options: [{ order: ["id"] }],
      errors: [{ messageId: "outOfOrder", data: { model: "Tag", order: "`id`" }, line: 1, column: 7, endLine: 1, endColumn: 10 }],
    },
  ],
});
