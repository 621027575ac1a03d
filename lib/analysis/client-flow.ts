/**
 * Where a value computed in a request boundary goes: does it leave the server, and which part of it?
 *
 * `trackToClient(start, boundary, ...)` follows a value forward from `start` (a query, say) to the
 * expressions that send it to the client: a response body (`NextResponse.json(x)`, `res.json(x)`,
 * `new Response(JSON.stringify(x))`, Hono `c.json(x)`), or the return value of a server action,
 * safe action or tRPC procedure. On the way it records what the code does to the value, as `ViewOp`s
 * applied in order: `member` (`user.profile`, `const { profile } = user`), `omit` (`const { passwordHash,
 * ...safe } = user`, `{ ...user, passwordHash: undefined }`), `element` (`users[0]`, `for (const u of
 * users)`); wrapping the value in an object, an array or a spread keeps all of it.
 *
 * Followed: `await`, casts, `const` (and never reassigned `let`) bindings and destructuring, object
 * and array literals, spreads, `Promise.all` destructuring, array methods that keep elements
 * (`filter`, `slice`, `sort`...), `.map(cb)`/`.flatMap(cb)` (into the callback's element parameter and
 * out of its return value), `JSON.stringify`/`structuredClone`, and local functions of the file (into
 * their parameter and out of their return value). A field deleted or overwritten with a constant on the
 * value or its elements (`delete user.password`, `file.password = true`) is masked (an `omit`). Anything else
 * (an unknown call, a reassignment) ends the trace: precision over recall.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, skipTransparentParents, type FunctionNode } from "../util/ast.js";
import { findVariable } from "../util/bindings.js";
import type { RequestBoundary } from "./request-boundary.js";
import { returnsToClient } from "./responses.js";

export type ViewOp = { kind: "member"; name: string } | { kind: "omit"; names: ReadonlySet<string> } | { kind: "element" };

export interface ClientExit {
  /** The expression that leaves the server: a response call's body argument, or a returned expression. */
  node: TSESTree.Node;
  /** What the code did to the tracked value on its way there, in order. */
  ops: readonly ViewOp[];
}

