import rule from "../../../prisma-lint/rules/require-field-type.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("require-field-type", rule, {
  valid: [
    {
      name: 'ifName "id", type String (their docs)',
      code: prisma`
        model User {
          id String
        }
      `,
      options: [{ require: [{ ifName: "id", type: "String" }] }],
    },
    {
      name: 'ifName "/At$/", type DateTime (their docs); optional and list modifiers do not change the type',
      code: prisma`
        model User {
          createdAt DateTime
          updatedAt DateTime?
          seenAt    DateTime[]
        }
      `,
      options: [{ require: [{ ifName: "/At$/", type: "DateTime" }] }],
    },
    {
      name: "nativeType Uuid (their docs: String @db.Uuid); two agreeing requirements",
      code: prisma`
        model User {
          id String @id @db.Uuid
        }
      `,
      options: [{ require: [{ ifName: "id", type: "String", nativeType: "Uuid" }, { ifName: "/^id$/", type: "String" }] }],
    },
  ],
  invalid: [
    {
      name: "their docs: id Int",
      code: prisma`
        model User {
          id Int
        }
      `,
      options: [{ require: [{ ifName: "id", type: "String" }] }],
      errors: [{ messageId: "wrongType", data: { name: "id", actual: "Int", expected: "String" }, line: 2, column: 6, endLine: 2, endColumn: 9 }],
    },
    {
      name: "their docs: createdAt and updatedAt as String",
      code: prisma`
        model User {
          createdAt String
          updatedAt String
        }
      `,
      options: [{ require: [{ ifName: "/At$/", type: "DateTime" }] }],
      errors: [
        { messageId: "wrongType", line: 2, column: 13, endLine: 2, endColumn: 19 },
        { messageId: "wrongType", line: 3, column: 13, endLine: 3, endColumn: 19 },
      ],
    },
    {
      name: "their docs with nativeType Uuid: Int, String without native type, @db.Oid",
      code: prisma`
        model A {
          id Int
        }

        model B {
          id String
        }

        model C {
          id String @db.Oid
        }
      `,
      options: [{ require: [{ ifName: "id", type: "String", nativeType: "Uuid" }] }],
      errors: [
        { messageId: "wrongType", line: 2, column: 6, endLine: 2, endColumn: 9 },
        { messageId: "missingNativeType", data: { name: "id", expected: "Uuid" }, line: 6, column: 6, endLine: 6, endColumn: 12 },
        { messageId: "wrongNativeType", data: { name: "id", actual: "Oid", expected: "Uuid" }, line: 10, column: 13, endLine: 10, endColumn: 20 },
      ],
    },
    {
      name: "requirements that disagree are a config problem, reported once",
      code: prisma`
        model User {
          userId String
        }
      `,
      options: [{ require: [{ ifName: "/Id$/", type: "String" }, { ifName: "userId", type: "Int" }] }],
      errors: [{ messageId: "conflicting", data: { name: "userId", types: "`String`, `Int`" }, line: 2, column: 3, endLine: 2, endColumn: 9 }],
    },
  ],
});
