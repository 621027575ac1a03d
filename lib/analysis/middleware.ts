/**
 * The project's Next.js middleware (`middleware.ts`, `src/middleware.ts`, Next 16 `proxy.ts`): which URL
 * paths it refuses to signed-out requests.
 *
 * ```ts
 * const reading = readMiddlewareFor(context, setting); // undefined: no middleware, or reading turned off
 * reading.protects("/dashboard/settings", "POST")    // true only when every way through denies a signed-out request
 * routePathOf(file, appRoot)                          // "app/(app)/settings/actions.ts" -> "/settings"
 * ```
 *
 * Precision over recall, in both directions: the middleware is only trusted for a path when the reading is
 * certain. A path is protected when
 * 1. an unconditional `config.matcher` entry (Next's path-to-regexp style: `/dashboard/:path*`,
 *    `/((?!api|_next).*)`) matches it, or there is no `config` at all (every path), and
 * 2. every way through the middleware function, for a request without a session at that path, ends in a
 *    denial: a redirect to a sign-in URL, a 401/403 response, `auth.protect()` (Clerk), `redirectToSignIn()`.
 *    Conditions are evaluated three-valued for that path: literal path tests (`startsWith`, `===`,
 *    `includes`, literal lists and `.some(...)` over them, regex literals, Clerk's
 *    `createRouteMatcher([...])`, small local helpers), the session (falsy: the request has none), the
 *    method. Anything else is unknown, and an unknown condition that may let the request through makes the
 *    path unprotected. next-auth's `withAuth` protects every matched path (its `authorized` callback is
 *    evaluated when written literally); NextAuth v5's `auth((req) => ...)` exposes the session as `req.auth`.
 * A middleware it cannot understand protects nothing, so the rule falls back to the handler's own checks.
 *
 * Files are parsed once per process and cached by path and modification time (`parseFile`); readings are
 * cached per parsed file, so an edited middleware is read again.
 */
import fs from "node:fs";
import path from "node:path";
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction } from "../util/ast.js";
import { folderStamp } from "../util/folder-stamp.js";
import { calleeName, isAuthCall, isAuthLikeName, type AuthConfig } from "./auth.js";
import { configKey, definitionInFile, parseFile, type ParsedFile } from "./resolve.js";
import { walk } from "./walk.js";

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "filename" | "cwd">>;

export interface MiddlewareReading {
  /** The middleware file read. */
  file: string;
  /** Does the middleware refuse a signed-out request to this URL path and method? */
  protects(urlPath: string, method: string): boolean;
}

