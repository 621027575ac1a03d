import picomatch from "picomatch";
import type { Table } from "../history/catalog.js";
import { createSqlRule } from "../create-sql-rule.js";
import { DEFAULT_EXPOSED_SCHEMAS, displayName, historyOf, liveTables, rangeOf, schemasOption } from "../sql-context.js";

export type Options = [{ allowModels?: string[]; schemas?: string[] }];
export type MessageIds = "sequentialPrimaryKey";

export default createSqlRule<Options, MessageIds>({
  name: "require-uuid-id",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require non-sequential primary keys (UUID) instead of `serial` and identity columns",
      recommended: "strict",
    },
    languages: ["backend-architect/sql"],
    schema: [
      {
        type: "object",
        properties: {
          allowModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Model or table names or glob patterns whose ids never leave the server and may be sequential.",
          },
          schemas: schemasOption,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowModels: [], schemas: DEFAULT_EXPOSED_SCHEMAS }],
    messages: {
      sequentialPrimaryKey:
        "Table `{{table}}` gets sequential ids from `{{column}}`, which leak how many rows exist and let anyone guess the ids of other rows. Use `{{column}} uuid primary key default gen_random_uuid()`, or add `{{name}}` to `allowModels` if its ids never reach a client.",
    },
  },
  create(context, [{ allowModels = [], schemas = DEFAULT_EXPOSED_SCHEMAS }]) {
    const allowed = allowModels.length > 0 ? picomatch(allowModels) : () => false;
    const exposed = new Set(schemas);
    return {
      Script() {
        const history = historyOf(context.sourceCode);
        for (const table of liveTables(history)) {
          const key = table.primaryKey?.columns;
          if (!key || key.length !== 1 || !exposed.has(table.schema) || allowed(table.name)) continue;
          const column = table.columns.get(key[0]!);
          if (!column?.sequential || column.origin.file !== history.current || hasPublicId(table)) continue;
          context.report({
            loc: context.sourceCode.locOf(rangeOf(context.sourceCode, column.origin)),
            messageId: "sequentialPrimaryKey",
            data: { table: displayName(table), column: column.name, name: table.name },
          });
        }
      },
    };
  },
});

/** Names of the identifier an app shows instead of the row's key (`publicId`, `public_id`, `uuid`, `slug`). */
const PUBLIC_ID_NAMES = new Set(["publicid", "uuid", "guid", "externalid", "shortid", "nanoid", "cuid", "slug"]);

/**
 * The internal-key pattern: a sequential primary key for joins, and a unique public identifier (a
 * `uuid` column, or one named `public_id`, `slug`...) for URLs and APIs. Clients never see the key.
 */
function hasPublicId(table: Table): boolean {
  return table.indexes.some((index) => {
    if (index.kind === "index" || index.columns.length !== 1 || index.columns[0] === undefined) return false;
    const column = table.columns.get(index.columns[0]);
    if (!column || column.name === table.primaryKey?.columns[0]) return false;
    return column.type.at(-1) === "uuid" || PUBLIC_ID_NAMES.has(column.name.replaceAll("_", "").toLowerCase());
  });
}
