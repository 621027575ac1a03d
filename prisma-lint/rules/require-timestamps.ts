import type { Field, Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { picomatch } from "../lazy-packages.js";
import {
  blockAttributes,
  fieldAttribute,
  getSchemaContext,
  isCreationDefault,
  relationOf,
} from "../schema-context.js";

export type Options = [
  {
    createdAt?: string;
    updatedAt?: string;
    ignoreModels?: string[];
    ignoreJoinTables?: boolean;
  },
];
export type MessageIds =
  | "missingCreatedAt"
  | "missingUpdatedAt"
  | "notDateTime"
  | "optional"
  | "missingDefaultNow"
  | "missingUpdatedAtAttribute"
  | "addCreatedAt"
  | "addUpdatedAt"
  | "addDefaultNow"
  | "addUpdatedAtAttribute";

export default createSchemaRule<Options, MessageIds>({
  name: "require-timestamps",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require every model to record when each row was created and last updated",
      recommended: "recommended",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          createdAt: {
            type: "string",
            minLength: 1,
            description: "Name of the creation timestamp field (`DateTime @default(now())`).",
          },
          updatedAt: {
            type: "string",
            minLength: 1,
            description: "Name of the update timestamp field (`DateTime @updatedAt`).",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Model names or glob patterns (`Audit*`) of models that need no timestamps.",
          },
          ignoreJoinTables: {
            type: "boolean",
            description:
              "Skip explicit many-to-many join tables: models made only of two relations, their foreign keys and a composite `@@id`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ createdAt: "createdAt", updatedAt: "updatedAt", ignoreModels: [], ignoreJoinTables: false }],
    messages: {
      missingCreatedAt:
        "Model `{{model}}` has no `{{field}}` field, so nobody can tell when a row was created. Add `{{field}} DateTime @default(now())` (a migration decision: existing rows get the migration's time).",
      missingUpdatedAt:
        "Model `{{model}}` has no `{{field}}` field, so nobody can tell when a row last changed. Add `{{field}} DateTime @updatedAt` (a migration decision: existing rows need a value).",
      notDateTime: "`{{field}}` is a `{{type}}`, not a timestamp. Make it a `DateTime`.",
      optional:
        "`{{field}}` is optional, so rows can be stored without it. Make it a required `DateTime` (a migration must fill in existing null values).",
      missingDefaultNow:
        "`{{field}}` has no `@default(now())`, so Prisma does not fill it in when a row is created. Add `@default(now())`.",
      missingUpdatedAtAttribute:
        "`{{field}}` has no `@updatedAt`, so Prisma does not change it when the row is updated. Add `@updatedAt`.",
      addCreatedAt: "Add `{{field}} DateTime @default(now())`.",
      addUpdatedAt: "Add `{{field}} DateTime @updatedAt`.",
      addDefaultNow: "Add `@default(now())`.",
      addUpdatedAtAttribute: "Add `@updatedAt`.",
    },
  },
  create(context, [options]) {
    const createdAtName = options.createdAt ?? "createdAt";
    const updatedAtName = options.updatedAt ?? "updatedAt";
    const ignorePatterns = options.ignoreModels ?? [];
    const ignored = ignorePatterns.length > 0 ? picomatch()(ignorePatterns) : () => false;
    const schema = getSchemaContext(context);

    /** Two relations with their foreign keys, and a composite `@@id`: nothing else. */
    function isJoinTable(model: Model): boolean {
      const relations = model.fields.map(relationOf).filter((r) => r !== undefined && r.fields.length > 0);
      if (relations.length !== 2 || blockAttributes(model, "id").length === 0) return false;
      const allowed = new Set(relations.flatMap((r) => [r!.field.name.name, ...r!.fields]));
      return model.fields.every((field) => allowed.has(field.name.name));
    }

    function checkType(field: Field): boolean {
      const type = field.fieldType;
      if (type.name !== "DateTime" || type.list) {
        context.report({
          node: type,
          messageId: "notDateTime",
          data: { field: field.name.name, type: context.sourceCode.getText(type) },
        });
        return false;
      }
      if (type.optional) {
        context.report({ node: type, messageId: "optional", data: { field: field.name.name } });
      }
      return true;
    }

    return {
      Model(model) {
        if (schema.isExcluded(model) || ignored(model.name.name)) return;
        if (options.ignoreJoinTables && isJoinTable(model)) return;
        const createdAt = model.fields.find((field) => field.name.name === createdAtName);
        const updatedAt = model.fields.find((field) => field.name.name === updatedAtName);

        if (!createdAt) {
          context.report({
            node: model.name,
            messageId: "missingCreatedAt",
            data: { model: model.name.name, field: createdAtName },
            suggest: [
              {
                messageId: "addCreatedAt",
                data: { field: createdAtName },
                fix: (fixer) => schema.insertField(fixer, model, createdAtName, "DateTime", "@default(now())"),
              },
            ],
          });
        } else if (checkType(createdAt) && !isCreationDefault(fieldAttribute(createdAt, "default"))) {
          const hasOtherDefault = fieldAttribute(createdAt, "default") !== undefined;
          context.report({
            node: createdAt.name,
            messageId: "missingDefaultNow",
            data: { field: createdAtName },
            suggest: hasOtherDefault
              ? []
              : [{ messageId: "addDefaultNow", fix: (fixer) => schema.appendToField(fixer, createdAt, " @default(now())") }],
          });
        }

        if (!updatedAt) {
          context.report({
            node: model.name,
            messageId: "missingUpdatedAt",
            data: { model: model.name.name, field: updatedAtName },
            suggest: [
              {
                messageId: "addUpdatedAt",
                data: { field: updatedAtName },
                fix: (fixer) => schema.insertField(fixer, model, updatedAtName, "DateTime", "@updatedAt"),
              },
            ],
          });
        } else if (checkType(updatedAt) && !fieldAttribute(updatedAt, "updatedAt")) {
          context.report({
            node: updatedAt.name,
            messageId: "missingUpdatedAtAttribute",
            data: { field: updatedAtName },
            suggest: [
              { messageId: "addUpdatedAtAttribute", fix: (fixer) => schema.appendToField(fixer, updatedAt, " @updatedAt") },
            ],
          });
        }
      },
    };
  },
});
