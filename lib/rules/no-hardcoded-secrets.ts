import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { constInitializer, importOf, unwrapExpression } from "../util/bindings.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { expressionNames, isSecretName, nameSegments, staticString } from "../util/names.js";
import { compilePreTest, minimalWords } from "../analysis/file-facts.js";
import { isPublishedValue } from "../analysis/published-values.js";

export type Options = [
  {
    ignore?: string[];
  },
];
export type MessageIds = "secretArgument" | "secretFallback" | "credentialLiteral";

export const DEFAULT_IGNORE = [
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/__mocks__/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  "**/fixtures/**",
  "**/playwright/**",
  "**/cypress/**",
  "**/playwright.config.*",
  // test runner setup: `vitest.setup.ts`, `jest.setup.js`, `setupTests.ts`, `tooling/vitest/setup.ts`
  "**/{vitest,jest}.setup.*",
  "**/{setupTests,setup-tests,test-setup}.*",
  "**/{vitest,jest}/**",
  "**/*.stories.*",
  // seed scripts fill a development database with known accounts and keys
  "**/seed.*",
  "**/seed-*.*",
  "**/seed/**",
  "**/seeds/**",
  "**/seeder/**",
  "**/seeders/**",
];

type StringNode = TSESTree.Literal | TSESTree.TemplateLiteral;

/** Calls whose options object carries a secret under `keys`. */
interface SecretOptionCall {
  names: readonly string[];
  /** When set, the callee must be imported from one of these modules. */
  modules?: readonly string[];
  keys: readonly string[];
  what: string;
}

const SECRET_OPTION_CALLS: readonly SecretOptionCall[] = [
  {
    names: ["NextAuth", "Auth", "SvelteKitAuth", "ExpressAuth", "QwikAuth", "SolidAuth"],
    keys: ["secret"],
    what: "the Auth.js `secret`",
  },
  { names: ["betterAuth"], keys: ["secret"], what: "the better-auth `secret`" },
  {
    names: ["getToken", "encode", "decode"],
    modules: ["next-auth/jwt", "@auth/core/jwt"],
    keys: ["secret"],
    what: "the Auth.js JWT `secret`",
  },
  { names: ["withAuth"], modules: ["next-auth/middleware"], keys: ["secret"], what: "the Auth.js `secret`" },
  {
    names: ["getIronSession", "sealData", "unsealData", "withIronSessionApiRoute", "withIronSessionSsr", "ironSession"],
    keys: ["password"],
    what: "the iron-session `password`",
  },
  { names: ["session"], modules: ["express-session"], keys: ["secret"], what: "the express-session `secret`" },
  { names: ["expressjwt", "jwt"], modules: ["express-jwt", "hono/jwt"], keys: ["secret"], what: "the JWT `secret`" },
];

/** Config objects recognised by their type annotation (`const authOptions: NextAuthOptions = {...}`). */
const SECRET_OPTION_TYPES: ReadonlyMap<string, { key: string; what: string }> = new Map(Object.entries({
  NextAuthOptions: { key: "secret", what: "the Auth.js `secret`" },
  AuthOptions: { key: "secret", what: "the Auth.js `secret`" },
  NextAuthConfig: { key: "secret", what: "the Auth.js `secret`" },
  AuthConfig: { key: "secret", what: "the Auth.js `secret`" },
  BetterAuthOptions: { key: "secret", what: "the better-auth `secret`" },
  SessionOptions: { key: "password", what: "the iron-session `password`" },
  IronSessionOptions: { key: "password", what: "the iron-session `password`" },
}));

const JWT_MODULES = new Set(["jsonwebtoken", "hono/jwt", "hono/utils/jwt/jwt", "@tsndr/cloudflare-worker-jwt"]);
const JOSE_SIGNERS = new Set(["SignJWT", "EncryptJWT", "CompactSign", "FlattenedSign", "GeneralSign", "CompactEncrypt"]);
const JOSE_VERIFIERS = new Set(["jwtVerify", "jwtDecrypt", "compactVerify", "flattenedVerify", "compactDecrypt"]);
const CRYPTO_MODULES = new Set(["crypto", "node:crypto"]);

/**
 * Pre-test for everything but the literals: a secret reaches a call or an option only through a name
 * these tables or `checkCall` know (an option key, a JWT, jose or HMAC API, a JWT or cookie-parser
 * module), and falls back only from `process.env`/`import.meta.env` (the name `env`).
 */
