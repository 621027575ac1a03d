/**
 * What a Prisma query's argument says, read against the schema: the shape of the rows it returns
 * (`select`, `include`, `omit`, also a client-wide `omit`), and the fields its `where` filters on.
 * Object literals are read through `const` bindings; anything else (a variable built elsewhere, a
 * spread) makes the answer `undefined`: the code cannot tell.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { constInitializer, unwrapExpression } from "../util/bindings.js";
import type { DbQuery } from "./db-queries.js";
import type { PrismaSchemaInfo, SchemaModel } from "./prisma-schema.js";
import { walk } from "./walk.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The columns of one model that a result carries, and the related rows it carries with them. */
export interface RowShape {
  model: SchemaModel;
  /** Scalar and enum fields in the result. */
  scalars: ReadonlySet<string>;
  relations: ReadonlyMap<string, RowShape>;
  /** No `select` chose the columns: every column but those omitted. */
  allColumns: boolean;
}

/** Model fields left out of every query by the client (`new PrismaClient({ omit: { user: { passwordHash: true } } })`). */
export type GlobalOmit = ReadonlyMap<string, ReadonlySet<string>>;

/** Operations that return rows of the model (one, a list, or created/updated/deleted rows). */
const ROW_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "create",
  "createManyAndReturn",
  "update",
  "updateManyAndReturn",
  "upsert",
  "delete",
]);

const MAX_NESTING = 6;

/** An object literal, directly or through a `const`; `null` when the value cannot be read; `undefined` when absent. */
export function objectLiteral(node: TSESTree.Node | undefined, sourceCode: SourceCode): TSESTree.ObjectExpression | null | undefined {
  if (!node) return undefined;
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(sourceCode, target);
    if (!init) return null;
    target = init;
  }
  return target.type === AST_NODE_TYPES.ObjectExpression ? target : null;
}

/** The key of a non-computed property (identifier or string key). */
export function keyOf(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === "string" ? property.key.value : undefined;
}

/** The properties of an object literal by key; `undefined` when it has a spread or a computed key. */
export function propertiesOf(object: TSESTree.ObjectExpression): Map<string, TSESTree.Property> | undefined {
  const map = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return undefined;
    const key = keyOf(property);
    if (key === undefined) return undefined;
    map.set(key, property);
  }
  return map;
}

function isTrue(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Literal && value.value === true;
}

function isFalse(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Literal && value.value === false;
}

/** The model a Prisma query runs on, when the schema knows it. */
export function modelOf(query: DbQuery, schema: PrismaSchemaInfo): SchemaModel | undefined {
  if (query.library !== "prisma" || query.model === undefined) return undefined;
  return schema.models.get(query.model);
}

/**
 * The shape of the rows a Prisma query returns; `undefined` for operations that return no rows
 * (`count`, `aggregate`, `createMany`...) and for arguments the code cannot read.
 */
export function resultShape(query: DbQuery, schema: PrismaSchemaInfo, sourceCode: SourceCode, globalOmit: GlobalOmit): RowShape | undefined {
  if (!ROW_OPERATIONS.has(query.operation)) return undefined;
  const model = modelOf(query, schema);
  if (!model) return undefined;
  const args = objectLiteral(query.args[0], sourceCode);
  if (args === null) return undefined;
  return shapeOf(model, args, schema, sourceCode, globalOmit, 0) ?? undefined;
}

