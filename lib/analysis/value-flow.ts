/**
 * Value flow within a file: where does an expression's value come from? Rules ask with a handler that
 * judges the sources the trace cannot see through (a call, a literal, a parameter).
 *
 * Followed: `const`/`let` bindings (every assignment of a `let`, also in branches), destructuring,
 * object and array literals (with spreads), property assignments (`data.image = x`), `await`, casts,
 * conditionals and `??`/`||`, `Promise.all([...])`, `.map(cb)`/`.then(cb)` callbacks and their element
 * parameters, and the return values of functions defined in the same file. Bounded: a trace gives up
 * (answers undefined) after a fixed number of steps.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberChainName, propertyName, type FunctionNode } from "../util/ast.js";

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "sourceCode">>;
type Variable = TSESLint.Scope.Variable;

/** Property names from a value to the part of it that matters (`*` = any array element). */
export type Path = readonly string[];

export interface TraceHandler<T> {
  /** A value the trace cannot see through: a call, a literal, a template, an object with no path left... */
  terminal(node: TSESTree.Node, path: Path): T | undefined;
  /** A parameter of a function (not an array callback's element). */
  param?(fn: FunctionNode, index: number, path: Path): T | undefined;
}

/** Shared by the nested traces of one question (a handler that traces again passes it on). */
export interface TraceState {
  seen: Set<string>;
  steps: number;
}

const MAX_TRACE_STEPS = 400;

/** Callbacks that receive the elements of the array they are called on. */
export const ELEMENT_CALLBACKS: ReadonlySet<string> = new Set(["map", "flatMap", "forEach", "filter", "find", "findLast", "some", "every"]);

export function newTraceState(): TraceState {
  return { seen: new Set(), steps: 0 };
}


/** Skips casts, `!`, `satisfies`, optional chains and `await`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        continue;
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        continue;
      default:
        return current;
    }
  }
}

/** A property's static key (`a`, `"a"`, `1`), or undefined when computed. */
export function staticKey(property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === "string" || typeof key.value === "number")) {
    return String(key.value);
  }
  return undefined;
}

/** The value of an object literal's last property with this static key. */
export function objectProperty(object: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    if (property.type === AST_NODE_TYPES.Property && staticKey(property) === name) return property.value;
  }
  return undefined;
}

/** Whether `inner` lies within `outer` (source ranges). */
export function rangeContains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Every node under `root` (not its nested functions when `shallow`), in source order. */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void, shallow = false): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    // children pushed last to first, so that they pop in key order (no list of them is built per node)
    const keys = Object.keys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      if (key === "parent" || key === "loc" || key === "range" || key === "typeAnnotation" || key === "returnType") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pushChild(stack, value[i], shallow);
      } else {
        pushChild(stack, value, shallow);
      }
    }
  }
}

function pushChild(stack: TSESTree.Node[], value: unknown, shallow: boolean): void {
  if (!value || typeof value !== "object" || typeof (value as TSESTree.Node).type !== "string") return;
  if (shallow && isFunction(value as TSESTree.Node)) return;
  stack.push(value as TSESTree.Node);
}

/** The expressions a function returns (its body for an expression arrow); not those of nested functions. */
export function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const result: TSESTree.Node[] = [];
  forEachNode(
    fn.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) result.push(node.argument);
    },
    true,
  );
  return result;
}

export interface ValueFlow {
  variableOf(id: TSESTree.Identifier): Variable | undefined;
  /** A function defined in this file that the callee names (`function f`, `const f = () => ...`). */
  localFunction(callee: TSESTree.Node): FunctionNode | undefined;
  returnsOf(fn: FunctionNode): TSESTree.Node[];
  /** Follows `node` (and the `path` into its value) back to its sources; the first answer of `handler` wins. */
  trace<T>(node: TSESTree.Node, path: Path, handler: TraceHandler<T>, state?: TraceState): T | undefined;
  /** The leaf values of written data: object and array literals opened up, also through the variables holding them. */
  writtenLeaves(data: readonly TSESTree.Node[], skipKeys?: ReadonlySet<string>): TSESTree.Node[];
  /** The function-local variables and parameters an expression reads (deep). */
  variablesIn(expr: TSESTree.Node): Set<Variable>;
}

/** One per file (keyed by its AST): the caches are shared by every rule that follows values in it. */
const flowCache = new WeakMap<TSESTree.Program, ValueFlow>();

