import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { enclosingFunction, isFunction, memberChainName, type FunctionNode } from "../util/ast.js";
import { unwrapExpression } from "../util/bindings.js";
import { nameSegments } from "../util/names.js";
import { calleeName, isSignatureCheck, mayCheckSignature } from "../analysis/auth.js";
import { comparesWithEnvSecret, isHmacWithEnvSecret, mayReadEnvSecret } from "../analysis/webhook-signatures.js";
import { callChain, type RequestBoundary } from "../analysis/request-boundary.js";
import { classifyDefinition, definitionInFile, definitionOf, type Definition, type FollowOptions } from "../analysis/resolve.js";
import { walk } from "../analysis/walk.js";
import { rememberBounded } from "../util/memo.js";

export type Options = [
  {
    functions?: string[];
  },
];
export type MessageIds = "missingRateLimit";

export const DEFAULT_RATE_LIMIT_FUNCTIONS = ["ratelimit.limit", "rateLimit", "withRateLimit", "limiter.check"];

/** Words that make a name a rate limiter: `ratelimit`, `rateLimiter.consume`, `limiter`, `throttle`. */
/** Calls that do no work worth limiting: building a response, reading a header, the clock. */
const TRIVIAL_CALLS = new Set([
  "json",
  "text",
  "body",
  "html",
  "header",
  "setHeader",
  "redirect",
  "permanentRedirect",
  "notFound",
  "now",
  "get",
  "has",
  "toString",
  "toFixed",
  "toISOString",
  "status",
  "send",
  "end",
]);
const LIMITER_WORDS = new Set(["ratelimit", "ratelimiter", "ratelimited", "ratelimits", "limiter", "throttle", "throttler", "throttled"]);

