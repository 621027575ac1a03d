/**
 * Which database columns hold secrets: password hashes, salts, tokens, API keys, one-time codes.
 * Names are compared by their camelCase/snake_case segments, and the last segment decides, so
 * `passwordHash`, `reset_token` and `twoFactorSecret` are sensitive while `tokenCount`, `hashtag`,
 * `keyword`, `totalTokens` and `secretariat` are not. Only columns that can hold a secret count
 * (`String`, `Bytes`, `Json`): `isSecret Boolean` and `passwordChangedAt DateTime` are not secrets.
 */
import { nameSegments } from "../util/names.js";
import { rememberBounded } from "../util/memo.js";

/** A last segment that is a secret whatever comes before it. */
const SECRET_WORDS = new Set(["password", "passwd", "hash", "salt", "secret", "token", "otp", "totp", "hotp", "passcode", "pincode"]);
/** `...Key`: a key only after a word that makes it a credential (`apiKey`, `privateKey`), not `publicKey` or a storage `key`. */
const CREDENTIAL_KEY_PREFIXES = new Set(["api", "private", "secret", "access", "signing", "encryption", "encrypt", "license", "session", "client", "webhook", "hashed", "encrypted"]);
/** Words that make a column a harmless rendering of a secret: `displaySecretKey`, `partialKey`, `tokenHint`, `maskedApiKey`. */
const HARMLESS_RENDERING = new Set(["display", "masked", "mask", "preview", "hint", "redacted", "partial", "prefix", "suffix", "last4", "truncated", "obfuscated", "public"]);
/** `...Codes`/`...Code`: recovery and backup codes, not `postalCode`. */
const CODE_PREFIXES = new Set(["recovery", "backup", "otp", "verification", "reset", "mfa"]);
/** `hash`/`token` after these words is not a secret: a content digest, an LLM token count... */
const NOT_SECRET_BEFORE_HASH = new Set(["content", "file", "commit", "blob", "image", "checksum", "etag", "git", "body", "data", "md5", "sha", "sha1", "sha256", "block", "tx", "transaction"]);

/** Column types that can hold a secret. */
const SECRET_TYPES = new Set(["String", "Bytes", "Json"]);

export interface SensitiveNames {
  isSensitive(fieldName: string, modelName: string, fieldType: string): boolean;
}

/** `extra`: names or `"/regex/flags"` strings that are sensitive too; `allow`: names that are not. */
export function sensitiveNames(extra: readonly string[] = [], allow: readonly string[] = []): SensitiveNames {
  const extraNames = new Set<string>();
  const extraPatterns: RegExp[] = [];
  for (const entry of extra) {
    const pattern = toRegExp(entry);
    if (pattern) extraPatterns.push(pattern);
    else extraNames.add(entry);
  }
  const allowed = new Set(allow);
  return {
    isSensitive(fieldName, modelName, fieldType) {
      if (!SECRET_TYPES.has(fieldType)) return false;
      if (allowed.has(fieldName) || allowed.has(`${modelName}.${fieldName}`)) return false;
      if (extraNames.has(fieldName) || extraNames.has(`${modelName}.${fieldName}`)) return true;
      if (extraPatterns.some((pattern) => pattern.test(fieldName))) return true;
      return isSensitiveByName(fieldName, modelName);
    },
  };
}

/**
 * Answers per model and field name: a query's row is checked column by column on every lint (the editor
 * lints the file again on each edit), and splitting a name into segments costs more than the lookup.
 * Bounded: names are a schema's, but a process may see many schemas.
 */
const byName = new Map<string, boolean>();
const MAX_NAMES = 10_000;

/** The built-in name test. */
export function isSensitiveByName(fieldName: string, modelName: string): boolean {
  return rememberBounded(byName, MAX_NAMES, `${modelName}\0${fieldName}`, () => nameIsSensitive(fieldName, modelName));
}

function nameIsSensitive(fieldName: string, modelName: string): boolean {
  const segments = nameSegments(fieldName);
  const last = segments.at(-1);
  const before = segments.at(-2);
  if (last === undefined || segments.some((segment) => HARMLESS_RENDERING.has(segment))) return false;
  if (last === "hash" || last === "token") return before === undefined || !NOT_SECRET_BEFORE_HASH.has(before);
  if (SECRET_WORDS.has(last)) return true;
  if (last === "key") {
    // a bare `key` is a secret on a model of keys (`ApiKey.key`), a storage path elsewhere
    if (before === undefined) return /(?:Key|Token|Secret|Credential)s?$/u.test(modelName);
    return CREDENTIAL_KEY_PREFIXES.has(before);
  }
  if (last === "code" || last === "codes") return before !== undefined && CODE_PREFIXES.has(before);
  if (last === "credential" || last === "credentials") return before !== "public";
  return false;
}

function toRegExp(entry: string): RegExp | undefined {
  const match = /^\/(.+)\/([a-z]*)$/u.exec(entry);
  if (!match) return undefined;
  try {
    return new RegExp(match[1]!, match[2]);
  } catch {
    return undefined;
  }
}
