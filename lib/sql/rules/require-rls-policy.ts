import type { Statement } from "../language/ast.js";
import type { SqlSourceCode } from "../language/source-code.js";
import { createSqlRule } from "../create-sql-rule.js";
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
          if (table.policies.size > 0 || table.policiesUnknown || table.clientsRevoked) continue;
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
 * A comment right before the statement that speaks of policies (`-- no policies: only the service
 * role reads this table`) records a decision: the rule does not repeat the question.
 */
function explainsPolicies(sourceCode: SqlSourceCode, statement: Statement): boolean {
  const start = statement.range[0];
  const comments = sourceCode.getAllComments();
  let i = comments.findIndex((comment) => comment.range[0] >= start) ;
  if (i === -1) i = comments.length;
  // Walk back over the comments that touch the statement (only whitespace between them).
  let end = start;
  for (let j = i - 1; j >= 0; j--) {
    const comment = comments[j]!;
    if (sourceCode.text.slice(comment.range[1], end).trim() !== "") break;
    if (/polic/iu.test(comment.value)) return true;
    end = comment.range[0];
  }
  return false;
}
