import rule from "../../../prisma-lint/rules/require-timestamps.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const ruleTester = createSchemaRuleTester();

ruleTester.run("require-timestamps", rule, {
  valid: [
    {
      name: "both timestamps",
      code: prisma`
        model Post {
          id        String   @id @default(cuid())
          createdAt DateTime @default(now())
          updatedAt DateTime @updatedAt
        }
      `,
    },
    {
      name: "timestamps mapped to snake_case columns",
      code: prisma`
        model Post {
          id        String   @id
          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(6)
          updatedAt DateTime @updatedAt @map(name: "updated_at")
        }
      `,
    },
    {
      name: "custom field names from the options",
      code: prisma`
        model post {
          id         String   @id
          created_at DateTime @default(now())
          updated_at DateTime @updatedAt
        }
      `,
      options: [{ createdAt: "created_at", updatedAt: "updated_at" }],
    },
    {
      name: "a creation default computed by the database",
      code: prisma`
        model Post {
          id        String   @id
          createdAt DateTime @default(dbgenerated("timezone('utc'::text, now())"))
          updatedAt DateTime @default(dbgenerated("CURRENT_TIMESTAMP")) @updatedAt
        }
      `,
    },
    {
      name: "an update timestamp with a default too",
      code: prisma`
        model Post {
          id        String   @id
          createdAt DateTime @default(now())
          updatedAt DateTime @default(now()) @updatedAt
        }
      `,
    },
    {
      name: "models ignored by name and by glob",
      code: prisma`
        model Country {
          code String @id
        }

        model AuditLogEntry {
          id String @id
        }
      `,
      options: [{ ignoreModels: ["Country", "Audit*"] }],
    },
    {
      name: "an explicit many-to-many join table with ignoreJoinTables",
      code: prisma`
        model TagsOnPosts {
          post   Post   @relation(fields: [postId], references: [id], onDelete: Cascade)
          postId String
          tag    Tag    @relation(fields: [tagId], references: [id], onDelete: Cascade)
          tagId  String

          @@id([postId, tagId])
        }
      `,
      options: [{ ignoreJoinTables: true }],
    },
    {
      name: "views, composite types and @@ignore'd models",
      code: prisma`
        view PostStats {
          postId String @unique
        }

        type Address {
          street String
        }

        model legacy_events {
          name String

          @@ignore
        }
      `,
    },
    {
      name: "a model documented as a database view",
      code: prisma`
        /// @view
        model PostRank {
          postId String @id
          rank   Int
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a model without timestamps: both reported at its name, each offered as a suggestion",
      code: prisma`
        model Tag {
          id   Int    @id @default(autoincrement())
          name String @unique
        }
      `,
      errors: [
        {
          messageId: "missingCreatedAt",
          data: { model: "Tag", field: "createdAt" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 10,
          suggestions: [
            {
              messageId: "addCreatedAt",
              data: { field: "createdAt" },
              output: prisma`
                model Tag {
                  id   Int    @id @default(autoincrement())
                  name String @unique
                  createdAt DateTime @default(now())
                }
              `,
            },
          ],
        },
        {
          messageId: "missingUpdatedAt",
          data: { model: "Tag", field: "updatedAt" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 10,
          suggestions: [
            {
              messageId: "addUpdatedAt",
              data: { field: "updatedAt" },
              output: prisma`
                model Tag {
                  id   Int    @id @default(autoincrement())
                  name String @unique
                  updatedAt DateTime @updatedAt
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "the suggested field goes after the last field, aligned, before block attributes and after a trailing comment",
      code: prisma`
        model Session {
          id        String   @id
          userId    String   // owner
          createdAt DateTime @default(now())

          @@index([userId])
        }
      `,
      errors: [
        {
          messageId: "missingUpdatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 14,
          suggestions: [
            {
              messageId: "addUpdatedAt",
              output: prisma`
                model Session {
                  id        String   @id
                  userId    String   // owner
                  createdAt DateTime @default(now())
                  updatedAt DateTime @updatedAt

                  @@index([userId])
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "created_at is not createdAt unless the options say so",
      code: prisma`
        model Post {
          id         String   @id
          created_at DateTime @default(now())
          updatedAt  DateTime @updatedAt
        }
      `,
      errors: [
        {
          messageId: "missingCreatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 11,
          suggestions: [
            {
              messageId: "addCreatedAt",
              output: prisma`
                model Post {
                  id         String   @id
                  created_at DateTime @default(now())
                  updatedAt  DateTime @updatedAt
                  createdAt  DateTime @default(now())
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "an optional update timestamp, reported at its type",
      code: prisma`
        model Post {
          id        String    @id
          createdAt DateTime  @default(now())
          updatedAt DateTime? @updatedAt
        }
      `,
      errors: [{ messageId: "optional", data: { field: "updatedAt" }, line: 4, column: 13, endLine: 4, endColumn: 22 }],
    },
    {
      name: "an update timestamp Prisma never updates",
      code: prisma`
        model Post {
          id        String   @id
          createdAt DateTime @default(now())
          updatedAt DateTime @default(now()) // set by hand?
        }
      `,
      errors: [
        {
          messageId: "missingUpdatedAtAttribute",
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 12,
          suggestions: [
            {
              messageId: "addUpdatedAtAttribute",
              output: prisma`
                model Post {
                  id        String   @id
                  createdAt DateTime @default(now())
                  updatedAt DateTime @default(now()) @updatedAt // set by hand?
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a creation timestamp without a default, and one with @updatedAt instead",
      code: prisma`
        model Post {
          id        String   @id
          createdAt DateTime @db.Timestamp(6)
          updatedAt DateTime @updatedAt
        }

        model Comment {
          id        String   @id
          createdAt DateTime @updatedAt
          updatedAt DateTime @updatedAt
        }
      `,
      errors: [
        {
          messageId: "missingDefaultNow",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          suggestions: [
            {
              messageId: "addDefaultNow",
              output: prisma`
                model Post {
                  id        String   @id
                  createdAt DateTime @db.Timestamp(6) @default(now())
                  updatedAt DateTime @updatedAt
                }

                model Comment {
                  id        String   @id
                  createdAt DateTime @updatedAt
                  updatedAt DateTime @updatedAt
                }
              `,
            },
          ],
        },
        {
          messageId: "missingDefaultNow",
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 12,
          suggestions: [
            {
              messageId: "addDefaultNow",
              output: prisma`
                model Post {
                  id        String   @id
                  createdAt DateTime @db.Timestamp(6)
                  updatedAt DateTime @updatedAt
                }

                model Comment {
                  id        String   @id
                  createdAt DateTime @updatedAt @default(now())
                  updatedAt DateTime @updatedAt
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a timestamp stored as a string or a number",
      code: prisma`
        model Post {
          id        String @id
          createdAt BigInt @default(0)
          updatedAt String @updatedAt
        }
      `,
      errors: [
        { messageId: "notDateTime", data: { field: "createdAt", type: "BigInt" }, line: 3, column: 13, endLine: 3, endColumn: 19 },
        { messageId: "notDateTime", data: { field: "updatedAt", type: "String" }, line: 4, column: 13, endLine: 4, endColumn: 19 },
      ],
    },
    {
      name: "a join table is a model like any other by default",
      code: prisma`
        model TagsOnPosts {
          post   Post   @relation(fields: [postId], references: [id])
          postId String
          tag    Tag    @relation(fields: [tagId], references: [id])
          tagId  String

          @@id([postId, tagId])
        }
      `,
      errors: [
        {
          messageId: "missingCreatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 18,
          suggestions: [
            {
              messageId: "addCreatedAt",
              output: prisma`
                model TagsOnPosts {
                  post   Post   @relation(fields: [postId], references: [id])
                  postId String
                  tag    Tag    @relation(fields: [tagId], references: [id])
                  tagId  String
                  createdAt DateTime @default(now())

                  @@id([postId, tagId])
                }
              `,
            },
          ],
        },
        {
          messageId: "missingUpdatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 18,
          suggestions: [
            {
              messageId: "addUpdatedAt",
              output: prisma`
                model TagsOnPosts {
                  post   Post   @relation(fields: [postId], references: [id])
                  postId String
                  tag    Tag    @relation(fields: [tagId], references: [id])
                  tagId  String
                  updatedAt DateTime @updatedAt

                  @@id([postId, tagId])
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a join table with a payload column is not skipped by ignoreJoinTables",
      code: prisma`
        model Membership {
          user   User   @relation(fields: [userId], references: [id])
          userId String
          team   Team   @relation(fields: [teamId], references: [id])
          teamId String
          role   String
          createdAt DateTime @default(now())

          @@id([userId, teamId])
        }
      `,
      options: [{ ignoreJoinTables: true }],
      errors: [
        {
          messageId: "missingUpdatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 17,
          suggestions: [
            {
              messageId: "addUpdatedAt",
              output: prisma`
                model Membership {
                  user   User   @relation(fields: [userId], references: [id])
                  userId String
                  team   Team   @relation(fields: [teamId], references: [id])
                  teamId String
                  role   String
                  createdAt DateTime @default(now())
                  updatedAt DateTime @updatedAt

                  @@id([userId, teamId])
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "suggestions keep CRLF line endings and tab indentation",
      code: "model Tag {\r\n\tid String @id\r\n\tcreatedAt DateTime @default(now())\r\n}\r\n",
      errors: [
        {
          messageId: "missingUpdatedAt",
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 10,
          suggestions: [
            {
              messageId: "addUpdatedAt",
              output: "model Tag {\r\n\tid String @id\r\n\tcreatedAt DateTime @default(now())\r\n\tupdatedAt DateTime @updatedAt\r\n}\r\n",
            },
          ],
        },
      ],
    },
  ],
});