interface ResponseDetector {
  responseOf(node: TSESTree.Node): { body: TSESTree.Node | undefined } | undefined;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Array methods whose result holds (some of) the receiver's elements, unchanged. */
const KEEPS_ELEMENTS = new Set(["filter", "slice", "sort", "toSorted", "reverse", "toReversed", "concat", "flat", "at", "find", "findLast"]);
const SINGLE_ELEMENT = new Set(["at", "find", "findLast"]);
const MAPPERS = new Set(["map", "flatMap"]);
const PASS_THROUGH_CALLS = new Set(["JSON.stringify", "structuredClone", "superjson.stringify", "superjson.serialize"]);
const MAX_DEPTH = 12;

/**
 * Every way the value of `start` leaves the server from `boundary`, with the view ops applied on the
 * way. Empty when it does not, or when the code cannot tell.
 */
export function trackToClient(start: TSESTree.Node, boundary: RequestBoundary, sourceCode: SourceCode, responses: ResponseDetector): ClientExit[] {
  const exits: ClientExit[] = [];
  const seen = new Set<TSESTree.Node>();

  function forward(node: TSESTree.Node, ops: readonly ViewOp[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    let value: TSESTree.Node = node;
    let current = ops;
    for (;;) {
      const parent: TSESTree.Node | undefined = value.parent;
      if (!parent) return;
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.ChainExpression:
          value = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test === value) return;
          value = parent;
          continue;
        case AST_NODE_TYPES.LogicalExpression:
          // `user ?? null`, `a || b`: the value may be the result; `user && user.name` gives the right side
          if (parent.operator === "&&" && parent.left === value) return;
          value = parent;
          continue;
        case AST_NODE_TYPES.SpreadElement: {
          const container = parent.parent;
          if (container.type === AST_NODE_TYPES.ObjectExpression) current = [...current, ...overriddenAfter(container, parent)];
          value = parent;
          continue;
        }
        case AST_NODE_TYPES.Property:
          if (parent.value !== value || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          value = parent.parent;
          continue;
        case AST_NODE_TYPES.ObjectExpression:
          value = parent;
          continue;
        case AST_NODE_TYPES.ArrayExpression: {
          const call = parent.parent;
          if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === parent && isPromiseAll(call)) {
            promiseAllElement(call, parent.elements.indexOf(value as TSESTree.Expression), current, depth);
            return;
          }
          value = parent;
          continue;
        }
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== value) return;
          const call = parent.parent;
          const method = propertyName(parent);
          if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            if (method === undefined) return;
            if (KEEPS_ELEMENTS.has(method)) {
              if (SINGLE_ELEMENT.has(method)) current = [...current, { kind: "element" }];
              value = call;
              continue;
            }
            if (MAPPERS.has(method)) {
              mapCallback(call, current, depth);
              return;
            }
            return;
          }
          if (parent.computed) {
            // `users[0]`: an element; `user[key]`: cannot tell which field
            if (parent.property.type === AST_NODE_TYPES.Literal && typeof parent.property.value === "number") {
              current = [...current, { kind: "element" }];
              value = parent;
              continue;
            }
            return;
          }
          if (method === undefined) return;
          current = [...current, { kind: "member", name: method }];
          value = parent;
          continue;
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const response = responses.responseOf(parent);
          if (response) {
            if (response.body === value) exits.push({ node: value, ops: current });
            return;
          }
          if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== value) {
            if (isPassThrough(parent)) {
              value = parent;
              continue;
            }
            intoLocalFunction(parent, parent.arguments.indexOf(value as TSESTree.CallExpressionArgument), current, depth);
          }
          return;
        }
        case AST_NODE_TYPES.ReturnStatement:
          returned(parent, value, current, depth);
          return;
        case AST_NODE_TYPES.ArrowFunctionExpression:
          if (parent.body === value) returnedFrom(parent, value, current, depth);
          return;
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init === value) bound(parent.id, current, depth);
          return;
        case AST_NODE_TYPES.ForOfStatement:
          if (parent.right === value && parent.left.type === AST_NODE_TYPES.VariableDeclaration) {
            const declarator = parent.left.declarations[0];
            if (declarator) bound(declarator.id, [...current, { kind: "element" }], depth);
          }
          return;
        default:
          return;
      }
    }
  }

  /** `const x = value`, `const { a, ...rest } = value`, `const [first] = value`. */
  function bound(pattern: TSESTree.Node, ops: readonly ViewOp[], depth: number): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        references(pattern, ops, depth);
        return;
      case AST_NODE_TYPES.ObjectPattern: {
        const taken = new Set<string>();
        for (const property of pattern.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            bound(property.argument, [...ops, { kind: "omit", names: taken }], depth);
            continue;
          }
          const key = property.computed ? undefined : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
          if (key === undefined) return; // a computed key: cannot tell what the rest holds
          taken.add(key);
          const target = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          bound(target, [...ops, { kind: "member", name: key }], depth);
        }
        return;
      }
      case AST_NODE_TYPES.ArrayPattern:
        for (const element of pattern.elements) {
          if (!element) continue;
          if (element.type === AST_NODE_TYPES.RestElement) bound(element.argument, ops, depth);
          else bound(element.type === AST_NODE_TYPES.AssignmentPattern ? element.left : element, [...ops, { kind: "element" }], depth);
        }
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        bound(pattern.left, ops, depth);
        return;
      default:
        return;
    }
  }

  function references(id: TSESTree.Identifier, ops: readonly ViewOp[], depth: number): void {
    const variable = findVariable(sourceCode, id);
    if (!variable) return;
    // a binding written again later may hold something else by the time it is sent
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return;
    const masked = maskedFields(variable, sourceCode);
    const after = masked.size > 0 ? [...ops, { kind: "omit", names: masked } as const] : ops;
    for (const ref of variable.references) {
      if (ref.init || !ref.isRead() || seen.has(ref.identifier)) continue;
      seen.add(ref.identifier);
      forward(ref.identifier, after, depth + 1);
    }
  }

  /** `return value` in the boundary sends it; in a callback or local function, the trace continues at the call. */
  function returned(statement: TSESTree.ReturnStatement, value: TSESTree.Node, ops: readonly ViewOp[], depth: number): void {
    if (returnsNothingFound(statement, value)) return;
    for (let node: TSESTree.Node | undefined = statement.parent; node; node = node.parent) {
      if (isFunction(node)) {
        returnedFrom(node, value, ops, depth);
        return;
      }
    }
  }

  function returnedFrom(fn: FunctionNode, value: TSESTree.Node, ops: readonly ViewOp[], depth: number): void {
    if (fn === boundary.fn) {
      if (returnsToClient(boundary)) exits.push({ node: value, ops });
      return;
    }
    const call = fn.parent;
    // the callback of `.map(cb)`: its return values are the new list's elements
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && call.callee.type === AST_NODE_TYPES.MemberExpression && MAPPERS.has(propertyName(call.callee) ?? "")) {
      forward(call, ops, depth + 1);
      return;
    }
    // a local function: out through each of its calls in the boundary
    for (const site of callSitesOf(fn)) forward(site, ops, depth + 1);
  }

  /** `list.map((item) => ...)`: the callback's element parameter holds the elements. */
  function mapCallback(call: TSESTree.CallExpression, ops: readonly ViewOp[], depth: number): void {
    const callback = call.arguments[0];
    if (!callback || !isFunction(callback)) return;
    const param = callback.params[0];
    if (param) bound(param, [...ops, { kind: "element" }], depth + 1);
  }

  /** A local function called with the value: follow its parameter (and later its return value). */
  function intoLocalFunction(call: TSESTree.CallExpression, index: number, ops: readonly ViewOp[], depth: number): void {
    if (index < 0) return;
    const fn = localFunction(call.callee);
    const param = fn?.params[index];
    if (!fn || !param || fn === boundary.fn) return;
    if (param.type === AST_NODE_TYPES.RestElement) return;
    bound(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param, ops, depth + 1);
  }

  function localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = findVariable(sourceCode, callee)?.defs[0];
    if (def?.type === "FunctionName" && isFunction(def.node)) return def.node;
    if (def?.type === "Variable" && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init && isFunction(def.node.init)) return def.node.init;
    return undefined;
  }

  /** The calls of a local function inside the boundary. */
  function callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
    const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : null;
    if (!id) return [];
    const variable = findVariable(sourceCode, id);
    const sites: TSESTree.CallExpression[] = [];
    for (const ref of variable?.references ?? []) {
      const call = ref.identifier.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier && within(call, boundary.fn)) sites.push(call);
    }
    return sites;
  }

  /** `const [users, total] = await Promise.all([findMany, count])`: follow the element's binding. */
  function promiseAllElement(call: TSESTree.CallExpression, index: number, ops: readonly ViewOp[], depth: number): void {
    let outer: TSESTree.Node = call;
    while (outer.parent?.type === AST_NODE_TYPES.AwaitExpression || outer.parent?.type === AST_NODE_TYPES.TSAsExpression) outer = outer.parent;
    const declarator = outer.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outer || declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return;
    const element = declarator.id.elements[index];
    if (element && element.type !== AST_NODE_TYPES.RestElement) bound(element, ops, depth);
  }

  forward(start, [], 0);
  return exits;
}

