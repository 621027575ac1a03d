import rule from "../../../prisma-lint/rules/forbid-required-ignored-field.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("forbid-required-ignored-field", rule, {
  valid: [
    {
      name: "optional, or with a default (their docs)",
      code: prisma`
        model Product {
          uuid        String   @id
          toBeRemoved String?  @ignore
          oldFlag     Boolean  @default(false) @ignore
        }
      `,
    },
    {
      name: "lists are stored as nullable columns; relation fields and Unsupported columns",
      code: prisma`
        model Product {
          id       String   @id
          tags     String[] @ignore
          shape    Unsupported("geometry") @ignore
          owner    User     @relation(fields: [ownerId], references: [id]) @ignore
          ownerId  String?
        }

        model User {
          id       String    @id
          products Product[]
        }
      `,
    },
  ],
  invalid: [
    {
      name: "required and ignored without a default (their docs)",
      code: prisma`
        model Product {
          uuid        String
          toBeRemoved String @ignore
        }
      `,
      errors: [{ messageId: "requiredIgnored", data: { name: "toBeRemoved", model: "Product" }, line: 3, column: 22, endLine: 3, endColumn: 29 }],
    },
    {
      name: "a required enum field",
      code: prisma`
        enum Plan {
          FREE
        }

        model Account {
          id   String @id
          plan Plan   @ignore
        }
      `,
      errors: [{ messageId: "requiredIgnored", line: 7, column: 15, endLine: 7, endColumn: 22 }],
    },
  ],
});
