/**
 * How database writes relate to each other within a file: does a write use the result of an earlier
 * one, do two writes share a transaction or a batch, can they both run, does a failure handler undo
 * a write. Built on the query detector (`db-queries.ts`) and value flow (`value-flow.ts`).
 *
 * ```ts
 * const writes = createWriteDependencies(detector, flow);
 * writes.feedingWrites(later)          // earlier writes whose results `later` uses, with the binding it reads
 * writes.dependsOn(expr, earlier)      // does `expr` use `earlier`'s result?
 * transactionUnit(node, detector)      // the transaction callback or batch call `node` runs in
 * cannotBothRun(a, b)                  // different branches of an `if`, or `a` returns before `b`
 * updatesCreatedRow(earlier, later, writes, sourceCode) // `later` changes the row `earlier` created (a status, a progress count)
 * ```
 *
 * "Uses the result" follows the value: `const` and `let` bindings, destructuring
 * (`const [row] = await db.insert(t).values(v).returning()`), member reads, template strings, object
 * and array literals, `.map` callbacks over created rows, methods called on the value, `Promise.all`,
 * and the return values of local functions. A value some other call computes from the result is a new
 * value: what `createResponse({ displayId: display.id })` returns is not the display.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { enclosingFunction, isFunction, memberChainName, propertyName, type FunctionNode } from "../util/ast.js";
import { isTransactionCallback, type createDbQueryDetector, type DbQuery } from "./db-queries.js";
import { rowFilter } from "./row-filters.js";
import { ELEMENT_CALLBACKS, forEachNode, newTraceState, unwrap, type Path, type TraceHandler, type ValueFlow } from "./value-flow.js";

type Detector = ReturnType<typeof createDbQueryDetector>;
type QueryNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;

/**
 * Method names a write query is found at: Prisma model operations, Drizzle and Kysely builder heads,
 * Supabase operations. A cheap filter before asking the detector.
 */
export const WRITE_METHODS: ReadonlySet<string> = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "insert",
  "insertInto",
  "replaceInto",
  "updateTable",
  "deleteFrom",
  "mergeInto",
]);

/** Chain methods that turn an insert into an upsert (Drizzle, Kysely). */
const UPSERT_METHODS = new Set(["onConflictDoUpdate", "onConflictDoNothing", "onDuplicateKeyUpdate", "onConflict", "ignore", "orIgnore"]);

/**
 * Does the write add rows that did not exist before (`create`, `insert`), as opposed to an update, a
 * delete or an upsert? An upsert (Prisma `upsert`, `createMany({ skipDuplicates: true })`, Drizzle
 * `onConflictDoNothing()`/`onConflictDoUpdate()`, Kysely `onConflict(...)`, Supabase `upsert`) is
 * idempotent: the row it leaves behind is the one a retry finds again.
 */
