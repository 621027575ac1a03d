import type { Field, Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import {
  fieldAttribute,
  getSchemaContext,
  idFields,
  isCreationDefault,
  modelIndexes,
  relationOf,
  type Relation,
} from "../schema-context.js";

export type Options = [];
export type MessageIds = "mergeIntoParent" | "onlyLink";

const MAX_FIELDS = 3;

/** Field names that say "kept apart on purpose": credentials and secrets stay out of the parent's reads. */
const SECRET = /hash|passw|secret|token|salt|otp|credential|private|cipher|encrypted/iu;

function isTimestamp(field: Field): boolean {
  if (field.fieldType.name !== "DateTime") return false;
  return (
    fieldAttribute(field, "updatedAt") !== undefined ||
    isCreationDefault(fieldAttribute(field, "default")) ||
    /^(created|updated)_?at$/iu.test(field.name.name)
  );
}

export default createSchemaRule<Options, MessageIds>({
  name: "no-unnecessary-model",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow models that only extend another model one-to-one with a few fields",
      recommended: "strict",
      severity: "warn",
    },
    languages: ["backend-architect/prisma"],
    schema: [],
    messages: {
      mergeIntoParent:
        "Model `{{model}}` only adds {{fields}} to `{{parent}}`, one row per `{{parent}}`. Move these fields into `{{parent}}` (as optional fields if not every `{{parent}}` has them) instead of keeping a separate table that every read has to join.",
      onlyLink:
        "Model `{{model}}` holds nothing but its one-to-one link to `{{parent}}`. Store the fact as a field of `{{parent}}` (a boolean, enum or timestamp) instead of a separate table.",
    },
  },
  create(context) {
    const schema = getSchemaContext(context);

    /** The model's single required one-to-one relation to a parent, if that is all it relates to. */
    function parentRelation(model: Model): Relation | undefined {
      let parent: Relation | undefined;
      for (const field of model.fields) {
        const relation = relationOf(field);
        const kind = relation ? "model" : schema.typeKind(field.fieldType.name);
        if (kind === "unknown") return undefined; // cannot tell what this field is: stay silent
        if (kind !== "model" && kind !== "view") continue;
        if (parent || !relation || relation.fields.length === 0) return undefined; // a second relation
        parent = relation;
      }
      if (!parent || parent.field.fieldType.optional || parent.field.fieldType.list) return undefined;
      if (parent.target === model.name.name) return undefined;
      const keyFields = parent.fields.map((name) => model.fields.find((field) => field.name.name === name));
      if (keyFields.some((field) => !field || field.fieldType.optional)) return undefined;
      const key = new Set(parent.fields);
      const unique = modelIndexes(model).some(
        (index) => index.kind !== "index" && index.fields.length === key.size && index.fields.every((f) => key.has(f)),
      );
      return unique ? parent : undefined;
    }

    return {
      Model(model) {
        if (schema.isExcluded(model)) return;
        const parent = parentRelation(model);
        if (!parent) return;
        const skipped = new Set([parent.field.name.name, ...parent.fields, ...idFields(model)]);
        const own = model.fields.filter((field) => !skipped.has(field.name.name) && !isTimestamp(field));
        if (own.length > MAX_FIELDS) return;
        if (own.some((field) => SECRET.test(field.name.name) || field.fieldType.name === "Bytes")) return;
        const names = own.map((field) => `\`${field.name.name}\``);
        context.report({
          node: model.name,
          messageId: own.length === 0 ? "onlyLink" : "mergeIntoParent",
          data: {
            model: model.name.name,
            parent: parent.target,
            fields: names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`,
          },
        });
      },
    };
  },
});
