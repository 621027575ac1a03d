import { createSchemaRule } from "../create-schema-rule.js";
import { fieldAttribute, getSchemaContext } from "../schema-context.js";

export type Options = [];
export type MessageIds = "missingDefault";

export default createSchemaRule<Options, MessageIds>({
  name: "require-default-empty-arrays",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a `@default([])` on scalar list fields",
    },
    fixable: "code",
    languages: ["backend-architect/prisma"],
    schema: [],
    messages: {
      missingDefault:
        "List field `{{name}}` has no default, so rows created without it store NULL instead of an empty list. Add `@default([])`.",
    },
  },
  create(context) {
    const schema = getSchemaContext(context);
    return {
      Model(model) {
        for (const field of model.fields) {
          const type = field.fieldType;
          if (!type.list || type.name === "Unsupported" || fieldAttribute(field, "default")) continue;
          const kind = schema.typeKind(type.name);
          if (kind !== "scalar" && kind !== "enum") continue;
          context.report({
            node: field.name,
            messageId: "missingDefault",
            data: { name: field.name.name },
            fix: (fixer) => schema.appendToField(fixer, field, " @default([])"),
          });
        }
      },
    };
  },
});
