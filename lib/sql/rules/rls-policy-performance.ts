import type { RangeVar, SqlNode } from "../language/ast.js";
import { childNodes } from "../language/ast.js";
import type { Catalog, PolicyExpression, Table } from "../history/catalog.js";
import { stringsOf, tableKey } from "../history/names.js";
import { createSqlRule } from "../create-sql-rule.js";
import { displayName, historyOf, isCovered, liveTables } from "../sql-context.js";

export type Options = [];
export type MessageIds = "perRowCall" | "unindexedSubquery" | "wrapInSelect";

/** Functions that read the request's JWT or settings: the same value for every row of a query. */
const PER_REQUEST_FUNCTIONS = new Set(["auth.uid", "auth.jwt", "auth.role", "auth.email", "current_setting", "pg_catalog.current_setting"]);

export default createSqlRule<Options, MessageIds>({
  name: "rls-policy-performance",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require row level security policies that evaluate per-request values once and filter subqueries through an index",
      recommended: "recommended",
      severity: "warn",
    },
    hasSuggestions: true,
    languages: ["backend-architect/sql"],
    schema: [],
    messages: {
      perRowCall:
        "`{{call}}` in a policy runs once for every row the query touches. Write `(select {{call}})`: PostgreSQL then evaluates it once per statement.",
      unindexedSubquery:
        "This policy's subquery reads `{{table}}` filtered by `{{columns}}`, and no index of `{{table}}` starts with {{those}}, so {{cost}} scans all of `{{table}}`. Add an index on `{{table}} ({{first}})`.",
      wrapInSelect: "Write `(select {{call}})`.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // One report per table and lookup column in a file: one index fixes all its policies.
    const reported = new Set<string>();

    function check(expression: PolicyExpression, catalog: Catalog): void {
      const embedded = expression.origin.embeddedRange;
      const visit = (node: SqlNode, wrapped: boolean): void => {
        if (node.type === "SubLink") {
          const select = node.subselect as SqlNode | undefined;
          const fromClause = select?.fromClause as SqlNode[] | undefined;
          if (select?.type === "SelectStmt" && !fromClause?.length) {
            // `(select auth.uid())`: an init plan, evaluated once per statement.
            wrapped = true;
          } else if (select) {
            checkSubquery(node, select, catalog, embedded);
          }
        } else if (node.type === "FuncCall" && !wrapped) {
          const name = stringsOf(node.funcname).join(".");
          if (PER_REQUEST_FUNCTIONS.has(name)) reportCall(node, embedded);
        }
        for (const child of childNodes(node)) visit(child, wrapped);
      };
      visit(expression.node, false);
    }

    function reportCall(call: SqlNode, embedded: [number, number] | undefined): void {
      const range = embedded ?? sourceCode.getRange(call);
      const text = embedded ? `${stringsOf(call.funcname).join(".")}(...)` : sourceCode.text.slice(range[0], range[1]);
      context.report({
        loc: sourceCode.locOf(range),
        messageId: "perRowCall",
        data: { call: text },
        suggest: embedded
          ? []
          : [{ messageId: "wrapInSelect", data: { call: text }, fix: (fixer) => fixer.replaceTextRange(range, `(select ${text})`) }],
      });
    }

    function checkSubquery(sublink: SqlNode, select: SqlNode, catalog: Catalog, embedded: [number, number] | undefined): void {
      const from = select.fromClause as SqlNode[];
      if (from.length !== 1 || from[0]!.type !== "RangeVar" || select.op !== "SETOP_NONE") return;
      const rangeVar = from[0] as RangeVar;
      const table = catalog.tables.get(tableKey(rangeVar.schemaname ?? "public", rangeVar.relname));
      // Only tables whose every index the history shows.
      if (!table?.created || table.opaque || table.derived || table.dropped || table.indexesUnknown) return;
      const alias = (rangeVar.alias as { aliasname?: string } | undefined)?.aliasname;
      const filters = filterColumns(select.whereClause as SqlNode | undefined, table, alias ?? rangeVar.relname);
      const columns = [...new Set(filters.map((filter) => filter.column))];
      if (columns.length === 0 || isCovered(columns, table.indexes)) return;
      const key = `${displayName(table)}(${columns[0]})`;
      if (reported.has(key)) return;
      reported.add(key);
      const correlated = filters.some((filter) => filter.outerRow);
      context.report({
        loc: sourceCode.locOf(embedded ?? sourceCode.getRange(sublink)),
        messageId: "unindexedSubquery",
        data: {
          table: displayName(table),
          columns: columns.join("`, `"),
          those: columns.length === 1 ? "it" : "any of them",
          first: columns[0]!,
          // A subquery that reads the outer row runs per row; one that does not runs once per query.
          cost: correlated ? "every row the policy checks" : "every query the policy guards",
        },
      });
    }

    return {
      Script() {
        const history = historyOf(sourceCode);
        for (const table of liveTables(history)) {
          for (const policy of table.policies.values()) {
            for (const expression of [policy.using, policy.withCheck]) {
              if (expression?.origin.file === history.current) check(expression, history.catalog);
            }
          }
        }
      },
    };
  },
});