export function createValueFlow(context: Context): ValueFlow {
  const program = context.sourceCode.ast;
  let flow = flowCache.get(program);
  if (!flow) {
    flow = buildValueFlow(context);
    flowCache.set(program, flow);
  }
  return flow;
}

function buildValueFlow(context: Context): ValueFlow {
  const { sourceCode } = context;
  const variableCache = new Map<TSESTree.Identifier, Variable | null>();
  const returnsCache = new Map<FunctionNode, TSESTree.Node[]>();

  function variableOf(id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    let variable = variableCache.get(id);
    if (variable === undefined) {
      variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      variableCache.set(id, variable);
    }
    return variable ?? undefined;
  }

  /** A function defined in this file that the callee names. */
  function localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = variableOf(callee)?.defs[0];
    if (def?.type === "FunctionName" && isFunction(def.node)) return def.node;
    if (def?.type === "Variable" && def.node.id === def.name && def.node.init && isFunction(def.node.init)) return def.node.init;
    return undefined;
  }


  /** From an identifier inside a binding pattern up to the pattern's root, with the property path. */
  function patternPath(id: TSESTree.Node): { root: TSESTree.Node; path: string[] } | undefined {
    const path: string[] = [];
    let node = id;
    for (;;) {
      const parent = node.parent;
      if (!parent) return { root: node, path };
      if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
        const key = staticKey(parent);
        if (key === undefined) return undefined;
        path.unshift(key);
        node = parent.parent;
      } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
        path.unshift(String(parent.elements.indexOf(node as TSESTree.DestructuringPattern)));
        node = parent;
      } else if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) {
        node = parent;
      } else if (parent.type === AST_NODE_TYPES.RestElement) {
        return undefined;
      } else {
        return { root: node, path };
      }
    }
  }

  function returnsOf(fn: FunctionNode): TSESTree.Node[] {
    let result = returnsCache.get(fn);
    if (!result) {
      result = returnedExpressions(fn);
      returnsCache.set(fn, result);
    }
    return result;
  }

  function trace<T>(node: TSESTree.Node, path: Path, handler: TraceHandler<T>, state: TraceState): T | undefined {
    if (++state.steps > MAX_TRACE_STEPS) return undefined;
    const key = `${node.range[0]}:${node.range[1]}:${node.type}:${path.join(".")}`;
    if (state.seen.has(key)) return undefined;
    state.seen.add(key);
    switch (node.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        return trace(node.expression, path, handler, state);
      case AST_NODE_TYPES.AwaitExpression:
        return trace(node.argument, path, handler, state);
      case AST_NODE_TYPES.Identifier:
        return traceIdentifier(node, path, handler, state);
      case AST_NODE_TYPES.MemberExpression: {
        const name =
          propertyName(node) ??
          (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "number" ? String(node.property.value) : "*");
        return trace(node.object, [name, ...path], handler, state);
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return trace(node.consequent, path, handler, state) ?? trace(node.alternate, path, handler, state);
      case AST_NODE_TYPES.LogicalExpression:
        return (node.operator === "&&" ? undefined : trace(node.left, path, handler, state)) ?? trace(node.right, path, handler, state);
      case AST_NODE_TYPES.SequenceExpression:
        return trace(node.expressions.at(-1)!, path, handler, state);
      case AST_NODE_TYPES.ObjectExpression: {
        if (path.length === 0) return handler.terminal(node, path);
        const [first, ...rest] = path;
        for (let i = node.properties.length - 1; i >= 0; i--) {
          const property = node.properties[i]!;
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const found = trace(property.argument, path, handler, state);
            if (found !== undefined) return found;
          } else if (staticKey(property) === first) {
            return trace(property.value, rest, handler, state);
          }
        }
        return undefined;
      }
      case AST_NODE_TYPES.ArrayExpression: {
        if (path.length === 0) return handler.terminal(node, path);
        const [first, ...rest] = path;
        const elements = node.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null);
        for (const [index, element] of elements.entries()) {
          if (element.type === AST_NODE_TYPES.SpreadElement) {
            const found = trace(element.argument, ["*", ...rest], handler, state);
            if (found !== undefined) return found;
          } else if (first === "*" || first === String(index)) {
            const found = trace(element, rest, handler, state);
            if (found !== undefined) return found;
          }
        }
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return traceCall(node, path, handler, state);
      default:
        return handler.terminal(node, path);
    }
  }

  function traceCall<T>(call: TSESTree.CallExpression, path: Path, handler: TraceHandler<T>, state: TraceState): T | undefined {
    const callee = call.callee;
    const first = path[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      // Promise.all([put(a), put(b)])
      if (method === "all" && memberChainName(callee) === "Promise.all" && call.arguments[0] && first !== undefined) {
        return trace(call.arguments[0], path, handler, state);
      }
      // put(...).then(({ url }) => url)
      if (method === "then" && call.arguments[0] && isFunction(call.arguments[0])) {
        for (const returned of returnsOf(call.arguments[0])) {
          const found = trace(returned, path, handler, state);
          if (found !== undefined) return found;
        }
        return undefined;
      }
      // files.map((f) => put(f.name, f))
      if ((method === "map" || method === "flatMap") && first !== undefined && /^(?:\*|\d+)$/u.test(first)) {
        const callback = call.arguments[0];
        if (callback && isFunction(callback)) {
          const rest = method === "map" ? path.slice(1) : path;
          for (const returned of returnsOf(callback)) {
            const found = trace(returned, rest, handler, state);
            if (found !== undefined) return found;
          }
          return undefined;
        }
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "String" && call.arguments[0] && path.length === 0) {
      return trace(call.arguments[0], path, handler, state);
    }
    const found = handler.terminal(call, path);
    if (found !== undefined) return found;
    // the return values of a function of this file
    const local = localFunction(callee);
    if (local) {
      for (const returned of returnsOf(local)) {
        const result = trace(returned, path, handler, state);
        if (result !== undefined) return result;
      }
    }
    return undefined;
  }

  function traceIdentifier<T>(id: TSESTree.Identifier, path: Path, handler: TraceHandler<T>, state: TraceState): T | undefined {
    const variable = variableOf(id);
    const def = variable?.defs[0];
    if (!variable || !def) return handler.terminal(id, path);
    if (def.type === "Parameter") return traceParameter(def.name as TSESTree.Identifier, def.node as FunctionNode, path, handler, state);
    if (def.type !== "Variable") return handler.terminal(id, path);
    for (const d of variable.defs) {
      if (d.type !== "Variable") continue;
      const inPattern = patternPath(d.name);
      if (!inPattern) continue;
      const declaration = d.parent;
      const loop = declaration?.parent;
      if (
        loop &&
        (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) &&
        loop.left === declaration
      ) {
        if (loop.type === AST_NODE_TYPES.ForOfStatement) {
          const found = trace(loop.right, ["*", ...inPattern.path, ...path], handler, state);
          if (found !== undefined) return found;
        }
        continue;
      }
      if (d.node.init) {
        const found = trace(d.node.init, [...inPattern.path, ...path], handler, state);
        if (found !== undefined) return found;
      }
    }
    for (const reference of variable.references) {
      const ref = reference.identifier;
      if (reference.isWrite() && !reference.init) {
        const inPattern = patternPath(ref);
        const assignment = inPattern?.root.parent;
        if (
          inPattern &&
          assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
          assignment.left === inPattern.root &&
          (assignment.operator === "=" || assignment.operator === "??=" || assignment.operator === "||=")
        ) {
          const found = trace(assignment.right, [...inPattern.path, ...path], handler, state);
          if (found !== undefined) return found;
        }
      } else if (path.length > 0 && reference.isRead()) {
        // data.image = blob.url
        const member = ref.parent;
        const assignment = member.parent;
        if (
          member.type === AST_NODE_TYPES.MemberExpression &&
          member.object === ref &&
          propertyName(member) === path[0] &&
          assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
          assignment.left === member &&
          assignment.operator === "="
        ) {
          const found = trace(assignment.right, path.slice(1), handler, state);
          if (found !== undefined) return found;
        }
      }
    }
    return undefined;
  }

  function traceParameter<T>(name: TSESTree.Identifier, fn: FunctionNode, path: Path, handler: TraceHandler<T>, state: TraceState): T | undefined {
    const inPattern = patternPath(name);
    if (!inPattern) return undefined;
    const index = fn.params.indexOf(inPattern.root as TSESTree.Parameter);
    if (index < 0) return undefined;
    const fullPath = [...inPattern.path, ...path];
    const call = fn.parent;
    if (
      index === 0 &&
      call.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === fn &&
      call.callee.type === AST_NODE_TYPES.MemberExpression
    ) {
      const method = propertyName(call.callee);
      if (method !== undefined && ELEMENT_CALLBACKS.has(method)) return trace(call.callee.object, ["*", ...fullPath], handler, state);
      if (method === "then") return trace(call.callee.object, fullPath, handler, state);
    }
    return handler.param?.(fn, index, fullPath);
  }


  function writtenLeaves(data: readonly TSESTree.Node[], skipKeys: ReadonlySet<string> = new Set()): TSESTree.Node[] {
    const leaves: TSESTree.Node[] = [];
    const seen = new Set<TSESTree.Node>();
    let steps = 0;

    function visit(node: TSESTree.Node, nested: boolean): void {
      if (seen.has(node) || ++steps > MAX_TRACE_STEPS) return;
      seen.add(node);
      const value =
        node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression || node.type === AST_NODE_TYPES.TSNonNullExpression
          ? node.expression
          : node;
      if (value !== node) return visit(value, nested);
      switch (node.type) {
        case AST_NODE_TYPES.ObjectExpression:
          for (const property of node.properties) {
            if (property.type === AST_NODE_TYPES.SpreadElement) visit(property.argument, nested);
            else {
              const key = staticKey(property);
              if (nested && key !== undefined && skipKeys.has(key)) continue;
              visit(property.value, true);
            }
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const element of node.elements) {
            if (element) visit(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, nested);
          }
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          visit(node.consequent, nested);
          visit(node.alternate, nested);
          return;
        case AST_NODE_TYPES.LogicalExpression:
          if (node.operator !== "&&") visit(node.left, nested);
          visit(node.right, nested);
          return;
        case AST_NODE_TYPES.CallExpression: {
          const callee = node.callee;
          const callback = node.arguments[0];
          if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === "map" && callback && isFunction(callback)) {
            for (const returned of returnsOf(callback)) visit(returned, nested);
            return;
          }
          leaves.push(node);
          return;
        }
        case AST_NODE_TYPES.Identifier: {
          if (!visitVariableObjects(node, nested)) {
            leaves.push(node);
            visitMemberAssignments(node);
          }
          return;
        }
        default:
          leaves.push(node);
      }
    }

    /** A variable holding an object or array literal: open it (and its `x.key = value` assignments). */
    function visitVariableObjects(id: TSESTree.Identifier, nested: boolean): boolean {
      const variable = variableOf(id);
      const def = variable?.defs[0];
      if (!variable || def?.type !== "Variable" || def.node.id !== def.name) return false;
      const sources: TSESTree.Node[] = [];
      if (def.node.init) sources.push(def.node.init);
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.init) continue;
        const assignment = reference.identifier.parent;
        if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === reference.identifier) sources.push(assignment.right);
      }
      const isLiteral = (n: TSESTree.Node): boolean => {
        const u = unwrap(n);
        if (u.type === AST_NODE_TYPES.ConditionalExpression) return isLiteral(u.consequent) || isLiteral(u.alternate);
        return u.type === AST_NODE_TYPES.ObjectExpression || u.type === AST_NODE_TYPES.ArrayExpression;
      };
      if (!sources.some(isLiteral)) return false;
      for (const source of sources) visit(source, nested);
      visitMemberAssignments(id);
      return true;
    }

    /** `data.image = blob.url` (or `input.logo = result.url` on a parameter) before the write. */
    function visitMemberAssignments(id: TSESTree.Identifier): void {
      const variable = variableOf(id);
      if (!variable) return;
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        const assignment = member.parent;
        if (
          member.type === AST_NODE_TYPES.MemberExpression &&
          member.object === reference.identifier &&
          assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
          assignment.left === member &&
          assignment.operator === "=" &&
          assignment.range[1] <= id.range[0]
        ) {
          visit(assignment.right, true);
        }
      }
    }

    for (const node of data) visit(node, false);
    return leaves;
  }

  function variablesIn(expr: TSESTree.Node): Set<TSESLint.Scope.Variable> {
    const result = new Set<TSESLint.Scope.Variable>();
    forEachNode(expr, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier) return;
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return;
      if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) return;
      const variable = variableOf(node);
      // module-level constants (`R2_URL`, `BUCKET`) are shared by every key: they relate nothing
      if (variable && variable.defs.length > 0 && variable.scope.type !== "module" && variable.scope.type !== "global") result.add(variable);
    });
    return result;
  }

  return {
    variableOf,
    localFunction,
    returnsOf,
    trace: (node, path, handler, state = newTraceState()) => trace(node, path, handler, state),
    writtenLeaves,
    variablesIn,
  };
}
