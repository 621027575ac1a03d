import type { Field, Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { snakeCaseVariants } from "../naming.js";
import { COMPOUND_WORDS } from "../rule-options.js";
import { columnName, fieldAttribute, getSchemaContext, mappedName, quote } from "../schema-context.js";

export type Options = [{ compoundWords?: string[]; requireUnderscorePrefixForIds?: boolean }];
export type MessageIds = "missingMap" | "wrongMap";

export default createSchemaRule<Options, MessageIds>({
  name: "field-name-mapping-snake-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require fields to be mapped to snake_case column names",
    },
    fixable: "code",
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          compoundWords: COMPOUND_WORDS,
          requireUnderscorePrefixForIds: {
            type: "boolean",
            description: "Map `@id` fields to a column that starts with `_` (`id` -> `_id`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ compoundWords: [], requireUnderscorePrefixForIds: false }],
    messages: {
      missingMap: "Field `{{name}}` is stored in a column named `{{name}}`, not in snake_case. Add `@map({{expected}})`.",
      wrongMap: "Field `{{name}}` is mapped to `{{mapped}}`, not to its snake_case name. Map it to {{expected}}.",
    },
  },
  create(context, [{ compoundWords = [], requireUnderscorePrefixForIds = false }]) {
    const schema = getSchemaContext(context);
    let mongo: boolean | undefined;

    /** The column names that count as the field's snake_case name. */
    function expectedColumns(field: Field): string[] {
      const variants = snakeCaseVariants(field.name.name, { compoundWords });
      if (!fieldAttribute(field, "id")) return variants;
      const prefixed = variants.map((v) => `_${v}`);
      if (requireUnderscorePrefixForIds) return prefixed;
      // MongoDB stores the primary key in `_id`, whatever the rule says
      mongo ??= schema.datasource()?.provider === "mongodb";
      return mongo ? [...variants, ...prefixed] : variants;
    }

    /** Another field has that column, or would get it from this rule's fix (`created_atZ` and `createdAtZ`). */
    function isTaken(model: Model, field: Field, column: string): boolean {
      return model.fields.some(
        (other) => other !== field && (columnName(other) === column || (mappedName(other) === undefined && expectedColumns(other)[0] === column)),
      );
    }

    return {
      Model(model) {
        for (const field of model.fields) {
          const kind = schema.typeKind(field.fieldType.name);
          if (kind === "model" || kind === "view" || kind === "unknown") continue;
          const name = field.name.name;
          const expected = expectedColumns(field);
          const mapped = mappedName(field);
          if (expected.includes(mapped ?? name)) continue;
          const column = expected[0]!;
          if (mapped !== undefined || fieldAttribute(field, "map")) {
            context.report({
              node: fieldAttribute(field, "map")!,
              messageId: "wrongMap",
              data: { name, mapped: mapped ?? "?", expected: expected.map(quote).join(" or ") },
            });
            continue;
          }
          context.report({
            node: field.name,
            messageId: "missingMap",
            data: { name, expected: quote(column) },
            fix: isTaken(model, field, column) ? null : (fixer) => schema.appendToField(fixer, field, ` @map(${quote(column)})`),
          });
        }
      },
    };
  },
});