export default createRule<Options, MessageIds>({
  name: "require-rate-limit",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require every route handler, server action and API route to be rate-limited",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          functions: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Rate-limit functions, wrappers and middleware, by name or dotted name (`ratelimit.limit`); extends names that speak of a rate limiter.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ functions: DEFAULT_RATE_LIMIT_FUNCTIONS }],
    messages: {
      missingRateLimit:
        "The {{name}} is not rate-limited, so a client can call it as often as it likes (credential stuffing, scraping, runaway costs). Call a rate limiter first (`await ratelimit.limit(ip)`) or wrap it in one.",
    },
  },
  create(context, [{ functions = DEFAULT_RATE_LIMIT_FUNCTIONS }]) {
    const facts = fileFacts(context);
    // every finding is a request boundary's
    if (!facts.mayHaveBoundaries) return {};
    const { boundaries, responses } = facts;
    const found: RequestBoundary[] = [];
    /** Boundaries that call a rate limiter, or that only machines can call (signature or secret checks). */
    const limited = new Set<TSESTree.Node>();
    /** Boundaries that do some work (await, a call other than building a response). */
    const working = new Set<TSESTree.Node>();
    /** Per boundary, the project helpers it calls (`await protect(req)`): looked up only if nothing else limits it. */
    const helpers = new Map<TSESTree.Node, TSESTree.Identifier[]>();
    let fileWideMiddleware = false;
    /**
     * Where only a `true` counts (a helper, a middleware), a file whose text cannot hold a guard is not parsed:
     * most helpers a handler calls are not limiters, and following each would parse much of the project.
     * `declarationOnly`: `definitionRateLimits` reads only the definition (its guards are read from the node
     * itself; a definition built by a call follows the call's root, and such a declaration passes
     * `mayBeBuiltByCall`), so a large module that mentions a limiter elsewhere is not converted either.
     */
    const { configured, guardsOnly, classificationKey } = limitersFor(functions);

    function isLimiterName(name: string | undefined): boolean {
      if (name === undefined) return false;
      if (configured.has(name)) return true;
      const dot = name.lastIndexOf(".");
      if (dot !== -1 && configured.has(name.slice(dot + 1))) return true;
      // every limiter word, and `rate` before `limit`, holds one of these: most calls of a handler end here
      const lower = name.toLowerCase();
      if (!lower.includes("limit") && !lower.includes("throttl")) return false;
      const words = name.split(".").flatMap((part) => nameSegments(part));
      for (let i = 0; i < words.length; i++) {
        if (LIMITER_WORDS.has(words[i]!)) return true;
        if (words[i] === "rate" && words[i + 1]?.startsWith("limit")) return true;
      }
      return false;
    }

    /** A middleware argument: `limiter`, `rateLimit({ ... })`, or an inline function that calls one. */
    function isRateLimitMiddleware(node: TSESTree.Node): boolean {
      // `ratelimit.limit(ip)`, `checkRateLimit(req)`, `rateLimit({ windowMs })`, `ratelimit(10, "1 m").limit(key)`
      if (node.type === AST_NODE_TYPES.CallExpression) return isLimiterName(memberChainName(node.callee));
      if (isFunction(node)) return containsRateLimitCall(node);
      if (isLimiterName(memberChainName(node))) return true;
      return resolvedRateLimits(node, guardsOnly) === true;
    }

    /**
     * A rate-limit call, or a check that only machines pass: a webhook signature verification
     * (`stripe.webhooks.constructEvent`, `verifyQstashSignature`) or a comparison with a secret from
     * the environment (`authorization === \`Bearer ${process.env.CRON_SECRET}\``). Cron and webhook
     * endpoints are not public, so they need no rate limit of their own.
     */
    function isGuard(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        // asked of every call in a boundary: the callee's names are built once
        const names = calleeName(node);
        return isLimiterName(names.full) || isSignatureCheck(node, names) || isManualSignatureCheck(node, names.full) || isAuthLibraryHandler(names.full);
      }
      return node.type === AST_NODE_TYPES.BinaryExpression && comparesWithEnvSecret(node);
    }

    /**
     * A hand-written webhook check: an HMAC keyed with an environment secret
     * (`crypto.createHmac("sha256", process.env.SHOPIFY_WEBHOOK_SECRET)`), a constant-time comparison
     * (`crypto.timingSafeEqual`), a provider's `verifyWorkOSWebhook(...)`.
     */
    function isManualSignatureCheck(call: TSESTree.CallExpression, calleeFullName: string | undefined): boolean {
      const name = calleeFullName?.slice(calleeFullName.lastIndexOf(".") + 1);
      if (name === "timingSafeEqual" || (name !== undefined && /^verify\w*(?:Webhook|Signature)\w*$/u.test(name))) return true;
      return isHmacWithEnvSecret(call);
    }

    /** better-auth's `auth.handler(request)` / `toNextJsHandler(auth)` rate-limits its endpoints itself. */
    function isAuthLibraryHandler(name: string | undefined): boolean {
      return name === "auth.handler" || name === "toNextJsHandler";
    }

    function containsRateLimitCall(root: TSESTree.Node): boolean {
      let found = false;
      walk(root, (n) => {
        if (found) return false;
        if (isGuard(n)) found = true;
        return !found;
      });
      return found;
    }

    /** Does this call do work? Building a response, reading headers or the clock does not. */
    function isWork(call: TSESTree.CallExpression): boolean {
      if (responses.responseOf(call)) return false;
      const callee = unwrapExpression(call.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      return name === undefined || !TRIVIAL_CALLS.has(name);
    }

    /**
     * Does the definition of a wrapper, client or helper (one import away) rate-limit? undefined when
     * unresolvable, and (with `GUARDS_ONLY`) when the file it is in cannot hold a guard.
     */
    function resolvedRateLimits(callee: TSESTree.Node, options?: FollowOptions): boolean | undefined {
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const definition = definitionOf(context, callee, options);
      if (!definition) return undefined;
      return definitionRateLimits(definition, 0);
    }

    /** `authClient = baseClient.use(auth)`: a client built on another one rate-limits when its base does. */
    function definitionRateLimits(definition: Definition, depth: number): boolean {
      return classifyDefinition<boolean>(
        definition,
        classificationKey,
        (d) => {
          if (containsRateLimitCall(d.node)) return true;
          if (d.node.type !== AST_NODE_TYPES.CallExpression || depth > 2) return false;
          const { root } = callChain(d.node);
          if (root.type !== AST_NODE_TYPES.Identifier) return false;
          const base = definitionInFile(d.file, root.name);
          return base !== undefined && base.node !== d.node && definitionRateLimits(base, depth + 1);
        },
        false,
      );
    }

    /** Limited by what surrounds the function: wrappers, a safe-action client, a tRPC procedure, route middleware. */
    function limitedFromOutside(boundary: RequestBoundary): boolean {
      for (const wrapper of boundary.wrappers) {
        if (isLimiterName(memberChainName(wrapper.callee))) return true;
        const verdict = resolvedRateLimits(wrapper.callee);
        if (verdict !== false) return true; // rate-limits, or cannot be seen: trusted
      }
      if (boundary.safeAction) {
        const { client, clientName, middleware } = boundary.safeAction;
        if (isLimiterName(clientName) || middleware.some(isRateLimitMiddleware)) return true;
        if (client.type === AST_NODE_TYPES.CallExpression ? containsRateLimitCall(client) : resolvedRateLimits(client) !== false) return true;
      }
      if (boundary.trpc) {
        const { procedure, procedureName, middleware } = boundary.trpc;
        if (isLimiterName(procedureName) || middleware.some(isRateLimitMiddleware)) return true;
        if (resolvedRateLimits(procedure, guardsOnly) === true) return true;
      }
      if (boundary.route) {
        if (fileWideMiddleware || boundary.route.middleware.some(isRateLimitMiddleware)) return true;
      }
      return false;
    }

    function markCall(node: TSESTree.CallExpression): void {
      const boundary = boundaries.enclosingBoundary(node);
      if (!boundary) {
        // app.use(rateLimit({ ... })) at module level limits every route of the file
        const callee = node.callee;
        if (
          !enclosingFunction(node) &&
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberChainName(callee)?.endsWith(".use") &&
          node.arguments.some(isRateLimitMiddleware)
        ) {
          fileWideMiddleware = true;
        }
        return;
      }
      if (isWork(node)) working.add(boundary.fn);
      if (limited.has(boundary.fn)) return;
      if (isGuard(node)) {
        limited.add(boundary.fn);
        return;
      }
      // a project helper that may rate-limit (`await protect(req)`): its definition is followed at the end, and
      // only for a boundary that nothing else limits (following one may parse another file)
      if (node.callee.type === AST_NODE_TYPES.Identifier) {
        const calls = helpers.get(boundary.fn);
        if (calls) calls.push(node.callee);
        else helpers.set(boundary.fn, [node.callee]);
      }
    }

    function limitedByHelper(boundary: RequestBoundary): boolean {
      return helpers.get(boundary.fn)?.some((callee) => resolvedRateLimits(callee, guardsOnly) === true) ?? false;
    }

    return shareCallListener(context, {
      ":function"(node: FunctionNode) {
        const boundary = boundaries.boundaryOf(node);
        if (boundary) found.push(boundary);
      },
      CallExpression: markCall,
      AwaitExpression(node) {
        const boundary = boundaries.enclosingBoundary(node);
        if (boundary) working.add(boundary.fn);
      },
      BinaryExpression(node) {
        const boundary = boundaries.enclosingBoundary(node);
        if (boundary && !limited.has(boundary.fn) && comparesWithEnvSecret(node)) limited.add(boundary.fn);
      },
      "Program:exit"() {
        for (const boundary of found) {
          // CORS preflights, and handlers that only answer with a constant, do nothing worth limiting
          if (boundary.methods.every((m) => m === "OPTIONS") || (!working.has(boundary.fn) && boundary.wrappers.length === 0)) continue;
          if (limited.has(boundary.fn) || limitedFromOutside(boundary) || limitedByHelper(boundary)) continue;
          context.report({ loc: boundary.loc, messageId: "missingRateLimit", data: { name: describe(boundary) } });
        }
      },
    });
  },
});

