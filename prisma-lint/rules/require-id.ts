import { createSchemaRule } from "../create-schema-rule.js";
import { getSchemaContext, idFields } from "../schema-context.js";

export type Options = [];
export type MessageIds = "missingId";

export default createSchemaRule<Options, MessageIds>({
  name: "require-id",
  meta: {
    type: "problem",
    docs: {
      description: "Require every model to have a primary key (`@id` or `@@id`)",
      recommended: "recommended",
    },
    languages: ["backend-architect/prisma"],
    schema: [],
    messages: {
      missingId:
        "Model `{{model}}` has no primary key, so rows cannot be addressed reliably and joins and updates fall back to unique columns. Add an `id` field with `@id` (for example `id String @id @default(uuid(7))`) or a composite `@@id([...])`.",
    },
  },
  create(context) {
    const schema = getSchemaContext(context);
    return {
      Model(model) {
        if (schema.isExcluded(model) || idFields(model).length > 0) return;
        context.report({ node: model.name, messageId: "missingId", data: { model: model.name.name } });
      },
    };
  },
});
