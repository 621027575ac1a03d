import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isFunction, memberChainName } from "../util/ast.js";
import { unwrapExpression } from "../util/bindings.js";
import { expressionNames, nameSegments, staticString } from "../util/names.js";
import { matchesAnyGlob, relativeFilename } from "../util/file-match.js";
import { exits } from "../analysis/auth.js";
import { createCookieAnalysis, keyName } from "../analysis/cookies.js";
import { writtenValues, type DbQuery } from "../analysis/db-queries.js";
import { getRequestBoundaries, type RequestBoundary } from "../analysis/request-boundary.js";
import { getSettings } from "../analysis/settings.js";
import { createStorageAnalysis } from "../analysis/storage.js";
import { walk } from "../analysis/walk.js";
import { comparesWithEnvSecret, isVerificationCall } from "../analysis/webhook-signatures.js";

export type Options = [
  {
    allowRoutes?: string[];
    ignoreModels?: string[];
  },
];
export type MessageIds = "sideEffectInGet";

/** Routes that must be `GET` by protocol: OAuth and email-link callbacks, unsubscribe, magic and invitation links. */
export const DEFAULT_ALLOW_ROUTES = [
  "**/*callback*/**",
  "**/*callback*.*",
  "**/*verify*/**",
  "**/*verify*.*",
  "**/*confirm*/**",
  "**/*confirm*.*",
  "**/*unsubscribe*/**",
  "**/*unsubscribe*.*",
  "**/*magic*/**",
  "**/*magic*.*",
  "**/*accept*/**",
  "**/*accept*.*",
  "**/*join*/**",
  "**/*join*.*",
];
/** Append-only logs and analytics: recording that a page was viewed is what a `GET` may do. */
const LOG_MODEL = /(?:Log|Logs|Event|Events|View|Views|Click|Clicks|Visit|Visits|Impression|Impressions|Analytics|Audit|Audits|Activity|Activities|Metric|Metrics)$/u;
/** Query parameters (and route segments) that carry the token a callback verifies. */
const TOKEN_PARAMS = new Set(["token", "state", "code", "otp", "hash", "signature", "sig", "t", "key", "secret", "verificationToken"]);
/** Bookkeeping a read may do: counters and "last seen" timestamps. */
const BOOKKEEPING_KEY = /^(?:last[A-Z]\w*|\w*(?:Count|count)|views?|clicks?|visits?|updatedAt|\w*(?:Seen|Viewed|Opened|Accessed|Used)At)$/u;

/** Cookies that carry one sign-in step (OAuth `state`, the PKCE verifier, a nonce), which a `GET` that starts the step sets by design. */
const SIGN_IN_STEP_WORDS = new Set(["state", "verifier", "pkce", "nonce", "csrf", "xsrf", "redirect", "callback", "return", "consent"]);

type Effect = { node: TSESTree.Node; kind: "write"; query: DbQuery } | { node: TSESTree.Node; kind: "delete" | "cookie" };

