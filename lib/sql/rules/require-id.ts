import { createSqlRule } from "../create-sql-rule.js";
import { createdHere, displayName, historyOf, tableHeadRange } from "../sql-context.js";

export type Options = [];
export type MessageIds = "noPrimaryKey";

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
    },
  },
  create(context) {
    return {
      Script() {
        const history = historyOf(context.sourceCode);
        for (const table of createdHere(history)) {
          // Partitions share their parent's key; LIKE, INHERITS, OF and AS SELECT tables hide theirs.
          if (table.primaryKey || table.derived) continue;
          context.report({
            loc: context.sourceCode.locOf(tableHeadRange(context.sourceCode, table)),
            messageId: "noPrimaryKey",
            data: { table: displayName(table) },
          });
        }
      },
    };
  },
});
