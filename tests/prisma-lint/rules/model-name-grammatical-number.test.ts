import rule from "../../../prisma-lint/rules/model-name-grammatical-number.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("model-name-grammatical-number", rule, {
  valid: [
    {
      name: 'style "singular" (their docs: User); PascalCase names read by their last word',
      code: prisma`
        model User {
          id String @id
        }

        model UserSetting {
          id String @id
        }

        model Status {
          id String @id
        }
      `,
      options: [{ style: "singular" }],
    },
    {
      name: 'style "plural" (their docs: Users)',
      code: prisma`
        model Users {
          id String @id
        }
      `,
      options: [{ style: "plural" }],
    },
    {
      name: "uncountable last words (Analytics, Media, News) are neither",
      code: prisma`
        model Analytics {
          id String @id
        }

        model Media {
          id String @id
        }

        model CompanyNews {
          id String @id
        }
      `,
    },
    {
      name: 'allowlist by name (their docs: UserData) and by pattern (their docs: /Data$/)',
      code: prisma`
        model UserData {
          id String @id
        }

        model TenantData {
          id String @id
        }

        model Tenant {
          id String @id
        }
      `,
      options: [{ style: "singular", allowlist: ["UserData", "/Data$/"] }],
    },
  ],
  invalid: [
    {
      name: 'style "singular" (their docs: Users); the suggestion keeps the table name and renames relation types',
      code: prisma`
        model Users {
          id    String @id
          posts Post[]
        }

        model Post {
          id       String @id
          author   Users  @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
      errors: [
        {
          messageId: "expectedSingular",
          data: { name: "Users", expected: "User" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 12,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "User" },
              output: prisma`
                model User {
                  id    String @id
                  posts Post[]

                  @@map("Users")
                }

                model Post {
                  id       String @id
                  author   User  @relation(fields: [authorId], references: [id])
                  authorId String
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'style "singular": "data" is plural (their docs: TenantData), and Users',
      code: prisma`
        model TenantData {
          id String @id
        }

        model Users {
          id String @id
          @@map("users")
        }
      `,
      options: [{ style: "singular", allowlist: ["UserData"] }],
      errors: [
        {
          messageId: "expectedSingular",
          data: { name: "TenantData", expected: "TenantDatum" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 17,
          suggestions: [
            { messageId: "rename", data: { name: "TenantDatum" }, output: 'model TenantDatum {\n  id String @id\n\n  @@map("TenantData")\n}\n\nmodel Users {\n  id String @id\n  @@map("users")\n}\n' },
          ],
        },
        {
          messageId: "expectedSingular",
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 12,
          suggestions: [
            { messageId: "rename", data: { name: "User" }, output: 'model TenantData {\n  id String @id\n}\n\nmodel User {\n  id String @id\n  @@map("users")\n}\n' },
          ],
        },
      ],
    },
    {
      name: 'style "plural" (their docs: User)',
      code: prisma`
        model User {
          id String @id
        }
      `,
      options: [{ style: "plural" }],
      errors: [
        {
          messageId: "expectedPlural",
          data: { name: "User", expected: "Users" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 11,
          suggestions: [{ messageId: "rename", data: { name: "Users" }, output: 'model Users {\n  id String @id\n\n  @@map("User")\n}\n' }],
        },
      ],
    },
  ],
});
