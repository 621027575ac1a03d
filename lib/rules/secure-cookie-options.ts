import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { constInitializer, unwrapExpression } from "../util/bindings.js";
import { staticString } from "../util/names.js";
import { createCookieAnalysis, keyName } from "../analysis/cookies.js";
import { mentions } from "../analysis/file-facts.js";

export type Options = [
  {
    sessionCookies?: string[];
  },
];
export type MessageIds = "insecureCookie";

/** What the options say about one attribute. */
type Setting = { kind: "absent" } | { kind: "unknown" } | { kind: "value"; node: TSESTree.Expression };

/** The pre-test: every cookie call the rule knows names a cookie (see create()). */
const COOKIE_WORDS = ["ookie"];

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
    if (!mentions(context, COOKIE_WORDS)) return {};
    const { sourceCode } = context;
    const { cookieCall, holdsSession } = createCookieAnalysis(sourceCode, sessionCookies);

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

    return shareCallListener(context, {
      CallExpression(node) {
        const call = cookieCall(node);
        if (!call) return;
        if (!holdsSession(call)) return;
        const options = call.options ? readOptions(call.options) : new Map<string, Setting>();
        if (!options || isDeletion(call.value, options)) return;

        const problems: string[] = [];
        const fixes: string[] = [];
        // an explicit `httpOnly: false` is a decision (a cookie client code must read), not an oversight
        if (setting(options, "httpOnly").kind === "absent") {
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
    });
  },
});

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
