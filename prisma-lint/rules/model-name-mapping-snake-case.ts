import type { Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { pluralizeSnake, snakeCaseVariants, trimPrefix } from "../naming.js";
import { COMPOUND_WORDS, TRIM_PREFIX } from "../rule-options.js";
import { getSchemaContext, mapAttribute, mappedName, quote, tableName } from "../schema-context.js";

export type Options = [
  {
    compoundWords?: string[];
    irregularPlurals?: Record<string, string>;
    pluralize?: boolean;
    trimPrefix?: string | string[];
  },
];
export type MessageIds = "missingMap" | "wrongMap";

export default createSchemaRule<Options, MessageIds>({
  name: "model-name-mapping-snake-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require models to be mapped to snake_case table names",
    },
    fixable: "code",
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          compoundWords: COMPOUND_WORDS,
          irregularPlurals: {
            type: "object",
            additionalProperties: { type: "string" },
            description: 'With `pluralize`: plurals of snake_case names or words that English rules get wrong (`{ "bill_of_lading": "bills_of_lading" }`).',
          },
          pluralize: { type: "boolean", description: "Table names are plural (`UserRole` -> `user_roles`)." },
          trimPrefix: TRIM_PREFIX,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ compoundWords: [], irregularPlurals: {}, pluralize: false, trimPrefix: [] }],
    messages: {
      missingMap: "Model `{{name}}` is stored in a table named `{{name}}`, not in snake_case. Add `@@map({{expected}})`.",
      wrongMap: "Model `{{name}}` is mapped to `{{mapped}}`, not to its snake_case name. Map it to {{expected}}.",
    },
  },
  create(context, [options]) {
    const schema = getSchemaContext(context);
    const compoundWords = options.compoundWords ?? [];

    function expectedTables(model: Model): string[] {
      const variants = snakeCaseVariants(trimPrefix(model.name.name, options.trimPrefix), { compoundWords });
      return options.pluralize ? variants.map((v) => pluralizeSnake(v, options.irregularPlurals)) : variants;
    }

    /** Another model is stored in that table, or would be after this rule's fix (adding the `@@map` would clash). */
    function isTaken(model: Model, table: string): boolean {
      const models = schema.blocks().filter((b): b is Model => b.type === "Model" && b !== model);
      return (
        models.some((m) => tableName(m) === table || (mappedName(m) === undefined && expectedTables(m)[0] === table)) ||
        schema.otherModelNames().includes(table)
      );
    }

    return {
      Model(model) {
        const name = model.name.name;
        const expected = expectedTables(model);
        const mapped = mappedName(model);
        if (expected.includes(mapped ?? name)) return;
        const map = mapAttribute(model);
        if (map) {
          context.report({
            node: map,
            messageId: "wrongMap",
            data: { name, mapped: mapped ?? "?", expected: expected.map(quote).join(" or ") },
          });
          return;
        }
        const table = expected[0]!;
        context.report({
          node: model.name,
          messageId: "missingMap",
          data: { name, expected: quote(table) },
          fix: isTaken(model, table) ? null : (fixer) => schema.insertBlockAttribute(fixer, model, `@@map(${quote(table)})`),
        });
      },
    };
  },
});