export function createsRows(write: DbQuery): boolean {
  if (write.kind !== "write") return false;
  switch (write.library) {
    case "prisma": {
      if (!["create", "createMany", "createManyAndReturn"].includes(write.operation)) return false;
      const arg = write.args[0];
      return !(
        arg?.type === AST_NODE_TYPES.ObjectExpression &&
        arg.properties.some(
          (p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "skipDuplicates" && !(p.value.type === AST_NODE_TYPES.Literal && p.value.value === false),
        )
      );
    }
    case "drizzle":
    case "kysely":
      return (write.operation === "insert" || write.operation === "insertInto") && !write.chain.some((call) => UPSERT_METHODS.has(methodOf(call) ?? ""));
    case "supabase":
      return write.operation === "insert";
    default:
      return false;
  }
}

function methodOf(call: TSESTree.CallExpression): string | undefined {
  return call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined;
}

/** An earlier write a later one depends on, and the binding of the later write's function that carries its result. */
export interface WriteDependency {
  earlier: DbQuery;
  /** The identifier (in the later write's inputs) whose value comes from `earlier`'s result. */
  via: TSESTree.Identifier;
}

export interface WriteDependencies {
  /** Every write whose result the inputs of `later` use (not `later` itself), in the order found. */
  feedingWrites(later: DbQuery): WriteDependency[];
  /** Does the value of `expr` come (in part) from `earlier`'s result? */
  dependsOn(expr: TSESTree.Node, earlier: DbQuery): boolean;
  /** The binding that holds a write's result (`order` of `const order = await ...`, `row` of `const [row] = ...`). */
  resultBinding(write: DbQuery): TSESTree.Identifier | undefined;
  /**
   * A get-or-create: the write's result stands in for a row found otherwise (`existing ?? (await create())`,
   * `let user = await find(); if (!user) user = await create()`). A retry finds the row it left.
   */
  isGetOrCreate(write: DbQuery): boolean;
}

/** Calls whose function argument returns the value the call produces (`rows.map((r) => ({ id: r.id }))`). */
const RETURNING_CALLBACKS = new Set([...ELEMENT_CALLBACKS, "then", "reduce"]);
/** Supabase answers `{ data, error, count, status }`: only `data` is the written row. */
const SUPABASE_RESULT_KEY = "data";

/** Keys that name the new row itself: an id the code made up (`id: createId()`) still ties a later row to it. */
const IDENTITY_KEY = /^(?:id|_id|uuid|uid|pk|key|slug|code|token)$/iu;
/** Names of helpers that find a row rather than make one. */
const LOOKUP_NAME = /^(?:get|find|fetch|load|lookup|read|select|query)/u;
const PROMISE_METHODS = new Set(["then", "catch", "finally"]);

/** From a query up through `await`, casts, `!` and `.catch(...)` to the expression that holds its value. */
function outermostValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = parent;
    } else if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      PROMISE_METHODS.has(propertyName(parent) ?? "") &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      current = parent.parent;
    } else {
      return current;
    }
  }
}

/** `null`, `undefined`, `void 0`. */
function isNothing(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === "undefined";
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void";
}

