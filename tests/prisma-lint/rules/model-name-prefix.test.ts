import rule from "../../../prisma-lint/rules/model-name-prefix.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("model-name-prefix", rule, {
  valid: [
    {
      name: 'prefix "Db" (their docs: DbUser)',
      code: prisma`
        model DbUser {
          id String @id
        }
      `,
      options: [{ prefix: "Db" }],
    },
    {
      name: "no prefix configured: nothing to check; enums and views are not models",
      code: prisma`
        model User {
          id String @id
        }

        enum Role {
          ADMIN
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'prefix "Db" (their docs: Users)',
      code: prisma`
        model Users {
          id String @id
        }
      `,
      options: [{ prefix: "Db" }],
      errors: [
        {
          messageId: "missingPrefix",
          data: { name: "Users", prefix: "Db", expected: "DbUsers" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 12,
          suggestions: [{ messageId: "rename", data: { name: "DbUsers" }, output: 'model DbUsers {\n  id String @id\n\n  @@map("Users")\n}\n' }],
        },
      ],
    },
  ],
});
