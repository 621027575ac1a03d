/**
 * Request boundaries: the functions where untrusted requests enter a file.
 *
 * Public API (stable; other rules build on it):
 *
 * ```ts
 * const boundaries = getRequestBoundaries(context);   // per file, cached; cheap to call from every rule
 * boundaries.boundaryOf(fn)          // RequestBoundary | undefined for a function node (call from `:function` visitors)
 * boundaries.enclosingBoundary(node) // the innermost boundary containing `node`, or undefined
 * boundaries.fileKind                // "app-route" | "pages-api" | "use-server" | "other"
 * ```
 *
 * Recognised, without type information:
 * - App Router route handlers (`kind: "route-handler"`): files `route.{ts,tsx,js,jsx,mjs}` under an `app/`
 *   directory, exported `GET`/`HEAD`/`POST`/`PUT`/`PATCH`/`DELETE`/`OPTIONS` as function declarations,
 *   `export const POST = async (req) => ...`, `export const POST = wrapper(async (req) => ..., opts)`
 *   (wrappers nest), `export const POST = wrapper(handler)` / `export { handler as GET, handler as POST }`
 *   with `handler` defined in the file.
 * - Pages Router API routes (`kind: "pages-api"`): the default export of files under `pages/api/`, also wrapped.
 * - Server actions (`kind: "server-action"`): every exported function of a `'use server'` module and any
 *   function whose body starts with `'use server'`.
 * - next-safe-action chains (`kind: "safe-action"`): `client.inputSchema(s).action(fn)` (also `.schema(s)`,
 *   `.stateAction(fn)`), in any file.
 * - tRPC procedures (`kind: "trpc"`): `xProcedure.input(s).mutation(fn)` / `.query(fn)` / `.subscription(fn)`.
 * - Express routes (`kind: "express"`) and Hono routes (`kind: "hono"`): `app|router.get/post/...(path, ...middleware, handler)`.
 *
 * Each boundary carries the function that runs per request (`fn`; for a wrapped handler the inner function),
 * the node to report at (`nameNode`), its HTTP methods, the wrappers around it, and the bindings of the
 * request, route params, response and inputs (see `RequestBindings`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { enclosingFunction, isFunction, memberChainName, propertyName, type FunctionNode } from "../util/ast.js";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
export const MUTATING_METHODS: readonly HttpMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

export type BoundaryKind = "route-handler" | "pages-api" | "server-action" | "safe-action" | "trpc" | "express" | "hono";
export type FileKind = "app-route" | "pages-api" | "use-server" | "other";

export interface RequestBindings {
  /** The request object: `req` in `(req) =>`, `request` in `({ request }) =>` (wrapper handlers), Express/Pages `req`. */
  request?: TSESTree.Identifier;
  /**
   * Route params. `binding`: an identifier holding the params object (`{ params }`, `{ params: { id } }` gives
   * no binding but `paramPattern`); `context`: the route context (`ctx` in `(req, ctx)`, read as `ctx.params`).
   */
  params?: { node: TSESTree.Identifier; via: "binding" | "context" };
  /** A destructuring pattern of the params (`{ params: { id } }`), when params are destructured in the parameter list. */
  paramPattern?: TSESTree.ObjectPattern;
  /** Pages/Express `res`. */
  response?: TSESTree.Identifier;
  /** Hono's context `c` (the request is `c.req`). */
  honoContext?: TSESTree.Identifier;
  /** Server action parameters: every one is untrusted input (a client can send anything). */
  inputs: TSESTree.Parameter[];
  /** next-safe-action `parsedInput` / tRPC `input`: already validated by the framework. */
  parsedInput?: TSESTree.Identifier;
  /** next-safe-action `ctx` / tRPC `ctx` binding (or pattern). */
  ctx?: TSESTree.Parameter | TSESTree.Property["value"];
}