export function createWriteDependencies(detector: Detector, flow: ValueFlow): WriteDependencies {
  const feeding = new Map<DbQuery, WriteDependency[]>();

  function queryOf(node: TSESTree.Node): DbQuery | undefined {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.TaggedTemplateExpression) return undefined;
    return detector.queryAt(node as QueryNode);
  }

  /**
   * Whether reading `path` of a write's result reads what it wrote (not Supabase's `error` or `count`),
   * and something that ties a later row to it: not a value the write was handed (`email.subject` of
   * `create({ data: { subject } })` is the subject the code had before), unless that value names the
   * row (`id: createId()`).
   */
  function readsWrittenRow(write: DbQuery, path: Path): boolean {
    if (write.library === "supabase" && path[0] !== SUPABASE_RESULT_KEY) return false;
    const rest = path.slice(write.library === "supabase" ? 1 : 0);
    const column = rest.find((key) => !/^\d+$/u.test(key));
    return column === undefined || IDENTITY_KEY.test(column) || !writtenValues(write).has(column);
  }

  /** The columns a create or insert sets from an object literal (`data: { subject }`, `.values({ subject })`), scalar values only. */
  function writtenValues(write: DbQuery): Set<string> {
    const keys = new Set<string>();
    let values: TSESTree.Node | undefined;
    if (write.library === "prisma") {
      const arg = write.args[0];
      if (arg?.type === AST_NODE_TYPES.ObjectExpression) {
        const data = arg.properties.find((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "data");
        values = data?.type === AST_NODE_TYPES.Property ? data.value : undefined;
      }
    } else {
      const call = write.chain.find((c) => ["values", "insert"].includes(methodOf(c) ?? "") && c.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression);
      values = call?.arguments[0];
    }
    if (values?.type !== AST_NODE_TYPES.ObjectExpression) return keys;
    for (const property of values.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value.type === AST_NODE_TYPES.ObjectExpression) continue;
      if (property.key.type === AST_NODE_TYPES.Identifier) keys.add(property.key.name);
      else if (property.key.type === AST_NODE_TYPES.Literal) keys.add(String(property.key.value));
    }
    return keys;
  }

  /**
   * The expressions a query takes values from: the arguments of every call of its chain, not the
   * client it runs on (`tx` is not a value). A raw query's template parameters.
   */
  function queryInputs(query: DbQuery): TSESTree.Node[] {
    if (query.node.type === AST_NODE_TYPES.TaggedTemplateExpression) return [...query.node.quasi.expressions];
    const calls = query.chain.length > 0 ? query.chain : [query.node];
    return calls.flatMap((call) => call.arguments);
  }

  /** The identifiers an expression reads, each with the member chain read from it (`order.id` for `order`). */
  function readRoots(expr: TSESTree.Node): { id: TSESTree.Identifier; read: TSESTree.Node }[] {
    const roots: { id: TSESTree.Identifier; read: TSESTree.Node }[] = [];
    forEachNode(expr, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier) return;
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return;
      if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) return;
      if (parent && isFunction(parent) && parent.params.includes(node)) return;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === node) return;
      let read: TSESTree.Node = node;
      while (
        read.parent?.type === AST_NODE_TYPES.MemberExpression &&
        read.parent.object === read &&
        (!read.parent.computed || read.parent.property.type === AST_NODE_TYPES.Literal)
      ) {
        read = read.parent;
      }
      roots.push({ id: node, read });
    });
    return roots;
  }

  /**
   * Traces `node` back to its sources and calls `found` for each write whose result reaches it. Values
   * the trace cannot see through (calls, templates, operators) are opened: a value computed from the
   * result depends on it.
   */
  function traceWrites(node: TSESTree.Node, found: (write: DbQuery) => boolean): boolean {
    const state = newTraceState();
    const handler: TraceHandler<true> = {
      terminal(terminal, path) {
        const query = queryOf(terminal);
        if (query) return query.kind === "write" && readsWrittenRow(query, path) && found(query) ? true : undefined;
        switch (terminal.type) {
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression:
            return callInputs(terminal);
          case AST_NODE_TYPES.TaggedTemplateExpression:
          case AST_NODE_TYPES.TemplateLiteral: {
            const template = terminal.type === AST_NODE_TYPES.TemplateLiteral ? terminal : terminal.quasi;
            return some(template.expressions);
          }
          case AST_NODE_TYPES.BinaryExpression:
            return some([terminal.left, terminal.right]);
          case AST_NODE_TYPES.UnaryExpression:
            return some([terminal.argument]);
          case AST_NODE_TYPES.ObjectExpression:
            return some(
              terminal.properties.map((property) => (property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property.value)),
            );
          case AST_NODE_TYPES.ArrayExpression:
            return some(terminal.elements.flatMap((element) => (element ? [element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element] : [])));
          default:
            return undefined;
        }
      },
    };

    function some(nodes: readonly TSESTree.Node[]): true | undefined {
      for (const child of nodes) {
        if (flow.trace(child, [], handler, state)) return true;
      }
      return undefined;
    }

    /**
     * Methods on the value (`order.id.toString()`, `rows.map((r) => ({ orderId: r.id }))`). Other calls
     * are opaque: what `createResponse({ displayId })` returns is a new value, not the row it was given.
     */
    function callInputs(call: TSESTree.CallExpression | TSESTree.NewExpression): true | undefined {
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      if (some([callee.object])) return true;
      const method = propertyName(callee);
      const callback = call.arguments[0];
      if (method !== undefined && RETURNING_CALLBACKS.has(method) && callback && isFunction(callback)) return some(flow.returnsOf(callback));
      return undefined;
    }

    return flow.trace(node, [], handler, state) === true;
  }

  function feedingWrites(later: DbQuery): WriteDependency[] {
    let result = feeding.get(later);
    if (result) return result;
    const found: WriteDependency[] = [];
    const laterCalls = new Set<TSESTree.Node>([later.node, ...later.chain]);
    for (const input of queryInputs(later)) {
      for (const { id, read } of readRoots(input)) {
        traceWrites(read, (write) => {
          if (laterCalls.has(write.node) || found.some((d) => d.earlier === write)) return false;
          found.push({ earlier: write, via: id });
          return false; // keep looking: a later write may use several earlier ones
        });
      }
    }
    result = found;
    feeding.set(later, result);
    return result;
  }

  function dependsOn(expr: TSESTree.Node, earlier: DbQuery): boolean {
    return readRoots(expr).some(({ read }) => traceWrites(read, (write) => write === earlier));
  }

  function resultBinding(write: DbQuery): TSESTree.Identifier | undefined {
    let node: TSESTree.Node = write.node;
    let index: number | undefined;
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return undefined;
      if (
        parent.type === AST_NODE_TYPES.AwaitExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.ChainExpression
      ) {
        node = parent;
      } else if (parent.type === AST_NODE_TYPES.ArrayExpression && index === undefined && parent.parent.type === AST_NODE_TYPES.CallExpression) {
        // const [order, user] = await Promise.all([prisma.order.create(...), ...])
        index = parent.elements.indexOf(node as TSESTree.Expression);
        node = parent.parent;
      } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
        return bindingOf(parent.id, write, index);
      } else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
        return bindingOf(parent.left, write, index);
      } else {
        return undefined;
      }
    }
  }

  function bindingOf(target: TSESTree.Node, write: DbQuery, index: number | undefined): TSESTree.Identifier | undefined {
    let pattern = target;
    if (index !== undefined) {
      if (pattern.type !== AST_NODE_TYPES.ArrayPattern) return undefined;
      const element = pattern.elements[index];
      if (!element) return undefined;
      pattern = element;
    }
    if (pattern.type === AST_NODE_TYPES.AssignmentPattern) pattern = pattern.left;
    if (pattern.type === AST_NODE_TYPES.Identifier) return pattern;
    if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
      const first = pattern.elements[0];
      return first ? bindingOf(first, write, undefined) : undefined;
    }
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier && !property.computed ? property.key.name : undefined;
        if (write.library === "supabase" && key !== SUPABASE_RESULT_KEY) continue;
        return bindingOf(property.value, write, undefined);
      }
    }
    return undefined;
  }

  function isGetOrCreate(write: DbQuery): boolean {
    const node = outermostValue(write.node);
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== "&&") {
      return !isNothing(parent.left === node ? parent.right : parent.left);
    }
    if (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) {
      return !isNothing(parent.consequent === node ? parent.alternate : parent.consequent);
    }
    // function getOrCreate() { const existing = await find(); if (existing) return existing; return create(); }
    if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent && isFunction(parent) && parent.body === node)) {
      const fn = parent.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : (parent as FunctionNode);
      return fn !== undefined && flow.returnsOf(fn).some((value) => value !== node && isLookup(value));
    }
    // let user = await find(); if (!user) user = await create();
    const binding = resultBinding(write);
    const variable = binding && flow.variableOf(binding);
    if (!variable) return false;
    const values: TSESTree.Node[] = [];
    for (const def of variable.defs) {
      if (def.type === "Variable" && def.node.init) values.push(def.node.init);
    }
    for (const reference of variable.references) {
      const assignment = reference.identifier.parent;
      if (reference.isWrite() && !reference.init && assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === reference.identifier) {
        values.push(assignment.right);
      }
    }
    return values.some((value) => !(value.range[0] <= write.node.range[0] && write.node.range[1] <= value.range[1]) && !isNothing(value) && !isCreate(value));
  }

  /** A value found rather than made: a read query, a `get*`/`find*` call, a binding holding one. */
  function isLookup(value: TSESTree.Node, depth = 0): boolean {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
      const def = flow.variableOf(node)?.defs[0];
      return def?.type === "Variable" && def.node.init !== null && isLookup(def.node.init, depth + 1);
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const query = detector.getQuery(node);
    if (query) return query.kind === "read";
    const name = memberChainName(node.callee)?.split(".").at(-1);
    return name !== undefined && LOOKUP_NAME.test(name);
  }

  /** A creating write, possibly awaited: two creates into one binding are not a lookup. */
  function isCreate(value: TSESTree.Node): boolean {
    const query = queryOf(unwrap(value));
    return query !== undefined && createsRows(query);
  }

  return { feedingWrites, dependsOn, resultBinding, isGetOrCreate };
}

