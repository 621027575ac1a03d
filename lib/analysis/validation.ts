/**
 * Schema-validation knowledge: what is a schema, what is a validator call. Syntactic, so it works on the
 * linted file and on definitions parsed by `resolve.ts`.
 *
 * ```ts
 * isSchemaLike(node)                     // UserSchema, ZId, z.object({...}), Schema.extend({...}), schemas.user
 * validatorCall(call, extraValidators)   // the argument nodes a call validates, or undefined
 * isValidatedSink(call)                  // webhook signature checks, handleUpload({ body }): validated by construction
 * ```
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { memberChainName } from "../util/ast.js";
import { calleeName, exits, isSignatureCheck } from "./auth.js";
import { walk } from "./walk.js";

const SCHEMA_NAME = /(?:Schema|schema|Validator|validator)$|^Z[A-Z][A-Za-z0-9]*$|^(?:schema|schemas|validators?)$/u;
const SCHEMA_LIBRARIES = new Set(["z", "zod", "v", "valibot", "yup", "Joi", "joi", "Type", "Schema", "typia"]);
const DERIVED = new Set([
  "extend",
  "pick",
  "omit",
  "partial",
  "strict",
  "merge",
  "required",
  "passthrough",
  "strip",
  "array",
  "optional",
  "nullable",
  "nullish",
  "refine",
  "superRefine",
  "transform",
  "and",
  "or",
  "default",
  "catch",
  "pipe",
  "brand",
  "readonly",
  "describe",
  "deepPartial",
  "keyof",
  "shape",
  "element",
]);
const PARSE_METHODS = new Set([
  "parse",
  "safeParse",
  "parseAsync",
  "safeParseAsync",
  "spa",
  "validate",
  "validateSync",
  "validateAsync",
  "decode",
  "assert",
  "is",
  "cast",
  "check",
]);

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * A schema expression: an identifier named like one (`CreatePostSchema`, `ZId`, `userValidator`), a member
 * (`schemas.createPost`, `Post.schema`), a schema-library expression (`z.object({...})`, `z.string().email()`),
 * or a derived schema (`Schema.extend({...})`, `.pick()`, `.omit()`, `.partial()`, `.strict()`, `.merge()`).
 * `isKnownSchema` may confirm other identifiers (e.g. a local `const input = z.object(...)`).
 */
export function isSchemaLike(node: TSESTree.Node, isKnownSchema?: (id: TSESTree.Identifier) => boolean): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return SCHEMA_NAME.test(value.name) || (isKnownSchema?.(value) ?? false);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    if (value.computed) return isSchemaLike(value.object, isKnownSchema);
    if (value.property.type !== AST_NODE_TYPES.Identifier) return false;
    if (SCHEMA_NAME.test(value.property.name)) return true;
    if (DERIVED.has(value.property.name)) return isSchemaLike(value.object, isKnownSchema);
    const object = unwrap(value.object);
    if (object.type === AST_NODE_TYPES.Identifier && /^(?:schemas|validators|Schemas)$/u.test(object.name)) return true;
    // `z.string`, `v.object` used as a value
    return object.type === AST_NODE_TYPES.Identifier && SCHEMA_LIBRARIES.has(object.name) && object.name.length <= 4;
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
      const object = unwrap(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && SCHEMA_LIBRARIES.has(object.name)) return true;
      if (DERIVED.has(callee.property.name) || /^(?:min|max|email|url|uuid|cuid|length|trim|int|positive|nonempty|regex)$/u.test(callee.property.name)) {
        return isSchemaLike(callee.object, isKnownSchema);
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // valibot / typebox style: `object({...})`, `Type.Object`; zod-form-data `zfd.formData({...})`
      return /^(?:zfd|object|strictObject|looseObject)$/u.test(callee.name) && value.arguments.length > 0;
    }
  }
  return false;
}

/**
 * Could a module's text define a binding that `isSchemaLike` (without `isKnownSchema`) takes for a schema? Its
 * definition names a schema (`SCHEMA_NAME`: the words `Schema`, `Validator`, a `Z` name), a schema library, or
 * a schema constructor; `\b` over-approximates the ends of a name, and a `\u` escape may spell any of them.
 */
const SCHEMA_TEXT = /[Ss]chema|[Vv]alidator|Z[A-Z]|\b(?:z|zod|v|valibot|yup|[Jj]oi|Type|typia|zfd|object|strictObject|looseObject)\b|\\u/u;

export function mayDefineSchema(text: string): boolean {
  return SCHEMA_TEXT.test(text);
}

/** Does a schema-like node appear as an argument, an array element or an object property value? */
function hasSchemaArgument(call: TSESTree.CallExpression, isKnownSchema?: (id: TSESTree.Identifier) => boolean): boolean {
  for (const argument of call.arguments) {
    const value = unwrap(argument);
    if (isSchemaLike(value, isKnownSchema)) return true;
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of value.elements) {
        if (!element) continue;
        if (isSchemaLike(element, isKnownSchema)) return true;
        // validateInputs([value, ZId], [other, ZOther])
        if (element.type === AST_NODE_TYPES.ArrayExpression && element.elements.some((e) => e && isSchemaLike(e, isKnownSchema))) return true;
      }
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.Property && isSchemaLike(property.value, isKnownSchema)) return true;
      }
    }
  }
  return false;
}

