import rule from "../../../prisma-lint/rules/field-name-mapping-snake-case.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("field-name-mapping-snake-case", rule, {
  valid: [
    {
      name: "mapped to snake case (their docs: userId -> user_id); one-word and relation fields need no mapping",
      code: prisma`
        model UserRole {
          id            String @id
          userId        String @map(name: "user_id")
          grantedByUser User   @relation(fields: [userId], references: [id])
        }

        model User {
          id    String     @id
          roles UserRole[]
        }
      `,
    },
    {
      name: "compoundWords (their docs: graphQLId -> graphql_id); digits may stand in a word or apart",
      code: prisma`
        model PersistedQuery {
          id        String @id
          graphQLId String @map("graphql_id")
          address1  String @map("address_1")
          sha256    String
        }
      `,
      options: [{ compoundWords: ["GraphQL"] }],
    },
    {
      name: "requireUnderscorePrefixForIds (their docs: id -> _id)",
      code: prisma`
        model PersistedQuery {
          id         String @id @map(name: "_id")
          otherField String @map(name: "other_field")
        }
      `,
      options: [{ requireUnderscorePrefixForIds: true }],
    },
    {
      name: "enum and composite type fields mapped (their docs); MongoDB's _id needs no option",
      code: prisma`
        datasource db {
          provider = "mongodb"
        }

        enum RoleType {
          ADMIN
        }

        type UserInfo {
          institution String
        }

        model User {
          id       String   @id @default(auto()) @map("_id") @db.ObjectId
          roleType RoleType @map(name: "role_type")
          userInfo UserInfo @map(name: "user_info")
        }
      `,
    },
    {
      name: "a field of a type nobody can resolve is left alone; a parameterized ignore comment (their docs)",
      code: prisma`
        model Post {
          /// prisma-lint-ignore-model field-name-mapping-snake-case tenantId
          tenantId String
          userId   String @map(name: "user_id")
          category Category
        }
      `,
    },
  ],
  invalid: [
    {
      name: "not mapped (their docs: userId String), fixed with @map",
      code: prisma`
        model UserRole {
          userId String
        }
      `,
      output: prisma`
        model UserRole {
          userId String @map("user_id")
        }
      `,
      errors: [{ messageId: "missingMap", data: { name: "userId", expected: '"user_id"' }, line: 2, column: 3, endLine: 2, endColumn: 9 }],
    },
    {
      name: "mapped to the wrong name (their docs: user_i_d): reported at @map, not fixed",
      code: prisma`
        model UserRole {
          userId String @map(name: "user_i_d")
        }
      `,
      errors: [{ messageId: "wrongMap", data: { name: "userId", mapped: "user_i_d", expected: '"user_id"' }, line: 2, column: 17, endLine: 2, endColumn: 39 }],
    },
    {
      name: "compoundWords (their docs: graph_q_l_id is wrong)",
      code: prisma`
        model PersistedQuery {
          graphQLId String @map(name: "graph_q_l_id")
        }
      `,
      options: [{ compoundWords: ["GraphQL"] }],
      errors: [{ messageId: "wrongMap", data: { name: "graphQLId", mapped: "graph_q_l_id", expected: '"graphql_id"' }, line: 2, column: 20, endLine: 2, endColumn: 46 }],
    },
    {
      name: "requireUnderscorePrefixForIds (their docs: id mapped to id)",
      code: prisma`
        model PersistedQuery {
          id         String @id @map(name: "id")
          otherField String @map(name: "other_field")
        }
      `,
      options: [{ requireUnderscorePrefixForIds: true }],
      errors: [{ messageId: "wrongMap", data: { name: "id", mapped: "id", expected: '"_id"' }, line: 2, column: 25, endLine: 2, endColumn: 41 }],
    },
    {
      name: "enum and composite type fields (their docs), an Unsupported column; a second field that would get the same column is not fixed",
      code: prisma`
        enum RoleType {
          ADMIN
        }

        model UserRole {
          roleType  RoleType
          location  Unsupported("geometry")?
          createdAt DateTime
          created_at DateTime
        }
      `,
      output: prisma`
        enum RoleType {
          ADMIN
        }

        model UserRole {
          roleType  RoleType @map("role_type")
          location  Unsupported("geometry")?
          createdAt DateTime
          created_at DateTime
        }
      `,
      errors: [
        { messageId: "missingMap", line: 6, column: 3, endLine: 6, endColumn: 11 },
        { messageId: "missingMap", line: 8, column: 3, endLine: 8, endColumn: 12 },
      ],
    },
    {
      name: "their parameterized example: userId not ignored",
      code: prisma`
        model Post {
          /// prisma-lint-ignore-model field-name-mapping-snake-case tenantId
          tenantId String
          userId   String
        }
      `,
      output: prisma`
        model Post {
          /// prisma-lint-ignore-model field-name-mapping-snake-case tenantId
          tenantId String
          userId   String @map("user_id")
        }
      `,
      errors: [{ messageId: "missingMap", line: 4, column: 3, endLine: 4, endColumn: 9 }],
    },
  ],
});
