import rule from "../../../prisma-lint/rules/ban-unbounded-string-type.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("ban-unbounded-string-type", rule, {
  valid: [
    {
      name: "a length-limited native type (their docs: @db.VarChar(36)), other bounded types",
      code: prisma`
        model User {
          id    String @id @db.VarChar(36)
          token String @db.Uuid
          code  String @db.Char(2)
          count Int
        }
      `,
    },
    {
      name: "allowNativeTextType (their docs: @db.Text), and the other explicit text types",
      code: prisma`
        model User {
          id   String @db.Text
          bio  String @db.LongText
          note String @db.NVarChar(Max)
        }
      `,
      options: [{ allowNativeTextType: true }],
    },
    {
      name: "SQLite and MongoDB have no length-limited string type",
      code: prisma`
        datasource db {
          provider = "sqlite"
        }

        model User {
          id String @id
        }
      `,
    },
    {
      name: "views and composite types are not models",
      code: prisma`
        view UserName {
          name String @unique
        }
      `,
    },
  ],
  invalid: [
    {
      name: "no native type (their docs)",
      code: prisma`
        model User {
          id String
        }
      `,
      errors: [{ messageId: "missingNativeType", data: { field: "id" }, line: 2, column: 6, endLine: 2, endColumn: 12 }],
    },
    {
      name: "@db.Text (their docs), and other unbounded native types",
      code: prisma`
        model User {
         id     String  @db.Text
         email  String  @db.Citext
         notes  String? @db.VarChar
         body   String  @db.NVarChar(Max)
         tags   String[]
        }
      `,
      errors: [
        { messageId: "unboundedNativeType", data: { field: "id", type: "@db.Text" }, line: 2, column: 17, endLine: 2, endColumn: 25 },
        { messageId: "unboundedNativeType", data: { field: "email", type: "@db.Citext" }, line: 3, column: 17, endLine: 3, endColumn: 27 },
        { messageId: "unboundedNativeType", line: 4, column: 17, endLine: 4, endColumn: 28 },
        { messageId: "unboundedNativeType", line: 5, column: 17, endLine: 5, endColumn: 34 },
        { messageId: "missingNativeType", line: 6, column: 9, endLine: 6, endColumn: 17 },
      ],
    },
  ],
});
