import rule from "../../../prisma-lint/rules/index-name-mapping-snake-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("index-name-mapping-snake-case", rule, {
  valid: [
    {
      name: "Prisma's default names are snake case when the table and columns are",
      code: prisma`
        model Ticket {
          id        String   @id
          email     String   @unique
          createdAt DateTime @map("created_at")
          ownerId   String   @map("owner_id")

          @@index([createdAt])
          @@unique([ownerId, createdAt])
          @@map("tickets")
        }
      `,
    },
    {
      name: "explicit snake case names; @@id and relations are not indexes of this rule",
      code: prisma`
        model Ticket {
          id        String   @id
          createdAt DateTime
          slug      String   @unique(map: "ticket_slug_key")

          @@index([createdAt], map: "ticket_created_at_idx")
        }
      `,
    },
    {
      name: "a custom pattern",
      code: prisma`
        model Ticket {
          id        String   @id
          createdAt DateTime

          @@index([createdAt], map: "IX_Ticket_CreatedAt")
        }
      `,
      options: [{ pattern: "^(IX|UQ)_[A-Za-z]+_[A-Za-z]+$" }],
    },
  ],
  invalid: [
    {
      name: "an explicit camelCase name (their issue #498: ticket_createdAt_idx): reported at map, not fixed",
      code: prisma`
        model Ticket {
          id        String   @id
          createdAt DateTime

          @@index([createdAt], map: "ticket_createdAt_idx")
        }
      `,
      errors: [
        {
          messageId: "explicitName",
          data: { name: "ticket_createdAt_idx", pattern: "`/^[a-z][a-z0-9_]*$/`", expected: '"ticket_created_at_idx"' },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    {
      name: "default names of an unmapped model: `map:` added, after the fields and before other arguments' end",
      code: prisma`
        model Ticket {
          id        String   @id
          email     String   @unique
          createdAt DateTime
          ownerId   String

          @@index([createdAt(sort: Desc)], type: BTree)
          @@unique([ownerId, email])
        }
      `,
      output: prisma`
        model Ticket {
          id        String   @id
          email     String   @unique(map: "ticket_email_key")
          createdAt DateTime
          ownerId   String

          @@index([createdAt(sort: Desc)], type: BTree, map: "ticket_created_at_idx")
          @@unique([ownerId, email], map: "ticket_owner_id_email_key")
        }
      `,
      errors: [
        { messageId: "defaultName", data: { name: "Ticket_email_key", pattern: "`/^[a-z][a-z0-9_]*$/`", expected: '"ticket_email_key"' }, line: 3, column: 22, endLine: 3, endColumn: 29 },
        { messageId: "defaultName", data: { name: "Ticket_createdAt_idx", pattern: "`/^[a-z][a-z0-9_]*$/`", expected: '"ticket_created_at_idx"' }, line: 7, column: 3, endLine: 7, endColumn: 48 },
        { messageId: "defaultName", line: 8, column: 3, endLine: 8, endColumn: 29 },
      ],
    },
    {
      name: "no fix when the name would clash with another index's name",
      code: prisma`
        model Ticket {
          id        String   @id
          createdAt DateTime

          @@index([createdAt])
          @@index([createdAt], type: Hash, map: "ticket_created_at_idx")
        }
      `,
      errors: [{ messageId: "defaultName", line: 5, column: 3, endLine: 5, endColumn: 23 }],
    },
  ],
});
