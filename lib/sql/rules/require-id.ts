import type { Table } from "../history/catalog.js";
import { quoteIdent } from "../history/names.js";
import { createSqlRule } from "../create-sql-rule.js";
import { createdHere, displayName, historyOf, tableHeadRange } from "../sql-context.js";

export type Options = [];
export type MessageIds = "noPrimaryKey" | "uniqueKeyInsteadOfPrimaryKey";

export default createSqlRule<Options, MessageIds>({
  name: "require-id",
  meta: {
    type: "problem",
    docs: {
      description: "Require every table to have a primary key",
      recommended: "recommended",
    },
    languages: ["backend-architect/sql"],
    schema: [],
    messages: {
      noPrimaryKey:
        "Table `{{table}}` has no primary key by the last migration, so rows cannot be addressed reliably and logical replication (Supabase Realtime, read replicas) cannot send their updates and deletes. Add `id uuid primary key default gen_random_uuid()` or a `primary key (...)` constraint.",
      uniqueKeyInsteadOfPrimaryKey:
        "Table `{{table}}` has no primary key by the last migration, only a unique key on `{{columns}}`, so logical replication (Supabase Realtime, read replicas) cannot send its updates and deletes. Make that key the primary key: `{{statement}}`.",
    },
  },
  create(context) {
    return {
      Script() {
        const history = historyOf(context.sourceCode);
        for (const table of createdHere(history)) {
          // Partitions share their parent's key; LIKE, INHERITS, OF and AS SELECT tables hide theirs.
          if (table.primaryKey || table.derived) continue;
          const loc = context.sourceCode.locOf(tableHeadRange(context.sourceCode, table));
          const unique = uniqueKey(table);
          if (unique) {
            const target = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
            context.report({
              loc,
              messageId: "uniqueKeyInsteadOfPrimaryKey",
              data: {
                table: displayName(table),
                columns: unique.join(", "),
                statement: `alter table ${target} add primary key (${unique.map(quoteIdent).join(", ")});`,
              },
            });
          } else {
            context.report({ loc, messageId: "noPrimaryKey", data: { table: displayName(table) } });
          }
        }
      },
    };
  },
});

/** The columns of the table's first unique constraint or unique index on plain columns: a key that could be primary. */
function uniqueKey(table: Table): string[] | undefined {
  const index = table.indexes.find((candidate) => candidate.kind === "unique" && candidate.columns.every((column) => column !== undefined));
  return index?.columns as string[] | undefined;
}
