/** Names as PostgreSQL spells and derives them. */
import type { SqlNode, StringNode } from "../language/ast.js";

/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes). */
const MAX_NAME_BYTES = 63;

/** `["public", "profiles"]` from a list of `String` nodes; non-strings are skipped. */
export function stringsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const result: string[] = [];
  for (const item of list as SqlNode[]) {
    if (item?.type === "String" && typeof (item as StringNode).sval === "string") result.push((item as StringNode).sval);
  }
  return result;
}

export function tableKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/**
 * A name PostgreSQL derives for an unnamed constraint or index (`ChooseRelationName`):
 * `profiles_user_id_fkey`, `profiles_pkey`, `posts_author_id_idx`, shortened to 63 bytes the way
 * `makeObjectName` shortens (the longer of the two parts loses characters first).
 */
export function derivedName(table: string, columns: string[], label: string): string {
  let first = table;
  let second = columns.join("_");
  const overhead = label.length + 1 + (second ? 1 : 0);
  const bytes = (text: string): number => Buffer.byteLength(text, "utf8");
  while (bytes(first) + bytes(second) + overhead > MAX_NAME_BYTES) {
    if (bytes(first) > bytes(second)) first = [...first].slice(0, -1).join("");
    else second = [...second].slice(0, -1).join("");
  }
  return second ? `${first}_${second}_${label}` : `${first}_${label}`;
}

/** Does PostgreSQL need quotes around this identifier (upper case, a keyword-like start, symbols)? */
export function needsQuotes(name: string): boolean {
  return !/^[a-z_][a-z0-9_$]*$/u.test(name) || RESERVED.has(name);
}

export function quoteIdent(name: string): string {
  return needsQuotes(name) ? `"${name.replaceAll('"', '""')}"` : name;
}

// Reserved keywords that cannot be column or table names unquoted (PostgreSQL's "reserved" list).
const RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create " +
    "current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc " +
    "distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral " +
    "leading limit localtime localtimestamp not null offset on only or order placing primary references returning " +
    "select session_user some symmetric system_user table then to trailing true union unique user using variadic when " +
    "where window with"
  ).split(" "),
);
