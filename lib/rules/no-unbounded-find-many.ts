import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isFunction, propertyName } from "../util/ast.js";
import { constInitializer, findVariable, unwrapExpression } from "../util/bindings.js";
import type { DbQuery } from "../analysis/db-queries.js";
import type { RequestBoundary } from "../analysis/request-boundary.js";
import { returnsToClient } from "../analysis/responses.js";
import { walk } from "../analysis/walk.js";
import { nameSegments } from "../util/names.js";

export type Options = [
  {
    ignoreModels?: string[];
    ignoreChildLists?: boolean;
    ignoreConfigTables?: boolean;
  },
];
export type MessageIds = "unboundedList";

/** Array methods that hand on a list of the same length (or one no shorter than the client needs to worry about). */
const LIST_TRANSFORMS = new Set(["map", "filter", "sort", "toSorted", "reverse", "toReversed", "flatMap", "flat", "concat"]);
const AGGREGATES = new Set(["count", "countDistinct", "sum", "sumDistinct", "avg", "avgDistinct", "min", "max"]);
const SUPABASE_BOUNDS = new Set(["limit", "range", "single", "maybeSingle"]);
const DRIZZLE_BOUNDS = new Set(["limit"]);

/** Owners whose `<owner>Id` scopes a list to a tenant or a user: everything they have, which grows with use. */
const TENANT_WORDS = new Set(["team", "workspace", "organization", "organisation", "org", "tenant", "account", "company", "project", "user", "owner", "author", "creator", "member", "customer"]);
/** Table names (last word, singular) that hold configuration: a handful of rows per tenant. */
const CONFIG_WORDS = new Set(["domain", "webhook", "setting", "config", "configuration", "preference", "integration", "role", "permission", "environment", "plan", "feature", "flag", "secret", "variable", "locale", "currency", "country", "timezone"]);