/**
 * Fields the code masks on the value itself before sending it: `delete user.password`, `file.password = true`
 * (a constant replaces the column's value), also on each element (`for (const file of files)`, `files.forEach`,
 * `const file = files[i]`).
 */
function maskedFields(variable: TSESLint.Scope.Variable, sourceCode: SourceCode, depth = 0): Set<string> {
  const names = new Set<string>();
  for (const ref of variable.references) {
    if (ref.init) continue;
    const holder = skipTransparentParents(ref.identifier as TSESTree.Identifier);
    const use = holder.parent;
    if (!use) continue;
    if (depth === 0) for (const alias of elementAliases(holder, sourceCode)) for (const name of maskedFields(alias, sourceCode, 1)) names.add(name);
    if (use.type !== AST_NODE_TYPES.MemberExpression || use.object !== holder) continue;
    if (use.computed) {
      // `files[i]`: an element, held in `const file = files[i]` or masked in place (`files[i].password = true`)
      if (depth === 0) {
        if (use.parent.type === AST_NODE_TYPES.VariableDeclarator && use.parent.init === use && use.parent.id.type === AST_NODE_TYPES.Identifier) {
          const alias = findVariable(sourceCode, use.parent.id);
          if (alias) for (const name of maskedFields(alias, sourceCode, 1)) names.add(name);
        } else {
          const element = skipTransparentParents(use);
          if (element.parent?.type === AST_NODE_TYPES.MemberExpression && element.parent.object === element) {
            const name = maskedMember(element.parent);
            if (name) names.add(name);
          }
        }
      }
      continue;
    }
    const name = maskedMember(use);
    if (name) names.add(name);
  }
  return names;
}

