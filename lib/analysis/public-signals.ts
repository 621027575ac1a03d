/**
 * Signals that an endpoint is public by design (used by `require-session-check`, each behind a setting):
 *
 * ```ts
 * isPublicWrapperName("PublicEndpoint")        // a wrapper that declares the handler public
 * isPublicActionClientName("actionClient")     // a bare safe-action client, as opposed to `authActionClient`
 * appliesIpRateLimit(fn, sourceCode)           // `ratelimit.limit(ip)`, `applyIPRateLimit(...)`: a deliberately public endpoint
 * isRateLimitMiddleware(node, sourceCode)      // `rateLimiter({...})` among a route's middleware
 * forwardsPendingSignIn(fn)                    // a sign-in step run before a session exists (pending token, challenge cookie)
 * supabaseCookieClients(fn)                    // names of Supabase clients created with the user's cookies (RLS decides)
 * ```
 *
 * Purely syntactic, like `auth.ts`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { calleeName } from "./auth.js";
import { walk } from "./walk.js";

/** `PublicEndpoint(handler)`, `withPublicRoute(handler)`, `publicHandler(...)`. */
export function isPublicWrapperName(name: string): boolean {
  return /^(?:with)?Public[A-Z]\w*$|^(?:with)?public(?:Endpoint|Route|Handler|Api|API|Procedure)\w*$/u.test(name);
}

/** `actionClient`, `publicActionClient`, `publicAction`, `unauthenticatedActionClient`: the app's client without authentication. */
export function isPublicActionClientName(name: string): boolean {
  return /^(?:(?:public|unauth\w*|anonymous|guest|open|base)(?:Safe)?Action(?:Client)?|(?:safe)?[Aa]ctionClient|publicClient)$/u.test(name);
}

const RATE_LIMIT = /rate-?limit|limiter|throttle/iu;

/**
 * Text pre-tests, one per signal: can a file's text hold it at all? Each signal walks a handler, and most
 * files hold none. A name or string value may be spelled with an escape, so a file with a backslash passes
 * where the signal reads names or values rather than source text.
 */
export const signalTexts = {
  /** `appliesIpRateLimit` tests callee and argument source text, `isRateLimitMiddleware` names. */
  ipRateLimit: (text: string): boolean => RATE_LIMIT.test(text) || text.includes("\\"),
  /** `forwardsPendingSignIn`: a pending key, a `get...Pending`/`Challenge` call, a pending or challenge cookie. */
  pendingSignIn: (text: string): boolean => /pending|challenge|\\/iu.test(text),
  /** `supabaseCookieClients`: a client factory's name ends in `Client`. */
  cookieClient: (text: string): boolean => text.includes("Client") || text.includes("\\"),
};
const CALLER_IP = /\bip\b|\bips\b|ipAddress|ip_address|IpAddress|clientIp|getIP|getIp|\bIP\b|IPRateLimit|IpRateLimit|x-forwarded-for|x-real-ip|remoteAddress/u;

/** A call in `fn` (not in nested functions other than inline callbacks) that rate-limits by the caller's IP address. */
export function appliesIpRateLimit(fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = sourceCode.getText(node.callee);
      if (RATE_LIMIT.test(callee) && (CALLER_IP.test(callee) || node.arguments.some((a) => CALLER_IP.test(sourceCode.getText(a))))) {
        found = true;
      }
    }
    return !found;
  });
  return found;
}

/** `rateLimiter({ ... })`, `rateLimit`, `limiter` among a route's middleware: the route is public and throttled. */
export function isRateLimitMiddleware(node: TSESTree.Node): boolean {
  const target = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
  if (target.type === AST_NODE_TYPES.Identifier) return RATE_LIMIT.test(target.name);
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
    return RATE_LIMIT.test(target.property.name);
  }
  return false;
}

const PENDING_KEY = /^pending\w*(?:Token|Session)\w*$/iu;
const PENDING_COOKIE = /pending|challenge/iu;

/**
 * A sign-in step that runs before a session exists: it reads a pending-session or challenge cookie, or hands
 * a `pendingAuthToken` on to the identity provider (MFA, organization selection, email/SMS challenges).
 */
export function forwardsPendingSignIn(fn: TSESTree.Node): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Property && !node.computed) {
      const key = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : undefined;
      if (key !== undefined && PENDING_KEY.test(key)) found = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const { last } = calleeName(node);
      if (last !== undefined && /^get\w*(?:Pending|Challenge)\w*$/u.test(last)) found = true;
      if (last === "get" && isCookieStore(node)) {
        const first = node.arguments[0];
        const text =
          first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string"
            ? first.value
            : first?.type === AST_NODE_TYPES.Identifier
              ? first.name
              : "";
        if (PENDING_COOKIE.test(text)) found = true;
      }
    }
    return !found;
  });
  return found;
}

function isCookieStore(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  let receiver: TSESTree.Node = callee.object;
  while (receiver.type === AST_NODE_TYPES.AwaitExpression) receiver = receiver.argument;
  if (receiver.type === AST_NODE_TYPES.CallExpression) return calleeName(receiver).last === "cookies";
  return receiver.type === AST_NODE_TYPES.Identifier && /cookie/iu.test(receiver.name);
}

const SERVICE_ROLE = /service_?role|serviceRole|SERVICE_KEY|secret|admin/iu;

/**
 * Names bound in `fn` to a Supabase client made for the signed-in user (`await createClient()` from the
 * app's server helper, `createServerClient(url, anonKey, { cookies })`, `createRouteHandlerClient({ cookies })`):
 * row level security decides what it may read. Clients built with a service-role key are left out.
 */
export function supabaseCookieClients(fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const names = new Set<string>();
  walk(fn, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return true;
    let init: TSESTree.Node = node.init;
    while (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
    if (init.type !== AST_NODE_TYPES.CallExpression) return true;
    const { last } = calleeName(init);
    if (last === undefined || !/^create\w*(?:Server|RouteHandler|ServerComponent|ServerAction)?\w*Client$|^createClient$/u.test(last)) return true;
    if (SERVICE_ROLE.test(node.id.name) || SERVICE_ROLE.test(last) || SERVICE_ROLE.test(sourceCode.getText(init))) return true;
    const text = sourceCode.getText(init);
    // an explicit URL and key without cookies is a plain client (anon or service role): not the user's
    if (init.arguments.length >= 2 && !/cookie/iu.test(text)) return true;
    names.add(node.id.name);
    return true;
  });
  return names;
}