/**
 * A cheap test, sound for `feedingWrites`: false when no trace from `later`'s inputs can reach the value of
 * `earlier`, so that tracing them (the costly part) would find no dependency on it. It follows the steps
 * `traceWrites` (with value flow's `trace`) takes from one node to another; a step taught to them must be
 * taught here too (the rule's tests of the new case fail otherwise).
 *
 * A trace that starts outside a function gets into it only through its return values (a local function
 * called by name, a `.map`/`.then` callback) or through an assignment inside it to a variable of an outer
 * scope: a function with none of these (the callback of `$transaction(async (tx) => ...)` in another
 * handler) hides every write in it. `calledNames` holds every callee of the file that is a plain name.
 */
export function createReachTest(sourceCode: Readonly<TSESLint.SourceCode>, calledNames: ReadonlySet<string>): (earlier: DbQuery, later: DbQuery) => boolean {
  const enterable = new Map<FunctionNode, boolean>();

  function canEnter(fn: FunctionNode): boolean {
    let answer = enterable.get(fn);
    if (answer === undefined) {
      answer = isCalledByName(fn, calledNames) || isReturningCallback(fn) || assignsOuterVariable(fn, sourceCode);
      enterable.set(fn, answer);
    }
    return answer;
  }

  return (earlier, later) => {
    if (!mayBeTraced(earlier.node)) return false;
    const [start, end] = later.node.range;
    for (let current: TSESTree.Node | undefined = earlier.node.parent; current; current = current.parent) {
      if (!isFunction(current)) continue;
      // the trace starts in `later`'s inputs: inside every function around `later`, and inside `later` itself
      if (current.range[0] <= end && start <= current.range[1]) continue;
      if (!canEnter(current)) return false;
    }
    return true;
  };
}