const MIDDLEWARE_NAMES = ["middleware", "proxy"];
const EXTENSIONS = [".ts", ".js", ".mjs", ".tsx", ".jsx"];
const APP_ROOT_MARKERS = ["next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "package.json"];

const appRootCache = new Map<string, string | null>();
const readingCache = new WeakMap<ParsedFile, Map<string, Reading>>();

/** The Next app root of a file: the nearest folder with a `next.config.*` or a `package.json`. */
export function appRootOf(file: string): string | undefined {
  const start = path.dirname(file);
  const known = appRootCache.get(start);
  if (known !== undefined) return known ?? undefined;
  let result: string | null = null;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (APP_ROOT_MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) {
      result = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  appRootCache.set(start, result);
  return result ?? undefined;
}

/** App root -> its middleware file, valid while the modification times of the root and its `src/` stay the same. */
const middlewareFiles = new Map<string, { stamp: string; file: string | undefined }>();
const MAX_APP_ROOTS = 1_000;

/**
 * `middleware.*` / `proxy.*` at the app root or in its `src/`, the first of the candidates in order. A rule
 * asks for every request boundary of every file: each folder is listed once, and listed again only when
 * its modification time changes (a file added, removed or renamed in it), so one lint costs two `stat`s
 * instead of up to twenty existence checks, and the editor still sees a middleware created or deleted.
 * An edit inside the middleware file is seen by `parseFile` (its own modification time).
 */
function middlewareFileIn(root: string): string | undefined {
  const folders = [root, path.join(root, "src")];
  const stamp = folders.map(folderStamp).join("|");
  const cached = middlewareFiles.get(root);
  if (cached?.stamp === stamp) return cached.file;
  const file = findMiddlewareFile(folders);
  if (middlewareFiles.size >= MAX_APP_ROOTS) middlewareFiles.clear();
  middlewareFiles.set(root, { stamp, file });
  return file;
}

function findMiddlewareFile(folders: readonly string[]): string | undefined {
  for (const folder of folders) {
    let names: Set<string>;
    try {
      // lower case: on a case-insensitive file system `Middleware.ts` answers to `middleware.ts`;
      // `existsSync` below decides, as it did for every candidate before
      names = new Set(fs.readdirSync(folder).map((name) => name.toLowerCase()));
    } catch {
      continue;
    }
    for (const name of MIDDLEWARE_NAMES) {
      for (const extension of EXTENSIONS) {
        if (!names.has(name + extension)) continue;
        const candidate = path.join(folder, name + extension);
        if (fs.existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

/**
 * The URL path a file serves: `app/(group)/settings/[id]/route.ts` -> `/settings/[id]`, a server action
 * module in `app/settings/` -> `/settings` (actions are posted to the page that imports them),
 * `pages/api/users/[id].ts` -> `/api/users/[id]`. Undefined outside `app/` and `pages/`.
 */
export function routePathOf(file: string, root: string): string | undefined {
  const relative = path.relative(root, file).split(path.sep).join("/").replace(/^src\//u, "");
  const segments = relative.split("/");
  const top = segments.shift();
  const base = segments.pop();
  if (base === undefined) return undefined;
  if (top === "app") {
    const kept = segments.filter((s) => !/^\(.*\)$/u.test(s) && !s.startsWith("@"));
    if (segments.some((s) => /^\(\.+\)/u.test(s))) return undefined; // intercepting routes
    return `/${kept.join("/")}`;
  }
  if (top === "pages") {
    const name = base.replace(/\.[cm]?[jt]sx?$/u, "");
    const all = name === "index" ? segments : [...segments, name];
    return `/${all.join("/")}`;
  }
  return undefined;
}

/**
 * The middleware that applies to the linted file: `setting` names a file (relative to the ESLint cwd), or
 * `false` turns the reading off; otherwise `middleware.*` / `proxy.*` at the app root or in its `src/`.
 */
export function readMiddlewareFor(context: Context, setting: string | false | undefined, config: AuthConfig): MiddlewareReading | undefined {
  if (setting === false) return undefined;
  const filename = path.resolve(context.cwd, context.filename);
  const file = typeof setting === "string" ? path.resolve(context.cwd, setting) : middlewareFileFor(filename);
  if (!file) return undefined;
  const parsed = parseFile(file);
  if (!parsed) return undefined;
  let byConfig = readingCache.get(parsed);
  if (!byConfig) {
    byConfig = new Map();
    readingCache.set(parsed, byConfig);
  }
  // asked for every boundary: the key is made once per config (a reading depends on its auth functions)
  const key = configKey("middleware", config);
  let reading = byConfig.get(key);
  if (!reading) {
    reading = new Reading(parsed, config);
    byConfig.set(key, reading);
  }
  return reading;
}

function middlewareFileFor(filename: string): string | undefined {
  const root = appRootOf(filename);
  return root === undefined ? undefined : middlewareFileIn(root);
}

// ---------------------------------------------------------------- matchers

/**
 * A Next.js matcher source (path-to-regexp syntax as Next uses it) as an anchored regular expression;
 * undefined for syntax this reader does not follow (then the entry counts as matching nothing).
 */
export function matcherRegExp(source: string): RegExp | undefined {
  let out = "";
  let i = 0;
  const groupAt = (start: number): [string, number] | undefined => {
    let depth = 0;
    for (let j = start; j < source.length; j++) {
      const ch = source[j];
      if (ch === "\\") {
        j++;
        continue;
      }
      if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) return [source.slice(start + 1, j), j + 1];
    }
    return undefined;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "/" && source[i + 1] === ":") {
      const name = /^[A-Za-z_]\w*/u.exec(source.slice(i + 2));
      if (!name) return undefined;
      i += 2 + name[0].length;
      let body = "[^/#?]+?";
      if (source[i] === "(") {
        const group = groupAt(i);
        if (!group) return undefined;
        body = `(?:${group[0]})`;
        i = group[1];
      }
      const modifier = source[i];
      if (modifier === "*" || modifier === "+" || modifier === "?") {
        out += `(?:/${body})${modifier}`;
        i++;
      } else {
        out += `/${body}`;
      }
      continue;
    }
    if (ch === "(") {
      const group = groupAt(i);
      if (!group) return undefined;
      out += `(${group[0]})`;
      i = group[1];
      if (source[i] === "?" || source[i] === "*" || source[i] === "+") out += source[i++];
      continue;
    }
    if (ch === ":" || ch === "{" || ch === "}" || ch === "*" || ch === "+" || ch === "?") return undefined;
    out += ch.replace(/[.\\^$|[\]]/gu, "\\$&");
    i++;
  }
  try {
    return new RegExp(`^${out}/?$`, "u");
  } catch {
    try {
      return new RegExp(`^${out}/?$`);
    } catch {
      return undefined;
    }
  }
}

type Tri = true | false | undefined;
const not = (a: Tri): Tri => (a === undefined ? undefined : !a);
const and = (a: Tri, b: () => Tri): Tri => (a === false ? false : ((r) => (r === false ? false : a === true && r === true ? true : undefined))(b()));
const or = (a: Tri, b: () => Tri): Tri => (a === true ? true : ((r) => (r === true ? true : a === false && r === false ? false : undefined))(b()));

/** A list of matcher sources: does one match? undefined when an entry could not be read and none matched. */
function matchesAny(sources: readonly (string | undefined)[], urlPath: string): Tri {
  let unknown = false;
  for (const source of sources) {
    const regex = source === undefined ? undefined : matcherRegExp(source);
    if (!regex) unknown = true;
    else if (regex.test(urlPath)) return true;
  }
  return unknown ? undefined : false;
}

// ---------------------------------------------------------------- reading

/**
 * What one way through the middleware does for a signed-out request: `deny` = answers itself (a sign-in
 * redirect, a 401, any response other than `NextResponse.next()`/`rewrite()`: the route never runs),
 * `pass` = lets it on to the route, `nil` = returns nothing (Next goes on to the route too), `next` = falls
 * through to the following statement.
 */
type Outcome = "deny" | "pass" | "nil" | "next";

interface Scope {
  request: Set<string>;
  paths: Set<string>;
  urls: Set<string>;
  sessions: Set<string>;
  /** `const { data } = await supabase.auth.getUser()`: `data.user` is the session. */
  holders: Set<string>;
  /** `const auth` handle of Clerk's `clerkMiddleware((auth, req) => ...)`. */
  authHandles: Set<string>;
  consts: Map<string, TSESTree.Node>;
  results: Map<string, Set<Outcome>>;
  /** Names bound to string literals while a callback is evaluated for each element of a literal list. */
  bound: Map<string, string>;
  file: ParsedFile;
  depth: number;
}

const SESSION_NAME = /^(?:session|sessionCookie|user|token|auth|claims|currentUser|userId|isAuth\w*|isLoggedIn|isSignedIn|loggedIn|signedIn|authCookie|sessionToken)$/iu;
const MAX_DEPTH = 3;

class Reading implements MiddlewareReading {
  readonly file: string;
  private readonly parsed: ParsedFile;
  private readonly config: AuthConfig;
  private readonly results = new Map<string, boolean>();
  private matcher: (string | undefined)[] | null | undefined;
  private entry: { fn: TSESTree.Node | undefined; mode: "plain" | "withAuth" | "clerk" | "none"; authorized?: TSESTree.Node } | undefined;

  constructor(parsed: ParsedFile, config: AuthConfig) {
    this.parsed = parsed;
    this.file = parsed.path;
    this.config = config;
  }

  protects(urlPath: string, method: string): boolean {
    const key = `${method} ${urlPath}`;
    let result = this.results.get(key);
    if (result === undefined) {
      try {
        result = this.compute(urlPath, method);
      } catch {
        result = false;
      }
      this.results.set(key, result);
    }
    return result;
  }

  private compute(urlPath: string, method: string): boolean {
    this.matcher ??= this.readMatcher();
    if (this.matcher !== null && matchesAny(this.matcher, urlPath) !== true) return false;
    this.entry ??= this.readEntry();
    const { fn, mode, authorized } = this.entry;
    if (mode === "none") return false;
    if (mode === "withAuth") {
      // next-auth/middleware: signed-out requests are sent to the sign-in page unless `authorized` says otherwise
      if (authorized) {
        const verdict = this.evaluateAuthorized(authorized, urlPath, method);
        if (verdict === false) return true;
        if (verdict === undefined) return false;
      } else {
        return true;
      }
      if (!fn) return false;
    }
    if (!fn || !isFunction(fn)) return false;
    const outcomes = this.runFunction(fn, urlPath, method, this.parsed, 0, mode === "clerk");
    return outcomes.size === 1 && outcomes.has("deny");
  }

  /** `export const config = { matcher: ... }`: null when there is no config (every path), undefined entries for unreadable ones. */
  private readMatcher(): (string | undefined)[] | null {
    const config = this.parsed.locals.get("config");
    if (!config || config.type !== AST_NODE_TYPES.VariableDeclarator || !this.parsed.exports.has("config")) return null;
    const init = config.init && unwrap(config.init);
    if (init?.type !== AST_NODE_TYPES.ObjectExpression) return [undefined];
    const property = init.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && keyName(p) === "matcher",
    );
    if (!property) return null;
    const value = this.constValue(unwrap(property.value), this.parsed);
    if (typeof value === "string") return [value];
    if (!Array.isArray(value)) return [undefined];
    return value.map((v) => (typeof v === "string" ? v : undefined));
  }

  /** A literal string, a literal array (of strings, or `{ source }` objects without conditions), followed through consts. */
  private constValue(node: TSESTree.Node, file: ParsedFile, depth = 0): string | (string | undefined)[] | undefined {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === "string") return value.value;
    if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]!.value.cooked ?? undefined;
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      return value.elements.map((element) => {
        if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
        const inner = unwrap(element);
        if (inner.type === AST_NODE_TYPES.ObjectExpression) {
          // `{ source, has, missing }`: conditional entries may not run, so they protect nothing
          const props = inner.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property);
          if (props.some((p) => keyName(p) === "has" || keyName(p) === "missing")) return undefined;
          const source = props.find((p) => keyName(p) === "source");
          const text = source ? this.constValue(source.value, file, depth + 1) : undefined;
          return typeof text === "string" ? text : undefined;
        }
        const text = this.constValue(inner, file, depth + 1);
        return typeof text === "string" ? text : undefined;
      });
    }
    if (value.type === AST_NODE_TYPES.Identifier && depth < MAX_DEPTH) {
      const definition = definitionInFile(file, value.name);
      return definition ? this.constValue(definition.node, definition.file, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The function Next calls: `export default`, `export function middleware|proxy`, `export const proxy = ...`, through known wrappers. */
  private readEntry(): NonNullable<Reading["entry"]> {
    for (const name of ["default", "middleware", "proxy"]) {
      const exported = this.parsed.exports.get(name);
      if (!exported) continue;
      if (!("local" in exported)) {
        // `export { default } from "next-auth/middleware"`: every matched path needs a session
        return exported.source === "next-auth/middleware" ? { fn: undefined, mode: "withAuth" } : { fn: undefined, mode: "none" };
      }
      const local = this.parsed.locals.get(exported.local);
      const node = local?.type === AST_NODE_TYPES.VariableDeclarator ? local.init : local;
      if (!node) {
        const imported = this.parsed.imports.get(exported.local);
        if (imported?.source === "next-auth/middleware") return { fn: undefined, mode: "withAuth" };
        return { fn: undefined, mode: "none" };
      }
      return this.entryOf(unwrap(node), 0);
    }
    return { fn: undefined, mode: "none" };
  }

  private entryOf(node: TSESTree.Node, depth: number): NonNullable<Reading["entry"]> {
    if (isFunction(node)) return { fn: node, mode: "plain" };
    if (node.type === AST_NODE_TYPES.Identifier && depth < MAX_DEPTH) {
      const local = this.parsed.locals.get(node.name);
      const value = local?.type === AST_NODE_TYPES.VariableDeclarator ? local.init : local;
      return value ? this.entryOf(unwrap(value), depth + 1) : { fn: undefined, mode: "none" };
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return { fn: undefined, mode: "none" };
    const { last } = calleeName(node);
    const fn = node.arguments.find((a) => isFunction(a));
    if (last === "withAuth") {
      const options = node.arguments.find((a) => a.type === AST_NODE_TYPES.ObjectExpression) as TSESTree.ObjectExpression | undefined;
      return { fn, mode: "withAuth", authorized: options && authorizedCallback(options) };
    }
    if (last === "clerkMiddleware") return fn ? { fn, mode: "clerk" } : { fn: undefined, mode: "none" };
    // NextAuth v5 `auth((req) => ...)`: the session is `req.auth`
    if (last === "auth" && fn) return { fn, mode: "plain" };
    return { fn: undefined, mode: "none" };
  }

  /** next-auth's `authorized({ token, req })`: evaluated with no token; false means the request is refused. */
  private evaluateAuthorized(callback: TSESTree.Node, urlPath: string, method: string): Tri {
    if (!isFunction(callback)) return undefined;
    const scope = this.newScope(this.parsed, 0);
    const first = callback.params[0];
    if (first?.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of first.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
        const key = keyName(property);
        if (key === "token") scope.sessions.add(property.value.name);
        if (key === "req") scope.request.add(property.value.name);
      }
    }
    if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return this.condition(callback.body, scope, urlPath, method);
    return this.booleanBody(callback.body.body, scope, urlPath, method);
  }

  private newScope(file: ParsedFile, depth: number): Scope {
    return {
      request: new Set(),
      paths: new Set(),
      urls: new Set(),
      sessions: new Set(),
      holders: new Set(),
      authHandles: new Set(),
      consts: new Map(),
      results: new Map(),
      bound: new Map(),
      file,
      depth,
    };
  }

  private runFunction(fn: TSESTree.Node, urlPath: string, method: string, file: ParsedFile, depth: number, clerk = false, requestArgument = 0): Set<Outcome> {
    if (!isFunction(fn)) return new Set(["pass"]);
    const scope = this.newScope(file, depth);
    const requestParam = fn.params[clerk ? 1 : requestArgument];
    if (requestParam?.type === AST_NODE_TYPES.Identifier) scope.request.add(requestParam.name);
    if (clerk && fn.params[0]?.type === AST_NODE_TYPES.Identifier) scope.authHandles.add(fn.params[0].name);
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return new Set([this.returned(fn.body, scope, urlPath, method)].flat());
    // falling off the end returns undefined
    const outcomes = this.statements(fn.body.body, scope, urlPath, method);
    return new Set([...outcomes].map((o) => (o === "next" ? "nil" : o)));
  }

  private statements(list: readonly TSESTree.Statement[], scope: Scope, urlPath: string, method: string): Set<Outcome> {
    const outcomes = new Set<Outcome>();
    for (const statement of list) {
      const result = this.statement(statement, scope, urlPath, method);
      for (const o of result) if (o !== "next") outcomes.add(o);
      if (!result.has("next")) return outcomes;
    }
    outcomes.add("next");
    return outcomes;
  }

  private statement(statement: TSESTree.Statement, scope: Scope, urlPath: string, method: string): Set<Outcome> {
    switch (statement.type) {
      case AST_NODE_TYPES.BlockStatement: {
        // block-scoped declarations stay in the block
        const outer = scope.consts;
        scope.consts = new Map(outer);
        try {
          return this.statements(statement.body, scope, urlPath, method);
        } finally {
          scope.consts = outer;
        }
      }
      case AST_NODE_TYPES.IfStatement: {
        // `const response = await handleAuth(req); if (response) return response;`
        const returnedResult = this.returnsCheckedResult(statement, scope);
        if (returnedResult) return returnedResult;
        const test = this.condition(statement.test, scope, urlPath, method);
        const consequent = (): Set<Outcome> => this.statement(statement.consequent, scope, urlPath, method);
        const alternate = (): Set<Outcome> => (statement.alternate ? this.statement(statement.alternate, scope, urlPath, method) : new Set(["next"]));
        if (test === true) return consequent();
        if (test === false) return alternate();
        return new Set([...consequent(), ...alternate()]);
      }
      case AST_NODE_TYPES.ReturnStatement:
        return new Set([this.returned(statement.argument, scope, urlPath, method)].flat());
      case AST_NODE_TYPES.ThrowStatement:
        return new Set(["deny"]);
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) this.bind(declarator, scope, statement.kind === "const", urlPath, method);
        return new Set(["next"]);
      case AST_NODE_TYPES.ExpressionStatement:
        return new Set([this.isDenialCall(statement.expression, scope) ? "deny" : "next"]);
      case AST_NODE_TYPES.TryStatement: {
        const block = this.statements(statement.block.body, scope, urlPath, method);
        if (!statement.handler) return block;
        return new Set([...block, ...this.statements(statement.handler.body.body, scope, urlPath, method)]);
      }
      default:
        return containsReturn(statement) ? new Set(["next", "pass"]) : new Set(["next"]);
    }
  }

  private returnsCheckedResult(statement: TSESTree.IfStatement, scope: Scope): Set<Outcome> | undefined {
    if (statement.alternate || statement.test.type !== AST_NODE_TYPES.Identifier) return undefined;
    const result = scope.results.get(statement.test.name);
    if (!result) return undefined;
    const body = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
    const only = body.length === 1 ? body[0] : undefined;
    if (only?.type !== AST_NODE_TYPES.ReturnStatement || only.argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (only.argument.name !== statement.test.name) return undefined;
    // a helper that returned nothing lets the middleware go on
    return new Set([...result].map((o) => (o === "nil" ? "next" : o)));
  }

  /** Records what a declaration binds: the pathname, the session, literal lists, conditions to evaluate later. */
  private bind(declarator: TSESTree.VariableDeclarator, scope: Scope, isConst: boolean, urlPath: string, method: string): void {
    if (!declarator.init) return;
    const init = unwrapAwait(declarator.init);
    const id = declarator.id;
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value.type === AST_NODE_TYPES.Identifier) {
          if (key === "pathname" && (this.isUrl(init, scope) || this.isRequest(init, scope))) scope.paths.add(value.name);
          else if (key === "nextUrl" && this.isRequest(init, scope)) scope.urls.add(value.name);
        }
      }
      if (this.isSessionSource(init, scope) || this.isAuthLikeCall(init)) {
        const supabase = isSupabaseAuthCall(init);
        for (const name of patternNames(id)) {
          if (supabase ? name !== "data" && name !== "error" : SESSION_NAME.test(name)) scope.sessions.add(name);
          if (supabase && name === "data") scope.holders.add(name);
        }
      }
      return;
    }
    if (id.type !== AST_NODE_TYPES.Identifier) return;
    const name = id.name;
    if (this.isPathname(init, scope)) scope.paths.add(name);
    else if (this.isUrl(init, scope)) scope.urls.add(name);
    else if (this.isSessionSource(init, scope)) {
      if (isSupabaseAuthCall(init)) scope.holders.add(name);
      else scope.sessions.add(name);
    } else if (this.isSessionValue(init, scope)) scope.sessions.add(name);
    else if (init.type === AST_NODE_TYPES.CallExpression && scope.depth < MAX_DEPTH) {
      const outcomes = this.delegated(init, scope, urlPath, method);
      if (outcomes) scope.results.set(name, outcomes);
    }
    if (isConst) scope.consts.set(name, declarator.init);
  }

  private isRequest(node: TSESTree.Node, scope: Scope): boolean {
    return node.type === AST_NODE_TYPES.Identifier && scope.request.has(node.name);
  }

  /** `req.nextUrl`, `req.nextUrl.clone()`, `new URL(req.url)`, a name bound to one. */
  private isUrl(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) return scope.urls.has(value.name);
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      return propertyKey(value) === "nextUrl" && this.isRequest(unwrap(value.object), scope);
    }
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression) {
      return propertyKey(value.callee) === "clone" && this.isUrl(value.callee.object, scope);
    }
    if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === "URL") {
      const first = value.arguments[0];
      return (
        value.arguments.length === 1 &&
        first?.type === AST_NODE_TYPES.MemberExpression &&
        propertyKey(first) === "url" &&
        this.isRequest(unwrap(first.object), scope)
      );
    }
    return false;
  }

  private isPathname(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) return scope.paths.has(value.name);
    return value.type === AST_NODE_TYPES.MemberExpression && propertyKey(value) === "pathname" && this.isUrl(value.object, scope);
  }

  /** An auth call, `getToken()`, a session cookie, `req.auth` (NextAuth v5), `authMiddleware(req)`. */
  private isSessionSource(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      if (isAuthCall(value, this.config)) return true;
      const { last, object } = calleeName(value);
      if (last === "getToken") return true;
      // `req.cookies.get("session")`
      if ((last === "get" || last === "has") && object === "cookies") {
        const first = value.arguments[0];
        return first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string" && /session|token|auth|jwt/iu.test(first.value);
      }
      // `await auth()` in Clerk's handler
      return value.callee.type === AST_NODE_TYPES.Identifier && scope.authHandles.has(value.callee.name);
    }
    if (value.type === AST_NODE_TYPES.MemberExpression) return propertyKey(value) === "auth" && this.isRequest(unwrap(value.object), scope);
    return false;
  }

  /** `const { session } = await authMiddleware(req)`, `const { isAuthenticated } = await updateSession(req)`. */
  private isAuthLikeCall(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const { last } = calleeName(value);
    return last !== undefined && isAuthLikeName(last);
  }

  /** `!!token`, `Boolean(session)`, `session?.user?.id`, `data.user`: falsy when there is no session. */
  private isSessionValue(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "!") {
      const inner = unwrap(value.argument);
      return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === "!" && this.isSessionValue(inner.argument, scope);
    }
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === "Boolean") {
      return value.arguments[0] !== undefined && this.isSessionValue(value.arguments[0], scope);
    }
    if (value.type === AST_NODE_TYPES.Identifier) return scope.sessions.has(value.name);
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      if (this.isSessionSource(value, scope)) return true;
      const object = unwrap(value.object);
      if (object.type === AST_NODE_TYPES.Identifier && scope.holders.has(object.name)) return /^(?:user|session|claims)$/u.test(propertyKey(value) ?? "");
      return this.isSessionValue(object, scope);
    }
    return false;
  }

  /** What a returned value does: a sign-in redirect or 401/403 refuses, nothing falls through, anything else lets the request on. */
  private returned(argument: TSESTree.Node | null | undefined, scope: Scope, urlPath: string, method: string): Outcome | Outcome[] {
    if (!argument) return "nil";
    const value = unwrapAwait(argument);
    if (value.type === AST_NODE_TYPES.Literal && value.value === null) return "nil";
    if (value.type === AST_NODE_TYPES.Identifier) {
      if (value.name === "undefined") return "nil";
      const result = scope.results.get(value.name);
      if (result) return [...result].map((o) => (o === "next" ? "nil" : o));
      // `const response = NextResponse.redirect(loginUrl); ...; return response`
      const init = scope.consts.get(value.name);
      if (init && scope.depth < MAX_DEPTH) {
        const inner = unwrapAwait(init);
        if ((inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) && this.isResponse(inner)) {
          return this.isPassingResponse(inner) ? "pass" : "deny";
        }
      }
      return "pass";
    }
    if (this.isDenialCall(value, scope)) return "deny";
    if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) {
      if (this.isResponse(value)) return this.isPassingResponse(value) ? "pass" : "deny";
      if (value.type === AST_NODE_TYPES.CallExpression && scope.depth < MAX_DEPTH) {
        const delegated = this.delegated(value, scope, urlPath, method);
        if (delegated) return [...delegated].map((o) => (o === "next" ? "nil" : o));
      }
    }
    return "pass";
  }

  /** `auth.protect()`, `auth().protect()`, `redirectToSignIn()`. */
  private isDenialCall(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrapAwait(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const { last, object } = calleeName(value);
    if (last === "redirectToSignIn") return true;
    if (last !== "protect") return false;
    const callee = value.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const receiver = unwrapAwait(callee.object);
    if (receiver.type === AST_NODE_TYPES.Identifier) return scope.authHandles.has(receiver.name) || object === "auth";
    return receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.Identifier && scope.authHandles.has(receiver.callee.name);
  }

  /** `NextResponse.redirect(...)`, `NextResponse.json(...)`, `new Response(...)`, `redirect(...)`: a response the middleware answers with. */
  private isResponse(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = node.callee;
    if (node.type === AST_NODE_TYPES.NewExpression) {
      return callee.type === AST_NODE_TYPES.Identifier && /^(?:Next)?Response$/u.test(callee.name);
    }
    const { object, last } = calleeName(node);
    if (object !== undefined && /^(?:Next)?Response$/u.test(object)) return true;
    return callee.type === AST_NODE_TYPES.Identifier && (last === "redirect" || last === "permanentRedirect");
  }

  /** `NextResponse.next()` and `NextResponse.rewrite(url)` hand the request on to the route. */
  private isPassingResponse(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const { last } = calleeName(node);
    return last === "next" || last === "rewrite";
  }

  /** A call of a project function that receives the request: what that function does. */
  private delegated(call: TSESTree.CallExpression, scope: Scope, urlPath: string, method: string): Set<Outcome> | undefined {
    if (call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const index = call.arguments.findIndex((a) => this.isRequest(unwrap(a), scope));
    if (index < 0) return undefined;
    const definition = definitionInFile(scope.file, call.callee.name);
    if (!definition || !isFunction(definition.node)) return undefined;
    return this.runFunction(definition.node, urlPath, method, definition.file, scope.depth + 1, false, index);
  }

  // ------------------------------------------------------------ conditions

  private condition(node: TSESTree.Node, scope: Scope, urlPath: string, method: string, depth = 0): Tri {
    if (depth > 8) return undefined;
    const value = unwrapAwait(node);
    const recur = (n: TSESTree.Node): Tri => this.condition(n, scope, urlPath, method, depth + 1);
    switch (value.type) {
      case AST_NODE_TYPES.LogicalExpression:
        if (value.operator === "&&") return and(recur(value.left), () => recur(value.right));
        if (value.operator === "||") return or(recur(value.left), () => recur(value.right));
        return undefined;
      case AST_NODE_TYPES.UnaryExpression:
        return value.operator === "!" ? not(recur(value.argument)) : undefined;
      case AST_NODE_TYPES.Literal:
        return Boolean(value.value);
      case AST_NODE_TYPES.Identifier: {
        if (this.isSessionValue(value, scope)) return false;
        const init = scope.consts.get(value.name);
        return init ? recur(init) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.isSessionValue(value, scope) ? false : undefined;
      case AST_NODE_TYPES.BinaryExpression:
        return this.comparison(value, scope, urlPath, method);
      case AST_NODE_TYPES.CallExpression:
        return this.callCondition(value, scope, urlPath, method, depth);
      default:
        return undefined;
    }
  }

  private stringOf(node: TSESTree.Node, scope: Scope): string | undefined {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === "string") return value.value;
    if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]!.value.cooked ?? undefined;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const bound = scope.bound.get(value.name);
      if (bound !== undefined) return bound;
      const init = scope.consts.get(value.name);
      if (init) return this.stringOf(init, scope);
      const text = this.constValue(value, scope.file);
      return typeof text === "string" ? text : undefined;
    }
    return undefined;
  }

  private listOf(node: TSESTree.Node, scope: Scope): (string | undefined)[] | undefined {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const init = scope.consts.get(value.name);
      if (init) return this.listOf(init, scope);
    }
    const list = this.constValue(value, scope.file);
    return Array.isArray(list) ? list : undefined;
  }

  private isMethod(node: TSESTree.Node, scope: Scope): boolean {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.MemberExpression && propertyKey(value) === "method" && this.isRequest(unwrap(value.object), scope);
  }

  private comparison(node: TSESTree.BinaryExpression, scope: Scope, urlPath: string, method: string): Tri {
    const negate = node.operator === "!==" || node.operator === "!=";
    if (!negate && node.operator !== "===" && node.operator !== "==") return undefined;
    const apply = (result: Tri): Tri => (negate ? not(result) : result);
    for (const [a, b] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      if (this.isPathname(a, scope)) {
        const text = this.stringOf(b, scope);
        return text === undefined ? undefined : apply(text === urlPath || text === `${urlPath}/`);
      }
      if (this.isMethod(a, scope)) {
        const text = this.stringOf(b, scope);
        return text === undefined ? undefined : apply(text.toUpperCase() === method);
      }
      const other = unwrap(b);
      const isNullish =
        (other.type === AST_NODE_TYPES.Literal && other.value === null) ||
        (other.type === AST_NODE_TYPES.Identifier && other.name === "undefined");
      // `session == null` holds without a session; `=== null` may see `undefined`
      if (isNullish && this.isSessionValue(a, scope)) return node.operator.length === 2 ? apply(true) : undefined;
    }
    return undefined;
  }

  private callCondition(call: TSESTree.CallExpression, scope: Scope, urlPath: string, method: string, depth: number): Tri {
    const callee = call.callee;
    const first = call.arguments[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyKey(callee);
      const receiver = unwrap(callee.object);
      if (this.isPathname(receiver, scope) && first) {
        const text = this.stringOf(first, scope);
        if (text === undefined) return undefined;
        if (name === "startsWith") return urlPath.startsWith(text);
        if (name === "endsWith") return urlPath.endsWith(text);
        if (name === "includes") return urlPath.includes(text);
        return undefined;
      }
      // `/^\/api\//.test(pathname)`
      if (name === "test" && first && this.isPathname(first, scope) && receiver.type === AST_NODE_TYPES.Literal && "regex" in receiver && receiver.regex) {
        try {
          return new RegExp(receiver.regex.pattern, receiver.regex.flags).test(urlPath);
        } catch {
          return undefined;
        }
      }
      // `["/login", "/register"].includes(pathname)`, `publicPaths.some((p) => pathname.startsWith(p))`
      if ((name === "includes" || name === "some") && first) {
        const list = this.listOf(receiver, scope);
        if (!list) return undefined;
        if (name === "includes") {
          if (!this.isPathname(first, scope)) return undefined;
          return list.some((item) => item === urlPath) ? true : list.includes(undefined) ? undefined : false;
        }
        const callback = unwrap(first);
        if (!isFunction(callback) || callback.params[0]?.type !== AST_NODE_TYPES.Identifier) return undefined;
        const param = callback.params[0].name;
        let result: Tri = false;
        for (const item of list) {
          if (item === undefined) {
            result = or(result, () => undefined);
            continue;
          }
          scope.bound.set(param, item);
          const body = callback.body;
          const value =
            body.type === AST_NODE_TYPES.BlockStatement
              ? this.booleanBody(body.body, scope, urlPath, method)
              : this.condition(body, scope, urlPath, method, depth + 1);
          scope.bound.delete(param);
          result = or(result, () => value);
          if (result === true) return true;
        }
        return result;
      }
      if (this.isDenialCall(call, scope)) return undefined;
      return this.isSessionValue(call, scope) ? false : undefined;
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (callee.name === "Boolean" && first) return this.condition(first, scope, urlPath, method, depth + 1);
    if (this.isSessionSource(call, scope)) return false;
    // a local helper: `isPublicRoute(req)` (Clerk's createRouteMatcher), `isPublicPath(pathname)`
    if (scope.depth >= MAX_DEPTH) return undefined;
    const definition = definitionInFile(scope.file, callee.name);
    if (!definition) return undefined;
    const node = unwrap(definition.node);
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node).last === "createRouteMatcher") {
      if (!first || !(this.isRequest(unwrap(first), scope) || this.isPathname(first, scope))) return undefined;
      const list = node.arguments[0] ? this.constValue(node.arguments[0], definition.file) : undefined;
      return Array.isArray(list) ? matchesAny(list, urlPath) : undefined;
    }
    if (!isFunction(node)) return undefined;
    const inner = this.newScope(definition.file, scope.depth + 1);
    node.params.forEach((param, index) => {
      const argument = call.arguments[index];
      if (param.type !== AST_NODE_TYPES.Identifier || !argument) return;
      if (this.isPathname(argument, scope)) inner.paths.add(param.name);
      else if (this.isRequest(unwrap(argument), scope)) inner.request.add(param.name);
      else if (this.isUrl(argument, scope)) inner.urls.add(param.name);
    });
    if (node.body.type !== AST_NODE_TYPES.BlockStatement) return this.condition(node.body, inner, urlPath, method);
    return this.booleanBody(node.body.body, inner, urlPath, method);
  }

  /** A function body that computes a boolean: `if (a) return true; ... return b;`. */
  private booleanBody(list: readonly TSESTree.Statement[], scope: Scope, urlPath: string, method: string): Tri {
    const [head, ...rest] = list;
    if (!head) return undefined;
    if (head.type === AST_NODE_TYPES.ReturnStatement) return head.argument ? this.condition(head.argument, scope, urlPath, method) : false;
    if (head.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of head.declarations) this.bind(declarator, scope, head.kind === "const", urlPath, method);
      return this.booleanBody(rest, scope, urlPath, method);
    }
    if (head.type === AST_NODE_TYPES.IfStatement && !head.alternate) {
      const body = head.consequent.type === AST_NODE_TYPES.BlockStatement ? head.consequent.body : [head.consequent];
      if (body.length !== 1 || body[0]!.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
      const test = this.condition(head.test, scope, urlPath, method);
      const then = (): Tri => this.booleanBody(body, scope, urlPath, method);
      const otherwise = (): Tri => this.booleanBody(rest, scope, urlPath, method);
      if (test === true) return then();
      if (test === false) return otherwise();
      const a = then();
      const b = otherwise();
      return a === b ? a : undefined;
    }
    return undefined;
  }
}

function authorizedCallback(options: TSESTree.ObjectExpression): TSESTree.Node | undefined {
  const callbacks = options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && keyName(p) === "callbacks");
  if (callbacks?.value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of callbacks.value.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === "authorized") return property.value;
  }
  return undefined;
}

function isSupabaseAuthCall(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const { object, last } = calleeName(value);
  return object === "auth" && /^(?:getUser|getSession|getClaims)$/u.test(last ?? "");
}

function containsReturn(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found || (n !== node && isFunction(n))) return false;
    if (n.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return !found;
  });
  return found;
}

function patternNames(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(pattern, (n) => {
    if (n.type === AST_NODE_TYPES.Property) {
      walkValue(n.value);
      return false;
    }
    if (n.type === AST_NODE_TYPES.Identifier) names.push(n.name);
    return n.type !== AST_NODE_TYPES.TSTypeAnnotation;
  });
  function walkValue(value: TSESTree.Node): void {
    names.push(...patternNames(value));
  }
  return names;
}

function keyName(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
}

function propertyKey(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

function unwrapAwait(node: TSESTree.Node): TSESTree.Node {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = unwrap(current.argument);
  return current;
}