/**
 * If `call` validates its arguments against a schema, the argument nodes it validates (every argument that
 * is not itself the schema); otherwise undefined.
 * - `Schema.parse(x)`, `safeParse`, `parseAsync`, `safeParseAsync`, `spa`, yup `validate(Sync)`, joi `validate`;
 * - `z.parse(schema, x)`, valibot `parse(schema, x)` / `safeParse(schema, x)`;
 * - a call receiving a schema argument (`parseRequest(req, schema)`, `validateInputs([value, ZId])`);
 * - names in `extraValidators` (settings `validators`).
 */
export function validatorCall(
  call: TSESTree.CallExpression,
  extraValidators: ReadonlySet<string> = new Set(),
  isKnownSchema?: (id: TSESTree.Identifier) => boolean,
): TSESTree.Node[] | undefined {
  const { full, last } = calleeName(call);
  if ((full !== undefined && extraValidators.has(full)) || (last !== undefined && extraValidators.has(last))) {
    return [...call.arguments];
  }
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && last !== undefined && PARSE_METHODS.has(last)) {
    const receiver = unwrap(callee.object);
    const receiverName = memberChainName(receiver);
    if (receiverName === "JSON" || receiverName === "Date" || receiverName === "Number") return undefined;
    if (receiver.type === AST_NODE_TYPES.Identifier && SCHEMA_LIBRARIES.has(receiver.name)) {
      // z.parse(schema, x), v.parse(schema, x)
      return call.arguments.length >= 2 ? call.arguments.slice(1) : undefined;
    }
    if (isSchemaLike(receiver, isKnownSchema)) return [...call.arguments];
  }
  if (callee.type === AST_NODE_TYPES.Identifier && /^(?:parse|safeParse|parseAsync|safeParseAsync|is|assert)$/u.test(callee.name)) {
    return call.arguments.length >= 2 && isSchemaLike(call.arguments[0]!, isKnownSchema) ? call.arguments.slice(1) : undefined;
  }
  if (hasSchemaArgument(call, isKnownSchema)) {
    return call.arguments.filter((a) => !isSchemaLike(a, isKnownSchema));
  }
  return undefined;
}

/** Sinks that validate (or authenticate) a raw body by construction: webhook signature checks, `handleUpload`. */
export function isValidatedSink(call: TSESTree.CallExpression): boolean {
  if (isSignatureCheck(call)) return true;
  const { last } = calleeName(call);
  return last === "handleUpload" || last === "verify" || last === "constructEvent" || last === "unsealData";
}

/** Does `root` (a function definition) call a validator anywhere? Used to classify project helpers. */
export function containsValidatorCall(
  root: TSESTree.Node,
  extraValidators: ReadonlySet<string>,
  isKnownSchema?: (id: TSESTree.Identifier) => boolean,
): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.CallExpression && validatorCall(n, extraValidators, isKnownSchema) !== undefined) found = true;
    return !found;
  });
  return found;
}

const VERIFICATION_NAME = /^(?:verify|validate)\w*(?:Webhook|Signature|Hmac|HMAC|Jwt|JWT|Token|Event|Payload)\w*$|^jwtVerify$|^(?:verify|decode)(?:Jwt|JWT|Token)$/u;

/**
 * A call that verifies what it receives against a secret: a webhook signature (`validateWebhookEvent(sig,
 * body)`, `verifySignature(...)`), a signed token (`jwt.verify(token, key)`, `jwtVerify(token, key)`).
 * A value it consumes is verified, and so is the request it came with.
 */
export function isVerificationCall(call: TSESTree.CallExpression): boolean {
  if (isValidatedSink(call)) return true;
  const { last } = calleeName(call);
  return last !== undefined && VERIFICATION_NAME.test(last);
}

const USER_TOKEN = /jwt|token|session|jose/iu;
const MACHINE_CHECK = /cron|internal|webhook|signature|secret|qstash|hmac/iu;
const TRUSTED_WRAPPER = /webhook|signature|signed|secret|cron|qstash|hmac|tokensecured/iu;
const CREDENTIAL_TEXT = /auth|secret|token|key|signature|bearer|password|hmac/iu;

/**
 * Where a request is known to come from a caller that proved a shared secret (machine to machine: a
 * webhook, a cron job, an internal endpoint), as a source position, or undefined. Input read from such a
 * caller is trusted from there on (verify, then use). Recognised:
 * - a wrapper named for it (`WebhookEndpoint(...)`, `withCronAuth(...)`, `verifySignatureAppRouter(...)`);
 * - `if (<credential> !== process.env.SECRET) return ...` (also `timingSafeEqual(...)`, `compare(...)`),
 *   or a signature check in the condition of an exiting `if`;
 * - a signature or token verification called as a statement (`await verifyQstashSignature(...)`,
 *   `const event = stripe.webhooks.constructEvent(...)`).
 */
