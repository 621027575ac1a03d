import { createSchemaRule } from "../create-schema-rule.js";
import { fieldAttribute, getSchemaContext } from "../schema-context.js";

export type Options = [];
export type MessageIds = "requiredIgnored";

export default createSchemaRule<Options, MessageIds>({
  name: "forbid-required-ignored-field",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `@ignore` on required fields without a default value",
    },
    languages: ["backend-architect/prisma"],
    schema: [],
    messages: {
      requiredIgnored:
        "`{{name}}` is required and has no default, but `@ignore` hides it from Prisma Client, so every `create` of `{{model}}` fails on the missing value. Make the field optional, give it a `@default(...)`, or drop the column.",
    },
  },
  create(context) {
    const schema = getSchemaContext(context);
    return {
      Model(model) {
        for (const field of model.fields) {
          const ignore = fieldAttribute(field, "ignore");
          if (!ignore || field.fieldType.optional || field.fieldType.list) continue;
          if (fieldAttribute(field, "default")) continue;
          const kind = schema.typeKind(field.fieldType.name);
          if ((kind !== "scalar" && kind !== "enum") || field.fieldType.name === "Unsupported") continue;
          context.report({ node: ignore, messageId: "requiredIgnored", data: { name: field.name.name, model: model.name.name } });
        }
      },
    };
  },
});
