import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { constInitializer, importOf, isUnbound, unwrapExpression } from "../util/bindings.js";
import { expressionNames, nameSegments, staticString } from "../util/names.js";
import { mentions } from "../analysis/file-facts.js";

export type Options = [
  {
    sessionCookies?: string[];
  },
];
export type MessageIds = "insecureCookie";

/** A call that sets a cookie, with its parts. */
interface CookieCall {
  name: TSESTree.Node | undefined;
  value: TSESTree.Node | undefined;
  /** The options argument as written (undefined when absent); for the object form, the object itself. */
  options: TSESTree.Node | undefined;
}

/** What the options say about one attribute. */
type Setting = { kind: "absent" } | { kind: "unknown" } | { kind: "value"; node: TSESTree.Expression };

const COOKIE_MODULES = new Set(["cookie", "cookie-es"]);
const SESSION_WORDS = new Set(["session", "sess", "sid", "token", "jwt"]);
const SIGNING_WORDS = new Set(["sign", "signed", "encrypt", "encrypted", "seal", "sealed"]);
/** Names of the value a session or token object holds: `session.id`, `sessionCookie.value`. */
const GENERIC_VALUE_NAMES = new Set(["id", "value", "data", "raw", "serialized", "encoded", "string"]);

export default createRule<Options, MessageIds>({
  name: "secure-cookie-options",
  meta: {
    type: "problem",
    docs: {
      description: "Require `httpOnly`, `secure` and `sameSite` on session and token cookies",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          sessionCookies: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Names of further cookies that hold a session or token, checked whatever their value (`*` matches any characters, e.g. `pm_ls_*`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sessionCookies: [] }],
    messages: {
      insecureCookie: "Session cookie {{cookie}} is set without {{problems}}. Set {{fix}} in its options.",
    },
  },
  create(context, [{ sessionCookies = [] }]) {
    // every cookie call below names a cookie: `cookies()`, `.cookies.set`, `res.cookie`, `setCookie`, the `cookie` module
    if (!mentions(context, ["ookie"])) return {};
    const { sourceCode } = context;
    const configuredNames = sessionCookies.map(
      (pattern) => new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "u"),
    );

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

    function keyName(prop: TSESTree.Property): string | undefined {
      if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) return prop.key.name;
      return staticString(prop.key);
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

    /** `auth` alone counts only as the last word (`app-auth`), not in `next-auth.callback-url` or `auth-redirect`. */
    function wordsLookSensitive(words: string[]): boolean {
      if (words.includes("csrf") || words.includes("xsrf")) return false;
      return words.some((word) => SESSION_WORDS.has(word)) || words.at(-1) === "auth";
    }

    /** The options' properties by name, following `const` objects and spreads of them. */
    function readOptions(node: TSESTree.Node, depth = 0): Map<string, Setting> | undefined {
      let target = unwrapExpression(node);
      if (target.type === AST_NODE_TYPES.Identifier && depth < 3) {
        const init = constInitializer(sourceCode, target);
        if (!init) return undefined;
        target = init;
      }
      if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const settings = new Map<string, Setting>();
      let opaqueSpread = false;
      for (const prop of target.properties) {
        if (prop.type === AST_NODE_TYPES.SpreadElement) {
          const spread = depth < 3 ? readOptions(prop.argument, depth + 1) : undefined;
          if (!spread) {
            opaqueSpread = true;
            for (const key of settings.keys()) settings.set(key, { kind: "unknown" });
            continue;
          }
          for (const [key, value] of spread) settings.set(key, value);
          continue;
        }
        const key = keyName(prop);
        if (key === undefined) {
          opaqueSpread = true;
          continue;
        }
        settings.set(key, { kind: "value", node: unwrapExpression(prop.value) as TSESTree.Expression });
      }
      if (opaqueSpread) settings.set("*", { kind: "unknown" });
      return settings;
    }

    function setting(options: Map<string, Setting>, key: string): Setting {
      return options.get(key) ?? options.get("*") ?? { kind: "absent" };
    }

    function literalValue(s: Setting): unknown {
      return s.kind === "value" && s.node.type === AST_NODE_TYPES.Literal ? s.node.value : undefined;
    }

    /** Clearing a cookie (`""`, `maxAge: 0`, `expires: new Date(0)`) carries nothing worth protecting. */
    function isDeletion(value: TSESTree.Node | undefined, options: Map<string, Setting>): boolean {
      if (value && staticString(unwrapExpression(value)) === "") return true;
      if (literalValue(setting(options, "maxAge")) === 0) return true;
      const expires = setting(options, "expires");
      if (expires.kind === "value" && expires.node.type === AST_NODE_TYPES.NewExpression) {
        const arg = expires.node.arguments[0];
        return arg?.type === AST_NODE_TYPES.Literal && arg.value === 0;
      }
      return false;
    }

    function describeCookie(node: TSESTree.Node | undefined): string {
      if (!node) return "cookie";
      const text = staticString(unwrapExpression(node));
      if (text !== undefined) return JSON.stringify(text);
      const source = sourceCode.getText(node).replace(/\s+/gu, " ");
      return `\`${source.length > 40 ? `${source.slice(0, 37)}...` : source}\``;
    }

    return {
      CallExpression(node) {
        const call = cookieCall(node);
        if (!call) return;
        const sensitive =
          (call.name !== undefined && nameLooksSensitive(call.name)) ||
          (call.value !== undefined && valueLooksSensitive(call.value));
        if (!sensitive) return;
        const options = call.options ? readOptions(call.options) : new Map<string, Setting>();
        if (!options || isDeletion(call.value, options)) return;

        const problems: string[] = [];
        const fixes: string[] = [];
        const httpOnly = setting(options, "httpOnly");
        if (httpOnly.kind === "absent" || literalValue(httpOnly) === false) {
          problems.push("`httpOnly: true` (page scripts, including injected ones, could read it)");
          fixes.push("`httpOnly: true`");
        }
        const secure = setting(options, "secure");
        const sameSite = setting(options, "sameSite");
        const sameSiteValue = literalValue(sameSite);
        const sameSiteNone = typeof sameSiteValue === "string" && sameSiteValue.toLowerCase() === "none";
        if (sameSiteNone && literalValue(secure) !== true && secure.kind !== "unknown") {
          problems.push('`secure: true`, which `sameSite: "none"` requires (browsers drop it otherwise)');
          fixes.push("`secure: true`");
        } else if (secure.kind === "absent" || literalValue(secure) === false) {
          problems.push("`secure` (it would travel over plain HTTP)");
          fixes.push('`secure: process.env.NODE_ENV === "production"`');
        }
        if (sameSite.kind === "absent" || sameSiteValue === false) {
          problems.push("`sameSite` (other sites could send it with their requests)");
          fixes.push('`sameSite: "lax"`');
        }
        if (problems.length === 0) return;
        context.report({
          node: call.options ?? node,
          messageId: "insecureCookie",
          data: {
            cookie: describeCookie(call.name),
            problems: joinWords(problems),
            fix: joinWords(fixes),
          },
        });
      },
    };
  },
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
