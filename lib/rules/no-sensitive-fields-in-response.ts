import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { findVariable } from "../util/bindings.js";
import { trackToClient, type ViewOp } from "../analysis/client-flow.js";
import type { DbQuery } from "../analysis/db-queries.js";
import { fileFacts } from "../analysis/file-facts.js";
import { addGlobalOmit, globalOmitIn, resultShape, type GlobalOmit, type RowShape } from "../analysis/prisma-args.js";
import { getPrismaSchema, type SchemaModel } from "../analysis/prisma-schema.js";
import type { RequestBoundary } from "../analysis/request-boundary.js";
import { definitionOf } from "../analysis/resolve.js";
import { sensitiveNames, type SensitiveNames } from "../analysis/sensitive-fields.js";

export type Options = [
  {
    sensitiveFields?: string[];
    allowFields?: string[];
    requireSelect?: boolean;
    requireSelectMinColumns?: number;
  },
];
export type MessageIds = "sensitiveField" | "fullRow";

/** What the client receives of a tracked query result. */
type Exposed = { kind: "row"; shape: RowShape } | { kind: "column"; model: SchemaModel; field: string } | undefined;

const MAX_RELATION_DEPTH = 6;

export default createRule<Options, MessageIds>({
  name: "no-sensitive-fields-in-response",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow sending password hashes, tokens and other secret columns of Prisma rows to the client",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          sensitiveFields: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              'More sensitive columns: field names (`ssn`), `Model.field`, or regular expressions as strings (`"/^stripe\\\\w*Secret$/i"`).',
          },
          allowFields: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Columns that look sensitive but are not (`hash` of a file): field names or `Model.field`.",
          },
          requireSelect: {
            type: "boolean",
            description: "Also report full rows sent to the client (a query without `select`): over-fetching.",
          },
          requireSelectMinColumns: {
            type: "integer",
            minimum: 1,
            description:
              "With `requireSelect`, the fewest columns a full row must have to be reported: small rows are usually all meant for the screen. `1` reports every full row.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sensitiveFields: [], allowFields: [], requireSelect: false, requireSelectMinColumns: 12 }],
    messages: {
      sensitiveField:
        "This sends {{fields}} to the client. `select` only the fields the client needs, or leave {{pronoun}} out with `omit: { {{omit}} }` on the query (or in the client's global `omit`).",
      fullRow:
        "Every column of {{models}} is sent to the client here, also any column added to the model later. `select` only the fields the client needs, or map the row to a response type.",
    },
  },
  create(context, [{ sensitiveFields = [], allowFields = [], requireSelect = false, requireSelectMinColumns = 12 }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    // every finding is a Prisma query's result, sent from a request boundary
    if (!facts.mayQueryDatabase || !facts.mayHaveBoundaries) return {};
    const { boundaries, queries, responses } = facts;
    const candidates: { query: DbQuery; boundary: RequestBoundary }[] = [];
    /** This file's own `new PrismaClient({ omit })`, collected as the traversal passes. */
    const localOmit = new Map<string, Set<string>>();
    let names: SensitiveNames | undefined;

    /** Applies what the code did to the value on its way out. */
    function view(shape: RowShape, ops: readonly ViewOp[]): Exposed {
      let exposed: Exposed = { kind: "row", shape };
      for (const op of ops) {
        if (exposed === undefined || op.kind === "element") continue;
        // a column's value: `recoveryCodes[0]` is still the secret, `passwordHash.length` is not
        if (exposed.kind === "column") {
          exposed = undefined;
          continue;
        }
        const row: RowShape = exposed.shape;
        if (op.kind === "omit") {
          exposed = {
            kind: "row",
            shape: {
              ...row,
              scalars: new Set([...row.scalars].filter((name) => !op.names.has(name))),
              relations: new Map([...row.relations].filter(([name]) => !op.names.has(name))),
            },
          };
          continue;
        }
        const related = row.relations.get(op.name);
        if (related) exposed = { kind: "row", shape: related };
        else exposed = row.scalars.has(op.name) ? { kind: "column", model: row.model, field: op.name } : undefined;
      }
      return exposed;
    }

    function isSensitive(model: SchemaModel, field: string): boolean {
      names ??= sensitiveNames(sensitiveFields, allowFields);
      const type = model.fields.get(field)?.type;
      return type !== undefined && names.isSensitive(field, model.name, type);
    }

    /**
     * Whether any part of the row can be sensitive: the view ops on the way out only narrow it (a member, an
     * omit), so a row without one reports nothing wherever it goes, and is not followed.
     */
    function holdsSensitive(shape: RowShape, seen: Set<RowShape>): boolean {
      if (seen.has(shape)) return false;
      seen.add(shape);
      for (const field of shape.scalars) if (isSensitive(shape.model, field)) return true;
      for (const related of shape.relations.values()) if (holdsSensitive(related, seen)) return true;
      return false;
    }

    /**
     * The sensitive columns and the full rows a view carries (related rows included). `echoed`: columns of the
     * queried row that its `where` pins to a value the caller already holds.
     */
    function collect(exposed: Exposed, into: { fields: Set<string>; rows: Set<string> }, root: SchemaModel, echoed: ReadonlySet<string>): void {
      if (!exposed) return;
      const hidden = (model: SchemaModel, field: string): boolean => model === root && echoed.has(field);
      if (exposed.kind === "column") {
        if (isSensitive(exposed.model, exposed.field) && !hidden(exposed.model, exposed.field)) into.fields.add(`${exposed.model.name}.${exposed.field}`);
        return;
      }
      const visit = (row: RowShape, depth: number): void => {
        if (depth > MAX_RELATION_DEPTH) return;
        for (const field of row.scalars) {
          if (isSensitive(row.model, field) && !(depth === 0 && hidden(row.model, field))) into.fields.add(`${row.model.name}.${field}`);
        }
        // a narrow row (a dashboard's name and ids) is usually all meant for the screen
        if (row.allColumns && row.scalars.size >= requireSelectMinColumns) into.rows.add(row.model.name);
        for (const related of row.relations.values()) visit(related, depth + 1);
      };
      visit(exposed.shape, 0);
    }

    /** `omit` of the client module(s) the file's queries use: `new PrismaClient({ omit: {...} })`. */
    function globalOmitFor(found: readonly { query: DbQuery }[]): GlobalOmit {
      const merged = new Map<string, Set<string>>();
      const add = (omit: GlobalOmit): void => {
        for (const [model, fields] of omit) merged.set(model, new Set([...(merged.get(model) ?? []), ...fields]));
      };
      add(localOmit);
      const resolved = new Set<string>();
      for (const { query } of found) {
        const root = rootIdentifier(query.client);
        if (!root || resolved.has(root.name)) continue;
        resolved.add(root.name);
        if (findVariable(sourceCode, root)?.defs[0]?.type !== "ImportBinding") continue;
        const definition = definitionOf(context, root);
        if (definition?.imported) add(globalOmitIn(definition.file.program));
      }
      return merged;
    }

    function report(node: TSESTree.Node, found: { fields: Set<string>; rows: Set<string> }): void {
      if (found.fields.size > 0) {
        const fields = [...found.fields].sort();
        const shown = fields.slice(0, 3).map((f) => `\`${f}\``);
        const list = fields.length > 3 ? `${shown.join(", ")} and ${fields.length - 3} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]!;
        const omit = [...new Set(fields.map((f) => f.split(".")[1]))].map((f) => `${f}: true`).join(", ");
        context.report({ node, messageId: "sensitiveField", data: { fields: list, pronoun: fields.length > 1 ? "them" : "it", omit } });
        return;
      }
      if (requireSelect && found.rows.size > 0) {
        const models = [...found.rows].sort().map((m) => `\`${m}\``).join(", ");
        context.report({ node, messageId: "fullRow", data: { models } });
      }
    }

    return shareCallListener(context, {
      NewExpression(node) {
        addGlobalOmit(node, localOmit);
      },
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query?.library !== "prisma" || query.kind === "raw") return;
        const boundary = boundaries.enclosingBoundary(node);
        if (boundary) candidates.push({ query, boundary });
      },
      "Program:exit"() {
        // a query on no model reports nothing: the schema (a stat of each of its files) is not needed
        if (!candidates.some(({ query }) => query.model !== undefined)) return;
        const schema = getPrismaSchema(context);
        if (!schema) return;
        let globalOmit: GlobalOmit | undefined;
        const byExit = new Map<TSESTree.Node, { fields: Set<string>; rows: Set<string> }>();
        for (const { query, boundary } of candidates) {
          if (query.model === undefined || !schema.models.has(query.model)) continue;
          // the client's global `omit` only takes columns away: a row without a sensitive column before it
          // has none after it, and the client module need not be resolved (another file parsed) to know
          if (!requireSelect) {
            const wider = resultShape(query, schema, sourceCode, localOmit);
            if (!wider || !holdsSensitive(wider, new Set())) continue;
          }
          globalOmit ??= globalOmitFor(candidates);
          const shape = resultShape(query, schema, sourceCode, globalOmit);
          if (!shape || (!requireSelect && !holdsSensitive(shape, new Set()))) continue;
          const pinned = pinnedColumns(query);
          for (const exit of trackToClient(query.node, boundary, sourceCode, responses)) {
            const found = byExit.get(exit.node) ?? { fields: new Set<string>(), rows: new Set<string>() };
            collect(view(shape, exit.ops), found, shape.model, pinned);
            byExit.set(exit.node, found);
          }
        }
        for (const [node, found] of byExit) report(node, found);
      },
    });
  },
});

/**
 * `findFirst({ where: { invitationToken: token } })`: the token in the row is the one the caller sent, sending
 * it back tells them nothing. Columns the query's `where` compares for equality with a value (not a filter).
 */
function pinnedColumns(query: DbQuery): Set<string> {
  const pinned = new Set<string>();
  const args = query.args[0];
  if (args?.type !== AST_NODE_TYPES.ObjectExpression) return pinned;
  const where = args.properties.find(
    (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "where",
  );
  if (where?.value.type !== AST_NODE_TYPES.ObjectExpression) return pinned;
  for (const property of where.value.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const value = property.value;
    if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) continue;
    if (value.type === AST_NODE_TYPES.Literal && value.value === null) continue;
    pinned.add(property.key.name);
  }
  return pinned;
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}
