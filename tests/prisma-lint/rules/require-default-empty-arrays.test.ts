import rule from "../../../prisma-lint/rules/require-default-empty-arrays.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("require-default-empty-arrays", rule, {
  valid: [
    {
      name: "@default([]) (their docs)",
      code: prisma`
        model Post {
         tags String[] @default([])
        }
      `,
    },
    {
      name: "a non-empty default is a default too; relation lists cannot have one",
      code: prisma`
        enum Role {
          USER
          ADMIN
        }

        model User {
          id    String  @id
          roles Role[]  @default([USER])
          posts Post[]
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
    },
    {
      name: "composite type lists and fields that are not lists",
      code: prisma`
        type Photo {
          url String
        }

        model Product {
          id     String  @id
          photos Photo[]
          name   String
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a scalar list without a default (their docs), fixed",
      code: prisma`
        model Post {
          tags String[]
        }
      `,
      output: prisma`
        model Post {
          tags String[] @default([])
        }
      `,
      errors: [{ messageId: "missingDefault", data: { name: "tags" }, line: 2, column: 3, endLine: 2, endColumn: 7 }],
    },
    {
      name: "an enum list, and a list with other attributes and a trailing comment",
      code: prisma`
        enum Flag {
          BETA
        }

        model Account {
          id    String @id
          flags Flag[]
          ips   String[] @db.Inet // allow-list
        }
      `,
      output: prisma`
        enum Flag {
          BETA
        }

        model Account {
          id    String @id
          flags Flag[] @default([])
          ips   String[] @db.Inet @default([]) // allow-list
        }
      `,
      errors: [
        { messageId: "missingDefault", line: 7, column: 3, endLine: 7, endColumn: 8 },
        { messageId: "missingDefault", line: 8, column: 3, endLine: 8, endColumn: 6 },
      ],
    },
  ],
});