/** What the rule makes of its `functions` option: built once per option set. */
interface Limiters {
  configured: ReadonlySet<string>;
  /** See `guardsOnly` in `create`. */
  guardsOnly: FollowOptions;
  /** `classifyDefinition`'s key: the answer depends on the configured names. */
  classificationKey: string;
}

/** Module texts whose `mayHoldGuard` answer is kept (per option set), at most. */
const MAX_REMEMBERED_TEXTS = 2_000;
const limitersByOption = new WeakMap<readonly string[], Limiters>();

function limitersFor(functions: readonly string[]): Limiters {
  let limiters = limitersByOption.get(functions);
  if (limiters) return limiters;
  // a dotted name matches whole (`ratelimit.limit`), so its longest part must be in the text
  const configuredWords = functions.map((name) => name.split(".").reduce((a, b) => (b.length > a.length ? b : a)));
  // `mayHoldGuard` does not depend on the name, and a module is asked for many names (each helper a handler
  // calls): its answer is kept per text (the lookup cache hands the same string each time)
  const guardTexts = new Map<string, boolean>();
  const holdsGuard = (text: string): boolean => rememberBounded(guardTexts, MAX_REMEMBERED_TEXTS, text, () => mayHoldGuard(text, configuredWords));
  limiters = {
    configured: new Set(functions),
    guardsOnly: {
      textTest: (text, name) => holdsGuard(text) || mayBeBuiltByCall(text, name),
      // a declaration's text is a new string each time, tested once
      declarationTest: (text, name) => mayHoldGuard(text, configuredWords) || mayBeBuiltByCall(text, name),
      declarationOnly: true,
    },
    classificationKey: `rate-limit:${functions.join(",")}`,
  };
  // the merged options are one object per option set (util/create-rule.ts): keyed by the array
  limitersByOption.set(functions, limiters);
  return limiters;
}

