import type { RuleTextEditor } from "@eslint/core";
import type { RangeVar, SqlNode, Statement } from "../language/ast.js";
import type { SqlSourceCode } from "../language/source-code.js";
import type { ForeignKey, Table } from "../history/catalog.js";
import { derivedName, quoteIdent } from "../history/names.js";
import { createSqlRule } from "../create-sql-rule.js";
import { displayName, historyOf, isCovered, keywordCase, liveTables, rangeOf, type History } from "../sql-context.js";

export type Options = [];
export type MessageIds = "unindexedForeignKey" | "unindexedForeignKeyGenerated" | "addIndex";

export default createSqlRule<Options, MessageIds>({
  name: "require-foreign-key-index",
  meta: {
    type: "problem",
    docs: {
      description: "Require an index on the foreign key of every relation",
      recommended: "recommended",
    },
    fixable: "code",
    hasSuggestions: true,
    languages: ["backend-architect/sql"],
    schema: [],
    messages: {
      unindexedForeignKey:
        "The foreign key `{{columns}}` of `{{table}}` has no index by the last migration (PostgreSQL does not index foreign keys itself), so finding the rows that point to a `{{target}}` row (which every delete or key update of a `{{target}}` row does) scans all of `{{table}}`. Add `{{statement}}`.",
      unindexedForeignKeyGenerated:
        "The foreign key `{{columns}}` of `{{table}}` has no index by the last migration (PostgreSQL does not index foreign keys itself), so finding the rows that point to a `{{target}}` row (which every delete or key update of a `{{target}}` row does) scans all of `{{table}}`. Add an index on `{{columns}}` to the schema this migration is generated from (`@@index` in Prisma, `index().on(...)` in Drizzle) and generate a migration.",
      addIndex: "Add `{{statement}}` after this statement.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Script() {
        const history = historyOf(sourceCode);
        for (const table of liveTables(history)) {
          if (table.indexesUnknown) continue;
          for (const key of table.foreignKeys) {
            if (key.origin.file !== history.current || isCovered(key.columns, table.indexes)) continue;
            report(history, table, key);
          }
        }
      },
    };

    function report(history: History, table: Table, key: ForeignKey): void {
      const data = {
        columns: key.columns.join(", "),
        table: displayName(table),
        target: ((key.origin.node as SqlNode).pktable as RangeVar | undefined)?.relname ?? "referenced row",
      };
      const loc = sourceCode.locOf(rangeOf(sourceCode, key.origin));
      // Generated migrations are regenerated from their schema: an edit here would be lost or drift.
      if (history.folder.layout === "drizzle" || history.folder.layout === "prisma") {
        context.report({ loc, messageId: "unindexedForeignKeyGenerated", data });
        return;
      }
      const statement = createIndexStatement(sourceCode, key);
      const insert = statement ? insertionAfter(sourceCode, key.origin.statement, statement) : undefined;
      if (!insert) {
        // Inside a DO block: name the index to add, edit nothing.
        const where = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
        const advice = `create index on ${where} (${key.columns.map(quoteIdent).join(", ")});`;
        context.report({
          loc,
          messageId: "unindexedForeignKey",
          data: { columns: data.columns, table: data.table, target: data.target, statement: advice },
        });
        return;
      }
      const fix = (fixer: RuleTextEditor) => fixer.insertTextAfterRange([insert.at, insert.at], insert.text);
      // The newest migration is still being written: fix it. An older one has likely been applied,
      // where an edit changes no database: offer the edit, do not make it.
      context.report({
        loc,
        messageId: "unindexedForeignKey",
        data: { columns: data.columns, table: data.table, target: data.target, statement: statement! },
        ...(history.isNewest ? { fix } : { suggest: [{ messageId: "addIndex", data: { statement }, fix }] }),
      });
    }
  },
});

/**
 * `create index profiles_org_id_idx on public.profiles (org_id);`, in the statement's keyword case,
 * naming the table and columns as the statement does (later renames do not apply at that point).
 */
function createIndexStatement(sourceCode: SqlSourceCode, key: ForeignKey): string | undefined {
  const relation = key.origin.statement.relation as RangeVar | undefined;
  if (!relation || key.origin.embeddedRange) return undefined;
  const name = derivedName(relation.relname, key.declared, "idx");
  const table = relation.schemaname ? `${quoteIdent(relation.schemaname)}.${quoteIdent(relation.relname)}` : quoteIdent(relation.relname);
  const [create, on] = keywordCase(sourceCode, key.origin.statement) === "upper" ? ["CREATE INDEX", "ON"] : ["create index", "on"];
  return `${create} ${quoteIdent(name)} ${on} ${table} (${key.declared.map(quoteIdent).join(", ")});`;
}

/** After the statement's `;` (on a new line), or after the statement with a `;` of its own. */
function insertionAfter(sourceCode: SqlSourceCode, statement: Statement, sql: string): { at: number; text: string } {
  const end = statement.range[1];
  const window = sourceCode.statementTokens(statement.range[0]);
  const next = window ? window.indexAt(end) : -1;
  const semicolon = next !== -1 && window!.isPunct(next, ";") ? window!.tokens[next]! : undefined;
  if (semicolon && sourceCode.text.slice(end, semicolon.start).trim() === "") return { at: semicolon.end, text: `\n${sql}` };
  return { at: end, text: `;\n${sql.slice(0, -1)}` };
}
