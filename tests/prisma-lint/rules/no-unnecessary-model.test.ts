import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import rule from "../../../prisma-lint/rules/no-unnecessary-model.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const ruleTester = createSchemaRuleTester();

// A multi-file schema: the enum used by the model lives in another file.
const root = mkdtempSync(join(tmpdir(), "unnecessary-model-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, "schema.prisma"), 'datasource db {\n  provider = "postgresql"\n}\n\nenum Theme {\n  LIGHT\n  DARK\n}\n');
const PREFERENCES = prisma`
  model Preferences {
    id     String @id @default(cuid())
    theme  Theme
    user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
    userId String @unique
  }
`;
writeFileSync(join(root, "preferences.prisma"), PREFERENCES);

ruleTester.run("no-unnecessary-model", rule, {
  valid: [
    {
      name: "a one-to-one extension with more than three fields of its own",
      code: prisma`
        model BillingDetails {
          id        String @id
          user      User   @relation(fields: [userId], references: [id])
          userId    String @unique
          company   String
          vatNumber String
          street    String
          city      String
        }
      `,
    },
    {
      name: "an optional relation: the child can exist without a parent",
      code: prisma`
        model Profile {
          id     String  @id
          user   User?   @relation(fields: [userId], references: [id])
          userId String? @unique
          bio    String
        }
      `,
    },
    {
      name: "a one-to-many relation: the foreign key is not unique",
      code: prisma`
        model Session {
          id     String @id
          user   User   @relation(fields: [userId], references: [id])
          userId String
          token  String @unique
        }
      `,
    },
    {
      name: "the child has relations of its own",
      code: prisma`
        model User {
          id      String   @id
          profile Profile?
        }

        model Profile {
          id     String  @id
          user   User    @relation(fields: [userId], references: [id])
          userId String  @unique
          bio    String
          links  Link[]
        }

        model Link {
          id        String  @id
          profile   Profile @relation(fields: [profileId], references: [id])
          profileId String
          url       String
        }
      `,
    },
    {
      name: "credentials kept apart on purpose",
      code: prisma`
        model Password {
          hash   String
          user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
          userId String @unique
        }
      `,
    },
    {
      name: "a binary payload kept out of the parent's rows",
      code: prisma`
        model DocumentData {
          id         String @id
          document   Document @relation(fields: [documentId], references: [id])
          documentId String   @unique
          data       Bytes
        }
      `,
    },
    {
      name: "a field of an unknown type: cannot tell whether it is a relation",
      code: prisma`
        model Preferences {
          id     String @id
          theme  Theme
          user   User   @relation(fields: [userId], references: [id])
          userId String @unique
        }
      `,
    },
    {
      name: "a self-relation",
      code: prisma`
        model Node {
          id       String @id
          parent   Node   @relation("chain", fields: [parentId], references: [id])
          parentId String @unique
          label    String
        }
      `,
    },
    {
      name: "@@ignore'd models and documented views",
      code: prisma`
        model legacy_profile {
          id     String @id
          user   User   @relation(fields: [userId], references: [id])
          userId String @unique
          bio    String

          @@ignore
        }

        /// @view
        model UserRank {
          userId String @id
          user   User   @relation(fields: [userId], references: [id])
          rank   Int
        }
      `,
    },
    {
      name: "four scalars including an enum",
      code: prisma`
        enum Plan {
          FREE
          PRO
        }

        model Subscription {
          id        String   @id
          user      User     @relation(fields: [userId], references: [id])
          userId    String   @unique
          plan      Plan
          seats     Int
          renewsAt  DateTime
          stripeRef String
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a profile with two fields next to its id and timestamps",
      code: prisma`
        model Profile {
          id        String   @id @default(cuid())
          bio       String?
          avatarUrl String?
          user      User     @relation(fields: [userId], references: [id], onDelete: Cascade)
          userId    String   @unique
          createdAt DateTime @default(now())
          updatedAt DateTime @updatedAt
        }
      `,
      errors: [
        {
          messageId: "mergeIntoParent",
          data: { model: "Profile", parent: "User", fields: "`bio` and `avatarUrl`" },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 14,
        },
      ],
    },
    {
      name: "the foreign key is the primary key, with an enum and two scalars",
      code: prisma`
        enum Theme {
          LIGHT
          DARK
        }

        model UserSettings {
          userId   String  @id
          user     User    @relation(fields: [userId], references: [id])
          theme    Theme
          locale   String
          timezone String?
        }
      `,
      errors: [
        {
          messageId: "mergeIntoParent",
          data: { model: "UserSettings", parent: "User", fields: "`theme`, `locale` and `timezone`" },
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 19,
        },
      ],
    },
    {
      name: "a marker table that holds nothing but the link, unique through @@unique",
      code: prisma`
        model Admin {
          id        String   @id
          user      User     @relation(fields: [userId], references: [id])
          userId    String
          createdAt DateTime @default(now())

          @@unique([userId])
        }
      `,
      errors: [{ messageId: "onlyLink", data: { model: "Admin", parent: "User" }, line: 1, column: 7, endLine: 1, endColumn: 12 }],
    },
    {
      name: "a multi-file schema: the enum is found in another file",
      filename: join(root, "preferences.prisma"),
      code: PREFERENCES,
      errors: [{ messageId: "mergeIntoParent", line: 1, column: 7, endLine: 1, endColumn: 18 }],
    },
  ],
});
