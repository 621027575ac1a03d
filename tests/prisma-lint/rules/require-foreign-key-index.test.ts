import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import rule from "../../../prisma-lint/rules/require-foreign-key-index.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

const ruleTester = createSchemaRuleTester();

// A multi-file schema on disk: the datasource lives in another file of the folder.
const root = mkdtempSync(join(tmpdir(), "fk-index-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "postgres", "schema"), { recursive: true });
mkdirSync(join(root, "mysql", "schema"), { recursive: true });
writeFileSync(join(root, "postgres", "schema", "schema.prisma"), 'datasource db {\n  provider = "postgresql"\n}\n');
writeFileSync(join(root, "mysql", "schema", "schema.prisma"), 'datasource db {\n  provider = "mysql"\n}\n');
const POST = prisma`
  model Post {
    id       String @id
    author   User   @relation(fields: [authorId], references: [id])
    authorId String
  }
`;
writeFileSync(join(root, "postgres", "schema", "post.prisma"), POST);
writeFileSync(join(root, "mysql", "schema", "post.prisma"), POST);

ruleTester.run("require-foreign-key-index", rule, {
  valid: [
    {
      name: "a foreign key with its own @@index",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
          authorId String

          @@index([authorId])
        }
      `,
    },
    {
      name: "a one-to-one foreign key is @unique",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Profile {
          id     String @id
          user   User   @relation(fields: [userId], references: [id])
          userId String @unique
        }
      `,
    },
    {
      name: "the leading column of a composite @@id (join table)",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model TagsOnPosts {
          post   Post   @relation(fields: [postId], references: [id])
          postId String
          tag    Tag    @relation(fields: [tagId], references: [id])
          tagId  String

          @@id([postId, tagId])
          @@index([tagId])
        }
      `,
    },
    {
      name: "the leading column of a composite @@unique, and an index with sort order",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Membership {
          id     String @id
          team   Team   @relation(fields: [teamId], references: [id])
          teamId String
          user   User   @relation(fields: [userId], references: [id])
          userId String

          @@unique([teamId, userId])
          @@index([userId(sort: Desc), teamId])
        }
      `,
    },
    {
      name: "a composite foreign key leading a composite index, in either order",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Balance {
          id            String  @id
          account       Account @relation(fields: [accountId, accountUserId], references: [id, userId])
          accountId     String
          accountUserId String
          entry         Entry   @relation(fields: [entryId, entryBook], references: [id, book])
          entryId       String
          entryBook     String

          @@index([accountId, accountUserId])
          @@index(fields: [entryBook, entryId])
        }
      `,
    },
    {
      name: "a composite foreign key whose first column leads an index",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model AccountBalance {
          id        String  @id
          account   Account @relation(fields: [accountId, userId], references: [id, userId])
          accountId String
          userId    String

          @@index([accountId])
        }
      `,
    },
    {
      name: "a unique index on part of a composite foreign key",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Settings {
          id     String @id
          owner  User   @relation(fields: [userId, teamId], references: [id, teamId])
          userId String @unique
          teamId String
        }
      `,
    },
    {
      name: "the foreign key is the primary key",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model UserStats {
          userId String @id
          user   User   @relation(fields: [userId], references: [id])
          logins Int
        }
      `,
    },
    {
      name: "MySQL with the default relation mode: InnoDB indexes foreign keys itself",
      code: prisma`
        datasource db {
          provider = "mysql"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
    },
    {
      name: "MySQL with explicit foreign keys",
      code: prisma`
        datasource db {
          provider     = "mysql"
          relationMode = "foreignKeys"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
    },
    {
      name: "MongoDB",
      code: prisma`
        datasource db {
          provider = "mongodb"
        }

        model Post {
          id       String @id @default(auto()) @map("_id") @db.ObjectId
          author   User   @relation(fields: [authorId], references: [id])
          authorId String @db.ObjectId
        }
      `,
    },
    {
      name: "no datasource anywhere: the provider is unknown, so the rule stays silent",
      code: prisma`
        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
    },
    {
      name: "a multi-file schema on MySQL: the datasource is read from the folder",
      filename: join(root, "mysql", "schema", "post.prisma"),
      code: POST,
    },
    {
      name: "back-relation fields, @@ignore'd models and documented views",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    String @id
          posts Post[]
        }

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
    {
      name: "forNames (their docs: createdAt @unique, leading an @@index, leading a composite @@index)",
      code: prisma`
        model A {
          createdAt DateTime @unique
        }

        model B {
          createdAt DateTime
          @@index([createdAt])
        }

        model C {
          createdAt DateTime
          id        String
          @@index([createdAt, id])
        }
      `,
      options: [{ forNames: ["createdAt"] }],
    },
    {
      name: "forNames as a pattern (their docs: /Id$/); the primary key counts, unlike theirs",
      code: prisma`
        model User {
          tenantId String
          @@index([tenantId])
        }

        model Membership {
          tenantId String
          userId   String
          @@id([tenantId, userId])
          @@index([userId])
        }
      `,
      options: [{ forAllRelations: false, forNames: ["/Id$/"] }],
    },
    {
      name: "forAllRelations false: relations are not checked (their default)",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Bar {
          fooId String
          foo   Foo    @relation(fields: [fooId], references: [id])
        }
      `,
      options: [{ forAllRelations: false }],
    },
    {
      name: "their ignore comment names the foreign key (as require-field-index)",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Bar {
          /// prisma-lint-ignore-model require-field-index fooId,tenantId
          fooId    String
          foo      Foo    @relation(fields: [fooId], references: [id])
          tenantId String
        }
      `,
      options: [{ forNames: ["tenantId"] }],
    },
  ],
  invalid: [
    {
      name: "a foreign key without index: the fix appends @@index after the fields",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
          authorId String
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
          authorId String

          @@index([authorId])
        }
      `,
      errors: [
        {
          messageId: "missingIndex",
          data: { columns: "authorId", relation: "author", model: "Post", target: "User" },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 85,
        },
      ],
    },
    {
      name: "after existing block attributes, past a trailing comment",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Comment {
          id     String @id
          post   Post   @relation(fields: [postId], references: [id])
          postId String

          @@map("comments") // legacy name
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Comment {
          id     String @id
          post   Post   @relation(fields: [postId], references: [id])
          postId String

          @@map("comments") // legacy name
          @@index([postId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 7, column: 17, endLine: 7, endColumn: 62 }],
    },
    {
      name: "the second column of a composite @@id is not indexed",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model TagsOnPosts {
          post   Post   @relation(fields: [postId], references: [id])
          postId String
          tag    Tag    @relation(fields: [tagId], references: [id])
          tagId  String

          @@id([postId, tagId])
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model TagsOnPosts {
          post   Post   @relation(fields: [postId], references: [id])
          postId String
          tag    Tag    @relation(fields: [tagId], references: [id])
          tagId  String

          @@id([postId, tagId])
          @@index([tagId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 8, column: 17, endLine: 8, endColumn: 61 }],
    },
    {
      name: "column order matters: an index on (title, authorId) does not serve authorId",
      code: prisma`
        datasource db {
          provider = "sqlite"
        }

        model Post {
          id       String @id
          title    String
          author   User   @relation(fields: [authorId], references: [id])
          authorId String

          @@unique([title, authorId])
        }
      `,
      output: prisma`
        datasource db {
          provider = "sqlite"
        }

        model Post {
          id       String @id
          title    String
          author   User   @relation(fields: [authorId], references: [id])
          authorId String

          @@unique([title, authorId])
          @@index([authorId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 8, column: 19, endLine: 8, endColumn: 66 }],
    },
    {
      name: "a composite foreign key: the index lists its columns in order",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id            String   @id
          account       Account? @relation(fields: [accountId, accountUserId], references: [id, userId])
          accountId     String?
          accountUserId String?
          createdAt     DateTime

          @@index([createdAt, accountId])
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id            String   @id
          account       Account? @relation(fields: [accountId, accountUserId], references: [id, userId])
          accountId     String?
          accountUserId String?
          createdAt     DateTime

          @@index([createdAt, accountId])
          @@index([accountId, accountUserId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 7, column: 26, endLine: 7, endColumn: 97 }],
    },
    {
      name: "MySQL without foreign keys (PlanetScale) and PostgreSQL with relationMode prisma",
      code: prisma`
        datasource db {
          provider     = "mysql"
          relationMode = "prisma"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
      output: prisma`
        datasource db {
          provider     = "mysql"
          relationMode = "prisma"
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String

          @@index([authorId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 8, column: 19, endLine: 8, endColumn: 66 }],
    },
    {
      name: "two keys where one leads the other get one index; the second fix waits for the next pass",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Assignment {
          id        String  @id
          project   Project @relation(fields: [projectId], references: [id])
          projectId String
          task      Task    @relation(fields: [projectId, taskNo], references: [projectId, no])
          taskNo    Int
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Assignment {
          id        String  @id
          project   Project @relation(fields: [projectId], references: [id])
          projectId String
          task      Task    @relation(fields: [projectId, taskNo], references: [projectId, no])
          taskNo    Int

          @@index([projectId, taskNo])
        }
      `,
      errors: [
        { messageId: "missingIndex", line: 7, column: 21, endLine: 7, endColumn: 69 },
        { messageId: "missingIndex", line: 9, column: 21, endLine: 9, endColumn: 88 },
      ],
    },
    {
      name: "a multi-file schema on PostgreSQL: the datasource is read from the folder",
      filename: join(root, "postgres", "schema", "post.prisma"),
      code: POST,
      output: prisma`
        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String

          @@index([authorId])
        }
      `,
      errors: [{ messageId: "missingIndex", line: 3, column: 19, endLine: 3, endColumn: 66 }],
    },
    {
      name: "CRLF line endings and tab indentation are kept",
      code: 'datasource db {\r\n\tprovider = "postgresql"\r\n}\r\n\r\nmodel Post {\r\n\tid String @id\r\n\tauthor User @relation(fields: [authorId], references: [id])\r\n\tauthorId String\r\n}\r\n',
      output:
        'datasource db {\r\n\tprovider = "postgresql"\r\n}\r\n\r\nmodel Post {\r\n\tid String @id\r\n\tauthor User @relation(fields: [authorId], references: [id])\r\n\tauthorId String\r\n\r\n\t@@index([authorId])\r\n}\r\n',
      errors: [{ messageId: "missingIndex", line: 7, column: 14, endLine: 7, endColumn: 61 }],
    },
    {
      name: "forNames (their docs: createdAt without index, and second in a composite index), fixed",
      code: prisma`
        model User {
          createdAt DateTime
          id        String
          @@index([id, createdAt])
        }
      `,
      output: prisma`
        model User {
          createdAt DateTime
          id        String
          @@index([id, createdAt])
          @@index([createdAt])
        }
      `,
      options: [{ forNames: ["createdAt"] }],
      errors: [{ messageId: "missingFieldIndex", data: { field: "createdAt", model: "User" }, line: 2, column: 3, endLine: 2, endColumn: 12 }],
    },
    {
      name: "forNames and forAllRelations (their docs: Bar.fooId): one report for a key that both name",
      code: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Bar {
          id       String @id
          fooId    String
          foo      Foo    @relation(fields: [fooId], references: [id])
          tenantId String
        }
      `,
      output: prisma`
        datasource db {
          provider = "postgresql"
        }

        model Bar {
          id       String @id
          fooId    String
          foo      Foo    @relation(fields: [fooId], references: [id])
          tenantId String

          @@index([fooId])
        }
      `,
      options: [{ forNames: ["/^(foo|tenant)Id$/"] }],
      errors: [
        { messageId: "missingFieldIndex", data: { field: "fooId", model: "Bar" }, line: 7, column: 3, endLine: 7, endColumn: 8 },
        { messageId: "missingFieldIndex", data: { field: "tenantId", model: "Bar" }, line: 9, column: 3, endLine: 9, endColumn: 11 },
      ],
    },
  ],
});
