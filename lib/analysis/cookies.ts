/**
 * Cookies: which calls set one (Next.js `cookies().set`, `response.cookies.set`, Express `res.cookie`,
 * `serialize` of `cookie`, Hono `setCookie`), and whether a cookie holds a session or a token (by its
 * name or its value). Shared by `secure-cookie-options` and `no-side-effects-in-get`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { constInitializer, importOf, isUnbound, unwrapExpression } from "../util/bindings.js";
import { escapeRegExp, expressionNames, nameSegments, staticString } from "../util/names.js";

/** A call that sets a cookie, with its parts. */
export interface CookieCall {
  name: TSESTree.Node | undefined;
  value: TSESTree.Node | undefined;
  /** The options argument as written (undefined when absent); for the object form, the object itself. */
  options: TSESTree.Node | undefined;
}

export interface CookieAnalysis {
  cookieCall(node: TSESTree.CallExpression): CookieCall | undefined;
  /** Does a cookie name speak of a session or token (`session`, `sb-access-token`, `SESSION_COOKIE`)? */
  nameLooksSensitive(node: TSESTree.Node): boolean;
  /** Does a cookie value speak of a session or token, or come from a sign/encrypt call? */
  valueLooksSensitive(node: TSESTree.Node): boolean;
  /**
   * Does the cookie hold a session or token: its name or its value says so, and it is not a
   * double-submit CSRF cookie (which page scripts must read, whatever its value is called)?
   */
  holdsSession(call: CookieCall): boolean;
  /** A double-submit CSRF cookie (`csrf_token`, `XSRF-TOKEN`, `_csrf`, a value from `generateCsrfToken()`). */
  isCsrfCookie(call: CookieCall): boolean;
}

const COOKIE_MODULES = new Set(["cookie", "cookie-es"]);
const SESSION_WORDS = new Set(["session", "sess", "sid", "token", "jwt"]);
/** Words of a double-submit CSRF cookie's name or value. */
const CSRF_WORDS = new Set(["csrf", "xsrf"]);
const SIGNING_WORDS = new Set(["sign", "signed", "encrypt", "encrypted", "seal", "sealed"]);
/** Names of the value a session or token object holds: `session.id`, `sessionCookie.value`. */
const GENERIC_VALUE_NAMES = new Set(["id", "value", "data", "raw", "serialized", "encoded", "string"]);