export default createRule<Options, MessageIds>({
  name: "no-side-effects-in-get",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `GET` handlers that write to the database, delete stored files or set session cookies",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          allowRoutes: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Files (globs, relative to the working directory) of routes that must be `GET` (OAuth and email-link callbacks); their handlers may write once they read the token or `state` they verify.",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Models or tables a `GET` may write to (append-only logs, analytics), besides those whose names end in `Log`, `Event`, `View`, `Click` and the like.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowRoutes: DEFAULT_ALLOW_ROUTES, ignoreModels: [] }],
    messages: {
      sideEffectInGet:
        "This `GET` handler {{effect}}, so another site can trigger it with a link or an image, and link prefetching may run it. Move the change to `POST` (or a server action).",
    },
  },
  create(context, [{ allowRoutes = DEFAULT_ALLOW_ROUTES, ignoreModels = [] }]) {
    const { sourceCode } = context;
    const boundaries = getRequestBoundaries(context);
    if (boundaries.fileKind !== "app-route" && boundaries.fileKind !== "pages-api") return {};
    const queries = fileFacts(context).queries;
    const storage = createStorageAnalysis(context, { uploadFunctions: getSettings(context).uploadFunctions });
    const cookies = createCookieAnalysis(sourceCode);
    const verifiers = new Set(getSettings(context).webhookVerifiers);
    const ignored = new Set(ignoreModels.map((m) => m.toLowerCase()));
    const allowedRoute = matchesAnyGlob(context, allowRoutes);
    const effects: Effect[] = [];

    function effectOf(node: TSESTree.CallExpression): Effect | undefined {
      const query = queries.queryAt(node);
      if (query) return query.kind === "write" ? { node, kind: "write", query } : undefined;
      if (storage.mayInvolveStorage() && storage.storageCall(node)?.kind === "delete") return { node, kind: "delete" };
      const cookie = cookies.cookieCall(node);
      if (cookie && !isSignInStep(cookie.name, cookie.value) && cookies.holdsSession(cookie)) {
        return { node, kind: "cookie" };
      }
      return undefined;
    }

    function isSignInStep(...parts: (TSESTree.Node | undefined)[]): boolean {
      return parts.some((part) => {
        if (!part) return false;
        const text = staticString(part) ?? expressionNames(part)?.join(" ") ?? sourceCode.getText(part);
        return nameSegments(text).some((word) => SIGN_IN_STEP_WORDS.has(word));
      });
    }

    function isLogWrite(query: DbQuery): boolean {
      const model = query.model?.replace(/^["'`]|["'`]$/gu, "");
      if (model === undefined) return false;
      const name = model.split(".").at(-1)!;
      if (ignored.has(name.toLowerCase())) return true;
      return LOG_MODEL.test(name.charAt(0).toUpperCase() + name.slice(1)) || /_?(?:logs?|events?|views?|clicks?|visits?)$/iu.test(name);
    }

    /** `data: { views: { increment: 1 }, lastViewedAt: new Date() }`: counting a read is bookkeeping. */
    function isBookkeeping(query: DbQuery): boolean {
      const values = writtenValues(query);
      if (values.length === 0) return false;
      return values.every((value) => {
        const object = unwrapExpression(value);
        if (object.type !== AST_NODE_TYPES.ObjectExpression || object.properties.length === 0) return false;
        return object.properties.every((property) => {
          if (property.type !== AST_NODE_TYPES.Property) return false;
          const key = keyName(property);
          const inner = unwrapExpression(property.value);
          const increments =
            inner.type === AST_NODE_TYPES.ObjectExpression &&
            inner.properties.every((p) => p.type === AST_NODE_TYPES.Property && ["increment", "decrement"].includes(keyName(p) ?? ""));
          return increments || (key !== undefined && BOOKKEEPING_KEY.test(key));
        });
      });
    }

    /** Is the effect reached by a `GET` (or `HEAD`) request? */
    function runsOnGet(effect: Effect, boundary: RequestBoundary): boolean {
      if (boundary.kind === "route-handler") return boundary.methods.includes("GET") || boundary.methods.includes("HEAD");
      if (boundary.kind !== "pages-api") return false;
      const request = boundary.bindings.request?.name;
      return request !== undefined && inGetBranch(effect.node, boundary.fn, request);
    }

    /** Pages API routes serve every method: only code behind a `req.method === "GET"` test runs for `GET`. */
    function inGetBranch(node: TSESTree.Node, fn: TSESTree.Node, request: string): boolean {
      for (let child: TSESTree.Node = node, parent = node.parent; parent && child !== fn; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && methodTest(parent.test, request) === "is-get") return true;
        if (parent.type === AST_NODE_TYPES.SwitchCase && isMethodSwitch(parent.parent, request)) {
          return parent.test?.type === AST_NODE_TYPES.Literal && (parent.test.value === "GET" || parent.test.value === "HEAD");
        }
        if (parent.type === AST_NODE_TYPES.BlockStatement && parent.parent === fn) {
          // `if (req.method !== "GET") return res.status(405).end();` above: the rest of the handler is GET only
          const index = parent.body.indexOf(child as TSESTree.Statement);
          return parent.body.slice(0, index).some((statement) => statement.type === AST_NODE_TYPES.IfStatement && methodTest(statement.test, request) === "not-get" && exits(statement.consequent));
        }
      }
      return false;
    }

    function methodTest(test: TSESTree.Node, request: string): "is-get" | "not-get" | undefined {
      const node = unwrapExpression(test);
      if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === "||") {
        const left = methodTest(node.left, request);
        return left === methodTest(node.right, request) ? left : undefined;
      }
      if (node.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
      const sides = [node.left, node.right];
      const method = sides.find((side) => memberChainName(side) === `${request}.method`);
      const literal = sides.find((side): side is TSESTree.StringLiteral => side.type === AST_NODE_TYPES.Literal && typeof side.value === "string");
      if (!method || !literal || (literal.value !== "GET" && literal.value !== "HEAD")) return undefined;
      if (node.operator === "===" || node.operator === "==") return "is-get";
      return node.operator === "!==" || node.operator === "!=" ? "not-get" : undefined;
    }

    function isMethodSwitch(node: TSESTree.Node, request: string): boolean {
      return node.type === AST_NODE_TYPES.SwitchStatement && memberChainName(node.discriminant) === `${request}.method`;
    }

    /** A cron secret or a signature is checked before the effect: a machine calls this `GET`, not a browser. */
    function machineChecked(boundary: RequestBoundary, position: number): boolean {
      let checked = false;
      walk(boundary.fn.body, (n) => {
        if (checked || n.range[0] >= position) return false;
        if (n.type === AST_NODE_TYPES.BinaryExpression && comparesWithEnvSecret(n)) checked = true;
        if (n.type === AST_NODE_TYPES.CallExpression && isVerificationCall(n, verifiers)) checked = true;
        return !checked;
      });
      return checked || boundary.wrappers.some((wrapper) => /verif|signature|cron/iu.test(memberChainName(wrapper.callee) ?? ""));
    }

    /** A callback route reads the token or `state` it verifies before it acts (or the token is in its path). */
    function readsCallbackToken(boundary: RequestBoundary, position: number): boolean {
      if (/\[(?:\.\.\.)?(?:token|code|key|hash|id)\w*\]/iu.test(relativeFilename(context))) return true;
      let reads = false;
      walk(boundary.fn.body, (n) => {
        if (reads || n.range[0] >= position) return false;
        if (n.type === AST_NODE_TYPES.CallExpression && memberChainName(n.callee)?.endsWith(".get")) {
          const first = n.arguments[0];
          if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string" && TOKEN_PARAMS.has(first.value)) reads = true;
        }
        if (n.type === AST_NODE_TYPES.Property && n.parent.type === AST_NODE_TYPES.ObjectPattern && TOKEN_PARAMS.has(keyName(n) ?? "")) reads = true;
        if (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier && TOKEN_PARAMS.has(n.property.name) && /query|params|searchParams/u.test(memberChainName(n.object) ?? "")) reads = true;
        return !reads;
      });
      return reads;
    }

    function describe(effect: Effect): string {
      if (effect.kind !== "write") return effect.kind === "delete" ? "deletes a stored file" : "sets a session cookie";
      const target = effect.query.model ? ` \`${effect.query.model.replace(/^["'`]|["'`]$/gu, "")}\`` : "";
      return `writes to the database (\`${effect.query.operation}\`${target ? ` on${target}` : ""})`;
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const effect = effectOf(node);
        if (effect) effects.push(effect);
      },
      "Program:exit"() {
        for (const effect of effects) {
          const boundary = boundaries.enclosingBoundary(effect.node);
          if (!boundary || !isFunction(boundary.fn) || !runsOnGet(effect, boundary)) continue;
          if (effect.kind === "write" && (isLogWrite(effect.query) || isBookkeeping(effect.query))) continue;
          const position = effect.node.range[0];
          if (machineChecked(boundary, position)) continue;
          if (allowedRoute && readsCallbackToken(boundary, position)) continue;
          const loc = effect.kind === "write" ? { start: effect.query.node.loc.start, end: effect.node.loc.end } : effect.node.loc;
          context.report({ loc, messageId: "sideEffectInGet", data: { effect: describe(effect) } });
        }
      },
    });
  },
});
