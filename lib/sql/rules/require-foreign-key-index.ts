import type { RuleTextEditor } from "@eslint/core";
import type { ColumnDef, RangeVar, SqlNode, Statement } from "../language/ast.js";
import type { SqlSourceCode } from "../language/source-code.js";
import type { Column, ForeignKey, Origin, Table } from "../history/catalog.js";
import { isRegExpString, toRegExp } from "../../../prisma-lint/naming.js";
import { derivedName, quoteIdent } from "../history/names.js";
import { createSqlRule } from "../create-sql-rule.js";
import { displayName, historyOf, isCovered, keywordCase, liveTables, rangeOf, type History } from "../sql-context.js";

export type Options = [{ forAllRelations?: boolean; forNames?: string[] }];
export type MessageIds =
  | "unindexedForeignKey"
  | "unindexedForeignKeyGenerated"
  | "unindexedColumn"
  | "unindexedColumnGenerated"
  | "addIndex";

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
    schema: [
      {
        type: "object",
        properties: {
          forAllRelations: {
            type: "boolean",
            description: "Check the foreign key of every relation (where the database does not index it by itself).",
          },
          forNames: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description:
              "Other fields that must lead an index, such as a tenant key: exact names or `\"/regex/flags\"` patterns (`\"tenantId\"`, `\"/Id$/\"`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ forAllRelations: true, forNames: [] }],
    messages: {
      unindexedForeignKey:
        "The foreign key `{{columns}}` of `{{table}}` has no index by the last migration (PostgreSQL does not index foreign keys itself), so finding the rows that point to a `{{target}}` row (which every delete or key update of a `{{target}}` row does) scans all of `{{table}}`. Add `{{statement}}`.",
      unindexedForeignKeyGenerated:
        "The foreign key `{{columns}}` of `{{table}}` has no index by the last migration (PostgreSQL does not index foreign keys itself), so finding the rows that point to a `{{target}}` row (which every delete or key update of a `{{target}}` row does) scans all of `{{table}}`. Add an index on `{{columns}}` to the schema this migration is generated from (`@@index` in Prisma, `index().on(...)` in Drizzle) and generate a migration.",
      unindexedColumn:
        "`{{column}}` of `{{table}}` leads no index by the last migration, so every query of `{{table}}` by `{{column}}` scans the whole table. Add `{{statement}}`.",
      unindexedColumnGenerated:
        "`{{column}}` of `{{table}}` leads no index by the last migration, so every query of `{{table}}` by `{{column}}` scans the whole table. Add an index on `{{column}}` to the schema this migration is generated from (`@@index` in Prisma, `index().on(...)` in Drizzle) and generate a migration.",
      addIndex: "Add `{{statement}}` after this statement.",
    },
  },
  create(context, [{ forAllRelations = true, forNames = [] }]) {
    const sourceCode = context.sourceCode;
    const isNamed = columnMatcher(forNames);
    return {
      Script() {
        const history = historyOf(sourceCode);
        for (const table of liveTables(history)) {
          if (table.indexesUnknown) continue;
          const reported = new Set<string>();
          for (const key of forAllRelations ? table.foreignKeys : []) {
            if (key.origin.file !== history.current || isCovered(key.columns, table.indexes)) continue;
            report(history, table, key);
            for (const column of key.columns) reported.add(column);
          }
          for (const column of table.columns.values()) {
            if (column.origin.file !== history.current || reported.has(column.name) || !isNamed(column.name)) continue;
            if (!isCovered([column.name], table.indexes)) reportColumn(history, table, column);
          }
        }
      },
    };

    function reportColumn(history: History, table: Table, column: Column): void {
      const loc = sourceCode.locOf(rangeOf(sourceCode, column.origin));
      const data = { column: column.name, table: displayName(table) };
      if (history.folder.layout === "drizzle" || history.folder.layout === "prisma") {
        context.report({ loc, messageId: "unindexedColumnGenerated", data });
        return;
      }
      const declared = (column.origin.node as ColumnDef).colname;
      const statement = createIndexStatement(sourceCode, column.origin, [declared]);
      const insert = statement ? insertionAfter(sourceCode, column.origin.statement, statement) : undefined;
      if (!insert) {
        const advice = `create index on ${quoteIdent(table.schema)}.${quoteIdent(table.name)} (${quoteIdent(column.name)});`;
        context.report({ loc, messageId: "unindexedColumn", data: { column: data.column, table: data.table, statement: advice } });
        return;
      }
      const fix = (fixer: RuleTextEditor) => fixer.insertTextAfterRange([insert.at, insert.at], insert.text);
      context.report({
        loc,
        messageId: "unindexedColumn",
        data: { column: data.column, table: data.table, statement: statement! },
        ...(history.isNewest ? { fix } : { suggest: [{ messageId: "addIndex", data: { statement }, fix }] }),
      });
    }

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
      const statement = createIndexStatement(sourceCode, key.origin, key.declared);
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
 * `forNames` entries are written for Prisma fields (`tenantId`) and SQL columns (`tenant_id`) alike: an
 * exact name matches without case and underscores, a `"/regex/"` the column's name or its camelCase form.
 */
function columnMatcher(entries: readonly string[]): (name: string) => boolean {
  if (entries.length === 0) return () => false;
  const normalize = (name: string) => name.replaceAll("_", "").toLowerCase();
  const exact = new Set(entries.filter((entry) => !isRegExpString(entry)).map(normalize));
  const patterns = entries.filter(isRegExpString).map((entry) => toRegExp(entry, "forNames"));
  return (name) => {
    if (exact.has(normalize(name))) return true;
    const camel = name.replace(/_+([a-z0-9])/gu, (_, c: string) => c.toUpperCase());
    return patterns.some((pattern) => pattern.test(name) || pattern.test(camel));
  };
}

/**
 * `create index profiles_org_id_idx on public.profiles (org_id);`, in the statement's keyword case,
 * naming the table and columns as the statement does (later renames do not apply at that point).
 */
function createIndexStatement(sourceCode: SqlSourceCode, origin: Origin, declared: string[]): string | undefined {
  const relation = origin.statement.relation as RangeVar | undefined;
  if (!relation || origin.embeddedRange) return undefined;
  const name = derivedName(relation.relname, declared, "idx");
  const table = relation.schemaname ? `${quoteIdent(relation.schemaname)}.${quoteIdent(relation.relname)}` : quoteIdent(relation.relname);
  const [create, on] = keywordCase(sourceCode, origin.statement) === "upper" ? ["CREATE INDEX", "ON"] : ["create index", "on"];
  return `${create} ${quoteIdent(name)} ${on} ${table} (${declared.map(quoteIdent).join(", ")});`;
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