export default createRule<Options, MessageIds>({
  name: "no-unbounded-find-many",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a limit on list queries whose rows are returned to the client",
      severity: "warn",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          ignoreChildLists: {
            type: "boolean",
            description:
              "Do not report lists filtered by a parent record's foreign key besides the tenant's (`where: { pollId }`, `eq(t.projectId, id)` under a workspace): the children of one record.",
          },
          ignoreConfigTables: {
            type: "boolean",
            description:
              "Do not report lists of configuration tables (domains, webhooks, settings, roles, permissions, environments, integrations, API keys...), a handful of rows per tenant.",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Prisma models, Drizzle tables or Supabase tables that stay small by nature (`plan`, `country`); lists of them are not reported.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreModels: [], ignoreChildLists: true, ignoreConfigTables: true }],
    messages: {
      unboundedList:
        "This `{{operation}}` sends every matching row to the client, so the response, the memory and the query time grow with the table. Paginate it with {{fix}}.",
    },
  },
  create(context, [{ ignoreModels = [], ignoreChildLists = true, ignoreConfigTables = true }]) {
    const { sourceCode } = context;
    const ignored = new Set(ignoreModels.map((name) => name.toLowerCase()));
    const facts = fileFacts(context);
    if (!facts.mayQueryDatabase) return {};
    const { boundaries, queries, responses } = facts;

    /** The options object of `findMany(...)`, through a `const`; undefined when there is none; null when unknown. */
    function optionsObject(arg: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined | null {
      if (!arg) return undefined;
      let target = unwrapExpression(arg);
      if (target.type === AST_NODE_TYPES.Identifier) {
        const init = constInitializer(sourceCode, target);
        if (!init) return null;
        target = init;
      }
      return target.type === AST_NODE_TYPES.ObjectExpression ? target : null;
    }

    function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
      return object.properties.find(
        (p): p is TSESTree.Property =>
          p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === key,
      );
    }

    /** Does this subtree filter by a list (`in: ids`, `inArray(...)`, `.in(...)`) or by the primary key? */
    function filtersByList(node: TSESTree.Node): boolean {
      let found = false;
      walk(node, (n) => {
        if (found) return false;
        if (n.type === AST_NODE_TYPES.Property && !n.computed && n.key.type === AST_NODE_TYPES.Identifier && n.key.name === "in") found = true;
        if (n.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrapExpression(n.callee);
          const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
          if (name === "inArray") found = true;
          // eq(posts.id, id): at most one row
          if (name === "eq" && n.arguments[0] && /(?:^|\.)id$/u.test(sourceCode.getText(n.arguments[0]))) found = true;
        }
        return !found;
      });
      return found;
    }

    function chainMethods(query: DbQuery): Map<string, TSESTree.CallExpression> {
      const methods = new Map<string, TSESTree.CallExpression>();
      for (const call of query.chain) {
        const callee = call.callee;
        const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        if (name !== undefined) methods.set(name, call);
      }
      return methods;
    }

    /** True when the query returns an unbounded list; false when bounded, filtered by a list, counted, or unknown. */
    function isUnboundedList(query: DbQuery): boolean {
      const table = tableName(query);
      if (table !== undefined && ignored.has(table.toLowerCase())) return false;
      if (ignoreConfigTables && table !== undefined && isConfigTable(table)) return false;
      if (ignoreChildLists && filtersByParent(query)) return false;
      if (query.library === "prisma" || (query.library === "drizzle" && query.operation === "findMany")) {
        if (query.operation !== "findMany") return false;
        const options = optionsObject(query.args[0]);
        if (options === null) return false;
        if (!options) return true;
        if (options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return false;
        if (property(options, query.library === "prisma" ? "take" : "limit")) return false;
        const where = property(options, "where");
        if (where && query.library === "prisma" && optionsObject(where.value) === null) return false; // a filter the file cannot see
        return !(where && filtersByList(where.value));
      }
      const methods = chainMethods(query);
      if (query.library === "drizzle") {
        if (query.operation !== "select" && query.operation !== "selectDistinct") return false;
        if ([...methods.keys()].some((m) => DRIZZLE_BOUNDS.has(m))) return false;
        const where = methods.get("where");
        if (where && filtersByList(where)) return false;
        const fields = query.args[0];
        return !(fields && selectsAggregates(fields));
      }
      if (query.library === "supabase") {
        if (query.operation !== "select") return false;
        if ([...methods.keys()].some((m) => SUPABASE_BOUNDS.has(m))) return false;
        if (methods.has("in")) return false;
        const eq = methods.get("eq");
        if (eq && eq.arguments[0]?.type === AST_NODE_TYPES.Literal && eq.arguments[0].value === "id") return false;
        // select("*", { count: "exact", head: true }): only counted
        const selectOptions = optionsObject(query.args[1]);
        return !(selectOptions && property(selectOptions, "head"));
      }
      return false;
    }

    /** The table a list reads: the Prisma model, the Drizzle relational table or `.from(table)`, the Supabase table. */
    function tableName(query: DbQuery): string | undefined {
      if (query.model !== undefined || query.library !== "drizzle") return query.model;
      const from = chainMethods(query).get("from")?.arguments[0];
      if (from?.type === AST_NODE_TYPES.Identifier) return from.name;
      return from?.type === AST_NODE_TYPES.MemberExpression ? propertyName(from) : undefined;
    }

    /** `customDomains`, `keysRoles`, `api_keys`, `UserSettings`: configuration, a handful of rows per tenant. */
    function isConfigTable(name: string): boolean {
      const words = nameSegments(name).map((word) => word.replace(/(?:ies)$/u, "y").replace(/s$/u, ""));
      const last = words.at(-1);
      if (last === undefined) return false;
      return CONFIG_WORDS.has(last) || (last === "key" && words.at(-2) === "api");
    }

    /**
     * Does the list filter by the foreign key of a parent record other than a tenant or a user
     * (`{ pollId }`, `{ teamId, folderId }`, `eq(t.projectId, id)` next to the workspace)? Then it
     * holds the children of one record (the comments of a poll, the links of a group), not
     * everything a tenant has.
     */
    function filtersByParent(query: DbQuery): boolean {
      return filteredColumns(query).some((column) => {
        const words = nameSegments(column);
        return words.length >= 2 && words.at(-1) === "id" && !TENANT_WORDS.has(words.at(-2)!);
      });
    }

    /** The columns a list is filtered on by equality, as far as the file shows. */
    function filteredColumns(query: DbQuery): string[] {
      const columns: string[] = [];
      if (query.library === "prisma" || (query.library === "drizzle" && query.operation === "findMany")) {
        const options = optionsObject(query.args[0]);
        const where = options ? property(options, "where") : undefined;
        if (!where) return columns;
        if (query.library === "prisma") prismaEqualities(where.value, columns, 0);
        else drizzleEqualities(where.value, columns, 0);
        return columns;
      }
      for (const call of query.chain) {
        const callee = call.callee;
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        if (query.library === "drizzle" && method === "where" && call.arguments[0]) drizzleEqualities(call.arguments[0], columns, 0);
        const column = call.arguments[0];
        if (query.library === "supabase" && method === "eq" && column?.type === AST_NODE_TYPES.Literal && typeof column.value === "string") {
          columns.push(column.value);
        }
      }
      return columns;
    }

    /** `{ pollId, deleted: false }`, `{ AND: [{ groupId }] }`, `{ pollId: { equals: id } }`; not `parentId: null`. */
    function prismaEqualities(node: TSESTree.Node, columns: string[], depth: number): void {
      const object = optionsObject(node);
      if (!object || depth > 3) return;
      for (const p of object.properties) {
        if (p.type !== AST_NODE_TYPES.Property || p.computed || p.key.type !== AST_NODE_TYPES.Identifier) continue;
        const value = unwrapExpression(p.value);
        if (p.key.name === "AND") {
          const items = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
          for (const item of items) if (item && item.type !== AST_NODE_TYPES.SpreadElement) prismaEqualities(item, columns, depth + 1);
          continue;
        }
        if (value.type === AST_NODE_TYPES.Literal && value.value === null) continue;
        if (value.type === AST_NODE_TYPES.ObjectExpression) {
          if (property(value, "equals")) columns.push(p.key.name);
          continue;
        }
        columns.push(p.key.name);
      }
    }

    /** `eq(t.pollId, id)`, `and(eq(...), ...)`, `(t, { eq }) => eq(t.projectId, id)`. */
    function drizzleEqualities(node: TSESTree.Node, columns: string[], depth: number): void {
      const value = unwrapExpression(node);
      if (depth > 4) return;
      if (value.type === AST_NODE_TYPES.ArrowFunctionExpression) {
        if (value.body.type !== AST_NODE_TYPES.BlockStatement) drizzleEqualities(value.body, columns, depth + 1);
        return;
      }
      if (value.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrapExpression(value.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
      if (name === "and") for (const arg of value.arguments) drizzleEqualities(arg, columns, depth + 1);
      const column = value.arguments[0];
      if (name === "eq" && column?.type === AST_NODE_TYPES.MemberExpression) {
        const key = propertyName(column);
        if (key !== undefined) columns.push(key);
      }
    }

    /** `db.select({ total: count() })`: a count, not a list. */
    function selectsAggregates(fields: TSESTree.Node): boolean {
      const object = unwrapExpression(fields);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return object.properties.some((p) => {
        if (p.type !== AST_NODE_TYPES.Property) return false;
        const value = unwrapExpression(p.value);
        if (value.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrapExpression(value.callee);
          return callee.type === AST_NODE_TYPES.Identifier && AGGREGATES.has(callee.name);
        }
        if (value.type === AST_NODE_TYPES.TaggedTemplateExpression) {
          return /\b(?:count|sum|avg|min|max)\s*\(/iu.test(value.quasi.quasis.map((q) => q.value.cooked).join(""));
        }
        return false;
      });
    }

    /** Does the value of `node` reach the client: a response body, or the return value of an action? */
    function reachesClient(node: TSESTree.Node, boundary: RequestBoundary, depth: number): boolean {
      if (depth > 4) return false;
      let value: TSESTree.Node = node;
      for (;;) {
        const parent: TSESTree.Node | undefined = value.parent;
        if (!parent) return false;
        switch (parent.type) {
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.TSAsExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSSatisfiesExpression:
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.SpreadElement:
            value = parent;
            continue;
          case AST_NODE_TYPES.Property:
            if (parent.value !== value || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
            value = parent.parent;
            continue;
          case AST_NODE_TYPES.ArrayExpression: {
            const call = parent.parent;
            if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === parent && isPromiseAll(call)) {
              return promiseAllElementReaches(call, parent.elements.indexOf(value as TSESTree.Expression), boundary, depth);
            }
            value = parent;
            continue;
          }
          case AST_NODE_TYPES.MemberExpression: {
            const call = parent.parent;
            const method = propertyName(parent);
            if (parent.object !== value || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
            if (method === undefined || !LIST_TRANSFORMS.has(method)) return false;
            value = call;
            continue;
          }
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression: {
            const response = responses.responseOf(parent);
            return response !== undefined && response.body === value;
          }
          case AST_NODE_TYPES.ReturnStatement:
            return returnsFromBoundary(parent, boundary);
          case AST_NODE_TYPES.ArrowFunctionExpression:
            return parent.body === value && parent === boundary.fn && returnsToClient(boundary);
          case AST_NODE_TYPES.VariableDeclarator: {
            if (parent.init !== value) return false;
            if (parent.id.type === AST_NODE_TYPES.Identifier) return referencesReach(parent.id, boundary, depth);
            // Supabase: const { data, error } = await supabase.from("posts").select()
            if (parent.id.type !== AST_NODE_TYPES.ObjectPattern) return false;
            const data = parent.id.properties.find(
              (p): p is TSESTree.Property =>
                p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "data",
            );
            return data?.value.type === AST_NODE_TYPES.Identifier && referencesReach(data.value, boundary, depth);
          }
          default:
            return false;
        }
      }
    }

    function returnsFromBoundary(statement: TSESTree.ReturnStatement, boundary: RequestBoundary): boolean {
      for (let current: TSESTree.Node | undefined = statement.parent; current; current = current.parent) {
        if (isFunction(current)) return current === boundary.fn && returnsToClient(boundary);
      }
      return false;
    }

    function referencesReach(id: TSESTree.Identifier, boundary: RequestBoundary, depth: number): boolean {
      const variable = findVariable(sourceCode, id);
      if (!variable) return false;
      return variable.references.some((ref) => !ref.init && ref.isRead() && reachesClient(ref.identifier, boundary, depth + 1));
    }

    function isPromiseAll(call: TSESTree.CallExpression): boolean {
      const callee = unwrapExpression(call.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === "Promise" &&
        (propertyName(callee) === "all" || propertyName(callee) === "allSettled")
      );
    }

    /** `const [users, total] = await Promise.all([findMany, count])`: follow the element's binding. */
    function promiseAllElementReaches(call: TSESTree.CallExpression, index: number, boundary: RequestBoundary, depth: number): boolean {
      let outer: TSESTree.Node = call;
      while (outer.parent?.type === AST_NODE_TYPES.AwaitExpression || outer.parent?.type === AST_NODE_TYPES.TSAsExpression) outer = outer.parent;
      const declarator = outer.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outer) return false;
      if (declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return false;
      const element = declarator.id.elements[index];
      return element?.type === AST_NODE_TYPES.Identifier && referencesReach(element, boundary, depth);
    }

    function fixFor(query: DbQuery): string {
      if (query.library === "prisma") return "`take` (and `skip` or a `cursor`)";
      if (query.library === "supabase") return "`.range(from, to)` or `.limit(n)`";
      return query.operation === "findMany" ? "`limit` (and `offset`)" : "`.limit(n)` (and `.offset(n)`)";
    }

    /** From the start of the client to the end of the operation's name: `prisma.post.findMany`. */
    function reportLoc(query: DbQuery): TSESTree.SourceLocation {
      const opCall = query.library === "supabase" ? (query.chain[1] ?? query.chain[0]) : query.chain[0];
      const end = opCall && opCall.callee.type === AST_NODE_TYPES.MemberExpression ? opCall.callee.property.loc.end : query.node.loc.end;
      return { start: query.node.loc.start, end };
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (!query || query.kind !== "read" || !isUnboundedList(query)) return;
        const boundary = boundaries.enclosingBoundary(node);
        if (!boundary || !reachesClient(query.node, boundary, 0)) return;
        const operation = query.library === "prisma" || query.operation === "findMany" ? "findMany" : query.library === "supabase" ? "select()" : "select()";
        context.report({ node, loc: reportLoc(query), messageId: "unboundedList", data: { operation, fix: fixFor(query) } });
      },
    });
  },
});