/**
 * The text pre-test of `isGuard` (see `guardsOnly`): a limiter name (`LIMITER_WORDS`, `rate` then `limit`, a
 * configured name), a signature check, a hand-written webhook check, better-auth's handler, or a comparison
 * with an environment secret each need one of these words in the text.
 */
function mayHoldGuard(text: string, configuredWords: readonly string[]): boolean {
  if (configuredWords.some((word) => text.includes(word)) || mayCheckSignature(text) || mayReadEnvSecret(text)) return true;
  if (MANUAL_CHECK_TEXT.test(text) || (text.includes("createHmac") && text.includes("env"))) return true;
  const lower = text.toLowerCase();
  return ["ratelimit", "limiter", "throttle"].some((word) => lower.includes(word)) || /rate[^a-z0-9]*limit/u.test(lower);
}

/** `isManualSignatureCheck`'s and `isAuthLibraryHandler`'s names (an HMAC keyed from the environment aside). */
const MANUAL_CHECK_TEXT = /timingSafeEqual|verify[\p{ID_Continue}$]*Webhook|auth\s*!?\s*\??\.\s*handler|toNextJsHandler/u;

/**
 * Could `name` be defined by a call (`export const protect = base.use(limit)`)? `definitionRateLimits`
 * then follows the call's root, which may be another file's limiter. Over-approximates: any `name ... =`
 * followed by something other than a function, a class, `new` or a literal.
 */
export function mayBeBuiltByCall(text: string, name: string): boolean {
  if (name === "default") return /\bexport\s+default\s+(?!async\b|function\b|class\b|new\b)[\p{ID_Start}$_(]/u.test(text);
  // each place the name starts a name, then what follows it: the expression `NAME\s*...=...` without compiling
  // one per name (a module is asked for many)
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    NOT_AFTER_NAME_PART.lastIndex = at;
    if (!NOT_AFTER_NAME_PART.test(text)) continue;
    ASSIGNED_FROM_CALL.lastIndex = at + name.length;
    if (!ASSIGNED_FROM_CALL.test(text)) continue;
    // `= (req: Request) => { ... }`, the common way to write a helper, is a function, not a call
    const first = ASSIGNED_FROM_CALL.lastIndex - 1;
    if (text[first] !== "(" || !startsArrowFunction(text, first)) return true;
  }
  return false;
}

/**
 * Does the parenthesis at `open` start an arrow function's parameters: is its match followed by `=>` or by a
 * return type (`): Promise<void> =>`)? Where an initializer starts, nothing else can follow a parenthesized
 * expression with either. A string, a comment or a regular expression in the parentheses, or no match soon,
 * answers false ("may be a call"), as does anything but `=>` or `:` after them (`(base).use(limit)`).
 */
function startsArrowFunction(text: string, open: number): boolean {
  const end = Math.min(text.length, open + MAX_PARAMETERS_TEXT);
  let depth = 0;
  for (let i = open; i < end; i++) {
    const char = text[i];
    if (char === "(") depth++;
    else if (char === ")") {
      if (--depth > 0) continue;
      ARROW_AFTER_PARAMETERS.lastIndex = i + 1;
      return ARROW_AFTER_PARAMETERS.test(text);
    } else if (char === '"' || char === "'" || char === "`" || char === "/") return false;
  }
  return false;
}
const MAX_PARAMETERS_TEXT = 2_000;
/** Sticky: after an arrow function's parameters, `=>` or the `:` of its return type. */
const ARROW_AFTER_PARAMETERS = /\s*(?:=>|:)/uy;
/** Sticky: matches (empty) where no identifier part precedes. */
const NOT_AFTER_NAME_PART = /(?<![\p{ID_Continue}$])/uy;
/** Sticky: after the name, an optional type annotation, `=` (not `==`, `=>`), then no function, class, `new` or literal. */
const ASSIGNED_FROM_CALL = /\s*(?::(?:[^;=]|=>)*?)?=(?![=>])\s*(?!async\b|function\b|class\b|new\b)[\p{ID_Start}$_(]/uy;

function describe(boundary: RequestBoundary): string {
  switch (boundary.kind) {
    case "server-action":
    case "safe-action":
      return `server action \`${boundary.name}\``;
    case "route-handler":
      return `route handler \`${boundary.name}\``;
    case "pages-api":
      return "API route";
    case "trpc":
      return `procedure \`${boundary.name}\``;
    default:
      return `route \`${boundary.name}\``;
  }
}
