import type { BlockAttribute, FieldAttribute, Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { isRegExpString, toRegExp, toSnakeCase } from "../naming.js";
import { COMPOUND_WORDS } from "../rule-options.js";
import { argument, columnName, fieldNames, getSchemaContext, quote, tableName } from "../schema-context.js";

export type Options = [{ pattern?: string; compoundWords?: string[] }];
export type MessageIds = "defaultName" | "explicitName";

/** Index names longer than this are cut by PostgreSQL (63) and rejected by MySQL (64). */
const MAX_LENGTH = 63;

interface NamedIndex {
  attribute: FieldAttribute | BlockAttribute;
  /** The columns, in index order. */
  columns: string[];
  /** The field names, in index order (for the fix's snake_case name). */
  fields: string[];
  suffix: "idx" | "key";
  /** The `map:` argument, when the name is given. */
  explicit: string | undefined;
  /** The name in the database: the `map:` one, or Prisma's default. */
  name: string;
}

/** Every index of a model with its database name; Prisma names them `{table}_{columns}_idx` (`_key` if unique). */
function namedIndexes(model: Model): NamedIndex[] {
  const table = tableName(model);
  const columnOf = new Map(model.fields.map((f) => [f.name.name, columnName(f)]));
  const result: NamedIndex[] = [];
  const add = (attribute: FieldAttribute | BlockAttribute, fields: string[], suffix: "idx" | "key"): void => {
    if (fields.length === 0 || fields.some((f) => !columnOf.has(f))) return;
    const columns = fields.map((f) => columnOf.get(f)!);
    const map = argument(attribute, "map");
    const explicit = map?.type === "StringLiteral" ? map.value : undefined;
    if (map && explicit === undefined) return;
    result.push({ attribute, columns, fields, suffix, explicit, name: explicit ?? [table, ...columns, suffix].join("_") });
  };
  for (const field of model.fields) {
    for (const attribute of field.attributes) if (attribute.name === "unique") add(attribute, [field.name.name], "key");
  }
  for (const attribute of model.attributes) {
    if (attribute.name === "unique") add(attribute, fieldNames(argument(attribute, "fields", 0)), "key");
    else if (attribute.name === "index" || attribute.name === "fulltext") add(attribute, fieldNames(argument(attribute, "fields", 0)), "idx");
  }
  return result;
}

export default createSchemaRule<Options, MessageIds>({
  name: "index-name-mapping-snake-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require index and unique constraint names in the database to be snake_case",
    },
    fixable: "code",
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          pattern: {
            type: "string",
            minLength: 1,
            description:
              'The regular expression every index name must match, with or without slashes (`"/^[a-z][a-z0-9_]*$/"`, snake_case, by default). The fix writes `{table}_{columns}_idx` (`_key` for unique) in snake_case, and only when that matches.',
          },
          compoundWords: COMPOUND_WORDS,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ pattern: "/^[a-z][a-z0-9_]*$/", compoundWords: [] }],
    messages: {
      defaultName:
        "This index gets Prisma's default name `{{name}}` in the database, which does not match {{pattern}}. Name it with `map: {{expected}}`.",
      explicitName: "Index name `{{name}}` does not match {{pattern}}. Rename it, for example to {{expected}}.",
    },
  },
  create(context, [{ pattern = "/^[a-z][a-z0-9_]*$/", compoundWords = [] }]) {
    const schema = getSchemaContext(context);
    const regExp = toRegExp(isRegExpString(pattern) ? pattern : `/${pattern}/`, "pattern");
    const described = `\`${pattern}\``;
    let names: Map<string, number> | undefined;

    /** The name the fix writes: `{table}_{columns}_{suffix}` in snake_case (keeping parts that already match). */
    function expectedName(model: Model, index: NamedIndex): string {
      const table = regExp.test(tableName(model)) ? tableName(model) : toSnakeCase(model.name.name, { compoundWords });
      const columns = index.fields.map((f, i) => (regExp.test(index.columns[i]!) ? index.columns[i]! : toSnakeCase(f, { compoundWords })));
      return [table, ...columns, index.suffix].join("_");
    }

    /**
     * How often each name occurs in the file, counting every index once under its current name and once
     * under the name a fix would give it: a new name must not clash (PostgreSQL index names share a namespace).
     */
    function nameCounts(): Map<string, number> {
      if (!names) {
        names = new Map();
        for (const model of schema.blocks()) {
          if (model.type !== "Model") continue;
          for (const index of namedIndexes(model)) {
            const candidates = new Set([index.name, expectedName(model, index)]);
            for (const name of candidates) names.set(name, (names.get(name) ?? 0) + 1);
          }
        }
      }
      return names;
    }

    return {
      Model(model) {
        for (const index of namedIndexes(model)) {
          if (regExp.test(index.name)) continue;
          const expected = expectedName(model, index);
          const fixable = regExp.test(expected) && expected.length <= MAX_LENGTH && nameCounts().get(expected) === 1;
          if (index.explicit !== undefined) {
            const map = argument(index.attribute, "map")!;
            context.report({ node: map, messageId: "explicitName", data: { name: index.name, pattern: described, expected: quote(expected) } });
            continue;
          }
          context.report({
            node: index.attribute,
            messageId: "defaultName",
            data: { name: index.name, pattern: described, expected: quote(expected) },
            fix: fixable ? (fixer) => schema.addArgument(fixer, index.attribute, `map: ${quote(expected)}`) : null,
          });
        }
      },
    };
  },
});