function shapeOf(
  model: SchemaModel,
  args: TSESTree.ObjectExpression | undefined,
  schema: PrismaSchemaInfo,
  sourceCode: SourceCode,
  globalOmit: GlobalOmit,
  depth: number,
): RowShape | null {
  if (depth > MAX_NESTING) return null;
  const properties = args ? propertiesOf(args) : new Map<string, TSESTree.Property>();
  if (!properties) return null;
  const select = properties.get("select");
  if (select) {
    const object = objectLiteral(select.value, sourceCode);
    return object ? fromSelection(model, object, "select", schema, sourceCode, globalOmit, depth) : null;
  }
  const omitted = new Set(globalOmit.get(model.accessor) ?? []);
  const omit = properties.get("omit");
  if (omit) {
    const object = objectLiteral(omit.value, sourceCode);
    const entries = object && propertiesOf(object);
    if (!entries) return null;
    for (const [name, property] of entries) {
      if (isTrue(property.value)) omitted.add(name);
      else if (isFalse(property.value)) omitted.delete(name); // `omit: { passwordHash: false }` brings a globally omitted field back
      else return null;
    }
  }
  const scalars = new Set<string>();
  for (const field of model.fields.values()) {
    if (field.kind !== "relation" && !omitted.has(field.name)) scalars.add(field.name);
  }
  let relations = new Map<string, RowShape>();
  const include = properties.get("include");
  if (include) {
    const object = objectLiteral(include.value, sourceCode);
    if (!object) return null;
    const included = fromSelection(model, object, "include", schema, sourceCode, globalOmit, depth);
    if (!included) return null;
    relations = new Map(included.relations);
  }
  return { model, scalars, relations, allColumns: true };
}

/** `select: { id: true, posts: { select: {...} } }` or `include: { posts: true }`. */
function fromSelection(
  model: SchemaModel,
  object: TSESTree.ObjectExpression,
  kind: "select" | "include",
  schema: PrismaSchemaInfo,
  sourceCode: SourceCode,
  globalOmit: GlobalOmit,
  depth: number,
): RowShape | null {
  const entries = propertiesOf(object);
  if (!entries) return null;
  const scalars = new Set<string>();
  const relations = new Map<string, RowShape>();
  for (const [name, property] of entries) {
    if (name === "_count" || isFalse(property.value)) continue;
    const field = model.fields.get(name);
    if (!field) return null; // a field the schema does not know: an outdated schema, or a computed field
    if (field.kind !== "relation") {
      if (kind === "select") scalars.add(name);
      continue;
    }
    const target = schema.byName.get(field.type);
    if (!target) return null;
    if (isTrue(property.value)) {
      const related = shapeOf(target, undefined, schema, sourceCode, globalOmit, depth + 1);
      if (!related) return null;
      relations.set(name, related);
      continue;
    }
    const nested = objectLiteral(property.value, sourceCode);
    if (!nested) return null;
    const related = shapeOf(target, nested, schema, sourceCode, globalOmit, depth + 1);
    if (!related) return null;
    relations.set(name, related);
  }
  return { model, scalars, relations, allColumns: false };
}

const omitByModule = new WeakMap<TSESTree.Program, GlobalOmit>();

/**
 * `omit` of every `new PrismaClient({ omit: { user: { passwordHash: true } } })` in a module that a
 * linted file imports its client from (parsed by `resolve.ts`), once per parsed module.
 */
export function globalOmitIn(program: TSESTree.Program): GlobalOmit {
  let result = omitByModule.get(program);
  if (!result) {
    const found = new Map<string, Set<string>>();
    walk(program, (node) => {
      addGlobalOmit(node, found);
    });
    omitByModule.set(program, found);
    result = found;
  }
  return result;
}

/** Adds the `omit` of a `new PrismaClient({ omit })` expression to `into`; other nodes add nothing. */
export function addGlobalOmit(node: TSESTree.Node, into: Map<string, Set<string>>): void {
  if (node.type !== AST_NODE_TYPES.NewExpression || !/(?:^|\.)PrismaClient$/u.test(calleeText(node.callee))) return;
  const options = node.arguments[0];
  if (options?.type === AST_NODE_TYPES.ObjectExpression) readOmit(options, into);
}

function readOmit(options: TSESTree.ObjectExpression, into: Map<string, Set<string>>): void {
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || keyOf(property) !== "omit" || property.value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const modelProperty of property.value.properties) {
      if (modelProperty.type !== AST_NODE_TYPES.Property || modelProperty.value.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const model = keyOf(modelProperty);
      if (model === undefined) continue;
      const fields = into.get(model) ?? new Set<string>();
      for (const field of modelProperty.value.properties) {
        if (field.type === AST_NODE_TYPES.Property && isTrue(field.value)) {
          const name = keyOf(field);
          if (name !== undefined) fields.add(name);
        }
      }
      into.set(model, fields);
    }
  }
}

function calleeText(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return `${calleeText(node.object)}.${node.property.name}`;
  }
  return "";
}
