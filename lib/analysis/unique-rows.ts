/**
 * Queries that return at most one row although they return a list: a Prisma `findMany` whose `where`
 * sets every column of the model's `@id`, of a `@unique` field or of a `@@unique` to one value
 * (`findMany({ where: { taskId, name } })` with `@@unique([taskId, name])`). A loop over its rows runs
 * once at most.
 *
 * ```ts
 * rowsSource(expression, sourceCode)          // the call a list comes from, through `const`, `await` and `.filter(...)`
 * pinsUniqueRow(query, schema, sourceCode)    // does the query's `where` pin one row of its model?
 * ```
 *
 * Drizzle is not read: its unique indexes are declared in the table's definition in another module
 * (`uniqueIndex(...).on(t.taskId, t.name)` in `pgTable`'s third argument), which this does not follow.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "../util/ast.js";
import type { DbQuery } from "./db-queries.js";
import { keyOf, modelOf, objectLiteral } from "./prisma-args.js";
import type { PrismaSchemaInfo, SchemaModel } from "./prisma-schema.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Array methods whose result holds at most the receiver's items. */
const KEEPS_AT_MOST = new Set(["filter", "map", "slice", "toSorted", "toReversed", "sort", "reverse", "entries", "values", "keys"]);
/** Operations that return a list of rows. */
const LIST_READS = new Set(["findMany"]);
const MAX_DEPTH = 8;

/** Strips `as`, `!`, `satisfies` and `await`. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.AwaitExpression
  ) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  return current;
}

/**
 * The call a list comes from: `rows` of `const rows = await prisma.label.findMany(...)`, also through
 * `.filter(...)`/`.map(...)` and `const` bindings. Undefined when the list is built any other way.
 */
export function rowsSource(expression: TSESTree.Node, sourceCode: SourceCode, depth = 0): TSESTree.CallExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== "Variable" || def.parent.kind !== "const") return undefined;
    if (def.node.id !== def.name || !def.node.init) return undefined;
    return rowsSource(def.node.init, sourceCode, depth + 1);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (node.callee.type === AST_NODE_TYPES.MemberExpression && KEEPS_AT_MOST.has(propertyName(node.callee) ?? "")) {
    return rowsSource(node.callee.object, sourceCode, depth + 1) ?? node;
  }
  return node;
}

/**
 * A value the filter compares the column with for equality: not an operator object (`{ in: ids }`),
 * not `null` (a unique column holds many NULLs), not `undefined` or an optional chain (Prisma drops a
 * filter whose value is `undefined`, and then matches every row).
 */
function isEqualityValue(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  let value = node;
  while (value.type === AST_NODE_TYPES.TSAsExpression || value.type === AST_NODE_TYPES.TSNonNullExpression || value.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    value = value.expression;
  }
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value !== null;
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.Identifier:
      return value.name !== "undefined" && !objectLiteral(value, sourceCode);
    case AST_NODE_TYPES.MemberExpression:
      return !value.optional && value.object.type !== AST_NODE_TYPES.ChainExpression;
    case AST_NODE_TYPES.ObjectExpression: {
      // `{ equals: id }`
      const [only] = value.properties;
      return value.properties.length === 1 && only?.type === AST_NODE_TYPES.Property && keyOf(only) === "equals" && isEqualityValue(only.value, sourceCode);
    }
    default:
      return false;
  }
}

/** The scalar columns a `where` object sets to one value, also inside `AND: [...]`. */
function equalityColumns(where: TSESTree.ObjectExpression, model: SchemaModel, sourceCode: SourceCode, into: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const property of where.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = keyOf(property);
    if (key === undefined) continue;
    if (key === "AND") {
      const parts = property.value.type === AST_NODE_TYPES.ArrayExpression ? property.value.elements : [property.value];
      for (const part of parts) {
        const object = part && part.type !== AST_NODE_TYPES.SpreadElement ? objectLiteral(part, sourceCode) : undefined;
        if (object) equalityColumns(object, model, sourceCode, into, depth + 1);
      }
      continue;
    }
    const field = model.fields.get(key);
    if ((field?.kind === "scalar" || field?.kind === "enum") && !field.list && isEqualityValue(property.value, sourceCode)) into.add(key);
  }
}

/**
 * Does the Prisma list query's `where` set every column of its model's `@id`, of a `@unique` field or
 * of a `@@unique` to one value? Then it returns one row at most.
 */
export function pinsUniqueRow(query: DbQuery, schema: PrismaSchemaInfo, sourceCode: SourceCode): boolean {
  if (query.library !== "prisma" || !LIST_READS.has(query.operation)) return false;
  const model = modelOf(query, schema);
  const args = objectLiteral(query.args[0], sourceCode);
  if (!model || !args || args.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return false;
  const whereProperty = args.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyOf(p) === "where");
  const where = whereProperty && objectLiteral(whereProperty.value, sourceCode);
  if (!where) return false;
  const pinned = new Set<string>();
  equalityColumns(where, model, sourceCode, pinned, 0);
  const keys = model.id.length > 0 ? [model.id, ...model.uniques] : model.uniques;
  return keys.some((columns) => columns.length > 0 && columns.every((column) => pinned.has(column)));
}
