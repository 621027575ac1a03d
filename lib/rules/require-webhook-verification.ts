import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { isFunction, memberChainName } from "../util/ast.js";
import { findVariable } from "../util/bindings.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { createDbQueryDetector } from "../analysis/db-queries.js";
import { getRequestBoundaries, type RequestBoundary } from "../analysis/request-boundary.js";
import { classifyDefinition, definitionOf } from "../analysis/resolve.js";
import { createResponseDetector } from "../analysis/responses.js";
import { getSettings } from "../analysis/settings.js";
import { walk } from "../analysis/walk.js";
import { comparesWithEnvSecret, hmacDigestComparison, isVerificationCall, readsSignatureHeader } from "../analysis/webhook-signatures.js";

export type Options = [
  {
    webhookRoutes?: string[];
  },
];
export type MessageIds = "unverified" | "timingUnsafe";

export const DEFAULT_WEBHOOK_ROUTES = ["**/webhook/**", "**/webhooks/**", "**/webhook.*", "**/webhooks.*", "**/*-webhook/**", "**/*-webhooks/**"];

/** Reading the request is not work: the body has to be read to be verified. */
const REQUEST_READS = new Set(["json", "text", "arrayBuffer", "blob", "formData", "headers", "cookies", "get", "clone"]);
/** A helper or wrapper whose name says it handles a webhook: what it does with the request is its business. */
const WEBHOOK_HANDLER_NAME = /webhook|signature|verif/iu;

interface Scan {
  verifiedAt: number;
  workAt: number;
  readsSignature: boolean;
  timingUnsafe: TSESTree.BinaryExpression[];
  usesTimingSafeEqual: boolean;
}

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
    const extra = new Set(getSettings(context).webhookVerifiers);
    const boundaries = getRequestBoundaries(context);
    const queries = createDbQueryDetector(context);
    const responses = createResponseDetector(context);
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
        if (n.type === AST_NODE_TYPES.BinaryExpression && (comparesWithEnvSecret(n) || hmacDigestComparison(n, sourceCode))) verifies = true;
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

    function isRequestRead(call: TSESTree.CallExpression): boolean {
      const name = memberChainName(call.callee);
      const last = name?.split(".").at(-1);
      return last !== undefined && REQUEST_READS.has(last);
    }

    function scan(boundary: RequestBoundary): Scan {
      const result: Scan = { verifiedAt: Infinity, workAt: Infinity, readsSignature: false, timingUnsafe: [], usesTimingSafeEqual: false };
      const verified = (position: number): void => {
        result.verifiedAt = Math.min(result.verifiedAt, position);
      };
      const work = (position: number): void => {
        result.workAt = Math.min(result.workAt, position);
      };
      walk(boundary.fn.body, (node) => {
        if (readsSignatureHeader(node)) result.readsSignature = true;
        if (node.type === AST_NODE_TYPES.BinaryExpression) {
          if (comparesWithEnvSecret(node)) verified(node.range[0]);
          if (hmacDigestComparison(node, sourceCode)) {
            verified(node.range[0]);
            result.timingUnsafe.push(node);
          }
          return;
        }
        if (node.type === AST_NODE_TYPES.CallExpression) {
          if (memberChainName(node.callee)?.endsWith("timingSafeEqual")) result.usesTimingSafeEqual = true;
          if (isVerificationCall(node, extra)) {
            verified(node.range[0]);
            return;
          }
          if (queries.queryAt(node)) {
            work(node.range[0]);
            return;
          }
          // a project helper that verifies, or one named for handling webhooks that we cannot see into
          const verdict = node.callee.type === AST_NODE_TYPES.Identifier || node.callee.type === AST_NODE_TYPES.MemberExpression ? definitionVerifies(node.callee) : undefined;
          if (verdict === true || (verdict === undefined && WEBHOOK_HANDLER_NAME.test(memberChainName(node.callee) ?? ""))) {
            verified(node.range[0]);
            return;
          }
          if (node.parent.type === AST_NODE_TYPES.AwaitExpression && !isRequestRead(node) && !responses.responseOf(node)) work(node.range[0]);
        }
      });
      return result;
    }

    return {
      ":function"(node: TSESTree.FunctionLike) {
        const boundary = boundaries.boundaryOf(node);
        if (boundary && (boundary.kind === "route-handler" || boundary.kind === "pages-api")) found.add(boundary);
      },
      "Program:exit"() {
        for (const boundary of found) {
          const result = scan(boundary);
          if (!inWebhookRoute && !result.readsSignature) continue;
          for (const comparison of result.usesTimingSafeEqual ? [] : result.timingUnsafe) {
            context.report({ node: comparison, messageId: "timingUnsafe", data: { operator: comparison.operator } });
          }
          if (result.workAt === Infinity || result.verifiedAt <= result.workAt || verifiedByWrapper(boundary)) continue;
          context.report({ loc: boundary.loc, messageId: "unverified" });
        }
      },
    };
  },
});
