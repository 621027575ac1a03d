import type { Model } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { ignoredNames } from "../ignore-comments.js";
import { nameMatcher } from "../naming.js";
import { namePatterns } from "../rule-options.js";
import {
  getSchemaContext,
  modelIndexes,
  relationOf,
  type ModelIndex,
  type Relation,
} from "../schema-context.js";

export type Options = [{ forAllRelations?: boolean; forNames?: string[] }];
export type MessageIds = "missingIndex" | "missingFieldIndex";

/**
 * Does an index serve lookups by these foreign-key columns? Yes when the index leads with a column of
 * the key: with all of them for a single-column key (the prefix rule), and for a composite key with
 * any of them (the classic `@@id([postId, tagId])` join table, or `@@index([accountId])` for the key
 * `[accountId, userId]`: the database narrows the lookup through the index and filters the rest).
 * A unique index on a subset of the key also serves it: at most one row matches.
 */
export function isCovered(columns: string[], indexes: ModelIndex[]): boolean {
  const key = new Set(columns);
  return indexes.some(
    (index) => key.has(index.fields[0]!) || (index.kind !== "index" && index.fields.every((field) => key.has(field))),
  );
}

/** MongoDB has no joins to index; MySQL's InnoDB indexes every foreign key constraint itself. */
function indexesForeignKeysItself(provider: string | undefined, relationMode: string | undefined): boolean {
  if (provider === "mongodb") return true;
  return provider === "mysql" && (relationMode ?? "foreignKeys") === "foreignKeys";
}

export default createSchemaRule<Options, MessageIds>({
  name: "require-foreign-key-index",
  meta: {
    type: "problem",
    docs: {
      description: "Require an index on the foreign key of every relation",
      recommended: "recommended",
    },
    fixable: "code",
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          forAllRelations: {
            type: "boolean",
            description: "Check the foreign key of every relation (where the database does not index it by itself).",
          },
          forNames: namePatterns(
            'Other fields that must lead an index, such as a tenant key: exact names or `"/regex/flags"` patterns (`"tenantId"`, `"/Id$/"`).',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ forAllRelations: true, forNames: [] }],
    messages: {
      missingIndex:
        "The foreign key `{{columns}}` of relation `{{relation}}` has no index, so finding the `{{model}}` rows of a `{{target}}` (and every delete or update of a `{{target}}`) scans the whole `{{model}}` table. Add `@@index([{{columns}}])`.",
      missingFieldIndex:
        "`{{field}}` leads no index, so every query of `{{model}}` by `{{field}}` scans the whole table. Add `@@index([{{field}}])`.",
    },
  },
  create(context, [{ forAllRelations = true, forNames }]) {
    const schema = getSchemaContext(context);
    const named = nameMatcher(forNames, "forNames");
    const checkNames = (forNames ?? []).length > 0;
    let skipFile: boolean | undefined;

    /** Silent when the provider indexes foreign keys itself, and when nobody can tell the provider. */
    function skip(): boolean {
      if (skipFile === undefined) {
        const datasource = schema.datasource();
        skipFile =
          datasource?.provider === undefined || indexesForeignKeysItself(datasource.provider, datasource.relationMode);
      }
      return skipFile;
    }

    /** Fields named by `forNames` must lead an index (a unique one, or the primary key, counts). */
    function checkNamedFields(model: Model, ignored: ReadonlySet<string>): Set<string> {
      const reported = new Set<string>();
      const indexes = modelIndexes(model);
      const leading = new Set(indexes.map((index) => index.fields[0]!));
      for (const field of model.fields) {
        const name = field.name.name;
        if (!named(name) || ignored.has(name) || leading.has(name)) continue;
        if (schema.typeKind(field.fieldType.name) === "model" || field.fieldType.list) continue;
        reported.add(name);
        context.report({
          node: field.name,
          messageId: "missingFieldIndex",
          data: { field: name, model: model.name.name },
          fix: (fixer) => schema.insertBlockAttribute(fixer, model, `@@index([${name}])`),
        });
      }
      return reported;
    }

    return {
      Model(model) {
        if (schema.isExcluded(model)) return;
        const ignored = ignoredNames(context.sourceCode, model, "require-foreign-key-index");
        const reported = checkNames ? checkNamedFields(model, ignored) : new Set<string>();
        if (!forAllRelations) return;
        // a key already reported as a named field needs no second report
        const relations = model.fields
          .map(relationOf)
          .filter((relation): relation is Relation => relation !== undefined && relation.fields.length > 0)
          .filter((relation) => !relation.fields.some((field) => ignored.has(field)))
          .filter((relation) => !(relation.fields.length === 1 && reported.has(relation.fields[0]!)));
        if (relations.length === 0 || skip()) return;
        const indexes = modelIndexes(model);
        const uncovered = relations.filter((relation) => !isCovered(relation.fields, indexes));
        for (const relation of uncovered) {
          // One index for keys that lead another uncovered key: [a] and [a, b] both get @@index([a, b]).
          const columns = uncovered
            .map((other) => other.fields)
            .filter((fields) => relation.fields.every((field, i) => fields[i] === field))
            .reduce((longest, fields) => (fields.length > longest.length ? fields : longest), relation.fields)
            .join(", ");
          context.report({
            node: relation.attribute!,
            messageId: "missingIndex",
            data: {
              columns: relation.fields.join(", "),
              relation: relation.field.name.name,
              model: model.name.name,
              target: relation.target,
            },
            fix: (fixer) => schema.insertBlockAttribute(fixer, model, `@@index([${columns}])`),
          });
        }
      },
    };
  },
});
