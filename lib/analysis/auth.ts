/**
 * Authentication knowledge: which calls authenticate a request, and whether a function checks their
 * result before it does work. Purely syntactic (names, positions) so that it works the same on the linted
 * file and on definitions parsed by `resolve.ts` (which have no scope information).
 *
 * ```ts
 * const config = authConfig(settings);
 * isAuthCall(call, config)            // getServerSession(), auth(), supabase.auth.getUser(), ...
 * isThrowingAuthCall(call)            // requireUser(), ensureTeamAccess(), getSessionOrThrow(), auth.protect()
 * isSignatureCheck(call)              // stripe.webhooks.constructEvent(), wh.verify(), verifyQstashSignature()
 * analyzeAuth(node, config, hook?)    // AuthAnalysis: where the request is known to be authenticated
 * ```
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberChainName } from "../util/ast.js";
import { walk } from "./walk.js";

export const DEFAULT_AUTH_FUNCTIONS = [
  "getServerSession",
  "getSession",
  "auth",
  "auth.api.getSession",
  "getUser",
  "supabase.auth.getUser",
  "supabase.auth.getSession",
  "supabase.auth.getClaims",
  "currentUser",
  "getCurrentUser",
  "requireUser",
  "getAuth",
  "validateRequest",
  "getServerAuthSession",
  "getKindeServerSession",
];

export const DEFAULT_AUTH_WRAPPERS = ["withAuth", "withSession", "withUser", "withApiAuthRequired"];

export interface AuthConfig {
  /** Exact callee names (`auth`, `auth.api.getSession`, settings entries). */
  functions: ReadonlySet<string>;
  /** Wrapper / client names that authenticate by definition. */
  wrappers: ReadonlySet<string>;
}

export function authConfig(settings: { authFunctions: readonly string[]; authWrappers: readonly string[] }): AuthConfig {
  return {
    functions: new Set([...DEFAULT_AUTH_FUNCTIONS, ...settings.authFunctions]),
    wrappers: new Set([...DEFAULT_AUTH_WRAPPERS, ...settings.authWrappers]),
  };
}

/** The callee's dotted name (`supabase.auth.getUser`), its last segment, and the segment before it. */
export function calleeName(call: TSESTree.CallExpression): { full: string | undefined; last: string | undefined; object: string | undefined } {
  let callee: TSESTree.Node = call.callee;
  while (callee.type === AST_NODE_TYPES.TSNonNullExpression || callee.type === AST_NODE_TYPES.TSAsExpression) {
    callee = callee.expression;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return { full: callee.name, last: callee.name, object: undefined };
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return { full: undefined, last: undefined, object: undefined };
  }
  const object = callee.object;
  const objectName =
    object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier
      ? object.property.name
      : object.type === AST_NODE_TYPES.Identifier
        ? object.name
        : undefined;
  return { full: memberChainName(callee), last: callee.property.name, object: objectName };
}

/** Words that say a name is about authentication (for throw-on-failure helpers, middleware and wrappers). */
const AUTH_WORDS = /auth|session|user|admin|member|role|team|access|permission|login|logged|signed|owner/iu;
/** Names that say a call returns the caller's identity or verifies a credential. */
const AUTH_LIKE = [
  // getUserSession, getAuthSession, getServerAuthSession, getSessionUser, readSession
  /^(?:get|fetch|load|read|verify|validate|check|retrieve)?(?:Current|Server|Auth|Signed(?:In)?|Logged(?:In)?|Valid)?(?:User)?(?:Session|Auth)(?:[A-Z]\w*)?$/u,
  // getLoggedInUser, getAuthenticatedUser, getSignedInUser
  /^(?:get|fetch|load)(?:Current|Authenticated|Authed|SignedIn|LoggedIn|Session)User$/u,
  // authenticate, authenticateRequest, isAuthenticated, getAuthenticatedUser
  /[Aa]uthenticat/u,
  // verifyApiKey, validateToken, getToken (next-auth/jwt), checkCredentials
  /^(?:get|verify|validate|check)\w*(?:ApiKey|Token|Credentials)$/u,
];

