import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { enclosingFunction, propertyName, skipTransparentParents } from "../util/ast.js";
import { isLazyQuery, listValues, type DbQuery } from "../analysis/db-queries.js";
import { discardedValue } from "../analysis/floating.js";
import { isMigrationFile, isSelfRunningScript } from "../analysis/scripts.js";
import { getPrismaSchema, type PrismaSchemaInfo } from "../analysis/prisma-schema.js";
import { pinsUniqueRow, rowsSource } from "../analysis/unique-rows.js";
import {
  calleeName,
  dependsOnIteration,
  enclosingIterations,
  iterationVariables,
  iteratesChunks,
  iteratesConstant,
  leavesLoopAfter,
  type Iteration,
} from "../analysis/loops.js";
import { changesSchema, madeBySchemaBuilder, rawQueryText } from "../analysis/raw-sql.js";
import { constInitializer } from "../util/bindings.js";
import { rangeContains } from "../analysis/value-flow.js";

export type Options = [
  {
    allowTransactionBatch?: boolean;
    checkWhileLoops?: boolean;
    ignoreScripts?: boolean;
  },
];
export type MessageIds = "sequential" | "fanOut";

const FIX =
  "Load all rows with one query (`where: { id: { in: ids } }`, or `include`/a join for related rows) or write them with one (`createMany`/`updateMany`).";

/** Array methods that turn a list into another list. */
const LIST_METHODS = new Set(["map", "filter", "flatMap", "concat", "slice", "toSorted"]);

/** Calls that make a list out of data (rows, ids): a statement list made by one of them may hold a statement per row. */
const DATA_LIST_METHODS = new Set([...LIST_METHODS, "from", "fill", "reduce", "keys", "values", "entries", "flat"]);

/** Array methods whose result holds (some of) the receiver's elements. */
const KEEPS_ELEMENTS = new Set(["filter", "slice", "concat", "flat", "toSorted", "toReversed"]);

type QueryNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;