/**
 * Whether a trace can arrive at `node` from the expression around it: not when the value goes to a
 * statement of its own (`await tx.log.create(...);`) or into the arguments of a call (`$transaction([...])`,
 * `send(row)`), which a trace does not open but for `Promise.all([...])` and `String(...)`.
 */
function mayBeTraced(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent || parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      if (parent.callee !== current && !isTracedArgument(parent, current)) return false;
    } else if (!VALUE_PARENTS.has(parent.type)) {
      // a binding, an assignment, a return, or a place this test does not know: a trace may come from there
      return true;
    }
    current = parent;
  }
}

/** Expressions a trace goes into on its way to a value (also a conditional's test, a binary's operands: a superset). */
const VALUE_PARENTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.SequenceExpression,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.SpreadElement,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.UnaryExpression,
]);

/** The first argument of `Promise.all(...)` or `String(...)`, which value flow traces into (checked loosely: `x.all(...)`). */
function isTracedArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): boolean {
  if (call.arguments[0] !== argument) return false;
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === "String";
  return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === "all";
}

/** `function f() {}`, `const f = () => ...`, called somewhere in the file as `f(...)`: value flow's `localFunction` finds it. */
function isCalledByName(fn: FunctionNode, calledNames: ReadonlySet<string>): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id && calledNames.has(fn.id.name)) return true;
  const parent = fn.parent;
  return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier && calledNames.has(parent.id.name);
}

/** The first argument of `.map(...)`, `.then(...)`, `.reduce(...)`: a trace follows the values it returns. */
function isReturningCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return false;
  if (call.arguments[0] !== fn || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee);
  return method !== undefined && RETURNING_CALLBACKS.has(method);
}

/**
 * The function (or one nested in it) assigns a variable declared outside it, or a property of one
 * (`row = await create()`, `result.order = order`): a trace of that variable follows the assignment in.
 * The scope's `through` holds exactly the references that leave the function.
 */
function assignsOuterVariable(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.getScope(fn).through.some((reference) => reference.isWrite() || isPropertyAssignment(reference.identifier));
}

/** `x.key = value`: value flow's trace of `x.key` follows the assignment. */
function isPropertyAssignment(id: TSESTree.Node): boolean {
  const member = id.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === id && member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
}

/** Functions that run their callback or list of queries in a transaction under a project's own name. */
const TRANSACTION_WRAPPER = /transaction/iu;

/** Operations that change rows in place (Prisma, Drizzle, Kysely). */
const UPDATE_OPERATIONS = new Set(["update", "updateMany", "upsert", "updateTable"]);

/**
 * `later` changes the very row `earlier` created: the same model, filtered by the created row's own key
 * (`update({ where: { id: job.id }, data: { status: "done" } })`, Drizzle `.where(eq(jobs.id, job.id))`).
 * If it fails, no other row is left pointing at a half-made change: the created row stays as it was
 * written, without a later change of its own columns (a status, a progress count).
 */
