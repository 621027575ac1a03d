import picomatch from "picomatch";
import type { Column, Table } from "../history/catalog.js";
import { createSqlRule } from "../create-sql-rule.js";
import { createdHere, displayName, historyOf, rangeOf, tableHeadRange } from "../sql-context.js";

export type Options = [
  {
    createdAt?: string;
    updatedAt?: string;
    ignoreModels?: string[];
    ignoreJoinTables?: boolean;
    requireTimestamptz?: boolean;
  },
];
export type MessageIds = "missingCreatedAtColumn" | "missingUpdatedAtColumn" | "notTimestamptz";

/** `createdAt`, `created_at` and `CreatedAt` are one name: compared without case and underscores. */
function normalize(name: string): string {
  return name.replaceAll("_", "").toLowerCase();
}

/** Other common names of the two columns in SQL schemas (Stripe's `created`, Phoenix's `inserted_at`). */
const SYNONYMS = {
  createdAt: ["created", "createdon", "insertedat", "creationdate", "createtime", "createdtime", "datecreated", "createddate"],
  updatedAt: [
    "updated",
    "updatedon",
    "modifiedat",
    "modified",
    "lastmodified",
    "lastmodifiedat",
    "updatetime",
    "updatedtime",
    "lastupdated",
    "lastupdatedat",
    "lastupdate",
    "lastupdateat",
    "dateupdated",
    "datemodified",
  ],
};

const TIME_TYPES = new Set(["timestamp", "timestamptz", "date"]);

/**
 * Logs, events, activity feeds and audit trails are written once and never changed: they need no
 * `updated_at`. Recognized by the last word of the table's name (`activity_logs`, `email_events`,
 * `card_activity`, `UserJourneyEvent`, `order_history`) or an `audit` first word (`audit_trail`).
 */
const APPEND_ONLY = /(?:^|_)(?:logs?|events?|audits?|activity|activities|history|histories|ledger|journal)$|^audit(?:_|$)/u;

/** `UserJourneyEvent` and `card_activity` as snake_case words, for `APPEND_ONLY`. */
function snakeWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/gu, "$1_$2").toLowerCase();
}

/** The column name to suggest: `createdAt` (the shared option's default) is `created_at` in SQL. */
function columnName(option: string): string {
  return option.includes("_") || option === option.toLowerCase() ? option : option.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);
}

export default createSqlRule<Options, MessageIds>({
  name: "require-timestamps",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require every table to record when each row was created and last updated",
      recommended: "recommended",
    },
    languages: ["backend-architect/sql"],
    schema: [
      {
        type: "object",
        properties: {
          createdAt: {
            type: "string",
            minLength: 1,
            description:
              "Name of the creation timestamp field or column (`DateTime @default(now())` in Prisma; SQL columns are compared without case and underscores, so `createdAt` matches `created_at`).",
          },
          updatedAt: {
            type: "string",
            minLength: 1,
            description:
              "Name of the update timestamp field or column (`DateTime @updatedAt` in Prisma; SQL columns are compared without case and underscores, so `updatedAt` matches `updated_at`).",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Model or table names or glob patterns (`Audit*`, `audit_*`) of models and tables that need no timestamps.",
          },
          ignoreJoinTables: {
            type: "boolean",
            description: "Skip join tables: models or tables made only of two relations (foreign keys) and a composite primary key.",
          },
          requireTimestamptz: {
            type: "boolean",
            description: "SQL only: also require both columns to be `timestamptz` (`timestamp with time zone`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      { createdAt: "createdAt", updatedAt: "updatedAt", ignoreModels: [], ignoreJoinTables: false, requireTimestamptz: false },
    ],
    messages: {
      missingCreatedAtColumn:
        "Table `{{table}}` has no `{{column}}` column by the last migration, so nobody can tell when a row was created. Add `{{column}} timestamptz not null default now()`.",
      missingUpdatedAtColumn:
        "Table `{{table}}` has no `{{column}}` column by the last migration, so nobody can tell when a row last changed. Add `{{column}} timestamptz not null default now()` and a trigger that sets it on update (for example with the `moddatetime` extension).",
      notTimestamptz:
        "`{{column}}` is a `{{type}}`, which stores no time zone, so its values depend on the server's setting. Make it a `timestamptz`.",
    },
  },
  create(context, [options]) {
    const createdAt = options.createdAt ?? "createdAt";
    const updatedAt = options.updatedAt ?? "updatedAt";
    const ignorePatterns = options.ignoreModels ?? [];
    const ignored = ignorePatterns.length > 0 ? picomatch(ignorePatterns) : () => false;
    const sourceCode = context.sourceCode;

    /** Two foreign keys, a composite primary key, and no other column. */
    function isJoinTable(table: Table): boolean {
      if (table.foreignKeys.length !== 2 || (table.primaryKey?.columns.length ?? 0) < 2) return false;
      const keyColumns = new Set(table.foreignKeys.flatMap((key) => key.columns));
      return [...table.columns.keys()].every((column) => keyColumns.has(column));
    }

    const updatedNames = new Set([normalize(updatedAt), ...SYNONYMS.updatedAt]);

    /**
     * A time column the row gets when it is inserted (`submitted_at timestamptz default now()`,
     * `started_at`, `signed_at`) tells when the row was created under another name.
     */
    function isInsertTime(column: Column): boolean {
      return column.defaultsToNow && TIME_TYPES.has(column.type.at(-1) ?? "") && !updatedNames.has(normalize(column.name));
    }

    function check(table: Table, option: string, messageId: "missingCreatedAtColumn" | "missingUpdatedAtColumn", current: unknown): void {
      const isCreated = messageId === "missingCreatedAtColumn";
      const names = isCreated ? new Set([normalize(option), ...SYNONYMS.createdAt]) : updatedNames;
      const columns = [...table.columns.values()];
      const column = columns.find((candidate) => names.has(normalize(candidate.name)));
      if (!column && isCreated && columns.some((candidate) => isInsertTime(candidate))) return;
      if (!column) {
        context.report({
          loc: sourceCode.locOf(tableHeadRange(sourceCode, table)),
          messageId,
          data: { table: displayName(table), column: columnName(option) },
        });
      } else if (options.requireTimestamptz && column.type.at(-1) !== "timestamptz" && column.origin.file === current) {
        context.report({
          loc: sourceCode.locOf(rangeOf(sourceCode, column.origin)),
          messageId: "notTimestamptz",
          data: { column: column.name, type: column.type.join(".") },
        });
      }
    }

    return {
      Script() {
        const history = historyOf(sourceCode);
        for (const table of createdHere(history)) {
          if (table.derived || ignored(table.name) || (options.ignoreJoinTables && isJoinTable(table))) continue;
          check(table, createdAt, "missingCreatedAtColumn", history.current);
          if (!APPEND_ONLY.test(snakeWords(table.name))) check(table, updatedAt, "missingUpdatedAtColumn", history.current);
        }
      },
    };
  },
});
