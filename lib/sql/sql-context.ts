/**
 * What SQL rules share: the history of the linted file, where to report a fact, which tables count,
 * and whether an index serves a lookup. Rules never compute offsets themselves.
 */
import type { RangeVar, SqlNode } from "./language/ast.js";
import type { SqlSourceCode } from "./language/source-code.js";
import type { Index, Origin, Table } from "./history/catalog.js";
import { historyOf, type History } from "./history/history.js";
import { quoteIdent } from "./history/names.js";

export { historyOf, type History };

/** Schemas Supabase's Data API (PostgREST) exposes by default. */
export const DEFAULT_EXPOSED_SCHEMAS = ["public"];

export const schemasOption = {
  type: "array",
  items: { type: "string", minLength: 1 },
  uniqueItems: true,
  description:
    "Schemas the Data API exposes (Supabase's `[api] schemas` in `supabase/config.toml`); tables elsewhere are not checked.",
} as const;

/** The range to report a fact at: its node, or the whole statement when it sits in a `DO` block. */
export function rangeOf(sourceCode: SqlSourceCode, origin: Origin): [number, number] {
  return origin.embeddedRange ?? sourceCode.getRange(origin.node);
}

/** `create table public.profiles` (up to the table's name): where table-level findings go. */
export function tableHeadRange(sourceCode: SqlSourceCode, table: Table): [number, number] {
  const origin = table.created!;
  if (origin.embeddedRange) return origin.embeddedRange;
  const start = origin.statement.range[0];
  const relation = (origin.node.relation ?? (origin.node.into as { rel?: RangeVar } | undefined)?.rel) as RangeVar | undefined;
  if (!relation || typeof relation.location !== "number" || relation.location < start) return origin.statement.range;
  return [start, sourceCode.getRange(relation)[1]];
}

/** Tables this file creates that still exist at the end of the history and can be judged. */
export function createdHere(history: History): Table[] {
  return history.catalog.created.filter(
    (table) => table.created?.file === history.current && !table.dropped && !table.temporary && !table.opaque,
  );
}

/** Live tables whose facts can be judged (not dropped, not temporary, not changed out of sight). */
export function liveTables(history: History): Table[] {
  const tables: Table[] = [];
  for (const table of history.catalog.tables.values()) {
    if (!table.dropped && !table.temporary && !table.opaque) tables.push(table);
  }
  return tables;
}

export function displayName(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function sqlName(table: { schema: string; name: string }): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

/**
 * Does an index serve lookups by these columns? Yes when an index leads with one of them (the
 * database narrows the lookup through it and filters the rest), or a unique index or primary key
 * lies within them (at most one row matches). The rule `require-foreign-key-index` of the Prisma
 * language uses the same test.
 */
export function isCovered(columns: string[], indexes: Index[]): boolean {
  const key = new Set(columns);
  return indexes.some(
    (index) =>
      (index.columns[0] !== undefined && key.has(index.columns[0])) ||
      (index.kind !== "index" && index.columns.length > 0 && index.columns.every((column) => column !== undefined && key.has(column))),
  );
}

/** The keyword case a statement is written in, for text a fix adds next to it. */
export function keywordCase(sourceCode: SqlSourceCode, statement: SqlNode & { range: [number, number] }): "lower" | "upper" {
  const first = sourceCode.text.slice(statement.range[0], statement.range[0] + 6);
  return first === first.toUpperCase() ? "upper" : "lower";
}