export function updatesCreatedRow(earlier: DbQuery, later: DbQuery, writes: WriteDependencies, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (earlier.library !== later.library || earlier.model === undefined || earlier.model !== later.model) return false;
  if (!UPDATE_OPERATIONS.has(later.operation)) return false;
  const filter = rowFilter(later, sourceCode);
  if (!filter || filter.absent) return false;
  return filter.leaves.some((leaf) => {
    const [field] = leaf.fields;
    if (leaf.fields.length !== 1 || field === undefined || !IDENTITY_KEY.test(field)) return false;
    return comparesEqual(leaf.value, field) && readsKey(leaf.value, field) && writes.dependsOn(leaf.value, earlier);
  });
}

/**
 * The filter keeps the rows whose `field` equals the value: `id: job.id`, `id: { equals: job.id }`,
 * Drizzle `eq(jobs.id, job.id)`. Not `id: { not: job.id }` nor `id: { in: [job.id, ...] }`: other rows.
 */
function comparesEqual(value: TSESTree.Node, field: string): boolean {
  let node = value;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    return parent.arguments[1] === node && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === "eq";
  }
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== node || parent.computed) return false;
  const key = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : parent.key.type === AST_NODE_TYPES.Literal ? String(parent.key.value) : undefined;
  return key === field || key === "equals";
}

/** `job.id`, `id` (destructured from the created row): a read of the key `field` itself. */
function readsKey(value: TSESTree.Node, field: string): boolean {
  const node = unwrap(value);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === field;
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === field;
}

/**
 * The transaction or batch `node` runs in: the innermost interactive transaction callback
 * (`$transaction(async (tx) => ...)`, `db.transaction(...)`, `db.transaction().execute(...)`, a
 * project's `withTransaction(async (tx) => ...)`), or the batch call whose list holds it
 * (`$transaction([...])`, `db.batch([...])`). `Promise.all` is not one: its queries commit one by one.
 */
export function transactionUnit(node: TSESTree.Node, detector: Detector): TSESTree.Node | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current) && isTransactionFunction(current)) return current;
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    const arg = current.arguments.find((argument) => argument.range[0] <= node.range[0] && node.range[1] <= argument.range[1]);
    // `$transaction([...])`, `db.batch([...])`, a project's `runInTransaction(userId, [...])`
    if (arg && (detector.isBatchCall(current) || (arg.type === AST_NODE_TYPES.ArrayExpression && isTransactionWrapperCall(current)))) return current;
  }
  return undefined;
}

function isTransactionFunction(fn: FunctionNode): boolean {
  if (isTransactionCallback(fn)) return true;
  const call = fn.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && isTransactionWrapperCall(call);
}

/** A project's transaction helper, by name: `withTransaction(async (tx) => ...)`, `runDeleteTransaction(userId, [ops])`. */
function isTransactionWrapperCall(call: TSESTree.CallExpression): boolean {
  const name = memberChainName(call.callee)?.split(".").at(-1);
  return name !== undefined && TRANSACTION_WRAPPER.test(name);
}

/** Calls that run their callback later, after the response or other I/O (Vercel/Next `waitUntil`/`after`, timers). */
const DEFERRING_CALL = /^(?:waitUntil|after|setTimeout|setImmediate|queueMicrotask|nextTick|defer|runInBackground)$/u;

/**
 * Whether `node` runs in deferred work relative to `outer` (a node outside it): inside a callback of
 * `waitUntil(...)`/`after(...)`/a timer (also through an async IIFE handed to one), or of `.then(...)`
 * on a promise that is not a query (`unfurl(url).then(async (data) => ...)`): it runs after other I/O,
 * when the request may be answered already, so no transaction of the request can hold it.
 */