/** A call to an auth function: returns a session/user (or null), to be checked by the caller. */
export function isAuthCall(call: TSESTree.CallExpression, config: AuthConfig): boolean {
  const { full, last, object } = calleeName(call);
  if (last === undefined) return false;
  if (full !== undefined && config.functions.has(full)) {
    // `getUser(id)` with an argument is usually a database lookup
    return !(full === "getUser" && call.arguments.length > 0);
  }
  // `(await createClient()).auth.getUser()`, `ctx.supabase.auth.getSession()`, `authClient.api.getSession()`
  if (object === "auth" && /^(?:getUser|getSession|getClaims)$/u.test(last)) return true;
  if (object === "api" && last === "getSession") return true;
  if (last === "getUser" || last === "getSession") return call.arguments.length === 0 || last === "getSession";
  if (full !== undefined && config.functions.has(last) && call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  return AUTH_LIKE.some((pattern) => pattern.test(last));
}

const THROWING_PREFIX = /^(?:require|ensure|assert|throwIfNo|throwUnless|verify|protect)[A-Z_]/u;

/** An auth function that throws (or redirects) on failure: satisfied by calling it. */
export function isThrowingAuthCall(call: TSESTree.CallExpression): boolean {
  const { last, object } = calleeName(call);
  if (last === undefined) return false;
  if (last === "protect") return object === undefined || object === "auth" || call.callee.type === AST_NODE_TYPES.MemberExpression;
  if (!THROWING_PREFIX.test(last) && !/OrThrow$|OrRedirect$|OrFail$/u.test(last)) return false;
  if (/^verify/u.test(last) && !/(?:Auth|Session|User|Access|Permission|Admin|Member|Role)/u.test(last)) return false;
  return AUTH_WORDS.test(last.replace(/^(?:require|ensure|assert|throwIfNo|throwUnless|verify)/u, "").replace(/OrThrow$|OrRedirect$|OrFail$/u, "") || last);
}

const SIGNATURE_NAME = /^(?:verify|validate|check|is(?:Valid)?)\w*Signature\w*$|^constructEvent(?:Async)?$|^verifyWebhook\w*$|^jwtVerify$|^verify(?:Jwt|JWT|Token|Hmac|HMAC)\w*$/u;
const VERIFY_RECEIVER = /webhook|^wh$|svix|jwt|hmac|receiver|signature|verifier/iu;

/**
 * The text pre-test of `isSignatureCheck`: every name it accepts holds one of these words, so a file
 * without them holds no signature check.
 */
export function mayCheckSignature(text: string): boolean {
  return SIGNATURE_TEXT.test(text);
}
/** `SIGNATURE_NAME`'s names, or `verify`/`verifyAsync` as a whole name (or an escape that may spell one). */
const SIGNATURE_TEXT = /Signature|constructEvent|verifyWebhook|jwtVerify|verify(?:Jwt|JWT|Token|Hmac|HMAC)|(?<![\p{ID_Continue}$])verify(?:Async)?(?![\p{ID_Continue}$])|\\u/u;

/** A webhook signature / token verification: authenticates machine-to-machine requests. */
export function isSignatureCheck(call: TSESTree.CallExpression, names = calleeName(call)): boolean {
  const { last, object } = names;
  if (last === undefined) return false;
  if (SIGNATURE_NAME.test(last)) return true;
  if (last === "verify" || last === "verifyAsync") {
    if (object !== undefined && VERIFY_RECEIVER.test(object)) return true;
    // `new Webhook(secret).verify(...)`
    const callee = call.callee;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.NewExpression &&
      callee.object.callee.type === AST_NODE_TYPES.Identifier &&
      VERIFY_RECEIVER.test(callee.object.callee.name)
    );
  }
  return false;
}

/** Middleware / wrapper names that authenticate (`requireAuth`, `withSession`, `isAuthenticated`, `protect`). */
export function isAuthLikeName(name: string): boolean {
  return /auth|session|protect|requireUser|loggedIn|signedIn|verifyToken|jwt|oidc|apiKey|requireLogin|ensureLogin/iu.test(name);
}