export function verifiedCallerAt(fn: TSESTree.Node, wrappers: readonly TSESTree.CallExpression[]): number | undefined {
  if (wrappers.some((w) => TRUSTED_WRAPPER.test(calleeName(w).last ?? ""))) return fn.range[0];
  let at: number | undefined;
  const consts = constBindings(fn);
  walk(fn, (node) => {
    if (at !== undefined) return false;
    if (node !== fn && (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)) return false;
    if (
      node.type === AST_NODE_TYPES.IfStatement &&
      exits(node.consequent) &&
      (comparesWithSecret(node.test, consts) || containsVerification(node.test) || callsMachineCheck(node.test))
    ) {
      at = node.range[1];
    } else if (node.type === AST_NODE_TYPES.ExpressionStatement || node.type === AST_NODE_TYPES.VariableDeclaration) {
      if (containsVerification(node)) at = node.range[1];
    }
    return at === undefined;
  });
  return at;
}

function containsVerification(root: TSESTree.Node): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression) return false;
    if (n.type === AST_NODE_TYPES.CallExpression && (isSignatureCheck(n) || isVerificationCall(n))) {
      const { last, object } = calleeName(n);
      // `handleUpload` validates its own body; a user's token (`jwt.verify`) says who the user is, not that
      // the caller is a trusted machine
      if (last !== "handleUpload" && !USER_TOKEN.test(`${object ?? ""}.${last ?? ""}`)) found = true;
    }
    return !found;
  });
  return found;
}

/** `!isAuthorizedCronRequest(req)`, `!(await verifyInternalSecret(req))`: a project check named for a machine caller. */
function callsMachineCheck(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.CallExpression && MACHINE_CHECK.test(calleeName(n).last ?? "")) found = true;
    return !found;
  });
  return found;
}

/** The `const x = ...` bindings of a function by name (its own and its blocks', not nested functions'). */
function constBindings(fn: TSESTree.Node): ReadonlyMap<string, TSESTree.Expression> {
  const consts = new Map<string, TSESTree.Expression>();
  walk(fn, (node) => {
    if (node !== fn && (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)) return false;
    if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === "const") {
      for (const d of node.declarations) if (d.id.type === AST_NODE_TYPES.Identifier && d.init) consts.set(d.id.name, d.init);
    }
    return true;
  });
  return consts;
}

/**
 * `process.env.CRON_SECRET`, `INTERNAL_API_KEY`, or a `const` made from one in the same function
 * (`const key = Buffer.from(process.env.KEY!)`, two bindings deep).
 */
function isSecretValue(node: TSESTree.Node, consts?: ReadonlyMap<string, TSESTree.Expression>, depth = 0): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.Identifier && consts && depth < 2) {
      const init = consts.get(n.name);
      if (init && init !== node && isSecretValue(init, consts, depth + 1)) found = true;
    }
    if (found) return false;
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const object = memberChainName(n.object);
      if (object !== undefined && /(?:^|\.)env$/u.test(object)) found = true;
    } else if (n.type === AST_NODE_TYPES.Identifier && /^[A-Z][A-Z0-9_]*(?:SECRET|TOKEN|KEY|PASSWORD)[A-Z0-9_]*$/u.test(n.name)) {
      found = true;
    }
    return !found;
  });
  return found;
}

function mentionsCredential(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.Identifier && CREDENTIAL_TEXT.test(n.name)) found = true;
    if (n.type === AST_NODE_TYPES.Literal && typeof n.value === "string" && CREDENTIAL_TEXT.test(n.value)) found = true;
    if (n.type === AST_NODE_TYPES.TemplateElement && CREDENTIAL_TEXT.test(n.value.raw)) found = true;
    return !found;
  });
  return found;
}

/** `token !== process.env.CRON_SECRET`, `!timingSafeEqual(a, Buffer.from(env.SECRET))`, in a condition. */
function comparesWithSecret(test: TSESTree.Node, consts?: ReadonlyMap<string, TSESTree.Expression>): boolean {
  let found = false;
  walk(test, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.BinaryExpression && ["===", "!==", "==", "!="].includes(n.operator)) {
      if ((isSecretValue(n.left, consts) && mentionsCredential(n.right)) || (isSecretValue(n.right, consts) && mentionsCredential(n.left))) found = true;
      if ((isSecretValue(n.left, consts) || isSecretValue(n.right, consts)) && mentionsCredential(n)) found = true;
    } else if (n.type === AST_NODE_TYPES.CallExpression) {
      const { last } = calleeName(n);
      if (last !== undefined && /compare|equal/iu.test(last) && n.arguments.some((a) => isSecretValue(a, consts))) found = true;
    }
    return !found;
  });
  return found;
}