const SECRET_USE = minimalWords([
  ...SECRET_OPTION_CALLS.flatMap((entry) => entry.keys),
  ...Object.values(SECRET_OPTION_TYPES).map((entry) => entry.key),
  ...JWT_MODULES,
  ...JOSE_SIGNERS,
  ...JOSE_VERIFIERS,
  "jwt",
  "JWT",
  "createHmac",
  "cookie-parser",
  // stems the jose names share (CompactSign, compactVerify, ...): one scan of the text for each group
  "ompact",
  "lattened",
]);

/** The pre-test of passing a secret: a `SECRET_USE` word, or the name `env` (a fallback from the environment). */
const mayPassSecretText = compilePreTest(SECRET_USE, [], ["env"]);

/** The keys `secretOptionOf` looks at: a property with another key is never a secret option. */
const OPTION_KEYS: ReadonlySet<string> = new Set([
  ...SECRET_OPTION_CALLS.flatMap((entry) => entry.keys),
  ...[...SECRET_OPTION_TYPES.values()].map((entry) => entry.key),
]);
const OPTION_KEY_LIST = [...OPTION_KEYS];
/** Callee names `checkCall` needs the import of (besides any name, in a file that names `cookie-parser`). */
const IMPORT_CHECKED_CALLEES: ReadonlySet<string> = new Set(["sign", "verify", "createHmac", ...JOSE_VERIFIERS]);
/**
 * For a file that passed `mayPassSecretText`: which of its listeners can report. A fallback reads `env` as a
 * property (`process.env`, `import.meta.env`; `\b` on both sides also passes `$env`, a superset), a secret
 * option is a property named by `OPTION_KEYS`; a `\u` escape may spell either.
 */
const ENV_WORD = /\benv\b/u;

const PLACEHOLDER_MARKERS = [
  "your",
  "change",
  "example",
  "dummy",
  "placeholder",
  "xxx",
  "<",
  "...",
  "…",
  "replace",
  "fake",
  "sample",
  "todo",
  "{{",
  "required",
  "needed",
  "unused",
  "missing",
  "notset",
  "not-set",
  "not_set",
  "nothing",
  "invalid",
  "1234567",
  "abcdefg",
  "asdfghj",
  "qwertyu",
];

/** A bare key prefix with nothing after it (`"sk-proj-"`, `"sk_live_"`): what a client needs to start, not a key. */
const BARE_PREFIX = /^[A-Za-z]{1,8}(?:[-_][A-Za-z]{1,8})*[-_]$/u;
/**
 * Words of variable names for a secret the app itself signs, encrypts or checks with (`JWT_SECRET`,
 * `COOKIE_SECRET_KEY`, `NEXTAUTH_SECRET`), as opposed to a key it hands to another service's client.
 */
const OWN_SECRET_WORDS = new Set(["jwt", "session", "cookie", "encryption", "encrypt", "signing", "sign", "hmac", "nextauth", "auth", "csrf", "salt", "pepper", "iron", "webhook"]);

/** Well-known credential shapes, reported wherever they stand. */
const CREDENTIAL_SHAPES: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: "a Stripe secret key", pattern: /^(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{16,}$/u },
  { kind: "a Stripe webhook signing secret", pattern: /^whsec_[0-9a-zA-Z+/=]{24,}$/u },
  { kind: "a GitHub token", pattern: /^(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,})$/u },
  { kind: "a Slack token", pattern: /^xox[abposr]-[0-9A-Za-z-]{10,}$/u },
  { kind: "an AWS access key id", pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/u },
  { kind: "an OpenAI or Anthropic API key", pattern: /^sk-(?:proj-|ant-|svcacct-)[A-Za-z0-9_-]{20,}$|^sk-[A-Za-z0-9]{48}$/u },
  { kind: "a SendGrid API key", pattern: /^SG\.[\w-]{22}\.[\w-]{43}$/u },
  {
    kind: "a private key",
    pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----(?:\s|\\n)*[A-Za-z0-9+/=]{40,}/u,
  },
];

/**
 * Pre-test for the literals: every credential shape but the private key, a service-role JWT (`eyJ`) and a
 * connection string start their string with one of these; a private key holds `-----BEGIN` anywhere. A
 * backslash in the file may hide one behind an escape: such a file is checked too.
 */