const EXIT_CALLS = new Set(["redirect", "permanentRedirect", "notFound", "unauthorized", "forbidden"]);
const RESPONSE_RECEIVERS = /^(?:res|response|reply|resp)$/u;

/** A call that ends the request: `redirect()`, `notFound()`, `throwError()`, `res.status(401).json()`. */
function isExitCall(call: TSESTree.CallExpression): boolean {
  const { last } = calleeName(call);
  if (last !== undefined && (EXIT_CALLS.has(last) || /^throw[A-Z]/u.test(last))) return true;
  let root: TSESTree.Node = call.callee;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) {
    root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee;
  }
  return root.type === AST_NODE_TYPES.Identifier && RESPONSE_RECEIVERS.test(root.name) && call.callee !== root;
}

/** Does this branch leave the function (return, throw, redirect, an error response)? */
export function exits(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n !== node && isFunction(n)) return false;
    if (n.type === AST_NODE_TYPES.ReturnStatement || n.type === AST_NODE_TYPES.ThrowStatement) found = true;
    else if (n.type === AST_NODE_TYPES.CallExpression && isExitCall(n)) found = true;
    return !found;
  });
  return found;
}

function mentions(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.Identifier && names.has(n.name)) {
      const parent = n.parent;
      const isKey =
        (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === n && !parent.computed) ||
        (parent?.type === AST_NODE_TYPES.Property && parent.key === n && !parent.computed && !parent.shorthand);
      if (!isKey) found = true;
    }
    return !found;
  });
  return found;
}

function isEnvRead(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberChainName(node.object);
  return name === "process.env" || name === "env" || name === "import.meta.env" || name === "Bun.env" || name === "serverEnv";
}

function mentionsEnv(node: TSESTree.Node, envNames: ReadonlySet<string>): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (isEnvRead(n) || (n.type === AST_NODE_TYPES.Identifier && envNames.has(n.name))) found = true;
    return !found;
  });
  return found;
}

/** A comparison (or a constant-time compare) with an environment secret, in a condition: cron and internal endpoints. */
function comparesWithEnv(test: TSESTree.Node, envNames: ReadonlySet<string>): boolean {
  let found = false;
  walk(test, (n) => {
    if (found || isFunction(n)) return false;
    if (n.type === AST_NODE_TYPES.BinaryExpression && ["===", "!==", "==", "!="].includes(n.operator)) {
      if (mentionsEnv(n.left, envNames) || mentionsEnv(n.right, envNames)) found = true;
    } else if (n.type === AST_NODE_TYPES.CallExpression) {
      const { last } = calleeName(n);
      if (last !== undefined && /compare|equal/iu.test(last) && n.arguments.some((a) => mentionsEnv(a, envNames))) found = true;
    }
    return !found;
  });
  return found;
}

const DENIAL_TEXT = /unauthori[sz]ed|unauthenticated|not authenticated|forbidden|login required|not logged in|not signed in|sign in required|invalid (?:api[ -]?)?key|invalid (?:embed |access |auth )?token|missing (?:api[ -]?)?key|missing authorization|access denied|permission denied|not allowed/iu;
const DENIAL_NAME = /^(?:UNAUTHORI[SZ]ED|FORBIDDEN|unauthori[sz]ed|forbidden|Unauthori[sz]ed\w*|Forbidden\w*|Authentication\w*Error|Authorization\w*Error|Unauthenticated\w*|NotAuthenticated\w*|notAuthenticated\w*|unauthorized\w*|forbidden\w*)$/u;

/**
 * Does an exiting branch say "you are not allowed" (a 401/403 status, an unauthorized/forbidden message or
 * error class)? Then the condition guarding it is an authentication check, whatever it tests (an embed
 * token, an API key looked up in the database, a signed cookie).
 */
export function deniesAccess(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n !== node && isFunction(n)) return false;
    if (n.type === AST_NODE_TYPES.Literal) {
      if (typeof n.value === "string" && DENIAL_TEXT.test(n.value)) found = true;
      if ((n.value === 401 || n.value === 403) && isStatusPosition(n)) found = true;
    } else if (n.type === AST_NODE_TYPES.TemplateElement && DENIAL_TEXT.test(n.value.cooked ?? "")) {
      found = true;
    } else if (n.type === AST_NODE_TYPES.Identifier && DENIAL_NAME.test(n.name)) {
      found = true;
    }
    return !found;
  });
  return found;
}

