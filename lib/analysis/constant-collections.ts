/**
 * Collections whose items are fixed when the code is written, and how many items they hold: a loop
 * over one runs a small, known number of times, whatever the data. Array and object literals, `const`
 * bindings of them (in the linted file, or exported by a project module it imports), enums, and what
 * keeps at most their items: `.filter(...)`, `.map(...)`, `Object.keys/values/entries`, `Array.from`,
 * `new Set/Map`, and a `Set` of other values kept only when a constant collection holds them
 * (`new Set(names.filter((n) => TEMPLATES.has(n)))`).
 *
 * A constant table bigger than `MAX_CONSTANT_ITEMS` is data like any other: a loop over it is not bounded.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName } from "../util/ast.js";
import { keyOf } from "./prisma-args.js";
import { definitionInFile, definitionOf, type Definition, type ParsedFile } from "./resolve.js";

/** A loop over at most this many items fixed in the source is bounded by the code, not by the data. */
export const MAX_CONSTANT_ITEMS = 20;

type Scoped = Pick<TSESLint.SourceCode, "getScope">;
/** What following an import needs (a rule's context). Without it, imported bindings are judged by name only. */
export type ImportContext = Parameters<typeof definitionOf>[0];

/** Array methods whose result has at most as many elements as their receiver (a constant stays constant). */
const BOUNDED_ARRAY_METHODS = new Set(["map", "filter", "slice", "toSorted", "toReversed", "reverse", "sort", "entries", "keys", "values", "flat"]);
/** Methods that add to a collection in place. */
const MUTATING_METHODS = new Set(["push", "unshift", "splice", "fill", "add", "set"]);
/** `Set#has`, `Array#includes`: a membership test. */
const MEMBERSHIP_METHODS = new Set(["has", "includes"]);
const MAX_DEPTH = 16;

/** `CONFIGURABLE_RULES`, `ROLES`: by convention a constant. */
export const SCREAMING_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/u;

/** A constant whose item count the code does not show (a Prisma enum, a SCREAMING_CASE value built by a call): taken as small. */
const UNKNOWN_SIZE = 0;

/**
 * Where a binding's value is written: the expression and how to look up names around it, or
 * `"constant"` for a constant the code cannot size. `named`: a SCREAMING_CASE constant, constant even
 * when its value cannot be read.
 */
type Found = { node: TSESTree.Node; lookup: Lookup; named: boolean } | "constant" | undefined;
type Lookup = (id: TSESTree.Identifier) => Found;

/** Strips `as`, `satisfies`, `!` and `Object.freeze(...)`. */
export function unwrapConstant(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression
  ) {
    current = current.expression;
  }
  if (isStaticCall(current, "Object", "freeze") && current.arguments[0]) return unwrapConstant(current.arguments[0]);
  return current;
}

function isStaticCall(node: TSESTree.Node, object: string, method: string): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === object &&
    propertyName(node.callee) === method
  );
}

/** Is the binding's value changed in place (`list.push(x)`, `set.add(x)`, `map[key] = x`)? */
function isMutated(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    const use = member.parent;
    if (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) return true;
    return use.type === AST_NODE_TYPES.CallExpression && use.callee === member && MUTATING_METHODS.has(propertyName(member) ?? "");
  });
}

const PRISMA_CLIENT_MODULE = /^@prisma\/client|\.prisma\/client|\/generated\/prisma/u;

/** Names of the linted file: scope analysis, and project modules one import away when `context` is given. */
function localLookup(scoped: Scoped, context: ImportContext | undefined): Lookup {
  const lookup: Lookup = (id) => {
    const variable = ASTUtils.findVariable(scoped.getScope(id), id);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return undefined;
    const named = SCREAMING_CASE.test(id.name) && (def.type === "ImportBinding" || (def.type === "Variable" && def.parent.kind === "const"));
    if (isMutated(variable)) return named ? "constant" : undefined;
    if (def.type === "TSEnumName") return { node: def.node, lookup, named: true };
    if (def.type === "ImportBinding") {
      // `import { Role } from "@prisma/client"`: a Prisma enum
      const source = def.parent.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : "";
      if (PRISMA_CLIENT_MODULE.test(source) && /^[A-Z]/u.test(id.name)) return "constant";
      const definition = context ? definitionOf(context, id) : undefined;
      if (definition?.imported && isConstDefinition(definition)) return { node: definition.node, lookup: fileLookup(definition.file), named };
      return named ? "constant" : undefined;
    }
    if (def.type === "Variable" && def.parent.kind === "const" && def.node.id === def.name && def.node.init) {
      return { node: def.node.init, lookup, named };
    }
    return named ? "constant" : undefined;
  };
  return lookup;
}

/** `export const TEMPLATES = [...]`: the value of a `const` declared at the top of a module. */
function isConstDefinition(definition: Definition): boolean {
  const declarator = definition.node.parent;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === definition.node && declarator.parent.kind === "const";
}

/** Names of an imported module: its top-level `const` bindings and their imports (one hop). */
function fileLookup(file: ParsedFile): Lookup {
  const lookup: Lookup = (id) => {
    const definition = definitionInFile(file, id.name);
    if (!definition || !isConstDefinition(definition)) return undefined;
    return { node: definition.node, lookup: definition.file === file ? lookup : fileLookup(definition.file), named: SCREAMING_CASE.test(id.name) };
  };
  return lookup;
}

function sizeOfBinding(id: TSESTree.Identifier, lookup: Lookup, depth: number): number | undefined {
  const found = lookup(id);
  if (found === undefined) return undefined;
  if (found === "constant") return UNKNOWN_SIZE;
  return constantSize(found.node, found.lookup, depth + 1) ?? (found.named ? UNKNOWN_SIZE : undefined);
}

