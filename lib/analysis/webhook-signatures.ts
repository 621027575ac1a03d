/**
 * How machine-to-machine requests prove where they come from: webhook signatures and shared secrets.
 *
 * ```ts
 * isVerificationCall(call, extra)   // stripe.webhooks.constructEvent(), wh.verify(), receiver.verify(), paddle.webhooks.unmarshal()
 * isHmacWithEnvSecret(call)         // crypto.createHmac("sha256", process.env.SHOPIFY_WEBHOOK_SECRET)
 * comparesWithEnvSecret(binary)     // authorization === `Bearer ${process.env.CRON_SECRET}`
 * hmacDigestComparison(binary, sc)  // computed === signatureHeader: a verification, but not in constant time
 * readsSignatureHeader(node)        // headers.get("stripe-signature"), req.headers["x-hub-signature-256"]
 * ```
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { memberChainName } from "../util/ast.js";
import { constInitializer, unwrapExpression } from "../util/bindings.js";
import { isSecretName, nameSegments } from "../util/names.js";
import { isSignatureCheck } from "./auth.js";
import { walk } from "./walk.js";

/** Provider methods that verify a payload's signature before they return it. */
const VERIFYING_METHODS = new Set([
  "constructEvent",
  "constructEventAsync",
  "unmarshal", // Paddle
  "validateEvent", // Polar
  "verifyAndReceive", // Octokit
  "verifyAndParse",
  "timingSafeEqual",
  "verifyWebhook",
  "verifyWebhookSignature",
  "verifySlackRequest",
  "verifyRequestSignature",
  "verifyKey", // discord-interactions
  "isValidSignature",
  "parseThinEvent", // Stripe v2 thin events
  "parseEventNotification",
]);
/** `<provider>.webhooks.validate(...)` (Shopify), `<provider>.webhooks.verify(...)` (Resend, Octokit). */
const WEBHOOKS_OBJECT_METHODS = new Set(["validate", "verify", "verifySignature", "unwrap"]);
const VERIFY_NAME = /^(?:verify|validate|check|authenticate)\w*(?:Webhook|Signature|Hmac|HMAC|Request|Payload|Event)\w*$|^(?:is|has)Valid\w*(?:Signature|Webhook|Hmac)\w*$/u;

/** Request headers that carry a provider's signature. */
export const SIGNATURE_HEADER = /signature|^x-hub-signature|^stripe-signature$|^svix-|^webhook-signature$|^x-slack-|^x-shopify-hmac|^x-line-signature$|^x-twilio-signature$|^linear-signature$|^x-cal-signature/iu;

/** A call that verifies a request's signature (or is named for doing so). `extra`: project verifier names. */
export function isVerificationCall(call: TSESTree.CallExpression, extra: ReadonlySet<string> = new Set()): boolean {
  const name = memberChainName(call.callee);
  const last = name?.split(".").at(-1);
  if (name !== undefined && (extra.has(name) || (last !== undefined && extra.has(last)))) return true;
  if (isSignatureCheck(call) || isHmacWithEnvSecret(call)) return true;
  if (last === undefined) return false;
  if (VERIFYING_METHODS.has(last) || VERIFY_NAME.test(last)) return true;
  const segments = name!.split(".");
  return WEBHOOKS_OBJECT_METHODS.has(last) && segments.length >= 2 && /^webhooks?$/iu.test(segments.at(-2)!);
}

/** `createHmac("sha256", process.env.WEBHOOK_SECRET)`: an HMAC keyed with a secret from the environment. */
export function isHmacWithEnvSecret(call: TSESTree.CallExpression): boolean {
  if (memberChainName(call.callee)?.split(".").at(-1) !== "createHmac") return false;
  return call.arguments.some((argument) => readsEnv(argument));
}

/** `x === process.env.CRON_SECRET`, `auth !== \`Bearer ${env.CRON_SECRET}\``: a shared secret checked by equality. */
export function comparesWithEnvSecret(node: TSESTree.BinaryExpression, sourceCode?: Readonly<TSESLint.SourceCode>): boolean {
  if (!["===", "!==", "==", "!="].includes(node.operator)) return false;
  return [node.left, node.right].some((side) => {
    if (readsEnv(side, true)) return true;
    // `const verificationToken = env.PUBSUB_VERIFICATION_TOKEN; ... token !== verificationToken`
    const target = unwrapExpression(side);
    if (!sourceCode || target.type !== AST_NODE_TYPES.Identifier) return false;
    const init = constInitializer(sourceCode, target);
    return init !== undefined && readsEnv(init, true);
  });
}

