/**
 * Iteration analysis: "does this code run once per item of a collection?". Loops (`for`, `for...of`,
 * `for...in`, `for await`, `while`, `do...while`) and callbacks of array iteration methods
 * (`items.map(...)`, `forEach`, `reduce`...). Syntactic, cheap (walks up from a node, never down
 * the tree), and conservative: a function that is only defined where it stands (an object method, a
 * handler kept for later, a function declaration) is not run by the iteration around it.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, skipTransparentParents, type FunctionNode } from "../util/ast.js";
import { isConstantCollection, isConstantNumber, unwrapConstant as unwrap, type ImportContext } from "./constant-collections.js";

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** Array methods that call their first argument once per element. */
export const ITERATION_METHODS: ReadonlySet<string> = new Set([
  "map",
  "flatMap",
  "forEach",
  "filter",
  "reduce",
  "reduceRight",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
]);

export interface LoopIteration {
  kind: "loop";
  node: LoopStatement;
  /** `while`, `do...while`, and `for` loops with no test or a test that is not a comparison (`for (;;)`, `for (; cursor; )`). */
  whileLike: boolean;
  /** An `await` stands between the code and the loop (the loop waits for it before the next item). */
  awaited: boolean;
}

export interface CallbackIteration {
  kind: "callback";
  /** The callback. */
  node: FunctionNode;
  /** `items.map(callback)`. */
  call: TSESTree.CallExpression;
  method: string;
}

export type Iteration = LoopIteration | CallbackIteration;

type Scoped = Pick<TSESLint.SourceCode, "getScope">;

function isLoop(node: TSESTree.Node): node is LoopStatement {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

/** Is `child` (a direct child of `loop`) evaluated once per iteration? `for...of` right side and `for` init run once. */
function isPerIterationPart(loop: LoopStatement, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return child === loop.body;
    case AST_NODE_TYPES.ForStatement:
      return child !== loop.init;
    default:
      return true;
  }
}

function isRelational(test: TSESTree.Node | null): boolean {
  return (
    test?.type === AST_NODE_TYPES.BinaryExpression && ["<", "<=", ">", ">="].includes(test.operator)
  );
}

function isWhileLike(loop: LoopStatement): boolean {
  if (loop.type === AST_NODE_TYPES.WhileStatement || loop.type === AST_NODE_TYPES.DoWhileStatement) return true;
  return loop.type === AST_NODE_TYPES.ForStatement && !isRelational(loop.test);
}

/** `items.map(fn)`: the call and method when `fn` is the callback of an array iteration method. */
export function iterationCallbackCall(fn: FunctionNode): { call: TSESTree.CallExpression; method: string } | undefined {
  const outer = skipTransparentParents(fn);
  const call = outer.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== outer) return undefined;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  // `Option.map(fn)`, `Effect.forEach(fn)`: pipeable functions of a functional library, not an array's items
  if (callee.object.type === AST_NODE_TYPES.Identifier && FUNCTIONAL_NAMESPACES.has(callee.object.name)) return undefined;
  return method !== undefined && ITERATION_METHODS.has(method) ? { call, method } : undefined;
}

/** Modules of Effect and fp-ts whose `map`/`flatMap` take one value (an option, an effect, a result), not a list. */
const FUNCTIONAL_NAMESPACES: ReadonlySet<string> = new Set(["Option", "Effect", "Either", "Exit", "Result", "Maybe", "Layer", "O", "E", "TE", "T", "RTE", "IO", "Task", "TaskEither"]);

function isIife(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const outer = skipTransparentParents(fn);
  const call = outer.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outer ? call : undefined;
}

/** `retry(() => ...)`, `limit(async () => ...)`, `new Promise((resolve) => ...)`: an inline callback handed to a call. */
function inlineArgumentCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const outer = skipTransparentParents(fn);
  const call = outer.parent;
  if (
    (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) &&
    call.arguments.includes(outer as TSESTree.CallExpressionArgument)
  ) {
    return call;
  }
  return undefined;
}

/** `const load = async () => ...`: the call sites of the binding, in source order. */
function boundFunctionCalls(fn: FunctionNode, scoped: Scoped): TSESTree.CallExpression[] | undefined {
  const outer = skipTransparentParents(fn);
  const declarator = outer.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outer) return undefined;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(scoped.getScope(declarator.id), declarator.id);
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (id.parent.type === AST_NODE_TYPES.CallExpression && id.parent.callee === id) calls.push(id.parent);
  }
  return calls;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The iterations that run `node` once per item, innermost first. Crosses functions that run where
 * they stand: iteration callbacks (which are iterations themselves), IIFEs, inline callbacks handed
 * to another call (`retry(() => ...)`), and `const f = () => ...` bindings called inside the same
 * iteration. Stops at function declarations and at functions that are only defined (object
 * methods, stored handlers, bindings not called there): their code does not run per item here.
 */
