/**
 * Where a value in a request boundary comes from: the client (the request), the signed-in identity (the
 * session, or what an authenticating wrapper or middleware put in the context), or the server (a query
 * result, a helper's return value). Authorization rules ask this of the values a query filters on.
 *
 * ```ts
 * const values = createRequestValues(context, authConfig(settings));
 * values.originOf(node, boundary)   // ValueOrigin | undefined (undefined: the code cannot tell)
 * covers(checkKey, valueKey)        // does a check on one request value speak about another?
 * ```
 *
 * Request values carry keys that name them (`param0.postId`, `json@120.teamId`): the same value read twice
 * has the same key, so a check on `parsedInput.teamId` can be matched with a filter on `parsedInput.teamId`.
 * A value stays the client's choice after validation (`Schema.parse(body).id`) and conversions (`Number(id)`).
 * Values from the identity: an auth call's result (`session.user.id`), tRPC and next-safe-action `ctx`,
 * what a wrapper hands its handler besides the request (`({ workspace, session }) => ...`), `req.user`,
 * Hono `c.get("user")`, and the result of any call that takes such a value (`getTeamForUser(user.id)`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, type FunctionNode } from "../util/ast.js";
import { calleeName, isAuthCall, isThrowingAuthCall, type AuthConfig } from "./auth.js";
import type { RequestBoundary } from "./request-boundary.js";
import { classifyAuthHelper } from "./resolve.js";
import { validatorCall } from "./validation.js";
import { createValueFlow, newTraceState, type Path, type TraceState, type ValueFlow } from "./value-flow.js";
import { rememberIn } from "../util/memo.js";

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "sourceCode" | "filename" | "cwd">>;

export interface ValueOrigin {
  /** Keys of the request values it comes from (empty: none). */
  request: readonly string[];
  /** It comes from the signed-in identity (or a lookup keyed by it). */
  identity: boolean;
  /** It comes from something the server computed (a query result, a helper's return value, `new Date()`). */
  server: boolean;
}

const NONE: ValueOrigin = { request: [], identity: false, server: false };
const SERVER: ValueOrigin = { request: [], identity: false, server: true };
const IDENTITY: ValueOrigin = { request: [], identity: true, server: false };

/** Keys of a wrapper's handler argument, or of the request object, that hold request data. */
const REQUEST_KEYS = /^(?:req|request|params|searchParams|query|body|input|data|json|formData|rawInput|clientInput|parsedInput|bindArgsParsedInputs|bindArgsClientInputs|args|payload|headers|cookies|url|nextUrl)$/u;
/** Names that say a value is the signed-in identity or what an authenticating layer resolved for it. */
const IDENTITY_WORDS = /^(?:session|user|users|viewer|actor|me|auth|principal|claims|account|member|membership|ctx|context|workspace|team|org|organization|tenant|space|project|program|partner|customer|owner|permissions?|role|token|apiKey|currentUser|currentTeam|currentWorkspace|currentOrg|activeTeam|activeWorkspace|activeOrg|userId|teamId|orgId|organizationId|workspaceId|tenantId|accountId|memberId|spaceId|projectId)$/u;
/** Conversions that keep the value (and so its origin). */
const CONVERSIONS = new Set(["String", "Number", "parseInt", "parseFloat", "BigInt", "Boolean", "decodeURIComponent", "decodeURI", "encodeURIComponent"]);
/** Reads of request state that are not on a bound request object. */
const REQUEST_STATE_CALLS = new Set(["cookies", "headers", "useSearchParams"]);
const SAFE_PARSE = new Set(["safeParse", "safeParseAsync", "spa"]);

export interface RequestValues {
  /** Where a value read in `boundary` comes from; undefined when the code cannot tell. */
  originOf(node: TSESTree.Node, boundary: RequestBoundary): ValueOrigin | undefined;
}

/** Does a check about request value `checkKey` speak about `valueKey` (the same value, a part of it, or a whole it is part of)? */
export function covers(checkKey: string, valueKey: string): boolean {
  return checkKey === valueKey || valueKey.startsWith(`${checkKey}.`) || checkKey.startsWith(`${valueKey}.`);
}

export function mergeOrigins(origins: readonly (ValueOrigin | undefined)[]): ValueOrigin | undefined {
  let result: ValueOrigin | undefined;
  for (const origin of origins) {
    if (!origin) continue;
    result = result
      ? { request: [...result.request, ...origin.request], identity: result.identity || origin.identity, server: result.server || origin.server }
      : origin;
  }
  return result;
}

const flows = new WeakMap<TSESTree.Program, Map<AuthConfig, RequestValues>>();

/** One per file and auth configuration: the answers are cached per node. */
export function createRequestValues(context: Context, config: AuthConfig): RequestValues {
  const program = context.sourceCode.ast;
  return rememberIn(flows, program, config, () => buildRequestValues(context, config));
}

