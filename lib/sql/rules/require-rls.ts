import { createSqlRule } from "../create-sql-rule.js";
import { closedToClients } from "../history/model.js";
import { createdHere, DEFAULT_EXPOSED_SCHEMAS, displayName, historyOf, schemasOption, sqlName, tableHeadRange } from "../sql-context.js";

export type Options = [{ schemas?: string[] }];
export type MessageIds = "missingRls";

export default createSqlRule<Options, MessageIds>({
  name: "require-rls",
  meta: {
    type: "problem",
    docs: {
      description: "Require row level security on every table in a schema the Data API exposes",
      recommended: "recommended",
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
      missingRls:
        "Table `{{table}}` never gets row level security, and the `{{schema}}` schema is exposed through the Data API, so anyone with the project's anon key can read and change every row. Add `alter table {{sqlName}} enable row level security;` and policies for the access you intend.",
    },
  },
  create(context, [{ schemas = DEFAULT_EXPOSED_SCHEMAS }]) {
    const exposed = new Set(schemas);
    return {
      Script() {
        const history = historyOf(context.sourceCode);
        if (history.catalog.rlsUnknown) return;
        for (const table of createdHere(history)) {
          if (!exposed.has(table.schema) || table.rls || table.rlsUnknown || closedToClients(table)) continue;
          context.report({
            loc: context.sourceCode.locOf(tableHeadRange(context.sourceCode, table)),
            messageId: "missingRls",
            data: { table: displayName(table), schema: table.schema, sqlName: sqlName(table) },
          });
        }
      },
    };
  },
});
