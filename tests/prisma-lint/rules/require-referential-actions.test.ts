import rule from "../../../prisma-lint/rules/require-referential-actions.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const ruleTester = createSchemaRuleTester();

ruleTester.run("require-referential-actions", rule, {
  valid: [
    {
      name: "onDelete declared",
      code: prisma`
        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
          authorId String
        }
      `,
    },
    {
      name: "onDelete declared first, with a relation name and onUpdate",
      code: prisma`
        model Post {
          id       String  @id
          editor   User?   @relation("edits", onDelete: SetNull, onUpdate: Cascade, fields: [editorId], references: [id])
          editorId String?
        }
      `,
    },
    {
      name: "back-relation fields have no foreign key to act on",
      code: prisma`
        model User {
          id      String  @id
          posts   Post[]
          profile Profile?
          edits   Post[]  @relation("edits")
        }
      `,
    },
    {
      name: "an implicit many-to-many relation",
      code: prisma`
        model Post {
          id   String @id
          tags Tag[]
        }
      `,
    },
    {
      name: "@@ignore'd models and documented views",
      code: prisma`
        model legacy_posts {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String

          @@ignore
        }

        /// @view
        model PostWithAuthor {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a required relation without onDelete: Cascade or Restrict suggested",
      code: prisma`
        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
      errors: [
        {
          messageId: "missingOnDelete",
          data: { relation: "author", model: "Post", target: "User", default: "`Restrict`, the delete fails" },
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 66,
          suggestions: [
            {
              messageId: "addOnDelete",
              data: { action: "Cascade" },
              output: prisma`
                model Post {
                  id       String @id
                  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
                  authorId String
                }
              `,
            },
            {
              messageId: "addOnDelete",
              data: { action: "Restrict" },
              output: prisma`
                model Post {
                  id       String @id
                  author   User   @relation(fields: [authorId], references: [id], onDelete: Restrict)
                  authorId String
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "an optional relation: SetNull is suggested too, onUpdate alone does not count",
      code: prisma`
        model Post {
          id       String  @id
          editor   User?   @relation("edits", fields: [editorId], references: [id], onUpdate: Cascade) // optional
          editorId String?
        }
      `,
      errors: [
        {
          messageId: "missingOnDelete",
          data: { relation: "editor", model: "Post", target: "User", default: "`SetNull`, the foreign key becomes null" },
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 95,
          suggestions: [
            {
              messageId: "addOnDelete",
              data: { action: "Cascade" },
              output: prisma`
                model Post {
                  id       String  @id
                  editor   User?   @relation("edits", fields: [editorId], references: [id], onUpdate: Cascade, onDelete: Cascade) // optional
                  editorId String?
                }
              `,
            },
            {
              messageId: "addOnDelete",
              data: { action: "SetNull" },
              output: prisma`
                model Post {
                  id       String  @id
                  editor   User?   @relation("edits", fields: [editorId], references: [id], onUpdate: Cascade, onDelete: SetNull) // optional
                  editorId String?
                }
              `,
            },
            {
              messageId: "addOnDelete",
              data: { action: "Restrict" },
              output: prisma`
                model Post {
                  id       String  @id
                  editor   User?   @relation("edits", fields: [editorId], references: [id], onUpdate: Cascade, onDelete: Restrict) // optional
                  editorId String?
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