function isStatusPosition(literal: TSESTree.Literal): boolean {
  const parent = literal.parent;
  if (parent?.type === AST_NODE_TYPES.Property) return /^(?:status|statusCode|code)$/u.test(propertyKeyName(parent) ?? "");
  if (parent?.type === AST_NODE_TYPES.CallExpression) return true; // res.status(401), c.json(body, 401), error(401)
  return parent?.type === AST_NODE_TYPES.NewExpression;
}

function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
}

const CREDENTIAL_HEADER = /^(?:(?:proxy-)?authorization|(?:x-)?api-?key|[\w-]*(?:signature|secret|auth-token|access-token|api-token|-token))$/iu;
const SESSION_COOKIE = /session|token|auth|jwt|sid$/iu;

function stringArgument(call: TSESTree.CallExpression): string | undefined {
  const first = call.arguments[0];
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string" ? first.value : undefined;
}

/**
 * Reading a credential header (`headers.get("Authorization")`, `req.headers["x-api-key"]`): the handler takes
 * care of authentication itself (an API key, a bearer token, a signature); how it verifies it is out of sight.
 */
export function readsCredentialHeader(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const { last } = calleeName(node);
    const value = stringArgument(node);
    return last === "get" && value !== undefined && CREDENTIAL_HEADER.test(value);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const key =
      !node.computed && node.property.type === AST_NODE_TYPES.Identifier
        ? node.property.name
        : node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "string"
          ? node.property.value
          : undefined;
    const object = node.object;
    const isHeaders =
      object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier
        ? object.property.name === "headers"
        : object.type === AST_NODE_TYPES.Identifier && /headers$/iu.test(object.name);
    return isHeaders && key !== undefined && CREDENTIAL_HEADER.test(key);
  }
  return false;
}

/** `cookies().get("session")`, `req.cookies.get("auth-token")`: a session read by hand, to be checked like an auth call. */
function readsSessionCookie(call: TSESTree.CallExpression): boolean {
  const { last, object } = calleeName(call);
  const value = stringArgument(call);
  if (last !== "get" || value === undefined || !SESSION_COOKIE.test(value)) return false;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = callee.object;
  return (
    object === "cookies" ||
    (receiver.type === AST_NODE_TYPES.CallExpression && calleeName(receiver).last === "cookies") ||
    (receiver.type === AST_NODE_TYPES.AwaitExpression &&
      receiver.argument.type === AST_NODE_TYPES.CallExpression &&
      calleeName(receiver.argument).last === "cookies") ||
    (receiver.type === AST_NODE_TYPES.Identifier && /cookie/iu.test(receiver.name))
  );
}

/** What a project helper does, as classified from its definition (see `require-session-check`). */
export type HelperAuth = "guards" | "returns-session" | undefined;

export interface AuthAnalysis {
  /** Position (range start) from which on the request is known to be authenticated, if any. */
  checkedAt: number | undefined;
  /** Ranges only reached when authenticated (`if (session) { ... }`). */
  guarded: [number, number][];
  /** Calls to auth functions (whose result should be checked). */
  authCalls: TSESTree.CallExpression[];
  /** Does the analysed function return an auth result (or something derived from it)? */
  returnsAuth: boolean;
}

export function isCheckedAt(analysis: AuthAnalysis, position: number): boolean {
  if (analysis.checkedAt !== undefined && analysis.checkedAt <= position) return true;
  return analysis.guarded.some(([start, end]) => start <= position && position < end);
}

export function authenticates(analysis: AuthAnalysis): boolean {
  return analysis.checkedAt !== undefined || analysis.guarded.length > 0;
}