export function enclosingIterations(node: TSESTree.Node, scoped: Scoped): Iteration[] {
  const result: Iteration[] = [];
  let awaited = false;
  /** Call sites of a bound function crossed on the way: the next iteration must contain one. */
  let pendingCalls: TSESTree.CallExpression[] | undefined;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.AwaitExpression) awaited = true;
    if (isLoop(parent)) {
      if (!isPerIterationPart(parent, child)) continue;
      if (pendingCalls) {
        const region = parent;
        const site = pendingCalls.find((call) => contains(region, call));
        if (!site) return result;
        awaited = skipTransparentParents(site).parent?.type === AST_NODE_TYPES.AwaitExpression;
        pendingCalls = undefined;
      }
      const isAwaitLoop = parent.type === AST_NODE_TYPES.ForOfStatement && parent.await;
      result.push({ kind: "loop", node: parent, whileLike: isWhileLike(parent), awaited: awaited || isAwaitLoop });
      continue;
    }
    if (!isFunction(parent)) continue;
    const fn = parent;
    const iteration = iterationCallbackCall(fn);
    if (iteration) {
      if (pendingCalls) {
        if (!pendingCalls.some((call) => contains(fn, call))) return result;
        pendingCalls = undefined;
      }
      result.push({ kind: "callback", node: fn, call: iteration.call, method: iteration.method });
      awaited = false;
      continue;
    }
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return result;
    if (pendingCalls) return result; // a bound function inside another function: too far to follow
    awaited = false;
    if (isIife(fn) || inlineArgumentCall(fn)) continue;
    const calls = boundFunctionCalls(fn, scoped);
    if (!calls || calls.length === 0) return result;
    pendingCalls = calls;
  }
  return result;
}

/**
 * Does a `return`/`throw` (leaving the function) or a `break` (leaving `loop`) follow right after
 * `node` runs, so that `node` runs at most once per run of the loop
 * (`for (const d of domains) { if (d.primary) { await save(d); break; } }`)?
 */
export function leavesLoopAfter(node: TSESTree.Node, loop: LoopStatement): "return" | "break" | undefined {
  let pendingBreak = false;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== loop; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return undefined;
    if (parent.type === AST_NODE_TYPES.ReturnStatement || parent.type === AST_NODE_TYPES.ThrowStatement) return "return";
    // a `break` below an inner loop or switch leaves that one, not `loop`
    if (isLoop(parent) || parent.type === AST_NODE_TYPES.SwitchStatement) pendingBreak = false;
    const statements =
      parent.type === AST_NODE_TYPES.BlockStatement
        ? parent.body
        : parent.type === AST_NODE_TYPES.SwitchCase
          ? parent.consequent
          : undefined;
    if (!statements) continue;
    const index = statements.indexOf(child as TSESTree.Statement);
    for (const later of statements.slice(index + 1)) {
      if (later.type === AST_NODE_TYPES.ReturnStatement || later.type === AST_NODE_TYPES.ThrowStatement) return "return";
      if (later.type === AST_NODE_TYPES.BreakStatement) {
        if (later.label) {
          if (loop.parent.type === AST_NODE_TYPES.LabeledStatement && loop.parent.label.name === later.label.name) return "break";
        } else if (parent.type !== AST_NODE_TYPES.SwitchCase) {
          pendingBreak = true;
        }
        break;
      }
      if (later.type === AST_NODE_TYPES.ContinueStatement) break;
    }
  }
  return pendingBreak ? "break" : undefined;
}

/**
 * Does the iteration go over a collection fixed in the source (so it runs a known, small number of
 * times)? With `context`, constants imported from project modules are read too.
 */
export function iteratesConstant(iteration: Iteration, scoped: Scoped, context?: ImportContext): boolean {
  if (iteration.kind === "callback") {
    const callee = iteration.call.callee as TSESTree.MemberExpression;
    return isConstantCollection(callee.object, scoped, context);
  }
  const loop = iteration.node;
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) {
    return isConstantCollection(loop.right, scoped, context);
  }
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
    // `i < 3`, `3 > i`: counting up to a constant; `i > 0` from `let i = 3`: counting down from one
    const { left, right, operator } = loop.test;
    const upper = operator === "<" || operator === "<=" ? right : left;
    const counter = upper === right ? left : right;
    if (isConstantNumber(upper, scoped, context)) return true;
    const start = counter.type === AST_NODE_TYPES.Identifier && loop.init?.type === AST_NODE_TYPES.VariableDeclaration
      ? loop.init.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === counter.name)?.init
      : undefined;
    return (operator === ">" || operator === ">=") && start != null && isConstantNumber(start, scoped, context) && isConstantNumber(right, scoped, context);
  }
  return false;
}