export interface SafeActionInfo {
  /** The root of the chain: the client (`authActionClient`), an identifier or a call. */
  client: TSESTree.Expression;
  /** `authActionClient` for an identifier root; `memberChainName` otherwise. */
  clientName: string | undefined;
  /** The schema passed to `.inputSchema(s)` / `.schema(s)`, if any. */
  schema: TSESTree.Node | undefined;
  /** Middleware functions passed to `.use(fn)` in this chain (inline). */
  middleware: TSESTree.Node[];
  /** The calls of the chain from the first to `.action(...)`. */
  chain: TSESTree.CallExpression[];
}

export interface TrpcInfo {
  /** The procedure the chain starts from (`protectedProcedure`, `t.procedure`). */
  procedure: TSESTree.Expression;
  procedureName: string | undefined;
  /** `publicProcedure`, `t.procedure`, `procedure`: no authentication by construction. */
  isPublic: boolean;
  /** The `.input(schema)` argument, if any. */
  input: TSESTree.Node | undefined;
  /** Middleware passed to `.use(fn)` in this chain. */
  middleware: TSESTree.Node[];
}

export interface RouteInfo {
  /** The route path argument (`"/users/:id"`), used to report anonymous handlers. */
  path: TSESTree.Node;
  /** Arguments between the path and the handler (middleware). */
  middleware: TSESTree.Node[];
  /** The receiver (`app`, `router`). */
  receiver: TSESTree.Expression;
}

export interface RequestBoundary {
  kind: BoundaryKind;
  /** The function that runs per request (inside any wrappers). */
  fn: FunctionNode;
  /**
   * Where to report "this boundary ...": the exported name (`POST`, `deleteChat`), the local function name
   * for `export { handler as POST }` and `export default handler`, the route path for an anonymous
   * Express/Hono handler, the `.action`/`.mutation` callee of an unnamed chain, the `export default`
   * statement for an anonymous default export (report at `loc` then).
   */
  nameNode: TSESTree.Node;
  /** The location to report at: `nameNode.loc`, or the `export` keyword of an anonymous `export default`. */
  loc: TSESTree.SourceLocation;
  /** `POST`, `deleteChat`, `default`, the Express path text... */
  name: string;
  /** HTTP methods that reach `fn`; server actions are `POST`; Pages API routes and `.all()` get all methods. */
  methods: HttpMethod[];
  /** Wrapper calls around `fn`, outermost first (`withWorkspace(...)`). Empty when `fn` is exported as is. */
  wrappers: TSESTree.CallExpression[];
  bindings: RequestBindings;
  safeAction?: SafeActionInfo;
  trpc?: TrpcInfo;
  route?: RouteInfo;
}

export interface RequestBoundaries {
  fileKind: FileKind;
  /** The boundary whose request-handling function is `fn`, or undefined. */
  boundaryOf(fn: TSESTree.Node): RequestBoundary | undefined;
  /** The innermost boundary function containing `node` (or `node` itself), or undefined. */
  enclosingBoundary(node: TSESTree.Node): RequestBoundary | undefined;
}

const ROUTE_FILE = /(?:^|\/)app\/(?:.*\/)?route\.(?:ts|tsx|js|jsx|mjs)$/u;
const PAGES_API_FILE = /(?:^|\/)pages\/api\/.*\.(?:ts|tsx|js|jsx|mjs|cjs)$/u;
const EXPRESS_METHODS: ReadonlyMap<string, HttpMethod[]> = new Map([
  ["get", ["GET"]],
  ["post", ["POST"]],
  ["put", ["PUT"]],
  ["patch", ["PATCH"]],
  ["delete", ["DELETE"]],
  ["del", ["DELETE"]],
  ["options", ["OPTIONS"]],
  ["head", ["HEAD"]],
  ["all", [...HTTP_METHODS]],
]);
const ROUTER_NAME = /^(?:app|router|api|server|routes?|hono|[a-z][A-Za-z0-9]*(?:Router|App|Routes|Api))$/u;
const SAFE_ACTION_METHODS = new Set(["action", "stateAction"]);
const SAFE_ACTION_CHAIN = new Set([
  "inputSchema",
  "schema",
  "outputSchema",
  "bindArgsSchemas",
  "metadata",
  "use",
  "useValidated",
]);
const TRPC_TERMINALS = new Set(["query", "mutation", "subscription"]);
/** Wrappers that only memoize (`export const getTeam = cache(async (id) => ...)`): the arguments pass through, nothing is checked. */
export const MEMO_WRAPPER = /^(?:cache|reactCache|unstable_cache|memoize|memo|once|pMemoize)$/u;