/** Climbs from an auth call to the names its result is bound to. */
function resultBindings(call: TSESTree.CallExpression): string[] {
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return [];
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node)
    ) {
      node = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) return patternNamesOf(parent.id);
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
      return parent.left.type === AST_NODE_TYPES.Identifier ? [parent.left.name] : patternNamesOf(parent.left);
    }
    return [];
  }
}

function patternNamesOf(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(pattern, (n) => {
    if (n.type === AST_NODE_TYPES.Identifier) {
      const parent = n.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.key === n && !parent.shorthand) return false;
      if (parent?.type === AST_NODE_TYPES.MemberExpression) return false;
      names.push(n.name);
    }
    if (n.type === AST_NODE_TYPES.TSTypeAnnotation) return false;
    return true;
  });
  return names;
}

/** Is this call in a statement position where its failure would throw (not inside a condition)? */
function inTest(node: TSESTree.Node, stop: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== stop; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent || isFunction(parent)) return false;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === current) {
      return true;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current) return true;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === "!") return true;
  }
  return false;
}

export interface AnalyzeOptions {
  /**
   * Stop looking once the request is known to be authenticated: nodes that start at or after `checkedAt`
   * are skipped, so their calls are never classified (`helper` follows definitions into other files).
   * `checkedAt` stays exact (a node marks at or after its own start, and the walk visits nodes in source
   * order), and so does `authenticates()`, `isCheckedAt()` and, whenever `checkedAt` is undefined, every
   * other field (nothing was skipped). Only once `checkedAt` is set may `authCalls`, `returnsAuth` and the
   * `guarded` ranges after it be incomplete: for callers that read those only when `authenticates()` is false.
   */
  readonly untilChecked?: boolean;
}

/**
 * Where in `root` (a function, or any node) the request is authenticated. `helper` classifies calls to
 * project helpers (resolved definitions): `"guards"` = the helper checks and stops on failure itself,
 * `"returns-session"` = it returns the session and the caller must check it.
 */
