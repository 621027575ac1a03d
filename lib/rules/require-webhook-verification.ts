import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isFunction, memberChainName } from "../util/ast.js";
import { findVariable } from "../util/bindings.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { getRequestBoundaries, type RequestBoundary } from "../analysis/request-boundary.js";
import { classifyDefinition, definitionOf } from "../analysis/resolve.js";
import { getSettings } from "../analysis/settings.js";
import { walk } from "../analysis/walk.js";
import { authConfig, isAuthCall, isAuthLikeName, isThrowingAuthCall } from "../analysis/auth.js";
import { comparesWithEnvSecret, hmacDigestComparison, isIpAllowlistCall, isVerificationCall, readsSignatureHeader } from "../analysis/webhook-signatures.js";
import { nameSegments } from "../util/names.js";

export type Options = [
  {
    webhookRoutes?: string[];
  },
];
export type MessageIds = "unverified" | "timingUnsafe";

export const DEFAULT_WEBHOOK_ROUTES = ["**/webhook/**", "**/webhooks/**", "**/webhook.*", "**/webhooks.*", "**/*-webhook/**", "**/*-webhooks/**"];

/** Reading the request is not work: the body has to be read to be verified. */
const REQUEST_READS = new Set(["json", "text", "arrayBuffer", "blob", "formData", "headers", "cookies", "get", "clone"]);
/** Logging and tracking before the check (often of the rejection itself) is not acting on the event. */
const LOGGING_WORDS = new Set(["log", "logger", "logging", "console", "track", "tracking", "capture", "sentry", "axiom", "metric", "metrics"]);
/** Parameters a wrapper hands only to signed-in users' handlers (`withWorkspace(async ({ workspace, session }) => ...)`). */
const USER_CONTEXT_KEYS = new Set(["session", "user", "userId", "workspace", "team", "organization", "org", "project"]);
/** A helper or wrapper whose name says it handles a webhook: what it does with the request is its business. */
const WEBHOOK_HANDLER_NAME = /webhook|signature|verif/iu;

interface Scan {
  /** What runs in the handler, in source order: checks that verify, work, and calls to judge by their definitions. */
  steps: Step[];
  readsSignature: boolean;
  timingUnsafe: TSESTree.BinaryExpression[];
  usesTimingSafeEqual: boolean;
}

/** A verification, work, or a call that is either (or neither) depending on its definition. */
type Step = { at: number; verifies: true } | { at: number; works: true } | { at: number; call: TSESTree.CallExpression };