function buildRequestValues(context: Context, config: AuthConfig): RequestValues {
  const flow: ValueFlow = createValueFlow(context);
  const cache = new Map<TSESTree.Node, ValueOrigin | null>();
  const helperCache = new Map<TSESTree.CallExpression, boolean>();

  function originOf(node: TSESTree.Node, boundary: RequestBoundary): ValueOrigin | undefined {
    const known = cache.get(node);
    if (known !== undefined) return known ?? undefined;
    const result = trace(node, [], boundary, newTraceState());
    cache.set(node, result ?? null);
    return result;
  }

  function trace(node: TSESTree.Node, path: Path, boundary: RequestBoundary, state: TraceState): ValueOrigin | undefined {
    return flow.trace(
      node,
      path,
      {
        terminal: (terminal, rest) => terminalOrigin(terminal, rest, boundary, state),
        param: (fn, index, rest) => paramOrigin(fn, index, rest, boundary),
      },
      state,
    );
  }

  /** A parameter: the boundary's own parameters are the request or the identity; others cannot be told. */
  function paramOrigin(fn: FunctionNode, index: number, path: Path, boundary: RequestBoundary): ValueOrigin | undefined {
    if (fn !== boundary.fn) return undefined;
    const param = fn.params[index];
    if (!param) return undefined;
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    const paramName = target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
    const key = (parts: Path): string => ["param", String(index), ...parts].join(".");
    switch (boundary.kind) {
      case "server-action": {
        // every argument of a server action is the client's choice, `userId` included; but a wrapper's handler
        // gets what the wrapper loaded: `validatedActionWithUser(schema, async (data, formData, user) => ...)`
        if (boundary.wrappers.length > 0 && index > 0) {
          const name = target.type === AST_NODE_TYPES.ObjectPattern ? path[0] : paramName;
          if (name !== undefined && IDENTITY_WORDS.test(name) && !REQUEST_KEYS.test(name)) return IDENTITY;
        }
        return request(key(path));
      }
      case "safe-action":
      case "trpc": {
        if (index !== 0) return undefined;
        const [first, ...rest] = path;
        if (first === "ctx") return IDENTITY;
        if (first !== undefined && REQUEST_KEYS.test(first)) return request(key([first, ...rest]));
        return undefined;
      }
      case "hono": {
        if (index !== 0) return undefined;
        const [first, second] = path;
        if (first === "req") return request(key(path));
        if (first === "var" && second !== undefined && IDENTITY_WORDS.test(second)) return IDENTITY;
        if (first !== undefined && IDENTITY_WORDS.test(first)) return IDENTITY; // `c.get("user")`
        return undefined;
      }
      default: {
        // the request object (`req`), its route context (`{ params }`), or what a wrapper hands the handler
        const [first] = path;
        const name = target.type === AST_NODE_TYPES.ObjectPattern ? first : paramName;
        if (index === 0 && target.type === AST_NODE_TYPES.Identifier) {
          // `req.auth` (Auth.js `auth(handler)`), Express `req.user`, iron-session `req.session`
          if (first !== undefined && IDENTITY_WORDS.test(first) && !REQUEST_KEYS.test(first)) return IDENTITY;
          return boundary.kind === "pages-api" || boundary.kind === "express" || boundary.kind === "route-handler" ? request(key(path)) : undefined;
        }
        if (name === undefined) return undefined;
        // `(req, ctx) => ctx.params.id`
        if (index === 1 && (first === "params" || first === "searchParams")) return request(key(path));
        if (REQUEST_KEYS.test(name)) return request(key(target.type === AST_NODE_TYPES.ObjectPattern ? path : [name, ...path]));
        if (boundary.wrappers.length > 0 && IDENTITY_WORDS.test(name)) return IDENTITY;
        return undefined;
      }
    }
  }

  function terminalOrigin(node: TSESTree.Node, path: Path, boundary: RequestBoundary, state: TraceState): ValueOrigin | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return NONE;
      case AST_NODE_TYPES.TemplateLiteral:
        return mergeOrigins(node.expressions.map((e) => trace(e, [], boundary, state))) ?? NONE;
      case AST_NODE_TYPES.CallExpression:
        return callOrigin(node, path, boundary, state);
      case AST_NODE_TYPES.NewExpression: {
        // `new URL(req.url).searchParams.get("id")`: the URL's parts are the request's
        const name = node.callee.type === AST_NODE_TYPES.Identifier ? node.callee.name : undefined;
        if ((name === "URL" || name === "URLSearchParams") && node.arguments[0]) {
          return trace(node.arguments[0], path, boundary, state) ?? SERVER;
        }
        return SERVER;
      }
      case AST_NODE_TYPES.BinaryExpression:
        return mergeOrigins([trace(node.left, [], boundary, state), trace(node.right, [], boundary, state)]) ?? SERVER;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        return mergeOrigins(valueLeaves([node]).map((leaf) => trace(leaf, [], boundary, state))) ?? NONE;
      default:
        return undefined;
    }
  }

  function callOrigin(call: TSESTree.CallExpression, path: Path, boundary: RequestBoundary, state: TraceState): ValueOrigin | undefined {
    // validation keeps the client's choice: `Schema.parse(body).id`, `safeParse(body).data.id`
    const validated = validatorCall(call);
    const { last } = calleeName(call);
    if (validated?.[0]) {
      const rest = last !== undefined && SAFE_PARSE.has(last) && path[0] === "data" ? path.slice(1) : path;
      const found = trace(validated[0], rest, boundary, state);
      if (found) return found;
    }
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.Identifier && CONVERSIONS.has(callee.name) && call.arguments[0]) {
      return trace(call.arguments[0], path, boundary, state);
    }
    if (isAuthCall(call, config) || isThrowingAuthCall(call) || isAuthHelper(call)) return IDENTITY;
    if (callee.type === AST_NODE_TYPES.Identifier && REQUEST_STATE_CALLS.has(callee.name)) {
      return request(["call", callee.name, ...path].join("."));
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `items.map((item) => prisma.item.findUnique(...))`: what the callback returns, not the receiver
      const mapper = propertyName(callee);
      const callback = call.arguments[0];
      if ((mapper === "map" || mapper === "flatMap") && callback && isFunction(callback)) {
        const rest = path[0] !== undefined && /^(?:\*|\d+)$/u.test(path[0]) ? path.slice(1) : path;
        return mergeOrigins(flow.returnsOf(callback).map((returned) => trace(returned, rest, boundary, state))) ?? SERVER;
      }
      // a method of a request or identity value: `formData.get("id")`, `req.json()`, `id.trim()`, `c.get("user")`
      const method = propertyName(callee);
      const argument = call.arguments[0];
      const step =
        method === "get" && argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === "string" ? argument.value : method;
      if (step !== undefined && !onClient(callee.object)) {
        const receiver = trace(callee.object, [step, ...path], boundary, state);
        if (receiver && (receiver.request.length > 0 || receiver.identity)) return receiver;
      }
    }
    // a function of this file: what it returns
    const local = flow.localFunction(callee);
    if (local) {
      for (const returned of flow.returnsOf(local)) {
        const found = trace(returned, path, boundary, state);
        if (found) return found;
      }
    }
    // a lookup keyed by the identity is the identity's: `getTeamForUser(user.id)`, `prisma.member.findFirst({ where: { userId } })`
    return argumentsMentionIdentity(call, boundary, state) ? { request: [], identity: true, server: true } : SERVER;
  }

  function isAuthHelper(call: TSESTree.CallExpression): boolean {
    let known = helperCache.get(call);
    if (known === undefined) {
      const callee = call.callee;
      known =
        (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) &&
        classifyAuthHelper(context, call, config) !== undefined;
      helperCache.set(call, known);
    }
    return known;
  }

  function argumentsMentionIdentity(call: TSESTree.CallExpression, boundary: RequestBoundary, state: TraceState): boolean {
    return valueLeaves(call.arguments).some((leaf) => trace(leaf, [], boundary, state)?.identity === true);
  }

  return { originOf };
}