export function analyzeAuth(
  root: TSESTree.Node,
  config: AuthConfig,
  helper?: (call: TSESTree.CallExpression) => HelperAuth,
  isQuery?: (call: TSESTree.CallExpression) => boolean,
  options: AnalyzeOptions = {},
): AuthAnalysis {
  const analysis: AuthAnalysis = { checkedAt: undefined, guarded: [], authCalls: [], returnsAuth: false };
  const tracked = new Set<string>();
  const envNames = new Set<string>();
  const markChecked = (position: number): void => {
    if (analysis.checkedAt === undefined || position < analysis.checkedAt) analysis.checkedAt = position;
  };
  const containsAuthCall = (node: TSESTree.Node): boolean => {
    let found = false;
    walk(node, (n) => {
      if (found || isFunction(n)) return false;
      if (n.type === AST_NODE_TYPES.CallExpression && (isAuthCall(n, config) || isSignatureCheck(n) || helper?.(n) === "returns-session")) {
        found = true;
      }
      return !found;
    });
    return found;
  };
  const isGuardTest = (test: TSESTree.Node): boolean =>
    mentions(test, tracked) || containsAuthCall(test) || comparesWithEnv(test, envNames);
  /** Results of other awaited calls (`const row = await db.update(...)`): a denial on their absence is not authentication. */
  const workNames = new Set<string>();
  const deniesOnlyForWork = (test: TSESTree.Node): boolean =>
    mentions(test, workNames) && !mentions(test, tracked) && !containsAuthCall(test) && !comparesWithEnv(test, envNames);

  walk(root, (node) => {
    if (options.untilChecked && analysis.checkedAt !== undefined && node.range[0] >= analysis.checkedAt) return false;
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclarator: {
        if (!node.init) break;
        if (mentions(node.init, tracked)) for (const name of patternNamesOf(node.id)) tracked.add(name);
        if (mentionsEnv(node.init, new Set())) for (const name of patternNamesOf(node.id)) envNames.add(name);
        else if (isAwaitedQuery(node.init, config, helper, isQuery)) for (const name of patternNamesOf(node.id)) workNames.add(name);
        break;
      }
      case AST_NODE_TYPES.CallExpression: {
        // a throwing auth call or a signature check marks like a guarding helper: its definition is not followed
        const marks = isThrowingAuthCall(node) || isSignatureCheck(node);
        const kind = marks ? undefined : helper?.(node);
        if (marks || kind === "guards") {
          if (!inTest(node, root)) markChecked(node.range[1]);
        } else if (readsCredentialHeader(node)) {
          markChecked(node.range[1]);
        } else if (isAuthCall(node, config) || kind === "returns-session" || readsSessionCookie(node)) {
          analysis.authCalls.push(node);
          for (const name of resultBindings(node)) tracked.add(name);
        } else if (/^(?:assert|invariant)$/u.test(calleeName(node).last ?? "") && node.arguments[0] && isGuardTest(node.arguments[0])) {
          markChecked(node.range[1]);
        }
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (readsCredentialHeader(node)) markChecked(node.range[1]);
        break;
      }
      case AST_NODE_TYPES.ReturnStatement: {
        if (node.argument && (mentions(node.argument, tracked) || containsAuthCall(node.argument))) analysis.returnsAuth = true;
        break;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (node.body.type !== AST_NODE_TYPES.BlockStatement && (mentions(node.body, tracked) || containsAuthCall(node.body))) {
          analysis.returnsAuth = true;
        }
        break;
      }
      case AST_NODE_TYPES.IfStatement: {
        // `if (!process.env.CRON_SECRET) return 401` only says the server is misconfigured;
        // `if (!row) throw new UnauthorizedError()` after the write has already done the work
        if (isEnvPresenceTest(node.test, envNames) || deniesOnlyForWork(node.test)) break;
        if (exits(node.consequent) && deniesAccess(node.consequent)) {
          markChecked(node.range[0]);
          break;
        }
        if (!isGuardTest(node.test)) break;
        if (exits(node.consequent) || (node.alternate && exits(node.alternate))) markChecked(node.range[0]);
        else analysis.guarded.push([node.consequent.range[0], node.consequent.range[1]]);
        break;
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        if (!isGuardTest(node.test)) break;
        if (exitsExpression(node.consequent) || exitsExpression(node.alternate)) markChecked(node.range[0]);
        break;
      }
      case AST_NODE_TYPES.LogicalExpression: {
        if ((node.operator === "??" || node.operator === "||" || node.operator === "&&") && exitsExpression(node.right) && isGuardTest(node.left)) {
          markChecked(node.range[0]);
        }
        break;
      }
      default:
        break;
    }
  });
  return analysis;
}

/** `await db.x.update(...)`: a database query that is not a credential lookup (those return a session). */
function isAwaitedQuery(
  init: TSESTree.Node,
  config: AuthConfig,
  helper: ((call: TSESTree.CallExpression) => HelperAuth) | undefined,
  isQuery: ((call: TSESTree.CallExpression) => boolean) | undefined,
): boolean {
  if (init.type !== AST_NODE_TYPES.AwaitExpression || !isQuery) return false;
  let call: TSESTree.Node = init.argument;
  while (call.type === AST_NODE_TYPES.TSAsExpression || call.type === AST_NODE_TYPES.TSNonNullExpression) call = call.expression;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isAuthCall(call, config) || isThrowingAuthCall(call) || isSignatureCheck(call) || readsSessionCookie(call)) return false;
  return isQuery(call) && helper?.(call) === undefined;
}

/** A condition that only tests whether environment values are set (`!process.env.SECRET`, `!secret || !url`). */
function isEnvPresenceTest(test: TSESTree.Node, envNames: ReadonlySet<string>): boolean {
  let sawEnv = false;
  let other = false;
  walk(test, (n) => {
    if (other) return false;
    if (isEnvRead(n) || (n.type === AST_NODE_TYPES.Identifier && envNames.has(n.name))) {
      sawEnv = true;
      return false;
    }
    if (n.type === AST_NODE_TYPES.UnaryExpression && n.operator === "!") return true;
    if (n.type === AST_NODE_TYPES.LogicalExpression) return true;
    other = true;
    return false;
  });
  return sawEnv && !other;
}

function exitsExpression(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
  return current.type === AST_NODE_TYPES.CallExpression && isExitCall(current);
}
