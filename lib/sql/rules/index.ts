/**
 * The SQL rules, and how a rule id serves two languages.
 *
 * `require-foreign-key-index`, `require-id`, `require-timestamps` and `require-uuid-id` mean the same
 * for a Prisma model and a SQL table, so users configure them once: `backend-architect/require-id`
 * reports in `schema.prisma` and in `supabase/migrations/*.sql` alike. A plugin has one rule object
 * per id, and ESLint checks `meta.languages` against the file's language, so the registered rule is a
 * combination: `meta.languages` lists both languages, `messages`, options and defaults are the union
 * of both implementations' (message ids never collide; an option of one language is ignored by the
 * other), and `create` hands the context to the implementation for the file's language. Each
 * implementation stays a complete rule in its own file (`prisma-lint/rules/x.ts`, `lib/sql/rules/x.ts`)
 * with its own meta, which eslint-plugin-eslint-plugin checks as usual.
 */
import type { BackendArchitectRule } from "../../rules/index.js";
import requireForeignKeyIndex from "./require-foreign-key-index.js";
import requireId from "./require-id.js";
import requireRls from "./require-rls.js";
import requireRlsPolicy from "./require-rls-policy.js";
import requireTimestamps from "./require-timestamps.js";
import requireUuidId from "./require-uuid-id.js";
import rlsPolicyPerformance from "./rls-policy-performance.js";

/** Every SQL rule, by id (the file name). Keep sorted. */
export const sqlRules = {
  "require-foreign-key-index": requireForeignKeyIndex,
  "require-id": requireId,
  "require-rls": requireRls,
  "require-rls-policy": requireRlsPolicy,
  "require-timestamps": requireTimestamps,
  "require-uuid-id": requireUuidId,
  "rls-policy-performance": rlsPolicyPerformance,
} as unknown as Record<string, BackendArchitectRule>;

/** Descriptions of the combined rules, true of both languages. */
const COMBINED_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ["require-id", "Require every model and table to have a primary key"],
  ["require-timestamps", "Require every model and table to record when each row was created and last updated"],
  ["require-uuid-id", "Require non-sequential primary keys (UUID, CUID, ULID) instead of `autoincrement()`, `serial` or identity columns"],
]);

type Meta = BackendArchitectRule["meta"];

function objectSchema(meta: Meta): { properties?: Record<string, unknown> } | undefined {
  return Array.isArray(meta.schema) ? (meta.schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
}

/** One rule for two languages: `create` picks the implementation by the file's tree. */
export function combineLanguages(id: string, prisma: BackendArchitectRule, sql: BackendArchitectRule): BackendArchitectRule {
  for (const messageId of Object.keys(sql.meta.messages)) {
    if (messageId in prisma.meta.messages) throw new Error(`${id}: message id ${messageId} is used by both languages`);
  }
  if (prisma.meta.docs?.recommended !== sql.meta.docs?.recommended) {
    throw new Error(`${id}: the Prisma and SQL rules must be in the same config`);
  }
  const prismaSchema = objectSchema(prisma.meta);
  const sqlSchema = objectSchema(sql.meta);
  const properties = { ...prismaSchema?.properties, ...sqlSchema?.properties };
  const defaults = { ...(prisma.meta.defaultOptions?.[0] as object), ...(sql.meta.defaultOptions?.[0] as object) };
  const hasOptions = Object.keys(properties).length > 0;
  const meta = {
    ...prisma.meta,
    docs: { ...prisma.meta.docs!, description: COMBINED_DESCRIPTIONS.get(id) ?? prisma.meta.docs!.description },
    languages: [...(prisma.meta.languages ?? []), ...(sql.meta.languages ?? [])],
    messages: { ...prisma.meta.messages, ...sql.meta.messages },
    fixable: prisma.meta.fixable ?? sql.meta.fixable,
    hasSuggestions: prisma.meta.hasSuggestions || sql.meta.hasSuggestions || undefined,
    schema: hasOptions ? [{ type: "object", properties, additionalProperties: false }] : [],
    ...(hasOptions ? { defaultOptions: [defaults] } : {}),
  } as Meta;
  if (!hasOptions) delete (meta as { defaultOptions?: unknown }).defaultOptions;
  if (meta.hasSuggestions === undefined) delete (meta as { hasSuggestions?: unknown }).hasSuggestions;
  return {
    meta,
    create(context) {
      const isSql = (context.sourceCode.ast as { type?: string }).type === "Script";
      return (isSql ? sql : prisma).create(context);
    },
  } as BackendArchitectRule;
}

/** The schema rules with the SQL rules: shared ids combined, SQL-only ids added. */
export function withSqlRules(schemaRules: Record<string, BackendArchitectRule>): Record<string, BackendArchitectRule> {
  const result: Record<string, BackendArchitectRule> = { ...schemaRules };
  for (const [id, rule] of Object.entries(sqlRules)) {
    result[id] = schemaRules[id] ? combineLanguages(id, schemaRules[id], rule) : rule;
  }
  return result;
}
