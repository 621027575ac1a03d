import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { isOneOffScript } from "../analysis/scripts.js";
import { fileFacts } from "../analysis/file-facts.js";
import { enclosingFunction, memberChainName, propertyName, skipTransparentParents } from "../util/ast.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { ONE_OFF_SCRIPT_FILES, SEED_AND_TEST_FILES } from "../configs/overrides.js";
import { createDbQueryDetector, isTransactionClient, type DbQuery, type QueryLibrary } from "../analysis/db-queries.js";
import { getPrismaSchema } from "../analysis/prisma-schema.js";
import { getRequestBoundaries, type RequestBoundary } from "../analysis/request-boundary.js";
import { createValueFlow, forEachNode, rangeContains } from "../analysis/value-flow.js";
import { rememberBounded } from "../util/memo.js";
import {
  cannotBothRun,
  createsRows,
  createReachTest,
  createWriteDependencies,
  enclosingTries,
  failureHandlerOf,
  isDeferredFrom,
  isFailureSettled,
  transactionUnit,
  updatesCreatedRow,
  WRITE_METHODS,
  type WriteDependencies,
} from "../analysis/write-dependencies.js";

export type Options = [
  {
    independentWrites?: boolean;
    ignoreModels?: string[];
  },
];
export type MessageIds = "dependentWrite" | "dependentCreate" | "independentWrite" | "wrapInTransaction";

/** Seeds, migrations, scripts and tests run by hand or in CI: a failure is seen and the run repeated. */
const EXEMPT_FILES = [
  ...new Set([
    ...ONE_OFF_SCRIPT_FILES,
    ...SEED_AND_TEST_FILES,
    "**/playwright/**",
    "**/cypress/**",
    "**/test-utils/**",
    "**/__mocks__/**",
    "**/fixtures/**",
    // scripts that sit next to the schema: `prisma/populate.ts`, `prisma/backfill.ts`
    "**/prisma/*.{ts,mts,cts,js,mjs,cjs}",
  ]),
];
/** Append-only tables: a row there records what happened, and is not half of a change. */
const LOG_WORDS = new Set(["log", "logs", "audit", "audits", "event", "events", "activity", "activities", "history", "histories"]);
/** Words a table variable carries besides its name (`auditLogTable`, `eventsSchema`). */
const TABLE_SUFFIX_WORDS = new Set(["table", "tbl", "schema"]);
/** Helpers a failure handler calls to undo a write (`deleteOrder(order.id)`, `rollback(upload)`). */
const UNDO_CALL = /^(?:delete|remove|rollback|revert|undo|clean|destroy|cancel|compensate|purge|discard|drop)/iu;
const DEFAULT_CLIENT: Record<QueryLibrary, string> = { prisma: "prisma", drizzle: "db", kysely: "db", supabase: "supabase", sql: "db" };

/**
 * Answers per option set (merged once per set, `create-rule.ts`) and model name: a file asks for each of
 * its writes several times, and the editor lints the same file again on every edit. Bounded: model names
 * are a project's, but a monorepo has many.
 */
const appendOnlyAnswers = new WeakMap<Options[0], (model: string) => boolean>();
const MAX_MODEL_ANSWERS = 10_000;

function appendOnlyModels(options: Options[0]): (model: string) => boolean {
  let answer = appendOnlyAnswers.get(options);
  if (!answer) {
    const ignored = new Set((options.ignoreModels ?? []).map((model) => model.toLowerCase()));
    const known = new Map<string, boolean>();
    answer = (model) => rememberBounded(known, MAX_MODEL_ANSWERS, model, () => isAppendOnlyModel(model, ignored));
    appendOnlyAnswers.set(options, answer);
  }
  return answer;
}

