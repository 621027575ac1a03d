import rule from "../../../prisma-lint/rules/field-name-grammatical-number.js";
import { createSchemaRuleTester, prisma } from "../schema-rule-tester.js";

createSchemaRuleTester().run("field-name-grammatical-number", rule, {
  valid: [
    {
      name: 'ifList "singular" (their docs: email String[])',
      code: prisma`
        model User {
          email String[]
        }
      `,
      options: [{ ifList: "singular" }],
    },
    {
      name: 'ifList "plural" (their docs: emails String[]); relation lists and camelCase names read by their last word',
      code: prisma`
        model User {
          id       String    @id
          emails   String[]
          userIds  String[]
          posts    Post[]
          sessions Session[]
        }
      `,
      options: [{ ifList: "plural" }],
    },
    {
      name: "names a person would not call singular: a plural noun with a qualifier, a phrase ending in a preposition, a collective noun, a version tag",
      code: prisma`
        model Workflow {
          id                        String   @id
          invitesAccepted           String[]
          workflowVersionsPublished String[]
          watchedBy                 String[]
          allowList                 String[]
          activityHistory           String[]
          answersV2                 String[]
          redirectUris              String[]
        }
      `,
      options: [{ ifList: "plural" }],
    },
    {
      name: "words that are singular and plural at once (uncountable) are never reported",
      code: prisma`
        model Page {
          id              String   @id
          metaInformation String[]
          media           String[]
          news            String[]
        }
      `,
      options: [{ ifList: "plural" }],
    },
    {
      name: 'ifListAllow (their docs: data with ifList "singular"), by name and by pattern',
      code: prisma`
        model User {
          data        String[]
          email       String[]
          legacyCodes String[]
        }
      `,
      options: [{ ifList: "singular", ifListAllow: ["data", "/^legacy/"] }],
    },
    {
      name: "fields that are not lists",
      code: prisma`
        model User {
          id       String @id
          settings Json
          email    String
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'ifList "singular" (their docs: emails String[])',
      code: prisma`
        model User {
          emails String[]
        }
      `,
      options: [{ ifList: "singular" }],
      errors: [
        {
          messageId: "expectedSingular",
          data: { name: "emails", expected: "email" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 9,
          suggestions: [{ messageId: "rename", data: { name: "email" }, output: 'model User {\n  email String[] @map("emails")\n}\n' }],
        },
      ],
    },
    {
      name: 'ifList "plural" (the default; their docs: email String[]); a back-relation field is renamed without @map',
      code: prisma`
        model User {
          id    String   @id
          email String[]
          post  Post[]
        }

        model Post {
          id       String @id
          author   User   @relation(fields: [authorId], references: [id])
          authorId String
        }
      `,
      errors: [
        {
          messageId: "expectedPlural",
          data: { name: "email", expected: "emails" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 8,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "emails" },
              output: prisma`
                model User {
                  id    String   @id
                  emails String[] @map("email")
                  post  Post[]
                }

                model Post {
                  id       String @id
                  author   User   @relation(fields: [authorId], references: [id])
                  authorId String
                }
              `,
            },
          ],
        },
        {
          messageId: "expectedPlural",
          data: { name: "post", expected: "posts" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 7,
          suggestions: [
            {
              messageId: "rename",
              data: { name: "posts" },
              output: prisma`
                model User {
                  id    String   @id
                  email String[]
                  posts  Post[]
                }

                model Post {
                  id       String @id
                  author   User   @relation(fields: [authorId], references: [id])
                  authorId String
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