/** `isIpInRange(ip, range)`, `isAllowedIp(ip)`: a provider that does not sign is checked by its published addresses. */
export function isIpAllowlistCall(call: TSESTree.CallExpression): boolean {
  const last = memberChainName(call.callee)?.split(".").at(-1);
  if (last === undefined) return false;
  const words = nameSegments(last);
  return words.includes("ip") && words.some((word) => IP_ALLOW_WORDS.has(word));
}
const IP_ALLOW_WORDS = new Set(["range", "ranges", "allowed", "allow", "allowlist", "allowlisted", "whitelist", "whitelisted", "trusted", "cidr"]);

/**
 * The text pre-test of `comparesWithEnvSecret` (without a source code: the secret read in the comparison
 * itself): a file with no `env.<secret name>` member read holds no such comparison.
 */
export function mayReadEnvSecret(text: string): boolean {
  if (text.includes("\\u")) return true;
  for (const match of text.matchAll(ENV_MEMBER)) if (isSecretName(match[1]!)) return true;
  return false;
}
/** `process.env.X`, `env.X`, `Bun.env?.X`, `import.meta.env!.X`: the member names `readsEnv` checks. */
const ENV_MEMBER = /env\s*!?\s*\??\.\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*)/gu;

function readsEnv(root: TSESTree.Node, secretOnly = false): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier) {
      const env = memberChainName(n.object);
      if ((env === "process.env" || env === "env" || env === "Bun.env" || env === "import.meta.env") && (!secretOnly || isSecretName(n.property.name))) {
        found = true;
      }
    }
    return !found;
  });
  return found;
}

/**
 * `digest === signature`: one side is an HMAC digest computed here (`createHmac(...).update(body).digest("hex")`,
 * directly or through a `const`). The comparison verifies, but `===` returns as soon as a byte differs, so the
 * time it takes tells an attacker how much of a forged signature is right.
 */
export function hmacDigestComparison(node: TSESTree.BinaryExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!["===", "!==", "==", "!="].includes(node.operator)) return false;
  return [node.left, node.right].some((side) => isHmacDigest(side, sourceCode, 0));
}

/** `createHash` too: some providers sign with `sha256(secret + body)` (HubSpot v1) rather than an HMAC. */
const DIGEST_FACTORIES = new Set(["createHmac", "createHash"]);

function isHmacDigest(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (depth > 3) return false;
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(sourceCode, target);
    return init !== undefined && isHmacDigest(init, sourceCode, depth + 1);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = target.callee.property.type === AST_NODE_TYPES.Identifier ? target.callee.property.name : undefined;
  if (method !== "digest" && method !== "toString") return false;
  let hmac = false;
  walk(target.callee.object, (n) => {
    if (hmac) return false;
    if (n.type === AST_NODE_TYPES.CallExpression && DIGEST_FACTORIES.has(memberChainName(n.callee)?.split(".").at(-1) ?? "")) hmac = true;
    return !hmac;
  });
  return hmac;
}

/** `headers.get("stripe-signature")`, `req.headers["x-hub-signature-256"]`, `headers().get("svix-signature")`. */
export function readsSignatureHeader(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = node.callee;
    const first = node.arguments[0];
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === "get" &&
      first?.type === AST_NODE_TYPES.Literal &&
      typeof first.value === "string" &&
      SIGNATURE_HEADER.test(first.value) &&
      /headers/iu.test(memberChainName(callee.object) ?? (callee.object.type === AST_NODE_TYPES.CallExpression ? (memberChainName(callee.object.callee) ?? "") : ""))
    );
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const key =
      node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "string"
        ? node.property.value
        : !node.computed && node.property.type === AST_NODE_TYPES.Identifier
          ? node.property.name
          : undefined;
    return key !== undefined && SIGNATURE_HEADER.test(key) && /headers$/iu.test(memberChainName(node.object) ?? "");
  }
  return false;
}