/** The sum of the sizes of literal items and spread constants; undefined when one spread is not constant. */
function sumOfItems(items: readonly (TSESTree.Node | null)[], lookup: Lookup, depth: number): number | undefined {
  let total = 0;
  for (const item of items) {
    if (item?.type === AST_NODE_TYPES.SpreadElement) {
      const size = constantSize(item.argument, lookup, depth + 1);
      if (size === undefined) return undefined;
      total += size;
    } else {
      total += 1;
    }
  }
  return total;
}

/**
 * `names.filter((n) => TEMPLATES.has(n))`: the receiver's items that a constant collection holds; the
 * size of that collection (a `Set` of them has no more items than it).
 */
function sizeOfMembershipFilter(node: TSESTree.Node, lookup: Lookup, depth: number): number | undefined {
  const call = unwrapConstant(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (propertyName(call.callee) !== "filter") return undefined;
  const callback = call.arguments[0];
  if (!callback || !isFunction(callback)) return undefined;
  const param = callback.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const body = callback.body.type === AST_NODE_TYPES.BlockStatement ? onlyReturned(callback.body) : callback.body;
  const test = body && unwrapConstant(body);
  if (test?.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!MEMBERSHIP_METHODS.has(propertyName(test.callee) ?? "")) return undefined;
  const tested = test.arguments[0];
  if (tested?.type !== AST_NODE_TYPES.Identifier || tested.name !== param.name) return undefined;
  return constantSize(test.callee.object, lookup, depth + 1);
}

function onlyReturned(block: TSESTree.BlockStatement): TSESTree.Node | undefined {
  const [statement] = block.body;
  return block.body.length === 1 && statement?.type === AST_NODE_TYPES.ReturnStatement ? (statement.argument ?? undefined) : undefined;
}

/** How many items the collection holds, when the source fixes it; undefined when the data decides. */
function constantSize(expression: TSESTree.Node, lookup: Lookup, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapConstant(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return sumOfItems(node.elements, lookup, depth);
    case AST_NODE_TYPES.ObjectExpression:
      return sumOfItems(node.properties.map((p) => (p.type === AST_NODE_TYPES.SpreadElement ? p : null)), lookup, depth);
    case AST_NODE_TYPES.TSEnumDeclaration:
      return node.body.members.length;
    case AST_NODE_TYPES.Identifier:
      return sizeOfBinding(node, lookup, depth);
    case AST_NODE_TYPES.MemberExpression: {
      // CONFIG.roles on a constant object literal
      if (node.object.type !== AST_NODE_TYPES.Identifier || node.computed) return undefined;
      const found = lookup(node.object);
      if (found === undefined) return undefined;
      if (found === "constant") return UNKNOWN_SIZE;
      const object = unwrapConstant(found.node);
      const key = propertyName(node);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) {
        // `ROLES.admin` of an enum, `CONFIG.plans` of a constant built by a call
        return found.named || constantSize(object, found.lookup, depth + 1) !== undefined ? UNKNOWN_SIZE : undefined;
      }
      const property = object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyOf(p) === key);
      return property ? constantSize(property.value, found.lookup, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.NewExpression: {
      // new Set(ROLES), new Map(TEMPLATES.map((t) => [t.name, t]))
      if (node.callee.type !== AST_NODE_TYPES.Identifier || !["Set", "Map"].includes(node.callee.name)) return undefined;
      const source = node.arguments[0];
      if (!source) return undefined;
      const size = constantSize(source, lookup, depth + 1);
      if (size !== undefined || node.callee.name !== "Set") return size;
      return sizeOfMembershipFilter(source, lookup, depth);
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = propertyName(callee);
      const first = node.arguments[0];
      if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Object") {
        return (method === "keys" || method === "values" || method === "entries") && first ? constantSize(first, lookup, depth + 1) : undefined;
      }
      if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Array") {
        return method === "from" && first ? constantSize(first, lookup, depth + 1) : undefined;
      }
      return method !== undefined && BOUNDED_ARRAY_METHODS.has(method) ? constantSize(callee.object, lookup, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A collection whose items are fixed in the source, no more than `MAX_CONSTANT_ITEMS` of them: an
 * array or object literal without spreads, a `const` bound to one (`const ROLES = ["admin", "user"] as const`,
 * also imported from a project module when `context` is given), an enum, and what keeps at most their
 * items (`ROLES.filter(...)`, `Object.keys(PLANS)`, `new Set(ROLES)`).
 */
export function isConstantCollection(expression: TSESTree.Node, scoped: Scoped, context?: ImportContext): boolean {
  const size = constantSize(expression, localLookup(scoped, context), 0);
  return size !== undefined && size <= MAX_CONSTANT_ITEMS;
}

/** A number fixed in the source: a literal, a `const` of one, a SCREAMING_CASE constant, `ROLES.length`. */
export function isConstantNumber(node: TSESTree.Node, scoped: Scoped, context?: ImportContext): boolean {
  const value = unwrapConstant(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === "number";
  if (value.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(scoped.getScope(value), value)?.defs[0];
    if (SCREAMING_CASE.test(value.name) && (def?.type === "ImportBinding" || (def?.type === "Variable" && def.parent.kind === "const"))) return true;
    return def?.type === "Variable" && def.parent.kind === "const" && def.node.init !== null && isConstantNumber(def.node.init, scoped, context);
  }
  return value.type === AST_NODE_TYPES.MemberExpression && propertyName(value) === "length" && isConstantCollection(value.object, scoped, context);
}