/** `sessionCookies`: more cookie names that hold a session (`*` matches any characters, e.g. `pm_ls_*`). */
export function createCookieAnalysis(sourceCode: Readonly<TSESLint.SourceCode>, sessionCookies: readonly string[] = []): CookieAnalysis {
  const configuredNames = sessionCookies.map((pattern) => new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "u"));

  /** `cookies()` of `next/headers` (or an unbound `cookies` in a snippet), awaited or not, or a const holding it. */
  function isNextCookieStore(node: TSESTree.Node, depth = 0): boolean {
    let target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
    if (target.type === AST_NODE_TYPES.Identifier && depth < 2) {
      const init = constInitializer(sourceCode, target);
      return init !== undefined && isNextCookieStore(init, depth + 1);
    }
    if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.Identifier) return false;
    const callee = target.callee;
    const origin = importOf(sourceCode, callee);
    if (origin) return origin.source === "next/headers" && origin.imported === "cookies";
    return callee.name === "cookies" && isUnbound(sourceCode, callee);
  }

  /** The last name of a receiver: `res` for `res`, `req` for `ctx.req`. */
  function lastName(node: TSESTree.Node): string | undefined {
    return expressionNames(unwrapExpression(node))?.at(-1);
  }

  /** `response.cookies`: NextResponse cookies (request cookies and Koa's `ctx.cookies` are not responses). */
  function isResponseCookies(node: TSESTree.Node): boolean {
    const target = unwrapExpression(node);
    if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return false;
    if (target.property.type !== AST_NODE_TYPES.Identifier || target.property.name !== "cookies") return false;
    const receiver = lastName(target.object);
    if (receiver === undefined) return target.object.type === AST_NODE_TYPES.CallExpression;
    return !/^(?:req|request|ctx|context|c)$|Request$/iu.test(receiver);
  }

  function isResponseObject(node: TSESTree.Node): boolean {
    const receiver = lastName(node);
    return receiver !== undefined && /^(?:res|response|reply)$|(?:Res|Response|Reply)$/u.test(receiver);
  }

  function fromModule(id: TSESTree.Identifier, modules: Set<string>, name: string): boolean {
    const origin = importOf(sourceCode, id);
    return origin !== undefined && modules.has(origin.source) && (origin.imported === name || origin.imported === "*" || origin.imported === "default");
  }

  function cookieCall(node: TSESTree.CallExpression): CookieCall | undefined {
    const callee = unwrapExpression(node.callee);
    const args = node.arguments;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // serialize(name, value, options) from `cookie`; setCookie(c, name, value, options) from `hono/cookie`
      const origin = importOf(sourceCode, callee);
      if (origin && COOKIE_MODULES.has(origin.source) && origin.imported === "serialize") {
        return { name: args[0], value: args[1], options: args[2] };
      }
      if (origin?.source === "hono/cookie" && origin.imported === "setCookie") {
        return { name: args[1], value: args[2], options: args[3] };
      }
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    if (callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const method = callee.property.name;
    if (method === "set" && (isNextCookieStore(callee.object) || isResponseCookies(callee.object))) {
      const first = args[0] && unwrapExpression(args[0]);
      if (args.length === 1 && first?.type === AST_NODE_TYPES.ObjectExpression) {
        return { name: property(first, "name"), value: property(first, "value"), options: first };
      }
      return { name: args[0], value: args[1], options: args[2] };
    }
    if ((method === "cookie" || method === "setCookie") && args.length >= 2 && isResponseObject(callee.object)) {
      return { name: args[0], value: args[1], options: args[2] };
    }
    if (
      method === "serialize" &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      fromModule(callee.object, COOKIE_MODULES, "serialize")
    ) {
      return { name: args[0], value: args[1], options: args[2] };
    }
    return undefined;
  }

  function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
    let found: TSESTree.Node | undefined;
    for (const prop of object.properties) {
      if (prop.type === AST_NODE_TYPES.Property && keyName(prop) === key) found = prop.value;
    }
    return found;
  }


  /** Does a cookie name speak of a session or token (`session`, `sb-access-token`, `SESSION_COOKIE`)? */
  function nameLooksSensitive(node: TSESTree.Node): boolean {
    const target = unwrapExpression(node);
    const text = staticString(target);
    if (text !== undefined) {
      return configuredNames.some((re) => re.test(text)) || wordsLookSensitive(nameSegments(text));
    }
    if (target.type === AST_NODE_TYPES.TemplateLiteral) {
      // `pm_ls_${linkId}` matches the configured `pm_ls_*`
      const shape = target.quasis.map((quasi) => quasi.value.cooked ?? "").join("x");
      if (configuredNames.some((re) => re.test(shape))) return true;
      const words = target.quasis.flatMap((quasi) => nameSegments(quasi.value.cooked ?? ""));
      return wordsLookSensitive(words) || target.expressions.some((e) => namesLookSensitive(e));
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const init = constInitializer(sourceCode, target);
      if (init && staticString(init) !== undefined) return nameLooksSensitive(init);
    }
    return namesLookSensitive(target);
  }

  /** Does a cookie value speak of a session or token, or come from a sign/encrypt call? */
  function valueLooksSensitive(node: TSESTree.Node, depth = 0): boolean {
    let target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
    if (readsSensitiveValue(target)) return true;
    if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) {
      const callee = expressionNames(target)?.at(-1);
      if (callee === "encode") return true; // next-auth/jwt encode({ token, secret })
      return callee !== undefined && nameSegments(callee).some((word) => SIGNING_WORDS.has(word));
    }
    if (target.type === AST_NODE_TYPES.Identifier && depth < 2) {
      const init = constInitializer(sourceCode, target);
      return init !== undefined && valueLooksSensitive(init, depth + 1);
    }
    return false;
  }

  /**
   * The value read is the session or token itself: `sessionToken`, `data.session.access_token`,
   * `session.id`, `result.sessionCookie.value`; not something read off a session (`session.user.id`,
   * `auth.user.locale`), which is no secret.
   */
  function readsSensitiveValue(node: TSESTree.Node): boolean {
    const names = expressionNames(node);
    const last = names?.at(-1);
    if (!names || last === undefined) return false;
    if (wordsLookSensitive(nameSegments(last))) return true;
    const holder = names.at(-2);
    return GENERIC_VALUE_NAMES.has(last) && holder !== undefined && wordsLookSensitive(nameSegments(holder));
  }

  function namesLookSensitive(node: TSESTree.Node): boolean {
    const names = expressionNames(node);
    return names !== undefined && names.some((name) => wordsLookSensitive(nameSegments(name)));
  }

  /**
   * A double-submit CSRF cookie: its name speaks of csrf/xsrf (`csrf_token`, `XSRF-TOKEN`, `CSRF_COOKIE`),
   * or its name says nothing of a session and its value does (`csrfToken`, `generateCsrfToken()`).
   * Page scripts read it and send it back in a header, so it is readable on purpose.
   */
  function isCsrfCookie(call: CookieCall): boolean {
    if (call.name !== undefined) {
      if (speaksOfCsrf(call.name)) return true;
      if (nameLooksSensitive(call.name)) return false;
    }
    return call.value !== undefined && speaksOfCsrf(call.value);
  }

  /** The words of a name or value (a string, a template's text and names, an expression's names, a `const`'s value) include csrf/xsrf. */
  function speaksOfCsrf(node: TSESTree.Node, depth = 0): boolean {
    let target = unwrapExpression(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
    const hasCsrf = (words: string[]): boolean => words.some((word) => CSRF_WORDS.has(word));
    const text = staticString(target);
    if (text !== undefined) return hasCsrf(nameSegments(text));
    if (target.type === AST_NODE_TYPES.TemplateLiteral) {
      return target.quasis.some((quasi) => hasCsrf(nameSegments(quasi.value.cooked ?? ""))) || target.expressions.some((e) => speaksOfCsrf(e, depth + 1));
    }
    const names = expressionNames(target);
    if (names?.some((name) => hasCsrf(nameSegments(name)))) return true;
    if (target.type === AST_NODE_TYPES.Identifier && depth < 2) {
      const init = constInitializer(sourceCode, target);
      return init !== undefined && speaksOfCsrf(init, depth + 1);
    }
    return false;
  }

  function holdsSession(call: CookieCall): boolean {
    const sensitive =
      (call.name !== undefined && nameLooksSensitive(call.name)) || (call.value !== undefined && valueLooksSensitive(call.value));
    return sensitive && !isCsrfCookie(call);
  }

  /** `auth` alone counts only as the last word (`app-auth`), not in `next-auth.callback-url` or `auth-redirect`. */
  function wordsLookSensitive(words: string[]): boolean {
    if (words.some((word) => CSRF_WORDS.has(word))) return false;
    return words.some((word) => SESSION_WORDS.has(word)) || words.at(-1) === "auth";
  }

  return { cookieCall, nameLooksSensitive, valueLooksSensitive: (node) => valueLooksSensitive(node), holdsSession, isCsrfCookie };
}

/** An object property's static key (`name`, `"name"`). */
export function keyName(prop: TSESTree.Property): string | undefined {
  if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) return prop.key.name;
  return staticString(prop.key);
}