export default createRule<Options, MessageIds>({
  name: "require-webhook-verification",
  meta: {
    type: "problem",
    docs: {
      description: "Require webhook handlers to verify the request's signature before they do work",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          webhookRoutes: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Files (globs, relative to the working directory) whose route handlers receive webhooks. Handlers that read a provider's signature header count wherever they are.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ webhookRoutes: DEFAULT_WEBHOOK_ROUTES }],
    messages: {
      unverified:
        "This webhook handler does work without verifying the request's signature, so anyone who knows the URL can forge events. Verify it first with the provider's SDK (`stripe.webhooks.constructEvent(body, signature, secret)`, svix `new Webhook(secret).verify(body, headers)`) or an HMAC compared with `crypto.timingSafeEqual`.",
      timingUnsafe:
        "This compares the computed signature with `{{operator}}`, which stops at the first differing character, so response times leak how much of a forged signature is right. Compare with `crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(received))` (after checking the lengths match).",
    },
  },
  create(context, [{ webhookRoutes = DEFAULT_WEBHOOK_ROUTES }]) {
    const { sourceCode } = context;
    const inWebhookRoute = matchesAnyGlob(context, webhookRoutes);
    // a cheap pre-test: a webhook handler lives on a webhook path or reads a signature header
    if (!inWebhookRoute && !/signature|hmac/iu.test(sourceCode.text)) return {};
    const settings = getSettings(context);
    const extra = new Set(settings.webhookVerifiers);
    const auth = authConfig(settings);
    const boundaries = getRequestBoundaries(context);
    const queries = fileFacts(context).queries;
    const responses = fileFacts(context).responses;
    const found = new Set<RequestBoundary>();

    /** Does a definition (a wrapper, a helper) verify a signature somewhere inside? */
    function definitionVerifies(callee: TSESTree.Node): boolean | undefined {
      const local = localFunction(callee);
      if (local) return containsVerification(local);
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const definition = definitionOf(context, callee);
      if (!definition) return undefined;
      return classifyDefinition(definition, `webhook-verifies:${[...extra].join(",")}`, (d) => containsVerification(d.node), false);
    }

    function containsVerification(root: TSESTree.Node): boolean {
      let verifies = false;
      walk(root, (n) => {
        if (verifies) return false;
        if (n.type === AST_NODE_TYPES.CallExpression && isVerificationCall(n, extra)) verifies = true;
        if (n.type === AST_NODE_TYPES.BinaryExpression && (comparesWithEnvSecret(n, sourceCode) || hmacDigestComparison(n, sourceCode))) verifies = true;
        return !verifies;
      });
      return verifies;
    }

    function localFunction(callee: TSESTree.Node): TSESTree.Node | undefined {
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = findVariable(sourceCode, callee)?.defs[0];
      if (def?.type === "FunctionName") return def.node;
      if (def?.type === "Variable" && def.node.init && isFunction(def.node.init)) return def.node.init;
      return undefined;
    }

    /** A wrapper around the handler that verifies (QStash `verifySignatureAppRouter(handler)`), or one we cannot see into. */
    function verifiedByWrapper(boundary: RequestBoundary): boolean {
      return boundary.wrappers.some((wrapper) => {
        if (WEBHOOK_HANDLER_NAME.test(memberChainName(wrapper.callee) ?? "")) return true;
        return definitionVerifies(wrapper.callee) !== false;
      });
    }

    /**
     * Reading the request (`req.clone().text()`, `buffer(req)`, `getRawBody(req)`), getting a client ready
     * (`await getServerStripe()`, `await getIP()`) and logging are not acting on the event.
     */
    function isPreparation(call: TSESTree.CallExpression, boundary: RequestBoundary): boolean {
      const callee = call.callee;
      const last =
        callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
          ? callee.property.name
          : callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : undefined;
      if (last !== undefined && REQUEST_READS.has(last)) return true;
      const words = (memberChainName(callee) ?? last ?? "").split(".").flatMap((part) => nameSegments(part));
      if (words.some((word) => LOGGING_WORDS.has(word))) return true;
      return call.arguments.every((argument) => argument.type === AST_NODE_TYPES.Identifier && boundary.fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === argument.name));
    }

    /**
     * A handler for signed-in users (it reads the session, or its wrapper hands it one) is where users manage
     * their webhooks, not where a provider posts them.
     */
    function servesSignedInUser(boundary: RequestBoundary): boolean {
      if (boundary.wrappers.some((wrapper) => {
        const name = memberChainName(wrapper.callee);
        return name !== undefined && (auth.wrappers.has(name) || isAuthLikeName(name));
      })) return true;
      const [first] = boundary.fn.params;
      if (first?.type === AST_NODE_TYPES.ObjectPattern && first.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && USER_CONTEXT_KEYS.has(p.key.name))) {
        return true;
      }
      let found = false;
      walk(boundary.fn.body, (n) => {
        if (found) return false;
        if (n.type === AST_NODE_TYPES.CallExpression && (isAuthCall(n, auth) || isThrowingAuthCall(n))) found = true;
        return !found;
      });
      return found;
    }

    function readsSignature(boundary: RequestBoundary): boolean {
      let reads = false;
      walk(boundary.fn.body, (node) => {
        if (reads) return false;
        if (readsSignatureHeader(node)) reads = true;
        return !reads;
      });
      return reads;
    }

    function scan(boundary: RequestBoundary): Scan {
      const result: Scan = { steps: [], readsSignature: false, timingUnsafe: [], usesTimingSafeEqual: false };
      const verified = (position: number): void => {
        result.steps.push({ at: position, verifies: true });
      };
      const work = (position: number): void => {
        result.steps.push({ at: position, works: true });
      };
      walk(boundary.fn.body, (node) => {
        if (readsSignatureHeader(node)) result.readsSignature = true;
        if (node.type === AST_NODE_TYPES.BinaryExpression) {
          if (comparesWithEnvSecret(node, sourceCode)) verified(node.range[0]);
          if (hmacDigestComparison(node, sourceCode)) {
            verified(node.range[0]);
            result.timingUnsafe.push(node);
          }
          return;
        }
        if (node.type === AST_NODE_TYPES.CallExpression) {
          if (memberChainName(node.callee)?.endsWith("timingSafeEqual")) result.usesTimingSafeEqual = true;
          if (isVerificationCall(node, extra) || isIpAllowlistCall(node)) {
            verified(node.range[0]);
            return;
          }
          const query = queries.queryAt(node);
          if (query) {
            // a read changes nothing: looking up the tenant's webhook secret must come first
            if (!query.readsOnly) work(node.range[0]);
            return;
          }
          result.steps.push({ at: node.range[0], call: node });
        }
      });
      return result;
    }

    /** A call of the handler: a project helper that verifies (or one named for handling webhooks we cannot see into), work, or neither. */
    function judgeCall(call: TSESTree.CallExpression, boundary: RequestBoundary): "verifies" | "works" | undefined {
      const verdict = call.callee.type === AST_NODE_TYPES.Identifier || call.callee.type === AST_NODE_TYPES.MemberExpression ? definitionVerifies(call.callee) : undefined;
      if (verdict === true || (verdict === undefined && WEBHOOK_HANDLER_NAME.test(memberChainName(call.callee) ?? ""))) return "verifies";
      if (call.parent.type === AST_NODE_TYPES.AwaitExpression && !isPreparation(call, boundary) && !responses.responseOf(call)) return "works";
      return undefined;
    }

    /**
     * Does work come before any verification (a verification at the same position counts as first)? The
     * steps are judged in source order up to the first that decides, so the definitions of the calls
     * after it are never followed.
     */
    function worksBeforeVerifying(steps: readonly Step[], boundary: RequestBoundary): boolean {
      const ordered = [...steps].sort((a, b) => a.at - b.at);
      for (let i = 0; i < ordered.length; ) {
        const at = ordered[i]!.at;
        let verifies = false;
        let works = false;
        for (; i < ordered.length && ordered[i]!.at === at; i++) {
          const step = ordered[i]!;
          const kind = "call" in step ? judgeCall(step.call, boundary) : "verifies" in step ? "verifies" : "works";
          if (kind === "verifies") verifies = true;
          else if (kind === "works") works = true;
        }
        if (verifies) return false;
        if (works) return true;
      }
      return false;
    }

    return {
      ":function"(node: TSESTree.FunctionLike) {
        const boundary = boundaries.boundaryOf(node);
        if (boundary && (boundary.kind === "route-handler" || boundary.kind === "pages-api")) found.add(boundary);
      },
      "Program:exit"() {
        for (const boundary of found) {
          // off a webhook path only a handler that reads a signature header is one: look for that first,
          // before following the definitions of every call
          if (!inWebhookRoute && !readsSignature(boundary)) continue;
          const result = scan(boundary);
          for (const comparison of result.usesTimingSafeEqual ? [] : result.timingUnsafe) {
            context.report({ node: comparison, messageId: "timingUnsafe", data: { operator: comparison.operator } });
          }
          if (!worksBeforeVerifying(result.steps, boundary) || verifiedByWrapper(boundary) || servesSignedInUser(boundary)) continue;
          context.report({ loc: boundary.loc, messageId: "unverified" });
        }
      },
    };
  },
});