/** Is this wrapper call only a memoizer (`cache(fn)`, `React.cache(fn)`)? */
export function isMemoWrapper(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  return name !== undefined && MEMO_WRAPPER.test(name);
}
const TRPC_PUBLIC = /^(?:public|unauthed|unauthenticated|open|anonymous)?[Pp]rocedure$/u;

/** The file's path with forward slashes. */
function normalizedFilename(filename: string): string {
  return filename.replaceAll("\\", "/");
}

export function fileKindOf(filename: string, program: TSESTree.Program): FileKind {
  const file = normalizedFilename(filename);
  if (ROUTE_FILE.test(file)) return "app-route";
  if (PAGES_API_FILE.test(file)) return "pages-api";
  if (hasUseServerDirective(program.body)) return "use-server";
  return "other";
}

/**
 * The text pre-test of `boundaryOf` (see file-facts.ts): could the file hold a request boundary at all? A
 * route or Pages API file by its path; anywhere else a boundary needs `use server` (a module's directive or
 * an inline action's), or a call boundary's method right after a `.` or as a bracketed string (`.action(`,
 * `.mutation(`; a router method with a path string: `app.post("/users", ...)`). A `\u` escape passes (it
 * may spell any of them).
 */
export function mayHoldBoundary(filename: string, text: string): boolean {
  const file = normalizedFilename(filename);
  if (ROUTE_FILE.test(file) || PAGES_API_FILE.test(file) || text.includes("use server") || text.includes("\\u")) return true;
  // a path string is rarer than `.get(`, and cheaper to look for
  return CALL_BOUNDARY_TEXT.test(text) || (ROUTE_PATH_TEXT.test(text) && ROUTER_METHOD_TEXT.test(text));
}
const propertyText = (names: Iterable<string>): RegExp => new RegExp(`(?:\\.|\\[\\s*["'\`])\\s*(?:${[...names].join("|")})\\b`, "u");
const CALL_BOUNDARY_TEXT = propertyText([...SAFE_ACTION_METHODS, ...TRPC_TERMINALS]);
const ROUTER_METHOD_TEXT = propertyText(EXPRESS_METHODS.keys());
/** `routePathLike`: a string or template that starts with `/`. */
const ROUTE_PATH_TEXT = /["'`]\//u;

/** True when a directive prologue (a module's or a function body's) contains `'use server'`. */
export function hasUseServerDirective(body: readonly TSESTree.Node[]): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.Literal) {
      return false;
    }
    if (statement.expression.value === "use server") return true;
    if (typeof statement.expression.value !== "string") return false;
  }
  return false;
}

function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** Skips `as`, `satisfies`, `!` upwards. */
function skipTypeParents(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    current = current.parent;
  }
  return current;
}

function identifierName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** `(req, { params })`-style bindings for a route handler or a Pages API handler. */
function handlerBindings(fn: FunctionNode, kind: BoundaryKind): RequestBindings {
  const bindings: RequestBindings = { inputs: [] };
  const [first, second] = fn.params;
  if (kind === "hono") {
    if (first?.type === AST_NODE_TYPES.Identifier) bindings.honoContext = first;
    return bindings;
  }
  if (first?.type === AST_NODE_TYPES.Identifier) {
    bindings.request = first;
  } else if (first?.type === AST_NODE_TYPES.ObjectPattern) {
    // wrapper handlers: `async ({ req, params, session }) => ...`
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = property.computed ? undefined : identifierName(property.key);
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if ((key === "req" || key === "request") && value.type === AST_NODE_TYPES.Identifier) bindings.request = value;
      if (key === "params") collectParams(value, bindings, "binding");
      if ((key === "res" || key === "response") && value.type === AST_NODE_TYPES.Identifier) bindings.response = value;
    }
  }
  if (kind === "pages-api" || kind === "express") {
    if (second?.type === AST_NODE_TYPES.Identifier) bindings.response = second;
    return bindings;
  }
  if (second) {
    const target = second.type === AST_NODE_TYPES.AssignmentPattern ? second.left : second;
    if (target.type === AST_NODE_TYPES.Identifier) {
      bindings.params = { node: target, via: "context" };
    } else if (target.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        if (identifierName(property.key) === "params") collectParams(property.value, bindings, "binding");
      }
    }
  }
  return bindings;
}

