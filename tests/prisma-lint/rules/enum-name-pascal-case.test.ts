import rule from "../../../prisma-lint/rules/enum-name-pascal-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("enum-name-pascal-case", rule, {
  valid: [
    {
      name: "PascalCase enum names (their docs: ExampleOptions)",
      code: prisma`
        enum ExampleOptions {
          value1
        }

        enum HTTPMethod {
          GET
        }
      `,
    },
    {
      name: "models are not enums",
      code: prisma`
        model example_options {
          id String @id
        }
      `,
    },
    {
      name: "allowList and trimPrefix",
      code: prisma`
        enum legacy_status {
          ok
        }

        enum pg_Kind {
          a
        }
      `,
      options: [{ allowList: ["legacy_status"], trimPrefix: "pg_" }],
    },
  ],
  invalid: [
    {
      name: "camelCase enum name (their docs: exampleOptions), renamed in the field types that use it",
      code: prisma`
        enum exampleOptions {
          value1
        }

        model Example {
          id     String          @id
          option exampleOptions? @default(value1)
        }
      `,
      errors: [
        {
          messageId: "notPascalCase",
          data: { name: "exampleOptions" },
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 20,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "ExampleOptions" },
              output: prisma`
                enum ExampleOptions {
                  value1

                  @@map("exampleOptions")
                }

                model Example {
                  id     String          @id
                  option ExampleOptions? @default(value1)
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "snake_case enum name (their docs: example_options)",
      code: prisma`
        enum example_options {
         value1
        }
      `,
      errors: [
        {
          messageId: "notPascalCase",
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 21,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "ExampleOptions" },
              output: prisma`
                enum ExampleOptions {
                 value1

                 @@map("example_options")
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