const CREDENTIAL_TEXT =
  /["'`](?:sk_|rk_|whsec_|gh[pousr]_|github_pat_|xox|AKIA|ASIA|sk-|SG\.|eyJ|postgres|mysql|mariadb|mongodb|redis|amqp|sqlserver|mssql)|-----BEGIN/u;

/**
 * `CREDENTIAL_TEXT` for a string's value: every credential shape, the service-role JWT and the connection
 * strings start with one of these, a private key holds `-----BEGIN`. In a file with a backslash every string
 * is checked (`"\n"`, a regular expression): a message or a URL is dropped by one scan, before the
 * placeholder words, the name and each shape are looked at.
 */
const CREDENTIAL_START =
  /^(?:sk_|rk_|whsec_|gh[pousr]_|github_pat_|xox|AKIA|ASIA|sk-|SG\.|eyJ|postgres|mysql|mariadb|mongodb|redis|amqp|sqlserver|mssql)|-----BEGIN/u;

const CONNECTION_STRING =
  /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|sqlserver|mssql):\/\/([^:@/\s]+):([^@/\s]+)@([^/:?\s]+)/u;
const WEAK_PASSWORDS = new Set(["password", "pass", "postgres", "root", "admin", "secret", "mysql", "redis", "test", "user", "changeme"]);