/** Segments that name a client of a service (`ctx.db`, `ctx.prisma.post`): its methods' results are not the identity. */
const SERVICE_SEGMENT = /^(?:db|prisma|database|drizzle|supabase|kysely|sql|pool|client|redis|kv|cache|storage|stripe|logger|log|api|services?)$/iu;

function onClient(receiver: TSESTree.Node): boolean {
  for (let current = receiver; ; ) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name !== undefined && SERVICE_SEGMENT.test(name)) return true;
      current = current.object;
    } else return current.type === AST_NODE_TYPES.Identifier && SERVICE_SEGMENT.test(current.name);
  }
}

function request(key: string): ValueOrigin {
  return { request: [key], identity: false, server: false };
}

/**
 * The outermost value expressions inside some nodes: identifiers, member chains and calls, with object and
 * array literals (and their keys) opened up. `{ where: { id: input.id, userId } }` gives `input.id`, `userId`.
 */
export function valueLeaves(nodes: readonly TSESTree.Node[]): TSESTree.Node[] {
  const leaves: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node, depth: number): void => {
    if (depth > 12) return;
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) visit(property.argument, depth + 1);
          else if (property.value.type !== AST_NODE_TYPES.AssignmentPattern && !isFunction(property.value)) visit(property.value, depth + 1);
        }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) if (element) visit(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1);
        return;
      case AST_NODE_TYPES.SpreadElement:
        visit(node.argument, depth + 1);
        return;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.AwaitExpression:
        visit(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node.expression, depth + 1);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        visit(node.consequent, depth + 1);
        visit(node.alternate, depth + 1);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        visit(node.left, depth + 1);
        visit(node.right, depth + 1);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        for (const expression of node.expressions) visit(expression, depth + 1);
        return;
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.ChainExpression:
        leaves.push(node);
        return;
      default:
        return;
    }
  };
  for (const node of nodes) visit(node, 0);
  return leaves;
}