function isAppendOnlyModel(model: string, ignored: ReadonlySet<string>): boolean {
  const name = model.replace(/^["'`]|["'`]$/gu, "");
  if (ignored.has(name.toLowerCase()) || ignored.has(name.split(".").at(-1)!.toLowerCase())) return true;
  const words = modelWords(model);
  return words.length > 0 && LOG_WORDS.has(words.at(-1)!);
}

/** `auditLogs`, `schema.activityLog`, `"audit_logs"`, `eventsTable`: the words of a model or table name. */
function modelWords(model: string): string[] {
  const name = model.replace(/^["'`]|["'`]$/gu, "").split(".").at(-1)!;
  const words = name
    .replace(/([a-z0-9])([A-Z])/gu, "$1 $2")
    .split(/[\s_-]+/u)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  while (words.length > 1 && TABLE_SUFFIX_WORDS.has(words.at(-1)!)) words.pop();
  return words;
}

export default createRule<Options, MessageIds>({
  name: "require-transaction",
  meta: {
    type: "problem",
    docs: {
      description: "Require database writes that depend on an earlier write to run in one transaction with it",
      recommended: "recommended",
    },
    hasSuggestions: true,
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          independentWrites: {
            type: "boolean",
            description: "Also report writes of one request boundary that do not depend on each other but run outside a transaction.",
          },
          ignoreModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Models or tables (as named in code, any case) whose writes are append-only records, like the built-in `*Log`, `*Event`, `*History`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ independentWrites: false, ignoreModels: [] }],
    messages: {
      dependentWrite: "If this write fails, the `{{binding}}` created above stays without it. Run both in {{transaction}}.",
      dependentCreate:
        "If this write fails, the `{{binding}}` created above stays without it. Run both in {{transaction}} (or create them in one nested write: `create: { {{relation}}: { create: {{rows}} } }`).",
      independentWrite:
        "This write and the `{{model}}` write above are not in one transaction: if this one fails, the first stays applied. Run them together in {{transaction}}.",
      wrapInTransaction: "Run both writes in `{{client}}.$transaction(async (tx) => ...)`.",
    },
  },
  create(context, [options]) {
    // every finding is a write the detector knows: the shared pre-test first, then this rule's path checks
    if (!fileFacts(context).mayQueryDatabase || matchesAnyGlob(context, EXEMPT_FILES)) return {};
    const { sourceCode } = context;
    // a script run by hand is run again when it fails (a seed empties the tables first)
    if (isOneOffScript(sourceCode, context.filename)) return {};
    const { independentWrites = false } = options;
    const appendOnly = appendOnlyModels(options);
    const writes: DbQuery[] = [];
    const seen = new Set<TSESTree.Node>();
    /** `f` of every `f(...)` in the file: which local functions a value trace may enter (`createReachTest`). */
    const calledNames = new Set<string>();
    /** `unitOf` per write. */
    const units = new Map<DbQuery, TSESTree.Node | undefined>();
    let detectorInstance: ReturnType<typeof createDbQueryDetector> | undefined;
    let dependenciesInstance: WriteDependencies | undefined;
    const detector = () => (detectorInstance ??= fileFacts(context).queries);
    const dependencies = () => (dependenciesInstance ??= createWriteDependencies(detector(), createValueFlow(context)));

    function isAppendOnly(write: DbQuery): boolean {
      return write.model !== undefined && appendOnly(write.model);
    }

    function isDelete(write: DbQuery): boolean {
      return write.operation.startsWith("delete");
    }

    function feeds(earlier: DbQuery, later: DbQuery): boolean {
      return dependencies()
        .feedingWrites(later)
        .some((dependency) => dependency.earlier === earlier);
    }

    /**
     * Both run in one interactive transaction or batch, or on one client the caller hands in: a
     * transaction client (`tx`, `Prisma.TransactionClient`), or any client parameter (`db: Database`),
     * which the caller may well open a transaction for.
     */
    function sameTransaction(earlier: DbQuery, later: DbQuery): boolean {
      const unit = unitOf(later);
      if (unit !== undefined && (unit === unitOf(earlier) || rangeContains(unit, earlier.node))) return true;
      if (sourceCode.getText(earlier.client) !== sourceCode.getText(later.client)) return false;
      return (isTransactionClient(earlier.client, sourceCode) && isTransactionClient(later.client, sourceCode)) || isClientParameter(later.client);
    }

    /**
     * The transaction or batch a write runs in; for a Prisma query built first and run later, the batch
     * it is handed to: `const op = prisma.member.deleteMany(...)`, `const ops = [prisma.a.delete(...)]`,
     * `ops.push(prisma.b.update(...))`, then `$transaction([op, ...])` or `$transaction(ops)`.
     */
    function unitOf(write: DbQuery): TSESTree.Node | undefined {
      // asked for every pair of writes a file's writes make: once per write
      if (units.has(write)) return units.get(write);
      const unit = findUnit(write);
      units.set(write, unit);
      return unit;
    }

    function findUnit(write: DbQuery): TSESTree.Node | undefined {
      const direct = transactionUnit(write.node, detector());
      if (direct !== undefined) return direct;
      let node: TSESTree.Node = write.node;
      while (node.parent?.type === AST_NODE_TYPES.ArrayExpression) node = node.parent;
      const parent = node.parent;
      let holder: TSESTree.Identifier | undefined;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
        holder = parent.id;
      } else if (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments.includes(node as TSESTree.CallExpressionArgument) &&
        parent.callee.type === AST_NODE_TYPES.MemberExpression &&
        parent.callee.object.type === AST_NODE_TYPES.Identifier &&
        ["push", "unshift"].includes(propertyName(parent.callee) ?? "")
      ) {
        holder = parent.callee.object;
      }
      if (!holder) return undefined;
      const variable = ASTUtils.findVariable(sourceCode.getScope(holder), holder);
      for (const reference of variable?.references ?? []) {
        const unit = reference.init ? undefined : transactionUnit(reference.identifier, detector());
        if (unit !== undefined) return unit;
      }
      return undefined;
    }

    function isClientParameter(client: TSESTree.Node): boolean {
      if (client.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(client), client)?.defs[0];
      return def?.type === "Parameter";
    }

    /**
     * A failure handler around `later` undoes `earlier`: the `catch`/`finally` of a `try` holding `later`
     * writes what `earlier` made (deletes it, marks it failed) or calls an undo helper with it; or, the
     * Supabase way (errors are returned, not thrown), a later delete of what `earlier` made.
     */
    function undone(earlier: DbQuery, later: DbQuery): boolean {
      const bound = dependencies().resultBinding(earlier) !== undefined;
      for (const attempt of enclosingTries(later.node)) {
        for (const handler of [attempt.handler?.body, attempt.finalizer]) {
          if (handler && undoes(handler, earlier, bound)) return true;
        }
      }
      const fn = enclosingFunction(later.node);
      return writes.some(
        (write) =>
          isDelete(write) &&
          write.node.range[0] > later.node.range[1] &&
          enclosingFunction(write.node) === fn &&
          feeds(earlier, write),
      );
    }

    function undoes(handler: TSESTree.BlockStatement, earlier: DbQuery, bound: boolean): boolean {
      const inHandler = writes.filter((write) => rangeContains(handler, write.node) && !isAppendOnly(write));
      if (inHandler.some((write) => (bound ? feeds(earlier, write) : write.model === earlier.model))) return true;
      let found = false;
      forEachNode(handler, (node) => {
        if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
        const name = memberChainName(node.callee)?.split(".").at(-1);
        if (name === undefined || !UNDO_CALL.test(name)) return;
        found = !bound || node.arguments.some((arg) => dependencies().dependsOn(arg, earlier));
      });
      return found;
    }

    /**
     * `earlier` runs first: it comes first in the function, or sits in another function (a local helper
     * whose result `later` uses). A `let` reassigned further down does not feed a write above it.
     */
    function runsBefore(earlier: DbQuery, later: DbQuery): boolean {
      if (earlier.node.range[1] <= later.node.range[0]) return true;
      const fn = enclosingFunction(earlier.node);
      return fn !== undefined && !rangeContains(fn, later.node);
    }

    /**
     * Between the two writes, the code awaits other work on the new row (`await scheduleJob({ id: row.id })`,
     * an upload, a job trigger): the later write records its outcome. A transaction must not stay open
     * across that work, so the two cannot share one; a status column on the row is the usual answer.
     */
    function workBetween(earlier: DbQuery, later: DbQuery): boolean {
      const fn = enclosingFunction(earlier.node);
      if (!fn || !rangeContains(fn, later.node)) return false;
      let found = false;
      forEachNode(fn.body, (node) => {
        if (found || node.type !== AST_NODE_TYPES.AwaitExpression) return;
        if (node.range[0] < earlier.node.range[1] || node.range[1] > later.node.range[0]) return;
        const call = node.argument;
        if (call.type !== AST_NODE_TYPES.CallExpression || detector().getQuery(call)) return;
        found = call.arguments.some((arg) => dependencies().dependsOn(arg, earlier));
      });
      return found;
    }

    /** Why a failure of `later` does not leave `earlier` half-applied, if it does not. */
    function silenced(earlier: DbQuery, later: DbQuery): boolean {
      return (
        sameTransaction(earlier, later) ||
        (isDelete(later) && feeds(earlier, later)) ||
        updatesCreatedRow(earlier, later, dependencies(), sourceCode) ||
        cannotBothRun(earlier.node, later.node) ||
        undone(earlier, later) ||
        workBetween(earlier, later) ||
        isDeferredFrom(later.node, earlier.node, detector()) ||
        isFailureSettled(later.node, earlier.node)
      );
    }

    function clientName(query: DbQuery): string {
      const name = memberChainName(query.client);
      return name !== undefined && name.length <= 40 ? name : DEFAULT_CLIENT[query.library];
    }

    /** The library's transaction, named as the user would write it. */
    function transactionForm(library: QueryLibrary, client: string, dependent: boolean): string {
      switch (library) {
        case "prisma":
          return dependent ? `\`${client}.$transaction(async (tx) => ...)\`` : `\`${client}.$transaction([...])\``;
        case "kysely":
          return `\`${client}.transaction().execute(async (trx) => ...)\``;
        case "supabase":
          return `one database function called with \`${client}.rpc(...)\` (the Supabase client has no transactions)`;
        default:
          return `\`${client}.transaction(async (tx) => ...)\``;
      }
    }

    /**
     * The name the reader knows the new row by: its binding when the write is in the same function
     * (`order`), else the binding `later` reads it through (`thumbnail` of `thumbnail.id`, for a row
     * a local helper created).
     */
    function bindingName(earlier: DbQuery, later: DbQuery, via: TSESTree.Identifier): string {
      const fn = enclosingFunction(earlier.node);
      const own = dependencies().resultBinding(earlier);
      if (own && (!fn || rangeContains(fn, later.node))) return own.name;
      const def = ASTUtils.findVariable(sourceCode.getScope(via), via)?.defs[0];
      let init: TSESTree.Node | null | undefined = def?.type === "Variable" && def.node.id === def.name ? def.node.init : undefined;
      while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
      return init?.type === AST_NODE_TYPES.Identifier ? init.name : via.name;
    }

    /**
     * The relation field of `earlier`'s model that a nested write of `later`'s rows goes through
     * (`items` of `Order`), from the Prisma schema when the rule finds one (none there: no nested
     * write can do it), else the usual plural name.
     */
    function nestedRelation(earlier: DbQuery, later: DbQuery): { name: string; list: boolean } | undefined {
      if (later.library !== "prisma" || earlier.library !== "prisma" || earlier.operation !== "create") return undefined;
      if ((later.operation !== "create" && later.operation !== "createMany") || later.model === undefined || earlier.model === undefined) return undefined;
      const schema = getPrismaSchema(context);
      const guess = { name: plural(later.model), list: true };
      if (!schema) return guess;
      const parent = schema.models.get(earlier.model);
      const child = schema.models.get(later.model);
      if (!parent || !child) return guess;
      // the back-relation side: the child holds the key (`OrderItem.orderId`), the parent lists it
      for (const field of parent.fields.values()) {
        if (field.kind === "relation" && field.type === child.name && field.relationFields.length === 0) return { name: field.name, list: field.list };
      }
      return undefined;
    }

    function reportDependent(earlier: DbQuery, later: DbQuery, via: TSESTree.Identifier): void {
      const binding = bindingName(earlier, later, via);
      const client = clientName(earlier);
      const relation = nestedRelation(earlier, later);
      const fix = suggestion(earlier, later);
      context.report({
        node: later.node,
        messageId: relation !== undefined ? "dependentCreate" : "dependentWrite",
        data: {
          binding,
          transaction: transactionForm(later.library, client, true),
          relation: relation?.name ?? "",
          rows: relation?.list === false ? "{ ... }" : "[...]",
        },
        suggest: fix ? [{ messageId: "wrapInTransaction", data: { client }, fix }] : [],
      });
    }

    function reportIndependent(earlier: DbQuery, later: DbQuery): void {
      const client = clientName(earlier);
      const fix = suggestion(earlier, later);
      context.report({
        node: later.node,
        messageId: "independentWrite",
        data: { model: earlier.model ?? "earlier", transaction: transactionForm(later.library, client, false) },
        suggest: fix ? [{ messageId: "wrapInTransaction", data: { client }, fix }] : [],
      });
    }

    function checkDependent(reported: Set<DbQuery>): void {
      const reportedUnits = new Map<DbQuery, Set<TSESTree.Node | undefined>>();
      const reportedLaters = new Map<DbQuery, DbQuery[]>();
      // only a created row can be depended on, and only one whose value the code keeps: tracing a later
      // write's inputs (the costly part) cannot end at `await tx.log.create(...);` thrown away as a statement
      const keptCreates = writes.filter((write) => createsRows(write) && !thrownAway(write.node));
      const mayReach = createReachTest(sourceCode, calledNames);
      for (const later of writes) {
        // a write in a catch/finally is the compensation; a log row records, it completes nothing
        if (isAppendOnly(later) || failureHandlerOf(later.node)) continue;
        // and only one outside `later`'s transaction: when every write that could feed it runs in that one
        // (`$transaction(async (tx) => { ... })`, the common case), no dependency can be reported
        if (
          !keptCreates.some(
            (earlier) => earlier !== later && runsBefore(earlier, later) && mayReach(earlier, later) && !sameTransaction(earlier, later),
          )
        ) {
          continue;
        }
        const dependency = dependencies()
          .feedingWrites(later)
          .find(({ earlier }) => createsRows(earlier) && runsBefore(earlier, later) && !dependencies().isGetOrCreate(earlier) && !silenced(earlier, later));
        if (!dependency) continue;
        reported.add(later);
        // one report per transaction the earlier write stays out of: moving it in fixes every write there;
        // and one for the same write in the branches of an `if` (`team.update` or `user.update` of one id)
        const unit = transactionUnit(later.node, detector());
        const units = reportedUnits.get(dependency.earlier) ?? new Set<TSESTree.Node | undefined>();
        const laters = reportedLaters.get(dependency.earlier) ?? [];
        if (unit !== undefined && units.has(unit)) continue;
        if (laters.some((other) => cannotBothRun(other.node, later.node))) continue;
        units.add(unit);
        laters.push(later);
        reportedUnits.set(dependency.earlier, units);
        reportedLaters.set(dependency.earlier, laters);
        reportDependent(dependency.earlier, later, dependency.via);
      }
    }

    function checkIndependent(reported: Set<DbQuery>): void {
      const boundaries = getRequestBoundaries(context);
      const byBoundary = new Map<RequestBoundary, DbQuery[]>();
      for (const write of writes) {
        if (isAppendOnly(write)) continue;
        const boundary = boundaries.enclosingBoundary(write.node);
        if (!boundary) continue;
        const group = byBoundary.get(boundary) ?? [];
        group.push(write);
        byBoundary.set(boundary, group);
      }
      for (const group of byBoundary.values()) {
        for (const [i, later] of group.entries()) {
          if (i === 0 || reported.has(later) || failureHandlerOf(later.node)) continue;
          const earlier = group.slice(0, i).find((write) => write.node.range[1] <= later.node.range[0] && !silenced(write, later));
          if (earlier) reportIndependent(earlier, later);
        }
      }
    }

    // ------------------------------------------------------------------ suggestion

    /** `await <query>;` or `const x = await <query>;`, the whole statement. */
    function statementOf(query: DbQuery, allowDeclaration: boolean): TSESTree.Statement | undefined {
      const awaited = query.node.parent;
      if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
      const parent = awaited.parent;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return parent;
      if (
        allowDeclaration &&
        parent.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id.type === AST_NODE_TYPES.Identifier &&
        parent.parent.kind === "const" &&
        parent.parent.declarations.length === 1
      ) {
        return parent.parent;
      }
      return undefined;
    }

    /**
     * Adjacent statements `const x = await prisma.a.create(...)` (or `await ...;`) and `await prisma.b.create(...);`
     * on one Prisma client, nothing else between them: wrap them in an interactive transaction.
     */
    function suggestion(earlier: DbQuery, later: DbQuery): TSESLint.ReportFixFunction | undefined {
      if (earlier.library !== "prisma" || later.library !== "prisma") return undefined;
      const client = memberChainName(earlier.client);
      if (client === undefined || memberChainName(later.client) !== client || isTransactionClient(earlier.client, sourceCode)) return undefined;
      const first = statementOf(earlier, true);
      const second = statementOf(later, false);
      if (!first || !second || first.parent !== second.parent) return undefined;
      const list = "body" in first.parent && Array.isArray(first.parent.body) ? (first.parent.body as TSESTree.Node[]) : undefined;
      if (!list || list[list.indexOf(first) + 1] !== second) return undefined;
      if (ASTUtils.findVariable(sourceCode.getScope(first), "tx")) return undefined;
      // the client must appear only as the two receivers; multi-line templates would change when re-indented
      let clientUses = 0;
      let unsafe = false;
      for (const statement of [first, second]) {
        forEachNode(statement, (node) => {
          if (node.type === AST_NODE_TYPES.TemplateLiteral && node.loc.start.line !== node.loc.end.line) unsafe = true;
          if (node.type === AST_NODE_TYPES.Identifier && node.name === "tx") unsafe = true;
          if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && memberChainName(node) === client) {
            if (node.parent.type !== AST_NODE_TYPES.MemberExpression || memberChainName(node.parent) !== client) clientUses++;
          }
        });
      }
      if (unsafe || clientUses !== 2) return undefined;

      const declared = first.type === AST_NODE_TYPES.VariableDeclaration ? sourceCode.getDeclaredVariables(first)[0] : undefined;
      const usedAfter = declared?.references.some((ref) => ref.identifier.range[0] > second.range[1]) ?? false;
      const indent = /^\s*/u.exec(sourceCode.lines[first.loc.start.line - 1]!)![0];
      const step = indent.includes("\t") ? "\t" : "  ";
      const [start, end] = [first.range[0], second.range[1]];
      const receivers = [earlier.client, later.client].sort((a, b) => b.range[0] - a.range[0]);
      let body = sourceCode.text.slice(start, end);
      for (const receiver of receivers) {
        body = body.slice(0, receiver.range[0] - start) + "tx" + body.slice(receiver.range[1] - start);
      }
      const lines = body.split("\n").map((line, i) => (i === 0 ? `${indent}${step}${line}` : `${step}${line}`));
      if (usedAfter) lines.push(`${indent}${step}return ${declared!.name};`);
      const head = usedAfter ? `const ${declared!.name} = ` : "";
      const text = `${head}await ${client}.$transaction(async (tx) => {\n${lines.join("\n")}\n${indent}});`;
      return (fixer) => fixer.replaceTextRange([start, end], text);
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === AST_NODE_TYPES.Identifier) calledNames.add(callee.name);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = propertyName(callee);
        if (method === undefined || !WRITE_METHODS.has(method)) return;
        const query = detector().getQuery(node);
        if (query?.kind !== "write" || seen.has(query.node)) return;
        seen.add(query.node);
        writes.push(query);
      },
      "Program:exit"() {
        if (writes.length < 2) return;
        writes.sort((a, b) => a.node.range[0] - b.node.range[0]);
        const reported = new Set<DbQuery>();
        checkDependent(reported);
        if (independentWrites) checkIndependent(reported);
      },
    });
  },
});

/** `orderItem` -> `orderItems`: the usual name of a relation field, for the nested-write example. */
function plural(model: string): string {
  const name = model.split(".").at(-1)!;
  return name.endsWith("s") ? name : `${name}s`;
}

/** `await tx.auditEvent.create(...);` as a statement of its own: its value reaches nothing. */
function thrownAway(node: TSESTree.Node): boolean {
  let current = skipTransparentParents(node);
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression) current = skipTransparentParents(current.parent);
  return current.parent?.type === AST_NODE_TYPES.ExpressionStatement;
}
