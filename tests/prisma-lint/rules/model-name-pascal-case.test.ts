import rule from "../../../prisma-lint/rules/model-name-pascal-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("model-name-pascal-case", rule, {
  valid: [
    {
      name: "PascalCase names, acronyms and digits included (their docs: DbUser)",
      code: prisma`
        model DbUser {
          id String @id
        }

        model APIKey {
          id String @id
        }

        model Oauth2Token {
          id String @id
        }
      `,
    },
    {
      name: "a view and an enum are not models",
      code: prisma`
        view user_stats {
          id Int @unique
        }

        enum role {
          admin
        }
      `,
    },
    {
      name: "allowList by name and by pattern",
      code: prisma`
        model legacy_users {
          id String @id
        }

        model tmp_import {
          id String @id
        }
      `,
      options: [{ allowList: ["legacy_users", "/^tmp_/"] }],
    },
    {
      name: "trimPrefix removes a prefix before the check",
      code: prisma`
        model db_User {
          id String @id
        }
      `,
      options: [{ trimPrefix: "db_" }],
    },
    {
      name: "trimPrefix as a pattern, the first matching prefix of a list",
      code: prisma`
        model v2_Account {
          id String @id
        }
      `,
      options: [{ trimPrefix: ["x_", "/^v[0-9]+_/"] }],
    },
  ],
  invalid: [
    {
      name: "camelCase model name (their docs: dbUser), renamed with a @@map that keeps the table",
      code: prisma`
        model dbUser {
          id    String @id
          posts Post[]
        }

        model Post {
          id       String  @id
          author   dbUser  @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
      errors: [
        {
          messageId: "notPascalCase",
          data: { name: "dbUser" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 13,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "DbUser" },
              output: prisma`
                model DbUser {
                  id    String @id
                  posts Post[]

                  @@map("dbUser")
                }

                model Post {
                  id       String  @id
                  author   DbUser  @relation(fields: [authorId], references: [id])
                  authorId String
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "snake_case model name (their docs: db_user) that already has a @@map",
      code: prisma`
        model db_user {
          id String @id

          @@map("users")
        }
      `,
      errors: [
        {
          messageId: "notPascalCase",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 14,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "DbUser" },
              output: prisma`
                model DbUser {
                  id String @id

                  @@map("users")
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "no suggestion when the new name is taken, or for a model in an implicit many-to-many relation",
      code: prisma`
        model post_tag {
          id String @id
        }

        model PostTag {
          id String @id
        }

        model category {
          id    String  @id
          posts Article[]
        }

        model Article {
          id         String     @id
          categories category[]
        }
      `,
      errors: [
        { messageId: "notPascalCase", line: 1, column: 7, endLine: 1, endColumn: 15, suggestions: [] },
        { messageId: "notPascalCase", line: 9, column: 7, endLine: 9, endColumn: 15, suggestions: [] },
      ],
    },
    {
      name: "trimPrefix does not apply: the whole name is checked",
      code: prisma`
        model user_account {
          id String @id
        }
      `,
      options: [{ trimPrefix: "db_" }],
      errors: [
        {
          messageId: "notPascalCase",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 19,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "UserAccount" },
              output: prisma`
                model UserAccount {
                  id String @id

                  @@map("user_account")
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