export default createRule<Options, MessageIds>({
  name: "no-await-in-loop-query",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow database queries executed once per item of a loop or array callback (N+1 queries)",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          allowTransactionBatch: {
            type: "boolean",
            description:
              "Allow per-item queries handed to an explicit batch: `prisma.$transaction(items.map(...))`, an array of queries passed to `$transaction`, and Drizzle `db.batch([...])`.",
          },
          ignoreScripts: {
            type: "boolean",
            description:
              "Stay silent in files that run themselves (a `#!` line, or `main()`/`run()`/`migrate()` called at module level) and in data migrations (files and folders named for migrating): one-off scripts and migrations, not request paths.",
          },
          checkWhileLoops: {
            type: "boolean",
            description:
              "Also report queries in `while`/`do...while` loops (and `for` loops without a comparison test), which are mostly pagination and retry loops.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowTransactionBatch: true, checkWhileLoops: false, ignoreScripts: true }],
    messages: {
      sequential: `This query runs once per iteration, one after another: N items cost N round trips to the database. ${FIX}`,
      fanOut: `This query runs once per item: in parallel it is still N queries, competing for the connection pool. ${FIX}`,
    },
  },
  create(context, [{ allowTransactionBatch = true, checkWhileLoops = false, ignoreScripts = true }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    if (!facts.mayQueryDatabase) return {};
    if (ignoreScripts && (isSelfRunningScript(sourceCode) || isMigrationFile(context.filename))) return {};
    const detector = facts.queries;
    /** Awaits in source order, to tell whether a `findUnique` runs in the first tick of its iteration. */
    const awaits: TSESTree.AwaitExpression[] = [];
    const candidates: { query: DbQuery; iterations: Iteration[] }[] = [];

    function visit(node: QueryNode): void {
      const query = detector.queryAt(node);
      if (!query) return;
      // a lazy query nobody awaits never runs: that is no-floating-query's finding, not an N+1
      if (isLazyQuery(query) && discardedValue(query.node)) return;
      // a schema change per table or column (`ALTER TABLE ... ADD COLUMN`) has no batched form to load or write rows with
      if (changesSchema(query, sourceCode)) return;
      const iterations = enclosingIterations(query.node, sourceCode);
      if (iterations.length > 0) candidates.push({ query, iterations });
    }

    /** Is the expression handed (directly, spread into an array, or through a `const`) to `$transaction([...])`/`db.batch([...])`? */
    function flowsIntoBatch(expression: TSESTree.Node, depth = 0): boolean {
      if (depth > 3) return false;
      let node = skipTransparentParents(expression);
      let parent = node.parent;
      for (;;) {
        if (parent?.type === AST_NODE_TYPES.SpreadElement || parent?.type === AST_NODE_TYPES.ArrayExpression) {
          node = skipTransparentParents(parent);
        } else if (
          // `items.map(...).filter(isDefined)`: the same queries, fewer of them
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === node &&
          KEEPS_ELEMENTS.has(propertyName(parent) ?? "") &&
          parent.parent.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent
        ) {
          node = skipTransparentParents(parent.parent);
        } else {
          break;
        }
        parent = node.parent;
      }
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) return detector.isBatchCall(parent);
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) return bindingFlowsIntoBatch(parent, depth);
      return false;
    }

    function bindingFlowsIntoBatch(declarator: TSESTree.VariableDeclarator, depth: number): boolean {
      return sourceCode
        .getDeclaredVariables(declarator)
        .some((variable) => variable.references.some((ref) => !ref.init && flowsIntoBatch(ref.identifier, depth + 1)));
    }

    /** `ops.push(query)` where `ops` ends up in a batch. */
    function pushedIntoBatch(query: DbQuery): boolean {
      const node = skipTransparentParents(query.node);
      const call = node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
      if (callee.property.type !== AST_NODE_TYPES.Identifier || !["push", "unshift"].includes(callee.property.name)) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(callee.object), callee.object)?.defs[0];
      return def?.type === "Variable" && def.node.type === AST_NODE_TYPES.VariableDeclarator && bindingFlowsIntoBatch(def.node, 0);
    }

    /** The callback returns the query (`items.map((i) => prisma.x.update(...))`). */
    function returnedBy(query: DbQuery, callback: TSESTree.Node): boolean {
      let node = skipTransparentParents(query.node);
      let parent = node.parent;
      // `(cond ? prisma.x.update(...) : undefined)`
      while (
        (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
        (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === node)
      ) {
        node = skipTransparentParents(parent);
        parent = node.parent;
      }
      if (parent === callback) return true; // expression body
      return parent?.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(parent) === callback;
    }

    function isExplicitBatch(query: DbQuery, iteration: Iteration): boolean {
      if (pushedIntoBatch(query)) return true;
      return iteration.kind === "callback" && returnedBy(query, iteration.node) && flowsIntoBatch(iteration.call);
    }

    /**
     * Chunked batching: one query per batch of items, not per item. The iteration goes over chunks
     * (`for (const batch of chunk(ids, 500))`) and the query takes a list (`in:`, `createMany`), or
     * the query's list is the iteration's item itself or built from it (`in: batch`,
     * `in: group.map((g) => g.id)`, `const batch = ids.slice(i, i + 500)`).
     */
    function isBatchedOver(query: DbQuery, iteration: Iteration): boolean {
      const { filters, rows, params } = listValues(query);
      if (filters.length === 0 && rows.length === 0 && params.length === 0) return builtPerChunk(query, iteration);
      if (iteratesChunks(iteration, sourceCode)) return true;
      const perItem = new Set(iterationVariables(iteration, sourceCode));
      return (
        filters.some((value) => batchValue(value, perItem, iteration.node, 0) !== undefined) ||
        [...rows, ...params].some((value) => batchValue(value, perItem, iteration.node, 0) === "list")
      );
    }

    /**
     * Raw SQL that a builder made inside an iteration over chunks (`const query = knex.insert(rows).toQuery()`
     * in `for (let i = 0; i < n; i += 5000)`): the text is built per chunk, so it runs once per chunk.
     */
    function builtPerChunk(query: DbQuery, iteration: Iteration): boolean {
      const text = rawQueryText(query);
      if (text?.type !== AST_NODE_TYPES.Identifier || !iteratesChunks(iteration, sourceCode)) return false;
      const init = constInitializer(sourceCode, text);
      return init?.type === AST_NODE_TYPES.CallExpression && rangeContains(regionOf(iteration), init);
    }

    /**
     * Generated statements run one by one (`for (const { sql } of builder.toSQL()) await prisma.$executeRawUnsafe(sql)`,
     * `for (const q of dbProvider.renameColumn(t, a, b)) ...`): the iteration's items are the statements a builder
     * or a helper made, not rows, so there is no query per row to batch. A list mapped from data
     * (`rows.map((r) => \`UPDATE ...\`)`) may hold a statement per row, and stays.
     */
    function runsListedStatement(query: DbQuery, iteration: Iteration): boolean {
      const text = rawQueryText(query);
      // `sql`, or `statement.sql` / `statement.query` of the item
      const item = text?.type === AST_NODE_TYPES.MemberExpression && !text.computed ? text.object : text;
      if (item?.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(item), item);
      if (!variable || !iterationVariables(iteration, sourceCode).includes(variable)) return false;
      let list = iteration.kind === "callback" ? (iteration.call.callee as TSESTree.MemberExpression).object : iterated(iteration.node);
      if (list?.type === AST_NODE_TYPES.Identifier) list = constInitializer(sourceCode, list);
      if (list?.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(list);
      // `knex.schema.alterTable(...).toSQL().map((item) => item.sql)`: a schema builder's statements, mapped
      return name !== undefined && (!DATA_LIST_METHODS.has(name) || madeBySchemaBuilder(list));
    }

    /**
     * "item": the iteration's item itself (a list when used as a list filter); "list": a list
     * built from it (`.map`, `.filter`, spread, `.slice(i, i + n)` with the loop index).
     */
    function batchValue(value: TSESTree.Node, perItem: Set<TSESLint.Scope.Variable>, region: TSESTree.Node, depth: number): "item" | "list" | undefined {
      if (depth > 8) return undefined;
      switch (value.type) {
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
          return batchValue(value.expression, perItem, region, depth + 1);
        case AST_NODE_TYPES.ArrayExpression:
          return value.elements.some((e) => e?.type === AST_NODE_TYPES.SpreadElement && batchValue(e.argument, perItem, region, depth + 1)) ? "list" : undefined;
        case AST_NODE_TYPES.Identifier: {
          const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
          if (!variable) return undefined;
          if (perItem.has(variable)) return "item";
          // `const batch = ids.slice(i, i + 500)`, `const ids = batch.map((b) => b.id)` inside the iteration
          const def = variable.defs[0];
          if (def?.type !== "Variable" || !def.node.init) return undefined;
          if (def.node.range[0] < region.range[0] || def.node.range[1] > region.range[1]) return undefined;
          return batchValue(def.node.init, perItem, region, depth + 1);
        }
        case AST_NODE_TYPES.TaggedTemplateExpression:
          // `Prisma.sql\`ARRAY[${batch.map(...)}]\``
          return value.quasi.expressions.some((e) => batchValue(e, perItem, region, depth + 1) === "list") ? "list" : undefined;
        case AST_NODE_TYPES.MemberExpression:
          // `batches[i]` with the loop index
          return value.computed && refersTo(value.property, perItem) ? "item" : undefined;
        case AST_NODE_TYPES.CallExpression: {
          const callee = value.callee;
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
          const method = propertyName(callee);
          if ((method === "slice" || method === "splice" || method === "subarray") && value.arguments.some((arg) => refersTo(arg, perItem))) return "list";
          if (method === "from" && value.arguments[0]) return batchValue(value.arguments[0], perItem, region, depth + 1) ? "list" : undefined;
          // raw SQL: `Prisma.join(ids)`, `ids.join(",")`
          if (method === "join") {
            const list = callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Prisma" ? value.arguments[0] : callee.object;
            return list && batchValue(list, perItem, region, depth + 1) ? "list" : undefined;
          }
          if (method !== undefined && LIST_METHODS.has(method)) return batchValue(callee.object, perItem, region, depth + 1) ? "list" : undefined;
          return undefined;
        }
        default:
          return undefined;
      }
    }

    /** Does the expression read one of the variables (`i`, `i + 500`)? */
    function refersTo(expression: TSESTree.Node, variables: Set<TSESLint.Scope.Variable>): boolean {
      for (const variable of variables) {
        for (const reference of variable.references) {
          const id = reference.identifier;
          if (rangeContains(expression, id)) return true;
        }
      }
      return false;
    }

    function regionOf(iteration: Iteration): TSESTree.Node {
      return iteration.node.body;
    }

    /**
     * Prisma batches the `findUnique` calls made in one tick (its dataloader): a fan-out whose
     * callback calls `findUnique` before any `await` is one query.
     */
    function isSameTickFindUnique(query: DbQuery, iteration: Iteration): boolean {
      if (query.library !== "prisma" || query.operation !== "findUnique") return false;
      const region = regionOf(iteration);
      const start = query.node.range[0];
      for (let i = awaits.length - 1; i >= 0; i--) {
        const node = awaits[i]!;
        if (node.range[0] < region.range[0]) break;
        if (node.range[1] > region.range[1]) continue;
        const isAncestor = node.range[0] <= start && query.node.range[1] <= node.range[1];
        if (isAncestor) continue;
        // in a callback, only awaits before the query delay it; in a loop, any await delays the next item
        if (iteration.kind === "loop" || node.range[1] <= start) return false;
      }
      return true;
    }

    let schema: PrismaSchemaInfo | null | undefined;

    /**
     * The iteration goes over the rows of a Prisma `findMany` whose `where` pins a unique key of its
     * model (`@id`, `@unique`, `@@unique`, read from the schema): one row at most, so one run.
     */
    function iteratesUniqueRow(iteration: Iteration): boolean {
      const list = iteration.kind === "callback" ? (iteration.call.callee as TSESTree.MemberExpression).object : iterated(iteration.node);
      const source = list && rowsSource(list, sourceCode);
      const query = source && detector.queryAt(source);
      if (query?.library !== "prisma" || query.operation !== "findMany") return false;
      if (schema === undefined) schema = getPrismaSchema(context) ?? null;
      return schema !== null && pinsUniqueRow(query, schema, sourceCode);
    }

    function iterated(loop: TSESTree.Node): TSESTree.Node | undefined {
      return loop.type === AST_NODE_TYPES.ForOfStatement ? loop.right : undefined;
    }

    function messageFor(iteration: Iteration): MessageIds {
      if (iteration.kind === "callback") return iteration.method === "reduce" || iteration.method === "reduceRight" ? "sequential" : "fanOut";
      return iteration.awaited ? "sequential" : "fanOut";
    }

    function decide(query: DbQuery, iterations: Iteration[]): MessageIds | undefined {
      /** A `return`/`throw` after the query leaves every loop of its function. */
      let leftFunction: TSESTree.Node | undefined;
      /** An inner iteration handed its queries to a batch: an outer loop over chunks runs one batch per chunk. */
      let batched = false;
      if (iterations.some((iteration) => runsListedStatement(query, iteration))) return undefined;
      for (const iteration of iterations) {
        if (batched && iteratesChunks(iteration, sourceCode)) continue;
        if (iteration.kind === "loop") {
          if (leftFunction && enclosingFunction(iteration.node) === leftFunction) continue;
          if (iteration.whileLike && !checkWhileLoops) continue;
          const exit = leavesLoopAfter(query.node, iteration.node);
          if (exit === "return") leftFunction = enclosingFunction(iteration.node) ?? iteration.node;
          if (exit) continue;
        }
        if (iteratesConstant(iteration, sourceCode, context) || iteratesUniqueRow(iteration)) continue;
        // the same read on every item is a hoisting question (and usually guarded to run once), not an N+1
        if (query.readsOnly && !dependsOnIteration(query.node, iteration, sourceCode)) continue;
        if (isBatchedOver(query, iteration)) continue;
        if (allowTransactionBatch && isExplicitBatch(query, iteration)) {
          batched = true;
          continue;
        }
        const message = messageFor(iteration);
        if (message === "fanOut" && isSameTickFindUnique(query, iteration)) continue;
        return message;
      }
      return undefined;
    }

    return shareCallListener(context, {
      AwaitExpression(node) {
        awaits.push(node);
      },
      CallExpression: visit,
      TaggedTemplateExpression: visit,
      "Program:exit"() {
        for (const { query, iterations } of candidates) {
          const messageId = decide(query, iterations);
          if (messageId) context.report({ node: query.node, messageId });
        }
      },
    });
  },
});
