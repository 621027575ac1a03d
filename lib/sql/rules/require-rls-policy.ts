import type { Statement } from "../language/ast.js";
import type { SqlSourceCode } from "../language/source-code.js";
import { createSqlRule } from "../create-sql-rule.js";
import { closedToClients } from "../history/model.js";
import { DEFAULT_EXPOSED_SCHEMAS, displayName, historyOf, liveTables, schemasOption } from "../sql-context.js";

export type Options = [{ schemas?: string[] }];
export type MessageIds = "missingPolicy";

export default createSqlRule<Options, MessageIds>({
  name: "require-rls-policy",
  meta: {
    type: "problem",
    docs: {
      description: "Require at least one policy on every table with row level security",
      recommended: "strict",
      severity: "warn",
    },
    languages: ["backend-architect/sql"],
    schema: [
      {
        type: "object",
        properties: { schemas: schemasOption },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ schemas: DEFAULT_EXPOSED_SCHEMAS }],
    messages: {
      missingPolicy:
        "Table `{{table}}` has row level security but no policy by the last migration, so clients see none of its rows and can change none. Add a `create policy` for the access you intend; if only the service role may use the table, say so in a disable comment for this rule.",
    },
  },
  create(context, [{ schemas = DEFAULT_EXPOSED_SCHEMAS }]) {
    const exposed = new Set(schemas);
    return {
      Script() {
        const history = historyOf(context.sourceCode);
        if (history.catalog.policiesUnknown) return;
        for (const table of liveTables(history)) {
          const enabled = table.rls;
          if (enabled?.file !== history.current || !exposed.has(table.schema)) continue;
          if (table.policies.size > 0 || table.policiesUnknown || closedToClients(table)) continue;
          if (!enabled.embeddedRange && explainsPolicies(context.sourceCode, enabled.statement)) continue;
          context.report({
            loc: context.sourceCode.locOf(enabled.embeddedRange ?? enabled.statement.range),
            messageId: "missingPolicy",
            data: { table: displayName(table) },
          });
        }
      },
    };
  },
});

/**
 * A comment next to the statement that speaks of policies (`-- no policies: only the service role
 * reads this table`) records a decision: the rule does not repeat the question. Next to means the
 * comments touching the statement from above, and those that follow it on its line or the next ones.
 */
function explainsPolicies(sourceCode: SqlSourceCode, statement: Statement): boolean {
  const [start, end] = statement.range;
  const comments = sourceCode.getAllComments();
  const first = comments.findIndex((comment) => comment.range[0] >= start);
  const after = first === -1 ? comments.length : first;
  let edge = start;
  for (let i = after - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (sourceCode.text.slice(comment.range[1], edge).trim() !== "") break;
    if (POLICIES.test(comment.value)) return true;
    edge = comment.range[0];
  }
  let line = statement.loc.end.line;
  for (let i = after; i < comments.length; i++) {
    const comment = comments[i]!;
    if (comment.range[0] < end) continue; // inside the statement
    if (comment.loc.start.line > line + 1 || /[^\s;]/u.test(sourceCode.text.slice(end, comment.range[0]).replace(/--[^\n]*|\/\*[\s\S]*?\*\//gu, ""))) break;
    if (POLICIES.test(comment.value)) return true;
    line = comment.loc.end.line;
  }
  return false;
}

const POLICIES = /polic/iu;