function collectParams(value: TSESTree.Node, bindings: RequestBindings, via: "binding" | "context"): void {
  const target = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
  if (target.type === AST_NODE_TYPES.Identifier) bindings.params = { node: target, via };
  else if (target.type === AST_NODE_TYPES.ObjectPattern) bindings.paramPattern = target;
}

/** `async ({ parsedInput, ctx }) => ...` for next-safe-action, `({ input, ctx })` for tRPC. */
function frameworkBindings(fn: FunctionNode, inputKey: "parsedInput" | "input"): RequestBindings {
  const bindings: RequestBindings = { inputs: [] };
  const first = fn.params[0];
  if (first?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = identifierName(property.key);
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (key === inputKey && value.type === AST_NODE_TYPES.Identifier) bindings.parsedInput = value;
      if (key === "ctx") bindings.ctx = property.value;
    }
  } else if (first) {
    bindings.ctx = first;
  }
  return bindings;
}

function actionBindings(fn: FunctionNode): RequestBindings {
  return { inputs: [...fn.params] };
}

/** `a.b(...).c(...)`: the calls of a member-call chain ending at `call`, first to last, and its root. */
export function callChain(call: TSESTree.CallExpression): { root: TSESTree.Expression; calls: TSESTree.CallExpression[] } {
  const calls: TSESTree.CallExpression[] = [];
  let current: TSESTree.Expression = call;
  for (;;) {
    const inner = unwrapExpression(current) as TSESTree.Expression;
    if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
      calls.unshift(inner);
      current = inner.callee.object;
      continue;
    }
    return { root: inner, calls };
  }
}

function calleePropertyName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
}

function rootName(root: TSESTree.Expression): string | undefined {
  return memberChainName(root);
}

/** `client.inputSchema(s).action(fn)`: recognised by the chain's methods or a client-like root name. */
function safeActionInfo(call: TSESTree.CallExpression): SafeActionInfo | undefined {
  const { root, calls } = callChain(call);
  const before = calls.slice(0, -1);
  const methods = before.map(calleePropertyName);
  const name = rootName(root);
  const rootCall =
    root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.Identifier
      ? root.callee.name
      : undefined;
  const clientLike =
    (name !== undefined && /(?:^|[a-z])(?:[Aa]ction|[Cc]lient)[A-Za-z]*$/u.test(name)) ||
    rootCall === "createSafeActionClient";
  const chainLike = methods.some((m) => m !== undefined && SAFE_ACTION_CHAIN.has(m) && m !== "use");
  if (!clientLike && !chainLike) return undefined;
  if (methods.some((m) => m === undefined || !SAFE_ACTION_CHAIN.has(m))) return undefined;
  let schema: TSESTree.Node | undefined;
  const middleware: TSESTree.Node[] = [];
  for (const c of before) {
    const method = calleePropertyName(c);
    if ((method === "inputSchema" || method === "schema") && c.arguments[0]) schema = c.arguments[0];
    if (method === "use" && c.arguments[0]) middleware.push(c.arguments[0]);
  }
  return { client: root, clientName: name, schema, middleware, chain: calls };
}

function trpcInfo(call: TSESTree.CallExpression): TrpcInfo | undefined {
  const { root, calls } = callChain(call);
  const name = rootName(root);
  if (name === undefined || !/(?:^|\.)[A-Za-z]*[Pp]rocedure$/u.test(name)) return undefined;
  let input: TSESTree.Node | undefined;
  const middleware: TSESTree.Node[] = [];
  for (const c of calls.slice(0, -1)) {
    const method = calleePropertyName(c);
    if (method === "input" && c.arguments[0]) input = c.arguments[0];
    if (method === "use" && c.arguments[0]) middleware.push(c.arguments[0]);
  }
  const last = name.split(".").at(-1)!;
  return { procedure: root, procedureName: name, isPublic: TRPC_PUBLIC.test(last), input, middleware };
}

