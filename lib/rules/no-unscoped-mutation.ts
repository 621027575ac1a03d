import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { enclosingFunction, functionName, propertyName, skipTransparentParents } from "../util/ast.js";
import { isLazyQuery, SUPABASE_FILTER_METHODS, type DbQuery } from "../analysis/db-queries.js";

/**
 * Functions whose name says every row is meant: `resetApp`, `resetDatabase`, `truncateTables`, `wipeData`,
 * `deleteAllData`, `logoutAllUsers`. (`clearDrafts` is no such name: "clear my drafts" is the bug this rule finds.)
 */
const DELIBERATE_WIPE =
  /^(?:truncate|wipe|nuke)(?:[A-Z_]\w*)?$|^reset(?:App|Application|Database|Db|DB|Everything|Instance|Data)$|^(?:delete|remove|clear|purge|reset|logout|logOut|signOut|revoke)All(?:Users|Sessions|Data|Tables|Records|Rows)?$/u;

/**
 * `deleteAllHistories()`, `clearAllLogs()`: "all" of anything, with nothing to scope it by. (`deleteAllDrafts(userId)`
 * takes what its filter forgot, and stays reported.)
 */
const ALL_OF_THE_TABLE = /^(?:delete|remove|clear|purge|reset|wipe|truncate)All[A-Z]\w*$/u;

export type Options = [];
export type MessageIds = "prisma" | "drizzle" | "supabase";

const DISABLE = "For an intended wipe, disable this line with a comment that says why.";

export default createRule<Options, MessageIds>({
  name: "no-unscoped-mutation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow mass deletes and updates without a filter",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [],
    messages: {
      prisma: `\`{{operation}}\` without a filter {{verb}} every row of \`{{model}}\`. Add a \`where\` that scopes it (for example to the current user or team). ${DISABLE}`,
      drizzle: `This \`{{operation}}\` has no \`.where(...)\`, so it {{verb}} every row of \`{{model}}\`. Add \`.where(...)\` to scope it. ${DISABLE}`,
      supabase: `This \`.{{operation}}()\` has no filter (\`.eq()\`, \`.in()\`, \`.match()\` ...), so it {{verb}} every row of \`{{model}}\`. Add a filter to scope it. ${DISABLE}`,
    },
  },
  create(context) {
    const facts = fileFacts(context);
    if (!facts.mayQueryDatabase) return {};
    const detector = facts.queries;

    /** `resetApp()`, `clearAllSessions()`, `truncateTables()`: the function's name says the whole table is meant. */
    function inDeliberateWipe(node: TSESTree.Node): boolean {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const name = functionName(fn);
        if (name !== undefined && (DELIBERATE_WIPE.test(name) || (fn.params.length === 0 && ALL_OF_THE_TABLE.test(name)))) return true;
      }
      return false;
    }

    /** Prisma: no argument, no `where`, or `where: {}`. A spread or a variable could hold a filter. */
    function prismaUnscoped(query: DbQuery): boolean {
      if (!["deleteMany", "updateMany", "updateManyAndReturn"].includes(query.operation)) return false;
      const arg = query.args[0];
      if (!arg) return true;
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) return false;
      let where: TSESTree.Property | undefined;
      for (const property of arg.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return false;
        const key = property.computed ? undefined : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? property.key.value : undefined;
        if (key === undefined && property.computed) return false;
        if (key === "where") where = property;
      }
      if (!where) return true;
      return where.value.type === AST_NODE_TYPES.ObjectExpression && where.value.properties.length === 0;
    }

    /** Prisma creates seen so far, by model: a wipe followed by a create of the same model rebuilds the table. */
    const creates: DbQuery[] = [];
    /** Unscoped Prisma wipes, decided at the end of the file. */
    const wipes: DbQuery[] = [];

    /**
     * `deleteMany()` followed by a `create`/`createMany` of the same model later in the same
     * function (or in the same `$transaction([...])`): the table's contents are replaced on purpose
     * (a one-row license or settings table, a backup table rebuilt by a job).
     */
    function replacesContents(wipe: DbQuery): boolean {
      if (wipe.operation !== "deleteMany" || wipe.model === undefined) return false;
      const scope = enclosingFunction(wipe.node);
      return creates.some(
        (create) => create.model === wipe.model && create.node.range[0] > wipe.node.range[1] && enclosingFunction(create.node) === scope,
      );
    }

    function chainMethods(query: DbQuery): string[] {
      return query.chain.slice(1).flatMap((call) => {
        const name = call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined;
        return name === undefined ? [] : [name];
      });
    }

    /**
     * A builder runs where it stands when it is awaited, chained with `.then()`, handed to
     * `Promise.all`/a batch, returned from an async function, or ended by `.execute()`/`.run()`.
     * Stored in a variable, it may get its `.where(...)` later: the code cannot tell.
     */
    function runsHere(query: DbQuery): boolean {
      if (!isLazyQuery(query)) return true;
      const node = skipTransparentParents(query.node);
      const parent = node.parent;
      switch (parent?.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ArrayExpression:
        case AST_NODE_TYPES.CallExpression:
          return true;
        case AST_NODE_TYPES.MemberExpression:
          return ["then", "catch", "finally"].includes(propertyName(parent) ?? "");
        case AST_NODE_TYPES.ReturnStatement:
          return enclosingFunction(parent)?.async === true;
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.async;
        default:
          return false;
      }
    }

    function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const query = detector.queryAt(node);
      if (!query || query.kind !== "write") return;
      const verb = query.operation.startsWith("delete") ? "deletes" : "updates";
      if (query.library === "prisma") {
        if (query.operation.startsWith("create")) creates.push(query);
        else if (prismaUnscoped(query)) wipes.push(query);
        return;
      }
      if (query.library !== "drizzle" && query.library !== "supabase") return;
      if (query.operation !== "delete" && query.operation !== "update") return;
      const methods = chainMethods(query);
      if (query.library === "drizzle") {
        if (methods.includes("where") || methods.includes("$dynamic")) return;
        if (query.operation === "update" && !methods.includes("set")) return;
      } else if (methods.some((method) => SUPABASE_FILTER_METHODS.has(method))) {
        return;
      }
      if (!runsHere(query) || inDeliberateWipe(query.node)) return;
      context.report({ node: query.node, messageId: query.library, data: { operation: query.operation, verb, model: query.model ?? "the table" } });
    }

    return shareCallListener(context, {
      CallExpression: check,
      TaggedTemplateExpression: check,
      "Program:exit"() {
        for (const query of wipes) {
          if (replacesContents(query) || inDeliberateWipe(query.node)) continue;
          const verb = query.operation.startsWith("delete") ? "deletes" : "updates";
          context.report({ node: query.node, messageId: "prisma", data: { operation: query.operation, verb, model: query.model ?? "the model" } });
        }
      },
    });
  },
});
