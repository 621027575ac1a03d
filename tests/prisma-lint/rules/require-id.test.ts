import rule from "../../../prisma-lint/rules/require-id.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const ruleTester = createSchemaRuleTester();

ruleTester.run("require-id", rule, {
  valid: [
    {
      name: "a single-field @id",
      code: prisma`
        model User {
          id    String @id @default(uuid(7))
          email String @unique
        }
      `,
    },
    {
      name: "a composite @@id on a join table",
      code: prisma`
        model TagsOnPosts {
          postId String
          tagId  String

          @@id([postId, tagId])
        }
      `,
    },
    {
      name: "@@id with named fields argument",
      code: prisma`
        model Membership {
          userId String
          teamId String

          @@id(name: "membershipId", fields: [userId, teamId])
        }
      `,
    },
    {
      name: "an @id that is not called id",
      code: prisma`
        model Country {
          isoCode String @id @db.Char(2)
          name    String
        }
      `,
    },
    {
      name: "views are not models",
      code: prisma`
        view UserStats {
          userId    String @unique
          postCount Int
        }
      `,
    },
    {
      name: "composite types are not models",
      code: prisma`
        type Address {
          street String
          city   String
        }
      `,
    },
    {
      name: "an @@ignore'd model is outside the rule",
      code: prisma`
        model legacy_audit {
          action String
          at     DateTime

          @@ignore
        }
      `,
    },
    {
      name: "a model documented as a database view",
      code: prisma`
        /// @view
        model PostRank {
          postId String @unique
          rank   Int
        }
      `,
    },
    {
      name: "the @id on a later field, after other attributes",
      code: prisma`
        model Post {
          title String
          slug  String @db.VarChar(191) @id
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a model with only unique constraints",
      code: prisma`
        model VerificationToken {
          identifier String
          token      String   @unique
          expires    DateTime

          @@unique([identifier, token])
        }
      `,
      errors: [{ messageId: "missingId", data: { model: "VerificationToken" }, line: 1, column: 7, endLine: 1, endColumn: 24 }],
    },
    {
      name: "an @@index is not a primary key",
      code: prisma`
        model Event {
          name String
          at   DateTime

          @@index([name])
        }
      `,
      errors: [{ messageId: "missingId", line: 1, column: 7, endLine: 1, endColumn: 12 }],
    },
    {
      name: "every model of the file is checked, comments after the brace included",
      code: prisma`
        model User {
          id String @id
        }

        model Log { // append-only
          message String
        }
      `,
      errors: [{ messageId: "missingId", data: { model: "Log" }, line: 5, column: 7, endLine: 5, endColumn: 10 }],
    },
    {
      name: "a doc comment that is not @view does not exclude the model",
      code: prisma`
        /// Viewed by admins only
        model Setting {
          key   String @unique
          value String
        }
      `,
      errors: [{ messageId: "missingId", line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
  ],
});