function routePathLike(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === "string" && node.value.startsWith("/");
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return (node.quasis[0]!.value.cooked ?? "").startsWith("/");
  return false;
}

interface ExportEntry {
  /** The exported name (`POST`, `default`, `deleteChat`). */
  exported: string;
  /** Where to report. */
  nameNode: TSESTree.Node;
}

/**
 * Per-file index of what the module exports, built from the top-level statements only:
 * local binding name -> export entries (with the wrapper calls between the export and the binding).
 */
interface ExportIndex {
  /** Functions exported directly or through wrappers: the function node -> entries. */
  direct: Map<TSESTree.Node, { entries: ExportEntry[]; wrappers: TSESTree.CallExpression[] }>;
  /** Local names exported directly or through wrappers: name -> entries. */
  byName: Map<string, { entries: ExportEntry[]; wrappers: TSESTree.CallExpression[] }[]>;
}

function buildExportIndex(program: TSESTree.Program): ExportIndex {
  const index: ExportIndex = { direct: new Map(), byName: new Map() };
  const localInits = new Map<string, TSESTree.Node>();
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier && d.init) localInits.set(d.id.name, d.init);
      }
    }
  }

  const addName = (name: string, entry: ExportEntry, wrappers: TSESTree.CallExpression[]): void => {
    const list = index.byName.get(name) ?? [];
    list.push({ entries: [entry], wrappers });
    index.byName.set(name, list);
  };
  const addDirect = (fn: TSESTree.Node, entry: ExportEntry, wrappers: TSESTree.CallExpression[]): void => {
    const existing = index.direct.get(fn);
    if (existing) existing.entries.push(entry);
    else index.direct.set(fn, { entries: [entry], wrappers });
  };

  /** An exported expression: a function, a local name, or wrapper calls around either. */
  const addExpression = (expression: TSESTree.Node, entry: ExportEntry, wrappers: TSESTree.CallExpression[], depth = 0): void => {
    const value = unwrapExpression(expression);
    if (isFunction(value)) {
      addDirect(value, entry, wrappers);
      return;
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      addName(value.name, entry, wrappers);
      // `const handler = withX(async () => ...); export { handler as POST }`
      const init = localInits.get(value.name);
      if (init && depth < 3 && unwrapExpression(init).type === AST_NODE_TYPES.CallExpression) {
        addExpression(init, entry, wrappers, depth + 1);
      }
      return;
    }
    if (value.type === AST_NODE_TYPES.CallExpression && depth < 6) {
      // A safe-action chain or a tRPC procedure is recognised where it stands.
      if (value.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = calleePropertyName(value);
        if (method !== undefined && (SAFE_ACTION_METHODS.has(method) || TRPC_TERMINALS.has(method))) return;
      }
      for (const argument of value.arguments) {
        const inner = unwrapExpression(argument);
        if (isFunction(inner) || inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.CallExpression) {
          addExpression(inner, entry, [...wrappers, value], depth + 1);
        }
      }
    }
  };

  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      const nameNode = (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) || statement;
      addExpression(declaration, { exported: "default", nameNode }, []);
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      addDirect(declaration, { exported: declaration.id.name, nameNode: declaration.id }, []);
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type !== AST_NODE_TYPES.Identifier || !d.init) continue;
        addExpression(d.init, { exported: d.id.name, nameNode: d.id }, []);
      }
    } else if (!statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ExportSpecifier) continue;
        const local = specifier.local;
        if (local.type !== AST_NODE_TYPES.Identifier) continue;
        addExpression(local, { exported: moduleExportName(specifier.exported), nameNode: local }, []);
      }
    }
  }
  return index;
}

/** The report location of a boundary's name: the `export` keyword for an anonymous `export default`. */
function nameLoc(node: TSESTree.Node): TSESTree.SourceLocation {
  if (node.type !== AST_NODE_TYPES.ExportDefaultDeclaration) return node.loc;
  const { start } = node.loc;
  return { start, end: { line: start.line, column: start.column + "export".length } };
}

