import { createSchemaRule } from "../create-schema-rule.js";
import { getSchemaContext, relationOf } from "../schema-context.js";

export type Options = [];
export type MessageIds = "missingOnDelete" | "addOnDelete";

export default createSchemaRule<Options, MessageIds>({
  name: "require-referential-actions",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require every relation to declare what happens when the referenced row is deleted (`onDelete`)",
      recommended: "strict",
      severity: "warn",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [],
    messages: {
      missingOnDelete:
        "Relation `{{relation}}` does not say what happens to `{{model}}` rows when their `{{target}}` is deleted, so Prisma's implicit default applies ({{default}}). Declare `onDelete` explicitly: `Cascade`, `Restrict`, `SetNull` or `NoAction`.",
      addOnDelete: "Add `onDelete: {{action}}`.",
    },
  },
  create(context) {
    const schema = getSchemaContext(context);
    return {
      Model(model) {
        if (schema.isExcluded(model)) return;
        for (const field of model.fields) {
          const relation = relationOf(field);
          if (!relation || relation.fields.length === 0 || relation.onDelete) continue;
          const optional = relation.field.fieldType.optional;
          const actions = optional ? ["Cascade", "SetNull", "Restrict"] : ["Cascade", "Restrict"];
          context.report({
            node: relation.attribute!,
            messageId: "missingOnDelete",
            data: {
              relation: field.name.name,
              model: model.name.name,
              target: relation.target,
              default: optional ? "`SetNull`, the foreign key becomes null" : "`Restrict`, the delete fails",
            },
            suggest: actions.map((action) => ({
              messageId: "addOnDelete" as const,
              data: { action },
              fix: (fixer) => schema.addArgument(fixer, relation.attribute!, `onDelete: ${action}`),
            })),
          });
        }
      },
    };
  },
});
