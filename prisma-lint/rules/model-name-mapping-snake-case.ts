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

    /** The tables a model is stored in or would be after this rule's fix: its table, and its expected one when unmapped. */
    function claims(model: Model): Set<string> {
      const tables = new Set([tableName(model)]);
      if (mappedName(model) === undefined) tables.add(expectedTables(model)[0]!);
      return tables;
    }

    // how many models of the file claim each table, and the models of the other files: built once per file
    // (asked per model, this was quadratic in the number of models)
    let claimed: Map<string, number> | undefined;
    let otherModels: Set<string> | undefined;

    /** Another model is stored in that table, or would be after this rule's fix (adding the `@@map` would clash). */
    function isTaken(model: Model, table: string): boolean {
      if (!claimed) {
        claimed = new Map();
        for (const block of schema.blocks()) {
          if (block.type !== "Model") continue;
          for (const t of claims(block)) claimed.set(t, (claimed.get(t) ?? 0) + 1);
        }
      }
      otherModels ??= new Set(schema.otherModelNames());
      const byOthers = (claimed.get(table) ?? 0) - (claims(model).has(table) ? 1 : 0);
      return byOthers > 0 || otherModels.has(table);
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