/** The identifier a top-level function is declared with (`function f`, `const f = ...`). */
function declaredIdentifier(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = skipTypeParents(fn).parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  return undefined;
}

function isTopLevelFunction(fn: FunctionNode): boolean {
  const outer = skipTypeParents(fn).parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return outer?.type === AST_NODE_TYPES.Program || outer?.parent?.type === AST_NODE_TYPES.Program;
  }
  if (outer?.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const declaration = outer.parent;
  return (
    declaration.parent.type === AST_NODE_TYPES.Program ||
    declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

function methodsForExport(name: string): HttpMethod[] | undefined {
  return (HTTP_METHODS as readonly string[]).includes(name) ? [name as HttpMethod] : undefined;
}

const cache = new WeakMap<TSESTree.Program, RequestBoundaries>();

/** The request boundaries of the file being linted (computed lazily, cached per file). */
export function getRequestBoundaries(
  context: Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "filename" | "sourceCode">>,
): RequestBoundaries {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  const result = createRequestBoundaries(context.filename, program);
  cache.set(program, result);
  return result;
}

/** The same analysis for any parsed file (used on files parsed by `resolve.ts`). */
export function createRequestBoundaries(filename: string, program: TSESTree.Program): RequestBoundaries {
  const fileKind = fileKindOf(filename, program);
  let exportIndex: ExportIndex | undefined;
  const memo = new Map<TSESTree.Node, RequestBoundary | null>();
  const imports = importedModules(program);

  const exportsOf = (): ExportIndex => (exportIndex ??= buildExportIndex(program));

  /**
   * Exported (directly, through wrappers, or by name) as which entries? A function exported by its local
   * name (`export { handler as POST }`, `export default handler`) is reported at that local name.
   */
  function exportEntries(fn: FunctionNode): { entries: ExportEntry[]; wrappers: TSESTree.CallExpression[] }[] {
    const index = exportsOf();
    const result: { entries: ExportEntry[]; wrappers: TSESTree.CallExpression[] }[] = [];
    const direct = index.direct.get(fn);
    if (direct) result.push(direct);
    if (isTopLevelFunction(fn)) {
      const local = declaredIdentifier(fn);
      const byName = local === undefined ? undefined : index.byName.get(local.name);
      for (const group of byName ?? []) {
        result.push({ entries: group.entries.map((e) => ({ ...e, nameNode: local! })), wrappers: group.wrappers });
      }
    }
    return result;
  }

  function exportedBoundary(fn: FunctionNode): RequestBoundary | undefined {
    if (fileKind === "other") return undefined;
    const exported = exportEntries(fn);
    if (exported.length === 0) return undefined;
    if (fileKind === "app-route") {
      const methods: HttpMethod[] = [];
      let first: { entry: ExportEntry; wrappers: TSESTree.CallExpression[] } | undefined;
      for (const group of exported) {
        for (const entry of group.entries) {
          const m = methodsForExport(entry.exported);
          if (!m) continue;
          methods.push(...m);
          first ??= { entry, wrappers: group.wrappers };
        }
      }
      if (!first) return undefined;
      const name = first.entry.exported;
      // `export { handler as GET, handler as POST }`: report at the local name
      const nameNode = first.entry.nameNode;
      return {
        kind: "route-handler",
        fn,
        nameNode,
        loc: nameLoc(nameNode),
        name: nameNode.type === AST_NODE_TYPES.Identifier && nameNode.name !== name ? nameNode.name : name,
        methods: [...new Set(methods)],
        wrappers: first.wrappers,
        bindings: handlerBindings(fn, "route-handler"),
      };
    }
    if (fileKind === "pages-api") {
      for (const group of exported) {
        const entry = group.entries.find((e) => e.exported === "default");
        if (!entry) continue;
        // a helper module under pages/api (`export default findGitea(giteaId: string)`): Next.js would call it
        // with (req, res), so a first parameter typed as a string or number says it is not a handler
        if (group.wrappers.length === 0 && takesPrimitive(fn)) continue;
        const nameNode = fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id ? fn.id : entry.nameNode;
        return {
          kind: "pages-api",
          fn,
          nameNode,
          loc: nameLoc(nameNode),
          name: nameNode.type === AST_NODE_TYPES.Identifier ? nameNode.name : "default",
          methods: [...HTTP_METHODS],
          wrappers: group.wrappers,
          bindings: handlerBindings(fn, "pages-api"),
        };
      }
      return undefined;
    }
    // 'use server' module: every exported function is a callable endpoint.
    const group = exported[0]!;
    const entry = group.entries[0]!;
    const local = declaredIdentifier(fn)?.name;
    return {
      kind: "server-action",
      fn,
      nameNode: entry.nameNode,
      loc: nameLoc(entry.nameNode),
      name: entry.exported === "default" ? (local ?? "default") : entry.exported,
      methods: ["POST"],
      wrappers: group.wrappers,
      bindings: actionBindings(fn),
    };
  }

  /** A function passed to `.action(fn)`, `.mutation(fn)`, or as the handler of `app.post(path, fn)`. */
  function callBoundary(fn: FunctionNode): RequestBoundary | undefined {
    const self = skipTypeParents(fn);
    const call = self.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(self as TSESTree.CallExpressionArgument)) {
      return undefined;
    }
    const method = calleePropertyName(call);
    if (method === undefined) return undefined;
    if (SAFE_ACTION_METHODS.has(method) && call.arguments[0] === self) {
      const info = safeActionInfo(call);
      if (!info) return undefined;
      const named = namedBy(call);
      return {
        kind: "safe-action",
        fn,
        nameNode: named ?? call.callee,
        loc: (named ?? call.callee).loc,
        name: named?.name ?? "action",
        methods: ["POST"],
        wrappers: [],
        bindings: frameworkBindings(fn, "parsedInput"),
        safeAction: info,
      };
    }
    if (TRPC_TERMINALS.has(method) && call.arguments[0] === self) {
      const info = trpcInfo(call);
      if (!info) return undefined;
      const named = procedureKey(call);
      return {
        kind: "trpc",
        fn,
        nameNode: named ?? call.callee,
        loc: (named ?? call.callee).loc,
        name: named ? (identifierName(named) ?? "procedure") : "procedure",
        methods: method === "query" ? ["GET"] : ["POST"],
        wrappers: [],
        bindings: frameworkBindings(fn, "input"),
        trpc: info,
      };
    }
    const methods = EXPRESS_METHODS.get(method);
    if (!methods || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (call.arguments.at(-1) !== self || call.arguments.length < 2) return undefined;
    const path = call.arguments[0]!;
    if (!routePathLike(path)) return undefined;
    const receiver = call.callee.object;
    if (!routerLike(receiver)) return undefined;
    const kind: BoundaryKind = isHono(fn) ? "hono" : "express";
    const nameNode = fn.type === AST_NODE_TYPES.FunctionExpression && fn.id ? fn.id : path;
    return {
      kind,
      fn,
      nameNode,
      loc: nameNode.loc,
      name: nameNode === path ? `${method.toUpperCase()} ${pathText(path)}` : (identifierName(nameNode) ?? ""),
      methods,
      wrappers: [],
      bindings: handlerBindings(fn, kind),
      route: { path, middleware: call.arguments.slice(1, -1), receiver },
    };
  }

  function routerLike(receiver: TSESTree.Expression): boolean {
    let root: TSESTree.Expression = receiver;
    // Hono chains: `app.get(...).post(...)`, `new Hono().basePath("/api").post(...)`
    while (root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.MemberExpression) {
      root = root.callee.object;
    }
    if (root.type === AST_NODE_TYPES.NewExpression) return identifierName(root.callee) === "Hono";
    if (root.type === AST_NODE_TYPES.CallExpression) {
      const name = memberChainName(root.callee);
      return name === "express" || name === "express.Router" || name === "Router";
    }
    const name = memberChainName(root);
    if (name === undefined) return false;
    return ROUTER_NAME.test(name.split(".").at(-1)!);
  }

  function isHono(fn: FunctionNode): boolean {
    if (imports.has("hono") || [...imports].some((m) => m.startsWith("hono/") || m.startsWith("@hono/"))) return true;
    if (imports.has("express")) return false;
    return fn.params.length === 1 && fn.params[0]?.type === AST_NODE_TYPES.Identifier && /^c(?:tx)?$/u.test(fn.params[0].name);
  }

  function inlineActionBoundary(fn: FunctionNode): RequestBoundary | undefined {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement || !hasUseServerDirective(fn.body.body)) return undefined;
    const local = fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id ? fn.id : undefined;
    const declarator = skipTypeParents(fn).parent;
    const nameNode =
      local ??
      (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier
        ? declarator.id
        : fn);
    return {
      kind: "server-action",
      fn,
      nameNode,
      loc: nameNode === fn ? { start: fn.loc.start, end: fn.loc.start } : nameNode.loc,
      name: nameNode.type === AST_NODE_TYPES.Identifier ? nameNode.name : "action",
      methods: ["POST"],
      wrappers: [],
      bindings: actionBindings(fn),
    };
  }

  function classify(fn: FunctionNode): RequestBoundary | undefined {
    return callBoundary(fn) ?? exportedBoundary(fn) ?? inlineActionBoundary(fn);
  }

  function boundaryOf(node: TSESTree.Node): RequestBoundary | undefined {
    if (!isFunction(node)) return undefined;
    const known = memo.get(node);
    if (known !== undefined) return known ?? undefined;
    const result = classify(node);
    memo.set(node, result ?? null);
    return result;
  }

  /** Per function: the innermost boundary it is or lies in (null: none). */
  const within = new Map<FunctionNode, RequestBoundary | null>();

  /** Rules ask for every call and await of a file: each asks up to its own function, then the answer is known. */
  function enclosingBoundary(node: TSESTree.Node): RequestBoundary | undefined {
    const fn = isFunction(node) ? node : enclosingFunction(node);
    return fn ? boundaryWithin(fn) : undefined;
  }

  function boundaryWithin(fn: FunctionNode): RequestBoundary | undefined {
    const known = within.get(fn);
    if (known !== undefined) return known ?? undefined;
    const outer = enclosingFunction(fn);
    const result = boundaryOf(fn) ?? (outer ? boundaryWithin(outer) : undefined);
    within.set(fn, result ?? null);
    return result;
  }

  return { fileKind, boundaryOf, enclosingBoundary };
}

/** `export const deleteChat = authActionClient.schema(s).action(...)`: the exported name. */
function namedBy(call: TSESTree.CallExpression): TSESTree.Identifier | undefined {
  let node: TSESTree.Node = skipTypeParents(call);
  // `const x = withTelemetry(client.action(...))` is rare; only direct declarators
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && !parent.computed) {
    node = parent.key;
    return node.type === AST_NODE_TYPES.Identifier ? node : undefined;
  }
  return undefined;
}

/** `router({ deleteItem: protectedProcedure.input(s).mutation(fn) })`: the key. */
function procedureKey(call: TSESTree.CallExpression): TSESTree.Identifier | undefined {
  return namedBy(call);
}

function pathText(path: TSESTree.Node): string {
  if (path.type === AST_NODE_TYPES.Literal) return String(path.value);
  if (path.type === AST_NODE_TYPES.TemplateLiteral) return path.quasis.map((q) => q.value.cooked).join("*");
  return "";
}

function importedModules(program: TSESTree.Program): Set<string> {
  const modules = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(statement.source.value);
  }
  return modules;
}

const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([AST_NODE_TYPES.TSStringKeyword, AST_NODE_TYPES.TSNumberKeyword, AST_NODE_TYPES.TSBooleanKeyword]);

function takesPrimitive(fn: FunctionNode): boolean {
  const [first] = fn.params;
  const annotation = first?.type === AST_NODE_TYPES.Identifier ? first.typeAnnotation?.typeAnnotation : undefined;
  return annotation !== undefined && PRIMITIVE_TYPES.has(annotation.type);
}
