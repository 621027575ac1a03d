import rule from "../../../prisma-lint/rules/model-name-mapping-snake-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("model-name-mapping-snake-case", rule, {
  valid: [
    {
      name: "mapped to snake case (their docs: UserRole -> user_role)",
      code: prisma`
        model UserRole {
          id String @id
          @@map(name: "user_role")
        }
      `,
    },
    {
      name: "a model already named in snake case needs no @@map; views and enums are not checked",
      code: prisma`
        model audit_log {
          id String @id
        }

        view UserStats {
          id Int @unique
        }
      `,
    },
    {
      name: "trimPrefix (their docs: DbUserRole -> user_role)",
      code: prisma`
        model DbUserRole {
          id String @id
          @@map(name: "user_role")
        }
      `,
      options: [{ trimPrefix: "Db" }],
    },
    {
      name: "compoundWords (their docs: GraphQLPersistedQuery -> graphql_persisted_query)",
      code: prisma`
        model GraphQLPersistedQuery {
          id String @id
          @@map(name: "graphql_persisted_query")
        }
      `,
      options: [{ compoundWords: ["GraphQL"] }],
    },
    {
      name: "pluralize (their docs: UserRole -> user_roles), with irregular plurals",
      code: prisma`
        model UserRole {
          id String @id
          @@map(name: "user_roles")
        }

        model BillOfLading {
          id String @id
          @@map("bills_of_lading")
        }

        model Person {
          id String @id
          @@map("people")
        }
      `,
      options: [{ pluralize: true, irregularPlurals: { bill_of_lading: "bills_of_lading" } }],
    },
  ],
  invalid: [
    {
      name: "no @@map (their docs), fixed",
      code: prisma`
        model UserRole {
          id String @id
        }
      `,
      output: prisma`
        model UserRole {
          id String @id

          @@map("user_role")
        }
      `,
      errors: [{ messageId: "missingMap", data: { name: "UserRole", expected: '"user_role"' }, line: 1, column: 7, endLine: 1, endColumn: 15 }],
    },
    {
      name: "mapped to another name (their docs: user_roles): reported at @@map, not fixed",
      code: prisma`
        model UserRole {
          id String @id
          @@map(name: "user_roles")
        }
      `,
      errors: [{ messageId: "wrongMap", data: { name: "UserRole", mapped: "user_roles", expected: '"user_role"' }, line: 3, column: 3, endLine: 3, endColumn: 28 }],
    },
    {
      name: "trimPrefix (their docs: db_user_role is wrong); compoundWords (their docs: graph_q_l_persisted_query is wrong)",
      code: prisma`
        model DbUserRole {
          id String @id
          @@map(name: "db_user_role")
        }

        model DbGraphQLPersistedQuery {
          id String @id
          @@map(name: "graph_q_l_persisted_query")
        }
      `,
      options: [{ trimPrefix: "Db", compoundWords: ["GraphQL"] }],
      errors: [
        { messageId: "wrongMap", data: { name: "DbUserRole", mapped: "db_user_role", expected: '"user_role"' }, line: 3, column: 3, endLine: 3, endColumn: 30 },
        { messageId: "wrongMap", line: 8, column: 3, endLine: 8, endColumn: 43 },
      ],
    },
    {
      name: "pluralize (their docs: no @@map, and user_role)",
      code: prisma`
        model UserRole {
          id String @id
        }

        model Tag {
          id String @id
          @@map(name: "tag")
        }
      `,
      output: prisma`
        model UserRole {
          id String @id

          @@map("user_roles")
        }

        model Tag {
          id String @id
          @@map(name: "tag")
        }
      `,
      options: [{ pluralize: true }],
      errors: [
        { messageId: "missingMap", data: { name: "UserRole", expected: '"user_roles"' }, line: 1, column: 7, endLine: 1, endColumn: 15 },
        { messageId: "wrongMap", data: { name: "Tag", mapped: "tag", expected: '"tags"' }, line: 7, column: 3, endLine: 7, endColumn: 21 },
      ],
    },
    {
      name: "no fix when another model is stored in that table",
      code: prisma`
        model UserRole {
          id String @id
        }

        model LegacyUserRole {
          id String @id
          @@map("user_role")
        }
      `,
      options: [{ trimPrefix: "Legacy" }],
      errors: [{ messageId: "missingMap", line: 1, column: 7, endLine: 1, endColumn: 15 }],
    },
  ],
});