/** `if (!row) return row;`, `if (row === null) { return row; }`: what is returned there is `null` or `undefined`. */
function returnsNothingFound(statement: TSESTree.ReturnStatement, value: TSESTree.Node): boolean {
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  let current: TSESTree.Node = statement;
  if (current.parent?.type === AST_NODE_TYPES.BlockStatement && current.parent.body.length === 1) current = current.parent;
  const guard = current.parent;
  if (guard?.type !== AST_NODE_TYPES.IfStatement || guard.consequent !== current) return false;
  const test = guard.test;
  const isValue = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && node.name === value.name;
  const isNothing = (node: TSESTree.Node): boolean =>
    (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined");
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") return isValue(test.argument);
  if (test.type === AST_NODE_TYPES.BinaryExpression && ["==", "==="].includes(test.operator)) {
    return (isValue(test.left) && isNothing(test.right)) || (isValue(test.right) && isNothing(test.left));
  }
  return false;
}

/** `x.password` in `delete x.password` or `x.password = true`: the masked field's name. */
function maskedMember(member: TSESTree.MemberExpression): string | undefined {
  const name = member.computed ? undefined : propertyName(member);
  if (name === undefined) return undefined;
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === "delete") return name;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === "=" && isConstantValue(parent.right)) return name;
  return undefined;
}

function isConstantValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return true;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === "undefined";
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "void";
}

/** The element bindings of a list: `for (const file of files)`, `files.forEach((file) => ...)`. */
function elementAliases(id: TSESTree.Node, sourceCode: SourceCode): TSESLint.Scope.Variable[] {
  const parent = id.parent;
  if (!parent) return [];
  let pattern: TSESTree.Node | undefined;
  if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === id && parent.left.type === AST_NODE_TYPES.VariableDeclaration) {
    pattern = parent.left.declarations[0]?.id;
  } else if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === id && propertyName(parent) === "forEach") {
    const call = parent.parent;
    const callback = call.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? call.arguments[0] : undefined;
    if (callback && isFunction(callback)) pattern = callback.params[0];
  }
  if (pattern?.type !== AST_NODE_TYPES.Identifier) return [];
  const alias = findVariable(sourceCode, pattern);
  return alias ? [alias] : [];
}

/** `{ ...user, passwordHash: undefined }`: keys set after the spread replace the spread's. */
function overriddenAfter(object: TSESTree.ObjectExpression, spread: TSESTree.SpreadElement): ViewOp[] {
  const names = new Set<string>();
  for (const property of object.properties.slice(object.properties.indexOf(spread) + 1)) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (property.key.type === AST_NODE_TYPES.Identifier) names.add(property.key.name);
    else if (property.key.type === AST_NODE_TYPES.Literal) names.add(String(property.key.value));
  }
  return names.size > 0 ? [{ kind: "omit", names }] : [];
}

function isPromiseAll(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === "Promise" &&
    propertyName(callee) === "all"
  );
}

function isPassThrough(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return PASS_THROUGH_CALLS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
  return PASS_THROUGH_CALLS.has(`${callee.object.name}.${propertyName(callee) ?? ""}`);
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
