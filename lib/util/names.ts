import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * The lower-case words of an identifier or key: camelCase, PascalCase, snake_case, kebab-case,
 * dotted and SCREAMING_CASE names alike. `sessionToken` -> ["session", "token"],
 * `NEXTAUTH_SECRET` -> ["nextauth", "secret"], `__Secure-next-auth.session-token` ->
 * ["secure", "next", "auth", "session", "token"], `JWTSecret` -> ["jwt", "secret"].
 */
export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/gu, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((segment) => segment.length > 0);
}

/**
 * The names an expression speaks of, outermost last: `session.user.id` -> ["session", "user", "id"],
 * `result.sessionCookie.value` -> ["result", "sessionCookie", "value"], `signToken(x)` -> ["signToken"],
 * `new SignJWT(p).sign(key)` -> ["sign"]. Undefined for literals and other shapes.
 */
export function expressionNames(node: TSESTree.Node): string[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return [node.name];
    case AST_NODE_TYPES.MemberExpression: {
      const object = expressionNames(node.object) ?? [];
      if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return [...object, node.property.name];
      if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "string") {
        return [...object, node.property.value];
      }
      return object.length > 0 ? object : undefined;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return [callee.property.name];
        return undefined;
      }
      return expressionNames(callee);
    }
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return expressionNames(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node.expression);
    default:
      return undefined;
  }
}

/** A string literal or a template literal without expressions: its value; otherwise undefined. */
export function staticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Last name segments that make a name secret-like (`JWT_SECRET`, `apiKey`, `SMTP_PASS`). */
const SECRET_WORDS = new Set(["secret", "password", "passwd", "pass", "pwd", "passphrase", "token", "key", "credential", "credentials"]);
/** Words that make a `...KEY`/`...TOKEN` name public or not a credential at all. */
const NOT_SECRET_WORDS = new Set([
  "public",
  "publishable",
  "anon",
  "site",
  "cache",
  "storage",
  "query",
  "sort",
  "primary",
  "foreign",
  "idempotency",
  "partition",
  "lock",
  "max",
  "csrf",
]);

/**
 * A name that holds a secret: its last word is `secret`, `password`, `token`, `key`, `credentials`...
 * (`JWT_SECRET`, `SMTP_PASS`, `OPENAI_API_KEY`), compared word by word so `TOKEN_COUNT` is not; public keys
 * (`NEXT_PUBLIC_*`, `*_PUBLISHABLE_KEY`, `*_ANON_KEY`) and non-credentials (`CACHE_KEY`) are not.
 */
export function isSecretName(name: string): boolean {
  const words = nameSegments(name);
  const last = words.at(-1);
  if (last === undefined || !SECRET_WORDS.has(last)) return false;
  if (words.some((word) => NOT_SECRET_WORDS.has(word))) return false;
  return !(words[0] === "next" && words[1] === "public") && words[0] !== "vite";
}

/** Escapes the syntax characters of a regular expression (the only escapes a `u` expression allows outside a class, besides `/`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