export function isDeferredFrom(node: TSESTree.Node, outer: TSESTree.Node, detector: Detector): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.range[0] <= outer.range[0] && outer.range[1] <= current.range[1]) return false;
    // waitUntil(prisma.click.create(...)): started now, awaited by no one before the response
    if (current.type === AST_NODE_TYPES.CallExpression && isDeferringCall(current)) return true;
    if (!isFunction(current)) continue;
    let call: TSESTree.Node = current.parent;
    // waitUntil((async () => { ... })())
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === current) call = call.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = call.callee;
    const name = memberChainName(callee)?.split(".").at(-1);
    if (isDeferringCall(call)) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_METHODS.has(name ?? "")) {
      const receiver = callee.object;
      const isQuery = (receiver.type === AST_NODE_TYPES.CallExpression || receiver.type === AST_NODE_TYPES.TaggedTemplateExpression) && detector.getQuery(receiver) !== undefined;
      if (!isQuery && receiver.type === AST_NODE_TYPES.CallExpression) return true;
    }
  }
  return false;
}

function isDeferringCall(call: TSESTree.CallExpression): boolean {
  const name = memberChainName(call.callee)?.split(".").at(-1);
  return name !== undefined && DEFERRING_CALL.test(name);
}

/**
 * Whether the code settles a failure of `node` on purpose, apart from `outer`: `node` runs under
 * `Promise.allSettled(...)` (as an element, or in a `.map` callback whose promises it settles), or its
 * promise has a `.catch(...)`. Its author has decided what a failure leaves behind.
 */
export function isFailureSettled(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  const value = outermostValueOf(node);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value && propertyName(parent) === "catch") return true;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.range[0] <= outer.range[0] && outer.range[1] <= current.range[1]) return false;
    if (current.type === AST_NODE_TYPES.CallExpression && memberChainName(current.callee) === "Promise.allSettled") return true;
  }
  return false;
}

/** From a query up through `await`, casts and `!` (not `.then`/`.catch`) to the expression holding its promise or value. */
function outermostValueOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** The statement lists that end a path: after one of these, later statements of the function do not run. */
function exits(statement: TSESTree.Node): boolean {
  return statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement;
}

function statementsOf(node: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program) return node.body;
  if (node.type === AST_NODE_TYPES.SwitchCase) return node.consequent;
  return undefined;
}

function ancestors(node: TSESTree.Node): TSESTree.Node[] {
  const result: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) result.unshift(current);
  return result;
}

/**
 * Whether `b` cannot run after `a` in one call of their function: they sit in different branches of
 * an `if`, a conditional expression or a `switch`, or `a`'s branch returns (or throws) before `b`.
 */
export function cannotBothRun(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const pathA = ancestors(a);
  const pathB = ancestors(b);
  let i = 0;
  while (i < pathA.length && i < pathB.length && pathA[i] === pathB[i]) i++;
  const common = pathA[i - 1];
  const towardA = pathA[i];
  const towardB = pathB[i];
  if (!common || !towardA || !towardB) return false;
  if (
    (common.type === AST_NODE_TYPES.IfStatement || common.type === AST_NODE_TYPES.ConditionalExpression) &&
    towardA !== common.test &&
    towardB !== common.test
  ) {
    return true;
  }
  if (common.type === AST_NODE_TYPES.SwitchStatement && towardA !== common.discriminant && towardB !== common.discriminant) return true;
  // `a` sits in a branch that ends the function before control reaches `b`
  for (let k = pathA.length - 2; k >= i; k--) {
    // a `return` in a callback's body ends the callback, not the function `b` runs in
    if (isFunction(pathA[k]!.parent)) break;
    const list = statementsOf(pathA[k]!);
    if (list && list.slice(list.indexOf(pathA[k + 1]!) + 1).some(exits)) return true;
  }
  return false;
}

/**
 * The failure handler `node` runs in, if any: a `catch` clause or `finally` block, or a promise's
 * rejection handler (`.catch(async (error) => ...)`, the second callback of `.then`).
 */
export function failureHandlerOf(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.CatchClause) return parent;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === current) return parent.finalizer;
    if (isFunction(parent)) return isRejectionHandler(parent) ? parent : undefined;
  }
  return undefined;
}

function isRejectionHandler(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee);
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  return (method === "catch" && index === 0) || (method === "then" && index === 1);
}

/** The `try` statements whose protected block holds `node` (within its function), innermost first. */
export function enclosingTries(node: TSESTree.Node): TSESTree.TryStatement[] {
  const tries: TSESTree.TryStatement[] = [];
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunction(parent)) break;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current) tries.push(parent);
  }
  return tries;
}