/** Variables an iteration declares per item: the loop's own bindings, or the callback's parameters. */
export function iterationVariables(iteration: Iteration, scoped: Pick<TSESLint.SourceCode, "getDeclaredVariables">): TSESLint.Scope.Variable[] {
  if (iteration.kind === "callback") {
    return scoped.getDeclaredVariables(iteration.node).filter((variable) => variable.defs[0]?.type === "Parameter");
  }
  const loop = iteration.node;
  if ((loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left.type === AST_NODE_TYPES.VariableDeclaration) {
    return [...scoped.getDeclaredVariables(loop.left)];
  }
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.init?.type === AST_NODE_TYPES.VariableDeclaration) {
    return [...scoped.getDeclaredVariables(loop.init)];
  }
  return [];
}

const CHUNK_NAME = /chunk|batch/iu;

/** `f` of `f(...)`, `m` of `x.m(...)`. */
export function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
}

/** `chunk(ids, 500)`, `batches`, `const chunks = chunk(...)`: a list of lists. */
function isChunkList(expression: TSESTree.Node, scoped: Scoped): boolean {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.CallExpression) return CHUNK_NAME.test(calleeName(node) ?? "");
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (/chunks|batches|chunked|batched/iu.test(node.name)) return true;
  const def = ASTUtils.findVariable(scoped.getScope(node), node)?.defs[0];
  return def?.type === "Variable" && def.node.init !== null && unwrap(def.node.init).type === AST_NODE_TYPES.CallExpression && isChunkList(def.node.init, scoped);
}

/**
 * Does the iteration go over chunks of a list (`for (const batch of chunk(ids, 500))`,
 * `chunks.map((chunk) => ...)`, `for (let i = 0; i < batches.length; i++)`)? Each item is a batch.
 */
export function iteratesChunks(iteration: Iteration, scoped: Scoped): boolean {
  if (iteration.kind === "callback") {
    const param = iteration.node.params[0];
    if (param?.type === AST_NODE_TYPES.Identifier && CHUNK_NAME.test(param.name)) return true;
    return isChunkList((iteration.call.callee as TSESTree.MemberExpression).object, scoped);
  }
  const loop = iteration.node;
  if (loop.type === AST_NODE_TYPES.ForOfStatement) {
    const declarator = loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0] : undefined;
    if (declarator?.id.type === AST_NODE_TYPES.Identifier && CHUNK_NAME.test(declarator.id.name)) return true;
    return isChunkList(loop.right, scoped);
  }
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
    if (stepsByChunk(loop)) return true;
    const bound = loop.test.right;
    return bound.type === AST_NODE_TYPES.MemberExpression && propertyName(bound) === "length" && isChunkList(bound.object, scoped);
  }
  return false;
}

/** `for (let i = 0; i < ids.length; i += BATCH_SIZE)`: each iteration takes a slice, not an item. */
function stepsByChunk(loop: TSESTree.ForStatement): boolean {
  const update = loop.update;
  if (update?.type !== AST_NODE_TYPES.AssignmentExpression || update.operator !== "+=") return false;
  return !(update.right.type === AST_NODE_TYPES.Literal && update.right.value === 1);
}

function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The references made inside `node` (including in functions nested in it). */
function referencesIn(node: TSESTree.Node, scoped: Scoped): TSESLint.Scope.Reference[] {
  const result: TSESLint.Scope.Reference[] = [];
  const visit = (scope: TSESLint.Scope.Scope): void => {
    for (const reference of scope.references) if (within(node, reference.identifier)) result.push(reference);
    for (const child of scope.childScopes) if (within(node, child.block) || within(child.block, node)) visit(child);
  };
  visit(scoped.getScope(node));
  return result;
}

/**
 * Does `node` read anything that changes from one item to the next: the iteration's own variables
 * (loop bindings, callback parameters), variables declared inside it, or variables assigned inside
 * it (`cursor = next`)? A query that does not is the same query on every item.
 */
export function dependsOnIteration(node: TSESTree.Node, iteration: Iteration, scoped: Scoped): boolean {
  const region = iteration.node;
  for (const reference of referencesIn(node, scoped)) {
    const variable = reference.resolved;
    if (!variable) continue;
    const def = variable.defs[0];
    if (def && within(node, def.name)) continue; // a parameter of a callback inside the query
    if (def && within(region, def.name)) return true;
    if (variable.references.some((ref) => ref.isWrite() && !ref.init && within(region, ref.identifier))) return true;
  }
  return false;
}
