import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { unwrapExpression } from "../util/bindings.js";
import { matchesAnyGlob } from "../util/file-match.js";
import type { DbQuery } from "../analysis/db-queries.js";
import { fileFacts } from "../analysis/file-facts.js";
import { keyOf, objectLiteral, propertiesOf } from "../analysis/prisma-args.js";
import { getPrismaSchema, type PrismaSchemaInfo, type SchemaModel } from "../analysis/prisma-schema.js";

export type Options = [
  {
    ignore?: string[];
    ignoreModels?: string[];
  },
];
export type MessageIds = "unindexedFilter";

/** Operations that may scan many rows to find the ones their `where` selects. */
const FILTERING_OPERATIONS = new Set(["findMany", "findFirst", "findFirstOrThrow", "count", "updateMany", "updateManyAndReturn", "deleteMany", "aggregate", "groupBy"]);
const EQUALITY_KEYS = new Set(["equals", "in"]);
const RANGE_KEYS = new Set(["gt", "gte", "lt", "lte"]);
/** Keys that combine conditions an index on one field cannot serve on its own. */
const SKIPPED_COMBINATORS = new Set(["OR", "NOT"]);

interface Filtered {
  field: string;
  key: TSESTree.Node;
  /** `other`: a filter (`{ not: null }`, `deletedAt: null`, a case-insensitive match) that names no column worth an index. */
  kind: "equality" | "range" | "other";
}

export default createRule<Options, MessageIds>({
  name: "require-indexed-query-fields",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require an index for the fields Prisma list and bulk queries filter on",
      recommended: "strict",
      severity: "warn",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          ignore: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Files (globs, relative to the working directory) whose queries are not checked: seeds, migrations, one-off scripts, tests.",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Models that stay small by nature (`Plan`, `Country`): a scan of them costs nothing.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        ignore: [
          "**/prisma/seed.*",
          "**/seed.*",
          "**/seed/**",
          "**/seeds/**",
          // seed scripts named in camelCase: `prisma/seedUsageLog.ts`
          "**/seed[A-Z]*.*",
          "**/migrations/**",
          "**/scripts/**",
          "**/*.{test,spec}.*",
          "**/__tests__/**",
          "**/e2e/**",
          "**/tests/**",
          "**/test/**",
        ],
        ignoreModels: [],
      },
    ],
    messages: {
      unindexedFilter:
        "No index of model `{{model}}` starts with a field this `{{operation}}` filters on, so the database reads the whole table to answer it. Add `@@index([{{index}}])` to model `{{model}}` in the schema.",
    },
  },
  create(context, [{ ignore = [], ignoreModels = [] }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    // every finding is a query: the shared pre-test first, then this rule's globs
    if (!facts.mayQueryDatabase || matchesAnyGlob(context, ignore)) return {};
    const queries = facts.queries;
    const ignoredModels = new Set(ignoreModels);
    const candidates: DbQuery[] = [];
    let schema: PrismaSchemaInfo | undefined | null = null;

    /** The scalar fields a `where` filters on with equality or a range, in source order; `undefined` when the code cannot tell. */
    function filteredFields(where: TSESTree.ObjectExpression, model: SchemaModel, into: Filtered[], depth: number): boolean {
      if (depth > 4) return false;
      const properties = propertiesOf(where);
      if (!properties) return false;
      for (const [key, property] of properties) {
        if (SKIPPED_COMBINATORS.has(key)) continue;
        if (key === "AND") {
          const value = unwrapExpression(property.value);
          const parts = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
          for (const part of parts) {
            const object = part && part.type !== AST_NODE_TYPES.SpreadElement ? objectLiteral(part, sourceCode) : undefined;
            if (object && !filteredFields(object, model, into, depth + 1)) return false;
          }
          continue;
        }
        const field = model.fields.get(key);
        // a compound unique input (`teamId_slug`) or a field the schema does not know: nothing to say
        if (!field) return false;
        // `collection: { ownerId }`: Prisma filters through the foreign key (`collectionId IN (SELECT ...)`),
        // so the key's column is what an index can serve
        if (field.kind === "relation" && field.relationFields.length > 0 && !field.list) {
          for (const fk of field.relationFields) into.push({ field: fk, key: property.key, kind: "equality" });
          continue;
        }
        // a Boolean splits a table in two halves and a Json column takes a GIN or expression index: a plain index does not help
        if (field.kind === "relation" || field.kind === "composite" || field.list || field.type === "Boolean" || field.type === "Json") continue;
        const kind = filterKind(property.value);
        if (kind) into.push({ field: key, key: property.key, kind });
      }
      return true;
    }

    function filterKind(node: TSESTree.Node): Filtered["kind"] | undefined {
      const value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") return undefined;
      // `deletedAt: null` matches nearly every row: an index on it is not used
      if (isNull(value)) return "other";
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return "equality";
      let kind: Filtered["kind"] | undefined;
      for (const property of value.properties) {
        if (property.type !== AST_NODE_TYPES.Property) return undefined;
        const key = keyOf(property);
        // `mode: "insensitive"` becomes ILIKE on PostgreSQL, which a plain index does not serve
        if (key === "mode") return "other";
        if (key !== undefined && EQUALITY_KEYS.has(key)) kind = isNull(unwrapExpression(property.value)) ? (kind ?? "other") : "equality";
        else if (key !== undefined && RANGE_KEYS.has(key)) kind = kind === "equality" ? kind : "range";
        // `{ not: null }` and the like: a filter an index on the column may serve, but no column to suggest
        else kind ??= "other";
      }
      return kind;
    }

    function isNull(node: TSESTree.Node): boolean {
      return node.type === AST_NODE_TYPES.Literal && node.value === null;
    }

    /** Columns an index serves as its first column (MySQL also indexes every foreign key itself). */
    function leadingColumns(model: SchemaModel, info: PrismaSchemaInfo): Set<string> {
      const leading = new Set(model.leadingColumns);
      if (info.provider === "mysql" && info.relationMode !== "prisma") {
        for (const field of model.fields.values()) for (const fk of field.relationFields) leading.add(fk);
      }
      return leading;
    }

    function check(query: DbQuery, info: PrismaSchemaInfo): void {
      const model = query.model === undefined ? undefined : info.models.get(query.model);
      if (!model || ignoredModels.has(model.name)) return;
      const args = objectLiteral(query.args[0], sourceCode);
      if (!args) return;
      const properties = propertiesOf(args);
      const where = properties?.get("where");
      if (!where) return;
      const object = objectLiteral(where.value, sourceCode);
      if (!object) return;
      const filtered: Filtered[] = [];
      if (!filteredFields(object, model, filtered, 0) || filtered.length === 0) return;
      const leading = leadingColumns(model, info);
      if (filtered.some(({ field }) => leading.has(field))) return;
      const equality = [...new Set(filtered.filter((f) => f.kind === "equality").map((f) => f.field))];
      const range = filtered.find((f) => f.kind === "range")?.field;
      if (equality.length === 0 && range === undefined) return;
      const index = [...equality, ...(range && !equality.includes(range) ? [range] : [])];
      context.report({
        node: filtered.find((f) => f.kind !== "other")!.key,
        messageId: "unindexedFilter",
        data: { model: model.name, operation: query.operation, index: index.join(", ") },
      });
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query?.library === "prisma" && FILTERING_OPERATIONS.has(query.operation)) candidates.push(query);
      },
      "Program:exit"() {
        if (candidates.length === 0) return;
        schema ??= getPrismaSchema(context);
        if (!schema) return;
        for (const query of candidates) check(query, schema);
      },
    });
  },
});