export default createRule<Options, MessageIds>({
  name: "no-hardcoded-secrets",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow secrets written as string literals in the source",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          ignore: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Globs (relative to the ESLint cwd) of files not checked; setting it replaces the default list of test files.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignore: DEFAULT_IGNORE }],
    messages: {
      secretArgument:
        "This string is {{what}}, so anyone who can read the source or its history can forge what it protects. Read it from an environment variable and fail at startup when it is missing.",
      secretFallback:
        "`{{name}}` falls back to a hard-coded string, so a deployment that forgets to set it runs with a secret anyone who reads the source knows. Throw when the variable is missing instead of falling back.",
      credentialLiteral:
        "This string looks like {{kind}}: everyone with access to the repository and its history can use it. Revoke it and read it from an environment variable instead.",
    },
  },
  create(context, [{ ignore = DEFAULT_IGNORE }]) {
    const { sourceCode } = context;
    const mayHoldCredential = sourceCode.text.includes("\\") || CREDENTIAL_TEXT.test(sourceCode.text);
    const mayPassSecret = mayPassSecretText(sourceCode.text);
    if ((!mayHoldCredential && !mayPassSecret) || matchesAnyGlob(context, ignore)) return {};
    let namesCookieParser: boolean | undefined;
    const reported = new Set<TSESTree.Node>();

    function report(node: StringNode, messageId: MessageIds, data: Record<string, string>): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data });
    }

    /** A string literal, directly or through a `const` in this file. */
    function literalOf(node: TSESTree.Node | undefined, depth = 0): StringNode | undefined {
      if (!node) return undefined;
      const target = unwrapExpression(node);
      if (staticString(target) !== undefined) return target as StringNode;
      if (target.type === AST_NODE_TYPES.Identifier && depth < 2) {
        return literalOf(constInitializer(sourceCode, target), depth + 1);
      }
      return undefined;
    }

    /** Key material: `new TextEncoder().encode(s)`, `Buffer.from(s)`, `createSecretKey(...)`, or a const holding one. */
    function keyLiteralOf(node: TSESTree.Node | undefined, depth = 0): StringNode | undefined {
      if (!node || depth > 3) return undefined;
      const target = unwrapExpression(node);
      if (target.type === AST_NODE_TYPES.Identifier) {
        const init = constInitializer(sourceCode, target);
        return init && keyLiteralOf(init, depth + 1);
      }
      if (target.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = expressionNames(target)?.at(-1);
      if (callee === "encode" || callee === "from" || callee === "createSecretKey") {
        const inner = target.arguments[0];
        return literalOf(inner) ?? keyLiteralOf(inner, depth + 1);
      }
      return undefined;
    }

    function isPlaceholder(value: string): boolean {
      if (value.length < 8 || BARE_PREFIX.test(value)) return true;
      const lower = value.toLowerCase();
      if (PLACEHOLDER_MARKERS.some((marker) => lower.includes(marker))) return true;
      if (new Set(value).size <= 2) return true; // "********", "00000000"
      if (ABSENCE_SENTINEL.test(value)) return true; // "NO-DEFINED", "not-set": a value that says it is missing
      if (WEAK_PASSWORDS.has(lower)) return true; // "password", "postgres": a local default, no secret
      return /^\$\w+$|^%\w+%$/u.test(value); // "$JWT_SECRET", "%SECRET%"
    }

    /**
     * An env fallback is reported unless it is the repository's published development default (the same
     * value in a committed `.env.example` or Compose file: a local database password, public by design).
     * The app's own signing and encryption secrets are reported all the same: a deployment that forgets
     * the variable signs with a value anyone can read in the repository.
     */
    function reportFallback(node: StringNode, name: string, value: string): void {
      if (!isOwnSecretName(name) && isPublishedValue(context.physicalFilename, value, context.cwd)) return;
      report(node, "secretFallback", { name: `process.env.${name}` });
    }

    function reportSecret(node: TSESTree.Node | undefined, what: string, viaKey = false): void {
      const literal = viaKey ? keyLiteralOf(node) : literalOf(node);
      if (!literal) return;
      if (isPlaceholder(staticString(literal)!)) return;
      report(literal, "secretArgument", { what });
    }

    /** `process.env.X`, `process.env["X"]`, `import.meta.env.X`: the variable name. */
    function envName(node: TSESTree.Node): string | undefined {
      const target = unwrapExpression(node);
      if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      if (!isEnvObject(target.object)) return undefined;
      if (!target.computed && target.property.type === AST_NODE_TYPES.Identifier) return target.property.name;
      return staticString(target.property);
    }

    /** `process.env` or `import.meta.env`. */
    function isEnvObject(node: TSESTree.Node): boolean {
      const target = unwrapExpression(node);
      if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return false;
      if (target.property.type !== AST_NODE_TYPES.Identifier || target.property.name !== "env") return false;
      const object = target.object;
      return (
        (object.type === AST_NODE_TYPES.Identifier && object.name === "process") ||
        object.type === AST_NODE_TYPES.MetaProperty
      );
    }

    /** The secret-like env names read on the left of `a ?? b ?? "literal"`. */
    function secretEnvNameIn(node: TSESTree.Node): string | undefined {
      const target = unwrapExpression(node);
      if (target.type === AST_NODE_TYPES.LogicalExpression) {
        return secretEnvNameIn(target.right) ?? secretEnvNameIn(target.left);
      }
      const name = envName(target);
      return name !== undefined && isSecretName(name) ? name : undefined;
    }

    /**
     * Handed to another service's client: an argument of `new OpenAI(...)`, `new Stripe(...)`,
     * `createClient(url, key)`, or a property of an options object given to one. A made-up fallback
     * there only makes that service refuse the calls; it unlocks nothing of the app's own.
     */
    function isClientOption(node: TSESTree.Node): boolean {
      let current: TSESTree.Node = node;
      for (let depth = 0; depth < 4; depth++) {
        const parent: TSESTree.Node = current.parent!;
        if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee !== current) return true;
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== current) {
          const callee = expressionNames(parent.callee)?.at(-1);
          return callee !== undefined && /^create\w*Client$/u.test(callee);
        }
        if (parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
        current = parent;
      }
      return false;
    }

    /** `JWT_SECRET`, `SESSION_PASSWORD`, `COOKIE_SECRET_KEY`: the app's own signing or encryption secret. */
    function isOwnSecretName(name: string): boolean {
      const words = nameSegments(name);
      return words.some((word) => OWN_SECRET_WORDS.has(word));
    }

    function calleeMatches(call: TSESTree.CallExpression, entry: SecretOptionCall): boolean {
      const callee = unwrapExpression(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || !entry.names.includes(callee.name)) return false;
      if (!entry.modules) return true;
      const origin = importOf(sourceCode, callee);
      return origin !== undefined && entry.modules.includes(origin.source);
    }

    /** What a `secret:`/`password:` property holds, judged by the object it sits in. */
    function secretOptionOf(property: TSESTree.Property): string | undefined {
      if (property.computed || property.key.type !== AST_NODE_TYPES.Identifier || !OPTION_KEYS.has(property.key.name)) return undefined;
      const key = property.key.name;
      const object = property.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      let holder: TSESTree.Node = object;
      while (
        holder.parent &&
        (holder.parent.type === AST_NODE_TYPES.TSAsExpression || holder.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
      ) {
        const typed = typeName(holder.parent.typeAnnotation);
        const entry = typed === undefined ? undefined : SECRET_OPTION_TYPES.get(typed);
        if (entry?.key === key) return entry.what;
        holder = holder.parent;
      }
      const parent = holder.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(holder as TSESTree.CallExpressionArgument)) {
        for (const entry of SECRET_OPTION_CALLS) {
          if (entry.keys.includes(key) && calleeMatches(parent, entry)) return entry.what;
        }
      }
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const typed = typeName(parent.id.typeAnnotation?.typeAnnotation);
        const entry = typed === undefined ? undefined : SECRET_OPTION_TYPES.get(typed);
        if (entry?.key === key) return entry.what;
      }
      return undefined;
    }

    function typeName(node: TSESTree.TypeNode | undefined): string | undefined {
      if (node?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
      const name = node.typeName;
      if (name.type === AST_NODE_TYPES.Identifier) return name.name;
      return name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
    }

    function isJwtLibrary(node: TSESTree.Node): boolean {
      const target = unwrapExpression(node);
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const origin = importOf(sourceCode, target);
      if (origin && JWT_MODULES.has(origin.source)) return true;
      return /^(?:jwt|JWT|jsonwebtoken)$/u.test(target.name);
    }

    /** `new SignJWT(payload).setProtectedHeader(...).sign(key)`: is the chain rooted in a jose signer? */
    function isJoseChain(node: TSESTree.Node): boolean {
      let current = unwrapExpression(node);
      for (;;) {
        if (current.type === AST_NODE_TYPES.NewExpression) {
          return current.callee.type === AST_NODE_TYPES.Identifier && JOSE_SIGNERS.has(current.callee.name);
        }
        if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
          current = unwrapExpression(current.callee.object);
          continue;
        }
        return false;
      }
    }

    function checkCall(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      const args = node.arguments;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
        const method = callee.property.name;
        if ((method === "sign" || method === "verify") && isJwtLibrary(callee.object)) {
          reportSecret(args[1], "the JWT signing secret");
        } else if ((method === "sign" || method === "encrypt") && isJoseChain(callee.object)) {
          reportSecret(args[0], "the `jose` signing key", true);
        } else if (method === "createHmac" && callee.object.type === AST_NODE_TYPES.Identifier) {
          const origin = importOf(sourceCode, callee.object);
          if (callee.object.name === "crypto" || (origin && CRYPTO_MODULES.has(origin.source))) {
            reportSecret(args[1], "an HMAC key");
            reportSecret(args[1], "an HMAC key", true);
          }
        }
        return;
      }
      if (callee.type !== AST_NODE_TYPES.Identifier) return;
      // only these names, and a cookie-parser import (its module name perhaps escaped), depend on where the callee comes from
      if (!IMPORT_CHECKED_CALLEES.has(callee.name) && !(namesCookieParser ??= /cookie-parser|\\/u.test(sourceCode.text))) return;
      const origin = importOf(sourceCode, callee);
      if ((callee.name === "sign" || callee.name === "verify") && origin && JWT_MODULES.has(origin.source)) {
        reportSecret(args[1], "the JWT signing secret");
      } else if (JOSE_VERIFIERS.has(callee.name) && (!origin || origin.source === "jose")) {
        reportSecret(args[1], "the `jose` verification key", true);
      } else if (callee.name === "createHmac" && origin && CRYPTO_MODULES.has(origin.source)) {
        reportSecret(args[1], "an HMAC key");
        reportSecret(args[1], "an HMAC key", true);
      } else if (origin?.source === "cookie-parser") {
        reportSecret(args[0], "the cookie-parser signing secret");
      }
    }

    function checkCredentialShape(node: StringNode): void {
      const value = staticString(node);
      if (value === undefined || value.length < 16 || !CREDENTIAL_START.test(value)) return;
      const lower = value.toLowerCase();
      if (["xxx", "...", "your", "example", "placeholder", "dummy", "<"].some((marker) => lower.includes(marker))) return;
      if (namedAsSample(node)) return;
      for (const { kind, pattern } of CREDENTIAL_SHAPES) {
        if (pattern.test(value)) {
          report(node, "credentialLiteral", { kind });
          return;
        }
      }
      if (isServiceRoleJwt(value)) {
        report(node, "credentialLiteral", { kind: "a Supabase service-role key" });
        return;
      }
      const connection = CONNECTION_STRING.exec(value);
      if (connection) {
        const password = decodeURIComponent(connection[2]!);
        const host = connection[3]!.toLowerCase();
        const localHost = !host.includes(".") || /^(?:127\.|0\.0\.0\.0)|\.(?:local|localhost|internal|test)$/u.test(host);
        if (!localHost && !WEAK_PASSWORDS.has(password.toLowerCase()) && !isPlaceholder(password.padEnd(8, "-")) && !password.startsWith("$")) {
          report(node, "credentialLiteral", { kind: "a database connection string with its password" });
        }
      }
    }

    const credentialListeners = {
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === "string") checkCredentialShape(node);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (node.expressions.length === 0) checkCredentialShape(node);
      },
    };
    if (!mayPassSecret) return credentialListeners;
    const escaped = sourceCode.text.includes("\\u");
    const fallbackListeners = {
      LogicalExpression(node: TSESTree.LogicalExpression) {
        if (node.operator !== "||" && node.operator !== "??") return;
        const right = unwrapExpression(node.right);
        const value = staticString(right);
        if (value === undefined || isPlaceholder(value) || /\s/u.test(value)) return;
        const name = secretEnvNameIn(node.left);
        if (!name || (isClientOption(node) && !isOwnSecretName(name))) return;
        reportFallback(right as StringNode, name, value);
      },
      AssignmentPattern(node: TSESTree.AssignmentPattern) {
        // const { JWT_SECRET = "dev-secret" } = process.env
        const property = node.parent;
        if (property.type !== AST_NODE_TYPES.Property || property.value !== node) return;
        const pattern = property.parent;
        if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
        const declarator = pattern.parent;
        if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || !isEnvObject(declarator.init)) return;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : staticString(property.key);
        const right = unwrapExpression(node.right);
        const value = staticString(right);
        if (key === undefined || value === undefined || !isSecretName(key) || isPlaceholder(value) || /\s/u.test(value)) return;
        reportFallback(right as StringNode, key, value);
      },
    };
    const optionListeners = {
      Property(node: TSESTree.Property) {
        const what = secretOptionOf(node);
        if (what) reportSecret(node.value, what);
      },
    };
    const text = sourceCode.text;
    return shareCallListener(context, {
      ...(mayHoldCredential ? credentialListeners : {}),
      ...(escaped || ENV_WORD.test(text) ? fallbackListeners : {}),
      ...(escaped || OPTION_KEY_LIST.some((key) => text.includes(key)) ? optionListeners : {}),
      CallExpression: checkCall,
    });
  },
});

