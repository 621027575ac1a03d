/**
 * The filter of a query, read as a list of (column path, value) pairs: which rows a Prisma `where` or a
 * Drizzle `.where(...)` selects, and with which values. Authorization rules ask where those values come
 * from (`request-values.ts`).
 *
 * ```ts
 * rowFilter(query, sourceCode)   // RowFilter | undefined (undefined: the code cannot tell)
 * ```
 *
 * Prisma: the `where` object, also through a `const`; nested relation filters (`team: { members: { some:
 * { userId } } }`), `AND`/`OR`/`NOT` and operators (`{ in: ids }`) are opened up. A spread of something
 * other than an object literal, or a `where` held in a variable built elsewhere, cannot be read.
 * Drizzle: `eq(posts.id, id)`, `and(...)`, `or(...)`, `inArray(posts.id, ids)` in `.where(...)`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "../util/ast.js";
import { unwrapExpression } from "../util/bindings.js";
import type { DbQuery } from "./db-queries.js";
import { keyOf, objectLiteral } from "./prisma-args.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface FilterLeaf {
  /**
   * The fields from the query's model to the column the value constrains, without operators:
   * `where: { team: { members: { some: { userId } } } }` gives `["team", "members", "userId"]`.
   */
  fields: readonly string[];
  value: TSESTree.Node;
}

export interface RowFilter {
  /** No filter at all (`findMany()`, `findMany({ take: 10 })`). */
  absent: boolean;
  leaves: readonly FilterLeaf[];
  /** The filter's node (the `where` value, or the `.where(...)` call), for reporting. */
  node: TSESTree.Node | undefined;
}

/** Prisma filter keys that are operators or combinators, not fields. */
const PRISMA_OPERATORS = new Set([
  "AND", "OR", "NOT", "in", "notIn", "equals", "not", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith",
  "mode", "some", "every", "none", "is", "isNot", "has", "hasSome", "hasEvery", "isEmpty", "path", "string_contains",
  "array_contains", "search",
]);
/** Drizzle operators whose second argument is a value for the column in the first. */
const DRIZZLE_COMPARISONS = new Set(["eq", "ne", "gt", "gte", "lt", "lte", "like", "ilike", "notLike", "notIlike", "inArray", "notInArray", "arrayContains", "arrayContained", "arrayOverlaps"]);
const DRIZZLE_COMBINATORS = new Set(["and", "or", "not"]);
const DRIZZLE_UNARY = new Set(["isNull", "isNotNull", "exists", "notExists"]);
const MAX_DEPTH = 10;

/** The filter of a Prisma model query or a Drizzle builder chain; undefined when the code cannot read it. */
export function rowFilter(query: DbQuery, sourceCode: SourceCode): RowFilter | undefined {
  if (query.library === "prisma") return prismaFilter(query, sourceCode);
  if (query.library === "drizzle") return drizzleFilter(query);
  return undefined;
}

function prismaFilter(query: DbQuery, sourceCode: SourceCode): RowFilter | undefined {
  const args = objectLiteral(query.args[0], sourceCode);
  if (args === null) return undefined;
  if (args === undefined) return { absent: true, leaves: [], node: undefined };
  let where: TSESTree.Property | undefined;
  for (const property of args.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return undefined; // `{ ...args }`: the where may be in it
    if (keyOf(property) === "where") where = property;
  }
  if (!where) return { absent: true, leaves: [], node: undefined };
  const object = objectLiteral(where.value, sourceCode);
  if (!object) return undefined;
  const leaves: FilterLeaf[] = [];
  return readPrismaObject(object, [], leaves, sourceCode, 0) ? { absent: object.properties.length === 0, leaves, node: where.value } : undefined;
}

function readPrismaObject(object: TSESTree.ObjectExpression, fields: readonly string[], leaves: FilterLeaf[], sourceCode: SourceCode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      if (!readPrismaSpread(property.argument, fields, leaves, sourceCode, depth + 1)) return false;
      continue;
    }
    const key = keyOf(property);
    if (key === undefined) return false;
    const next = PRISMA_OPERATORS.has(key) ? fields : [...fields, key];
    if (!readPrismaValue(property.value, next, leaves, sourceCode, depth + 1)) return false;
  }
  return true;
}

/** `...scope` (a `const` object), `...(teamId ? { teamId } : {})`, `...(cond && { userId })`. */
function readPrismaSpread(node: TSESTree.Node, fields: readonly string[], leaves: FilterLeaf[], sourceCode: SourceCode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    return readPrismaSpread(value.consequent, fields, leaves, sourceCode, depth + 1) && readPrismaSpread(value.alternate, fields, leaves, sourceCode, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === "&&") return readPrismaSpread(value.right, fields, leaves, sourceCode, depth + 1);
  const object = objectLiteral(value, sourceCode);
  return object ? readPrismaObject(object, fields, leaves, sourceCode, depth + 1) : false;
}

function readPrismaValue(node: TSESTree.Node, fields: readonly string[], leaves: FilterLeaf[], sourceCode: SourceCode, depth: number): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return readPrismaObject(value, fields, leaves, sourceCode, depth);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    // `AND: [{ id }, { userId }]`, `in: [a, b]`
    for (const element of value.elements) {
      if (!element) continue;
      if (element.type === AST_NODE_TYPES.SpreadElement) leaves.push({ fields, value: element.argument });
      else if (!readPrismaValue(element, fields, leaves, sourceCode, depth + 1)) return false;
    }
    return true;
  }
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    // `...(teamId ? { teamId } : {})` style: both sides may apply
    return readPrismaValue(value.consequent, fields, leaves, sourceCode, depth + 1) && readPrismaValue(value.alternate, fields, leaves, sourceCode, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.Identifier) {
    // a `const` bound to an object literal is a nested filter; any other binding is a value
    const object = objectLiteral(value, sourceCode);
    if (object) return readPrismaObject(object, fields, leaves, sourceCode, depth + 1);
  }
  leaves.push({ fields, value });
  return true;
}

function drizzleFilter(query: DbQuery): RowFilter | undefined {
  const whereCall = query.chain.find((call) => call.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(call.callee) === "where");
  if (!whereCall) return { absent: true, leaves: [], node: undefined };
  const leaves: FilterLeaf[] = [];
  for (const argument of whereCall.arguments) {
    if (!readDrizzleCondition(argument, leaves, 0)) return undefined;
  }
  return { absent: whereCall.arguments.length === 0, leaves, node: whereCall };
}

function readDrizzleCondition(node: TSESTree.Node, leaves: FilterLeaf[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = value.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (name === undefined) return false;
  if (DRIZZLE_COMBINATORS.has(name)) return value.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && readDrizzleCondition(argument, leaves, depth + 1));
  if (DRIZZLE_UNARY.has(name)) return true;
  if (!DRIZZLE_COMPARISONS.has(name)) return false;
  const [column, operand] = value.arguments;
  if (!column || !operand) return false;
  const field = column.type === AST_NODE_TYPES.MemberExpression ? propertyName(column) : undefined;
  leaves.push({ fields: field === undefined ? [] : [field], value: operand });
  return true;
}
