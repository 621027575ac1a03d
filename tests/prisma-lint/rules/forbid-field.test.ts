import rule from "../../../prisma-lint/rules/forbid-field.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("forbid-field", rule, {
  valid: [
    {
      name: 'forbid ["id"] (their docs: uuid)',
      code: prisma`
        model Product {
          uuid String @id
        }
      `,
      options: [{ forbid: ["id"] }],
    },
    {
      name: "their docs: a pattern with a negative lookahead",
      code: prisma`
        model Product {
          id            String @id
          priceAmountD6 Int
        }
      `,
      options: [{ forbid: ["/^(?!.*[aA]mountD6$).*D6$/"] }],
    },
    {
      name: "nothing forbidden; a parameterized ignore comment; enums are not models",
      code: prisma`
        model Product {
          /// prisma-lint-ignore-model forbid-field id
          id String @id
        }

        enum id {
          a
        }
      `,
      options: [{ forbid: ["id"] }],
    },
  ],
  invalid: [
    {
      name: 'forbid ["id"] (their docs)',
      code: prisma`
        model Product {
          id String
        }
      `,
      options: [{ forbid: ["id"] }],
      errors: [{ messageId: "forbidden", data: { name: "id", entries: "`id`" }, line: 2, column: 3, endLine: 2, endColumn: 5 }],
    },
    {
      name: "their docs: priceD6 matches the pattern; a pattern with flags",
      code: prisma`
        model Product {
          id      Int
          priceD6 Int
          Legacy_Code String
        }
      `,
      options: [{ forbid: ["/^(?!.*[aA]mountD6$).*D6$/", "/^legacy/i"] }],
      errors: [
        { messageId: "forbidden", data: { name: "priceD6", entries: "`/^(?!.*[aA]mountD6$).*D6$/`" }, line: 3, column: 3, endLine: 3, endColumn: 10 },
        { messageId: "forbidden", data: { name: "Legacy_Code", entries: "`/^legacy/i`" }, line: 4, column: 3, endLine: 4, endColumn: 14 },
      ],
    },
  ],
});