/** Values that say a variable is missing: sent as they are, they fail to authenticate. */
const ABSENCE_SENTINEL = /^(?:no|not|none|undefined|unset|missing|empty|null)(?:[-_ ]?(?:defined|set|configured|provided|available|found))?$/iu;
/** Names of example values shown to users (`privateKeyPlaceholder`, `sampleKey`, `keyDataHolder`). */
const SAMPLE_WORDS = new Set(["placeholder", "holder", "example", "sample", "dummy", "fake", "mock", "demo"]);

/** The literal is the value of a binding, property or JSX attribute named as an example (`placeholder="-----BEGIN..."`). */
function namedAsSample(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < 3 && current.parent; depth++) {
    const parent: TSESTree.Node = current.parent;
    const name =
      parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id.name
        : parent.type === AST_NODE_TYPES.Property && parent.key.type === AST_NODE_TYPES.Identifier
          ? parent.key.name
          : parent.type === AST_NODE_TYPES.JSXAttribute && parent.name.type === AST_NODE_TYPES.JSXIdentifier
            ? parent.name.name
            : undefined;
    if (name !== undefined) return nameSegments(name).some((word) => SAMPLE_WORDS.has(word));
    current = parent;
  }
  return false;
}

/** A Supabase service-role JWT (`eyJ...` whose payload says `"role": "service_role"`); anon keys are public. */
function isServiceRoleJwt(value: string): boolean {
  const parts = value.split(".");
  if (parts.length !== 3 || !parts[0]!.startsWith("eyJ")) return false;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as { role?: unknown };
    return payload.role === "service_role";
  } catch {
    return false;
  }
}