interface Filter {
  column: string;
  /** Compared with a column of the row the policy checks (the subquery is correlated). */
  outerRow: boolean;
}

/**
 * Columns of the subquery's table that its `where` compares with a value from outside the table
 * (`user_id = auth.uid()`, `m.org_id = projects.org_id`), through `and` only: an `or` or `not`
 * branch may not filter at all. Comparisons with constants (`role = 'admin'`) are no lookup key.
 */
function filterColumns(where: SqlNode | undefined, table: Table, qualifier: string): Filter[] {
  if (!where) return [];
  if (where.type === "BoolExpr") {
    return where.boolop === "AND_EXPR" ? ((where.args as SqlNode[] | undefined) ?? []).flatMap((arg) => filterColumns(arg, table, qualifier)) : [];
  }
  if (where.type !== "A_Expr") return [];
  const operator = stringsOf(where.name).join(".");
  const equality = (where.kind === "AEXPR_OP" || where.kind === "AEXPR_OP_ANY") && operator === "=";
  if (!equality) return [];
  const lexpr = where.lexpr as SqlNode | undefined;
  const rexpr = where.rexpr as SqlNode | undefined;
  const left = ownColumn(lexpr, table, qualifier);
  const right = ownColumn(rexpr, table, qualifier);
  if (left && !right && isOutsideValue(rexpr, table, qualifier)) return [{ column: left, outerRow: unwrap(rexpr)?.type === "ColumnRef" }];
  if (right && !left && where.kind === "AEXPR_OP" && isOutsideValue(lexpr, table, qualifier)) {
    return [{ column: right, outerRow: unwrap(lexpr)?.type === "ColumnRef" }];
  }
  return [];
}

/** The column name when `node` is a column of the subquery's table (`user_id`, `m.user_id`). */
function ownColumn(node: SqlNode | undefined, table: Table, qualifier: string): string | undefined {
  if (node?.type !== "ColumnRef") return undefined;
  const fields = stringsOf(node.fields);
  if (fields.length === 1) return table.columns.has(fields[0]!) ? fields[0] : undefined;
  if (fields.length === 2 && fields[0] === qualifier) return fields[1];
  return undefined;
}

function unwrap(node: SqlNode | undefined): SqlNode | undefined {
  let value = node;
  while (value?.type === "TypeCast") value = value.arg as SqlNode | undefined;
  return value;
}

/** A value that varies per request or per outer row: not a constant, not a column of the same table. */
function isOutsideValue(node: SqlNode | undefined, table: Table, qualifier: string): boolean {
  const value = unwrap(node);
  if (!value || value.type === "A_Const" || value.type === "A_ArrayExpr") return false;
  return ownColumn(value, table, qualifier) === undefined;
}
