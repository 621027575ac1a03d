import rule from "../../../prisma-lint/rules/enum-value-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("enum-value-case", rule, {
  valid: [
    {
      name: 'style snake (the default), their docs: value, value_1; digits may stand in a word (`sha256`)',
      code: prisma`
        enum Example {
          value
          value_1
          sha256
        }
      `,
    },
    {
      name: "style snake, case upper (their docs: VALUE, VALUE_1); `S3_PATH`, `OAUTH2` and `AUTH_2FA` are upper snake case",
      code: prisma`
        enum Example {
          VALUE
          VALUE_1
          S3_PATH
          OAUTH2
          AUTH_2FA_ENABLE
        }
      `,
      options: [{ style: "snake", case: "upper" }],
    },
    {
      name: "style camel (their docs: exampleValue, exampleValue1)",
      code: prisma`
        enum Example {
          exampleValue
          exampleValue1
        }
      `,
      options: [{ style: "camel" }],
    },
    {
      name: "style pascal (their docs: ExampleValue, ExampleValue1), a compound word",
      code: prisma`
        enum Example {
          ExampleValue
          ExampleValue1
          GraphQLQuery
        }
      `,
      options: [{ style: "pascal", compoundWords: ["GraphQL"] }],
    },
    {
      name: "allowList, trimPrefix, and a /// prisma-lint-ignore-enum comment that lists values",
      code: prisma`
        enum Example {
          /// prisma-lint-ignore-enum enum-value-case NotValidCase,AlsoFine
          NotValidCase
          AlsoFine
          LegacyValue
          x_value
        }
      `,
      options: [{ allowList: ["/^Legacy/"], trimPrefix: "x_" }],
    },
    {
      name: "their deprecated rule name in the comment means this rule",
      code: prisma`
        enum Example {
          /// prisma-lint-ignore-enum enum-value-snake-case NotSnakeCase
          NotSnakeCase
        }
      `,
    },
  ],
  invalid: [
    {
      name: "style snake: Value, VALUE and camelCase (their docs); the suggestion keeps the stored value and updates defaults",
      code: prisma`
        enum Example {
          Value
          VALUE
          camelCase
        }

        model Thing {
          id      String    @id
          example Example   @default(VALUE)
          history Example[] @default([VALUE, camelCase])
        }
      `,
      errors: [
        {
          messageId: "wrongCase",
          data: { name: "Value", style: "snake_case", expected: "value" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 8,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "value" },
              output: prisma`
                enum Example {
                  value @map("Value")
                  VALUE
                  camelCase
                }

                model Thing {
                  id      String    @id
                  example Example   @default(VALUE)
                  history Example[] @default([VALUE, camelCase])
                }
              `,
            },
          ],
        },
        {
          messageId: "wrongCase",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 8,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "value" },
              output: prisma`
                enum Example {
                  Value
                  value @map("VALUE")
                  camelCase
                }

                model Thing {
                  id      String    @id
                  example Example   @default(value)
                  history Example[] @default([value, camelCase])
                }
              `,
            },
          ],
        },
        {
          messageId: "wrongCase",
          data: { name: "camelCase", style: "snake_case", expected: "camel_case" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 12,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "camel_case" },
              output: prisma`
                enum Example {
                  Value
                  VALUE
                  camel_case @map("camelCase")
                }

                model Thing {
                  id      String    @id
                  example Example   @default(VALUE)
                  history Example[] @default([VALUE, camel_case])
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "style snake, case upper: Value, value and camelCase (their docs); a value that is already mapped keeps its @map",
      code: prisma`
        enum Example {
          Value
          value
          camelCase @map("camel")
        }
      `,
      options: [{ style: "snake", case: "upper" }],
      errors: [
        { messageId: "wrongCase", data: { name: "Value", style: "UPPER_SNAKE_CASE", expected: "VALUE" }, line: 2, column: 3, endLine: 2, endColumn: 8, suggestions: [
          { messageId: "rename", data: { name: "VALUE" }, output: 'enum Example {\n  VALUE @map("Value")\n  value\n  camelCase @map("camel")\n}\n' },
        ] },
        { messageId: "wrongCase", line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [
          { messageId: "rename", data: { name: "VALUE" }, output: 'enum Example {\n  Value\n  VALUE @map("value")\n  camelCase @map("camel")\n}\n' },
        ] },
        { messageId: "wrongCase", data: { name: "camelCase", style: "UPPER_SNAKE_CASE", expected: "CAMEL_CASE" }, line: 4, column: 3, endLine: 4, endColumn: 12, suggestions: [
          { messageId: "rename", data: { name: "CAMEL_CASE" }, output: 'enum Example {\n  Value\n  value\n  CAMEL_CASE @map("camel")\n}\n' },
        ] },
      ],
    },
    {
      name: "style camel: example_value, EXAMPLE_VALUE, ExampleValue (their docs); two capitals in a row",
      code: prisma`
        enum Example {
          example_value
          EXAMPLE_VALUE
          ExampleValue
          userID
        }
      `,
      options: [{ style: "camel" }],
      errors: [
        { messageId: "wrongCase", data: { name: "example_value", style: "camelCase", expected: "exampleValue" }, line: 2, column: 3, endLine: 2, endColumn: 16, suggestions: [
          { messageId: "rename", data: { name: "exampleValue" }, output: 'enum Example {\n  exampleValue @map("example_value")\n  EXAMPLE_VALUE\n  ExampleValue\n  userID\n}\n' },
        ] },
        { messageId: "wrongCase", line: 3, column: 3, endLine: 3, endColumn: 16, suggestions: [
          { messageId: "rename", data: { name: "exampleValue" }, output: 'enum Example {\n  example_value\n  exampleValue @map("EXAMPLE_VALUE")\n  ExampleValue\n  userID\n}\n' },
        ] },
        { messageId: "wrongCase", line: 4, column: 3, endLine: 4, endColumn: 15, suggestions: [
          { messageId: "rename", data: { name: "exampleValue" }, output: 'enum Example {\n  example_value\n  EXAMPLE_VALUE\n  exampleValue @map("ExampleValue")\n  userID\n}\n' },
        ] },
        { messageId: "wrongCase", data: { name: "userID", style: "camelCase", expected: "userId" }, line: 5, column: 3, endLine: 5, endColumn: 9, suggestions: [
          { messageId: "rename", data: { name: "userId" }, output: 'enum Example {\n  example_value\n  EXAMPLE_VALUE\n  ExampleValue\n  userId @map("userID")\n}\n' },
        ] },
      ],
    },
    {
      name: "style pascal: example_value, EXAMPLE_VALUE, exampleValue (their docs)",
      code: prisma`
        enum Example {
          example_value
          EXAMPLE_VALUE
          exampleValue
        }
      `,
      options: [{ style: "pascal" }],
      errors: [
        { messageId: "wrongCase", data: { name: "example_value", style: "PascalCase", expected: "ExampleValue" }, line: 2, column: 3, endLine: 2, endColumn: 16, suggestions: [
          { messageId: "rename", data: { name: "ExampleValue" }, output: 'enum Example {\n  ExampleValue @map("example_value")\n  EXAMPLE_VALUE\n  exampleValue\n}\n' },
        ] },
        { messageId: "wrongCase", line: 3, column: 3, endLine: 3, endColumn: 16, suggestions: [
          { messageId: "rename", data: { name: "ExampleValue" }, output: 'enum Example {\n  example_value\n  ExampleValue @map("EXAMPLE_VALUE")\n  exampleValue\n}\n' },
        ] },
        { messageId: "wrongCase", line: 4, column: 3, endLine: 4, endColumn: 15, suggestions: [
          { messageId: "rename", data: { name: "ExampleValue" }, output: 'enum Example {\n  example_value\n  EXAMPLE_VALUE\n  ExampleValue @map("exampleValue")\n}\n' },
        ] },
      ],
    },
    {
      name: "a /// prisma-lint-ignore-enum comment for another rule or other values does not apply",
      code: prisma`
        enum Example {
          /// prisma-lint-ignore-enum enum-value-case Other
          /// prisma-lint-ignore-enum enum-name-pascal-case
          Value
        }
      `,
      errors: [
        { messageId: "wrongCase", line: 4, column: 3, endLine: 4, endColumn: 8, suggestions: [
          { messageId: "rename", data: { name: "value" }, output: 'enum Example {\n  /// prisma-lint-ignore-enum enum-value-case Other\n  /// prisma-lint-ignore-enum enum-name-pascal-case\n  value @map("Value")\n}\n' },
        ] },
      ],
    },
  ],
});
