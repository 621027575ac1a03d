import rule from "../../../prisma-lint/rules/field-name-camel-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("field-name-camel-case", rule, {
  valid: [
    {
      name: "camelCase fields (their docs: rowId), acronyms and digits included",
      code: prisma`
        model User {
          rowId       String @id
          apiKeyID    String
          oauth2Token String?
        }
      `,
    },
    {
      name: "fields of views and composite types are not checked",
      code: prisma`
        view UserStats {
          user_id String @unique
        }

        type Address {
          street_name String
        }
      `,
    },
    {
      name: "allowList (a pattern) and trimPrefix",
      code: prisma`
        model Account {
          id                  String  @id
          refresh_token       String?
          access_token        String?
          x_cachedCount       Int
        }
      `,
      options: [{ allowList: ["/_token$/"], trimPrefix: "x_" }],
    },
  ],
  invalid: [
    {
      name: "PascalCase field (their docs: RowId), renamed with @map and in the index that lists it",
      code: prisma`
        model User {
          RowId String @id
          email String

          @@index([RowId, email])
        }
      `,
      errors: [
        {
          messageId: "notCamelCase",
          data: { name: "RowId" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 8,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "rowId" },
              output: prisma`
                model User {
                  rowId String @id @map("RowId")
                  email String

                  @@index([rowId, email])
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "snake_case foreign key (their docs: row_id): the relation and the other side's references follow",
      code: prisma`
        model User {
          user_id String @id
          posts   Post[]
        }

        model Post {
          id      String @id
          author  User   @relation(fields: [user_id], references: [user_id])
          user_id String @map("author_id")
        }
      `,
      errors: [
        {
          messageId: "notCamelCase",
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 10,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "userId" },
              output: prisma`
                model User {
                  userId String @id @map("user_id")
                  posts   Post[]
                }

                model Post {
                  id      String @id
                  author  User   @relation(fields: [user_id], references: [userId])
                  user_id String @map("author_id")
                }
              `,
            },
          ],
        },
        {
          messageId: "notCamelCase",
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 10,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "userId" },
              output: prisma`
                model User {
                  user_id String @id
                  posts   Post[]
                }

                model Post {
                  id      String @id
                  author  User   @relation(fields: [userId], references: [user_id])
                  userId String @map("author_id")
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a relation field is renamed without @map (it has no column); no suggestion when the name is taken",
      code: prisma`
        model Post {
          id        String @id
          Author    User   @relation(fields: [authorId], references: [id])
          authorId  String
          Title     String
          title     String
        }
      `,
      errors: [
        {
          messageId: "notCamelCase",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 9,
          suggestions: [],
        },
        { messageId: "notCamelCase", line: 5, column: 3, endLine: 5, endColumn: 8, suggestions: [] },
      ],
    },
  ],
});
