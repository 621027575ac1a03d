/**
 * What is a database query: one place that answers "is this call a query, which kind, against
 * which client" for Prisma, Drizzle, Supabase, Kysely and raw SQL. Every data-access rule uses it.
 *
 * Recognition is syntactic (names and origins of bindings); with type information a Prisma
 * receiver of type `PrismaClient` (or a transaction client) counts under any name. When the code
 * cannot tell, the answer is "not a query": rules built on this stay silent.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { memberChainName, propertyName, skipTransparentParents } from "../util/ast.js";
import { getSettings } from "./settings.js";

export type QueryLibrary = "prisma" | "drizzle" | "supabase" | "kysely" | "sql";
export type QueryKind = "read" | "write" | "raw";

export interface DbQuery {
  /** The whole query expression (see the module docs in DB-QUERIES-API); report locations use it. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  library: QueryLibrary;
  kind: QueryKind;
  /** Reads, and raw queries that only read (`$queryRaw`, `SELECT ...`). */
  readsOnly: boolean;
  operation: string;
  /** Prisma model accessor, Drizzle table text, Supabase table name, when known. */
  model: string | undefined;
  client: TSESTree.Node;
  /** The calls of the chain, from the first call on the client to `node`. */
  chain: TSESTree.CallExpression[];
  /** The operation call's arguments. */
  args: TSESTree.CallExpressionArgument[];
}

type QueryNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Name tables are `Map`s and `Set`s, never plain objects read with `in` or `[name]`: a plain object
 * answers for `toString`, `constructor` or `hasOwnProperty` too, and every value has those.
 */
export const PRISMA_OPERATIONS: ReadonlyMap<string, "read" | "write"> = new Map([
  ["findUnique", "read"],
  ["findUniqueOrThrow", "read"],
  ["findFirst", "read"],
  ["findFirstOrThrow", "read"],
  ["findMany", "read"],
  ["count", "read"],
  ["aggregate", "read"],
  ["groupBy", "read"],
  ["findRaw", "read"],
  ["aggregateRaw", "read"],
  ["create", "write"],
  ["createMany", "write"],
  ["createManyAndReturn", "write"],
  ["update", "write"],
  ["updateMany", "write"],
  ["updateManyAndReturn", "write"],
  ["upsert", "write"],
  ["delete", "write"],
  ["deleteMany", "write"],
]);

/** Prisma's raw operations, and whether each one reads (unless its visible SQL says otherwise). */
export const PRISMA_RAW_OPERATIONS: ReadonlyMap<string, boolean> = new Map([
  ["$queryRaw", true],
  ["$queryRawUnsafe", true],
  ["$queryRawTyped", true],
  ["$executeRaw", false],
  ["$executeRawUnsafe", false],
]);

const DRIZZLE_HEADS: ReadonlyMap<string, QueryKind> = new Map([
  ["select", "read"],
  ["selectDistinct", "read"],
  ["selectDistinctOn", "read"],
  ["$count", "read"],
  ["insert", "write"],
  ["update", "write"],
  ["delete", "write"],
  ["execute", "raw"],
]);

const KYSELY_HEADS: ReadonlyMap<string, QueryKind> = new Map([
  ["selectFrom", "read"],
  ["insertInto", "write"],
  ["replaceInto", "write"],
  ["updateTable", "write"],
  ["deleteFrom", "write"],
  ["mergeInto", "write"],
]);

const SUPABASE_OPERATIONS: ReadonlyMap<string, QueryKind> = new Map([
  ["select", "read"],
  ["insert", "write"],
  ["update", "write"],
  ["upsert", "write"],
  ["delete", "write"],
]);

/** Drizzle builder heads and the calls that follow them in a real query (`select().from()`, `update(t).set()`). */
const BUILDER_FOLLOWERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["select", new Set(["from"])],
  ["selectDistinct", new Set(["from"])],
  ["selectDistinctOn", new Set(["from"])],
  ["insert", new Set(["values", "select"])],
  ["update", new Set(["set"])],
  ["delete", new Set(["where", "returning"])],
]);

/**
 * Every method a query can start with (`fromHead`'s first calls): Prisma's operations and raw API, Drizzle's
 * and Kysely's builder heads, Supabase's `from`, node-postgres' `query`. A call of any other method is no
 * query's first call.
 */
const HEAD_METHODS: ReadonlySet<string> = new Set([
  ...PRISMA_OPERATIONS.keys(),
  ...PRISMA_RAW_OPERATIONS.keys(),
  ...DRIZZLE_HEADS.keys(),
  ...KYSELY_HEADS.keys(),
  "from",
  "query",
]);

/** Methods that consume a query (its promise), so they are not part of the query chain. */
const PROMISE_METHODS = new Set(["then", "catch", "finally"]);
/** Chain endings that turn a builder into something other than an executed query. */
const NOT_EXECUTED_ENDINGS = new Set(["as", "prepare", "toSQL", "getSQL", "compile", "toOperationNode"]);
/** Calls that run the builders they receive (batching), as opposed to embedding them as subqueries. */
const BATCHING_CALLS = new Set(["all", "allSettled", "race", "any", "batch", "$transaction", "transaction"]);

/** Last segment names that real apps use for database clients. */
const CLIENT_NAME = /^(?:prisma\w*|db|[a-z]\w*Db|database|tx|trx)$/u;
const SUPABASE_NAME = /^supabase\w*$/iu;
/** Type annotations of database clients (Prisma, Drizzle, Kysely, their transactions). */
const CLIENT_TYPE = /\b(?:PrismaClient|TransactionClient|Kysely|Transaction|\w*Database|\w*Db|DB|Drizzle\w*)\b|\btypeof\s+(?:db|prisma)\b/u;
const DB_MODULE = /(?:^|[/@.-])(?:prisma|db|database|drizzle|supabase|kysely)(?:$|[/.-])/iu;
const SUPABASE_MODULE = /supabase/iu;
const RAW_SQL_MODULES = new Set(["postgres", "@vercel/postgres", "@neondatabase/serverless"]);

/** Supabase (PostgREST) filter methods: a `.delete()`/`.update()` chain with one of them is scoped. */
export const SUPABASE_FILTER_METHODS: ReadonlySet<string> = new Set([
  "eq", "neq", "gt", "gte", "lt", "lte", "like", "likeAllOf", "likeAnyOf", "ilike", "ilikeAllOf", "ilikeAnyOf",
  "is", "in", "contains", "containedBy", "rangeGt", "rangeGte", "rangeLt", "rangeLte", "rangeAdjacent",
  "overlaps", "textSearch", "match", "not", "or", "filter",
]);

/** Chain endings that run a Drizzle builder right away (it returns a real promise or a result). */
const EXECUTING_ENDINGS = new Set(["execute", "all", "get", "run", "values", "executeTakeFirst", "executeTakeFirstOrThrow", "stream"]);

/**
 * Does the query run only once something awaits it, chains `.then()` on it, or hands it to
 * `Promise.all`/`$transaction`? Prisma queries are `PrismaPromise`s, Drizzle and Supabase queries
 * are thenable builders: a bare statement never runs them. A Drizzle chain ended by `.execute()`
 * (or `.all()`, `.get()`, `.run()`, `.values()`), Kysely, and raw SQL clients run right away.
 */
export function isLazyQuery(query: DbQuery): boolean {
  if (query.library === "prisma" || query.library === "supabase") return true;
  if (query.library !== "drizzle") return false;
  const last = query.chain.at(-1)?.callee;
  const method = last?.type === AST_NODE_TYPES.MemberExpression ? propertyName(last) : undefined;
  if (method === undefined || query.chain.length < 2 || !EXECUTING_ENDINGS.has(method)) return true;
  // `db.insert(t).values(rows)` sets the rows; only the argument-less `.values()` runs a query
  return method === "values" && query.chain.at(-1)!.arguments.length > 0;
}

export interface ListValues {
  /**
   * Filters on a list of values: Prisma `{ id: { in: X } }` and `OR: X` built from a list, Drizzle
   * `inArray(column, X)`, Supabase `.in("id", X)`, Kysely `.where("id", "in", X)`.
   */
  filters: TSESTree.Node[];
  /** Rows of a batch write: Prisma `createMany({ data: X })`, Drizzle/Kysely `.values(X)`, Supabase `.insert(X)`/`.upsert(X)` (X may also be one row). */
  rows: TSESTree.Node[];
  /** Raw SQL parameters, lists or single values (`= ANY(${ids})`, `IN (${Prisma.join(ids)})`, `= ${id}`). */
  params: TSESTree.Node[];
}

function keyName(property: TSESTree.Property): string | number | boolean | bigint | RegExp | null | undefined {
  if (property.computed) return undefined;
  return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? property.key.value : undefined;
}

/** The expressions a query takes as lists of values: what makes one query cover many rows. */
export function listValues(query: DbQuery): ListValues {
  const filters: TSESTree.Node[] = [];
  const rows: TSESTree.Node[] = [];
  const params: TSESTree.Node[] = [];
  function visit(node: TSESTree.Node | null | undefined, depth: number): void {
    if (!node || depth > 8) return;
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of node.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if (key === "in") filters.push(property.value);
          // `OR: ids.map((id) => ({ id }))`: a list built from data, not a fixed set of conditions
          else if ((key === "OR" || key === "AND") && property.value.type !== AST_NODE_TYPES.ArrayExpression) filters.push(property.value);
          else visit(property.value, depth + 1);
        }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) visit(element, depth + 1);
        return;
      case AST_NODE_TYPES.CallExpression: {
        const callee = node.callee;
        const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        if (name === "inArray" && node.arguments[1]) filters.push(node.arguments[1]);
        else if (name === "and" || name === "or") for (const arg of node.arguments) visit(arg, depth + 1);
        return;
      }
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        visit(node.expression, depth + 1);
        return;
      default:
        return;
    }
  }
  if (query.kind === "raw") {
    // raw SQL takes lists as parameters (`= ANY(${ids})`, `IN (${Prisma.join(ids)})`, `unnest($1::text[])`)
    const node = query.node;
    const sqlArg = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[0] : undefined;
    const template = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node : sqlArg?.type === AST_NODE_TYPES.TaggedTemplateExpression ? sqlArg : undefined;
    if (template) params.push(...template.quasi.expressions);
    if (node.type === AST_NODE_TYPES.CallExpression) params.push(...node.arguments.slice(1));
    return { filters, rows, params };
  }
  if (query.library === "prisma") {
    for (const arg of query.args) visit(arg, 0);
    const arg = query.args[0];
    if ((query.operation === "createMany" || query.operation === "createManyAndReturn") && arg?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of arg.properties) {
        if (property.type === AST_NODE_TYPES.Property && keyName(property) === "data") rows.push(property.value);
      }
    }
    return { filters, rows, params };
  }
  for (const call of query.chain) {
    const callee = call.callee;
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    if (query.library === "supabase") {
      if (method === "in" && call.arguments[1]) filters.push(call.arguments[1]);
      else if ((method === "insert" || method === "upsert") && call.arguments[0]) rows.push(call.arguments[0]);
    } else if (query.library === "kysely" && method?.startsWith("where") && call.arguments[1]?.type === AST_NODE_TYPES.Literal && call.arguments[1].value === "in" && call.arguments[2]) {
      filters.push(call.arguments[2]);
    } else if (method === "where" && query.library === "drizzle") {
      for (const arg of call.arguments) visit(arg, 0);
    } else if (method === "values" && (query.library === "drizzle" || query.library === "kysely") && call.arguments[0] && call !== query.chain[0]) {
      rows.push(call.arguments[0]);
    }
  }
  return { filters, rows, params };
}

/**
 * A callback whose queries share one connection: Prisma `$transaction(async (tx) => ...)`,
 * Drizzle/knex `db.transaction(async (tx) => ...)`, Kysely `db.transaction().execute(async (trx) => ...)`.
 */
export function isTransactionCallback(fn: TSESTree.Node): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (!call.arguments.includes(fn)) return false;
  const method = propertyName(call.callee);
  if (method === "$transaction" || method === "transaction") return true;
  const object = call.callee.object;
  return (
    method === "execute" &&
    object.type === AST_NODE_TYPES.CallExpression &&
    object.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(object.callee) === "transaction"
  );
}

const TRANSACTION_CLIENT_NAME = /^(?:tx|trx|txn|transaction|\w+Tx)$/u;
const TRANSACTION_CLIENT_TYPE = /Transaction|\bTx\b/u;

/**
 * Whether a query's client is a transaction client: a transaction callback's parameter, a binding
 * named like one (`tx`, `trx`, `prismaTx`), or a parameter typed as one (`tx: Prisma.TransactionClient`).
 * Queries on it share one connection and run one at a time.
 */
export function isTransactionClient(client: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = memberChainName(client);
  if (name !== undefined && TRANSACTION_CLIENT_NAME.test(name.split(".").at(-1)!)) return true;
  if (client.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(client), client)?.defs[0];
  if (def?.type !== "Parameter") return false;
  if (isTransactionCallback(def.node)) return true;
  const annotation = def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation : undefined;
  return annotation !== undefined && TRANSACTION_CLIENT_TYPE.test(sourceCode.getText(annotation));
}

/**
 * Whether a query runs on a connection that takes one query at a time, so that starting queries
 * together gains nothing (or breaks): a transaction client, or a node-postgres `Client` (a pool's
 * checked-out client included) as opposed to `pool.query`.
 */
export function runsOnOneConnection(query: DbQuery, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isTransactionClient(query.client, sourceCode)) return true;
  if (query.library !== "sql" || query.operation !== "query") return false;
  if (/pool$/iu.test(memberChainName(query.client) ?? "")) return false;
  const client = query.client;
  const def = client.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(client), client)?.defs[0] : undefined;
  const init = def?.type === "Variable" ? def.node.init : undefined;
  return !(init?.type === AST_NODE_TYPES.NewExpression && /Pool$/u.test(memberChainName(init.callee) ?? ""));
}

export function createDbQueryDetector(context: Context): {
  getQuery(node: QueryNode): DbQuery | undefined;
  queryAt(node: QueryNode): DbQuery | undefined;
  /**
   * Explicit batching: Prisma `<client>.$transaction([...])` (the array form, not the interactive
   * callback) and Drizzle `<client>.batch([...])`. The queries handed to it run as one batch.
   */
  isBatchCall(node: TSESTree.CallExpression): boolean;
  /**
   * A Postgres function called through Supabase: `<supabase>.rpc("match_documents", { ... })`. It runs in
   * the database with its arguments, but what it reads or writes cannot be told, so it is not a `DbQuery`.
   */
  isProcedureCall(node: TSESTree.CallExpression): boolean;
} {
  const { sourceCode } = context;
  const settings = getSettings(context);
  const extraClients = new Set(settings.dbClients);
  const cache = new Map<TSESTree.Node, DbQuery | null>();
  /** `isDbClient` per binding and question. */
  const clientAnswers = new Map<TSESLint.Scope.Variable, Map<string, boolean>>();

  function variableOf(id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return ASTUtils.findVariable(sourceCode.getScope(id), id);
  }

  function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
    let current = node;
    for (;;) {
      if (current.type === AST_NODE_TYPES.Identifier) return current;
      if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
      else if (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
      else if (
        current.type === AST_NODE_TYPES.TSNonNullExpression ||
        current.type === AST_NODE_TYPES.TSAsExpression ||
        current.type === AST_NODE_TYPES.ChainExpression
      ) {
        current = current.expression;
      } else return undefined;
    }
  }

  /** Where a binding comes from: its import source, or its initializer. */
  function origin(id: TSESTree.Identifier): { importSource?: string; importedName?: string; init?: TSESTree.Expression; param?: TSESTree.Node } {
    const def = variableOf(id)?.defs[0];
    if (!def) return {};
    if (def.type === "ImportBinding") {
      const decl = def.parent as TSESTree.ImportDeclaration;
      const spec = def.node;
      const importedName =
        spec.type === AST_NODE_TYPES.ImportSpecifier
          ? spec.imported.type === AST_NODE_TYPES.Identifier
            ? spec.imported.name
            : spec.imported.value
          : "default";
      return { importSource: decl.source.value, importedName };
    }
    if (def.type === "Variable" && def.node.init) return { init: def.node.init };
    if (def.type === "Parameter") return { param: def.node };
    return {};
  }

  /** `x` of `new PrismaClient()`, `drizzle(...)`, `createClient()`..., through `await`, casts, `$extends`, `??`. */
  function initCallee(init: TSESTree.Expression | undefined): string | undefined {
    let current: TSESTree.Node | undefined = init;
    while (current) {
      switch (current.type) {
        case AST_NODE_TYPES.AwaitExpression:
          current = current.argument;
          continue;
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
          current = current.expression;
          continue;
        case AST_NODE_TYPES.LogicalExpression:
          current = current.right;
          continue;
        case AST_NODE_TYPES.NewExpression:
          return `new ${memberChainName(current.callee) ?? ""}`;
        case AST_NODE_TYPES.CallExpression: {
          const callee: TSESTree.Expression = current.callee;
          if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === "$extends") {
            current = callee.object;
            continue;
          }
          return memberChainName(callee);
        }
        default:
          return undefined;
      }
    }
    return undefined;
  }

  /** Is `id` the parameter of a `$transaction(async (tx) => ...)` / `db.transaction(...)` callback? */
  function isTransactionParam(param: TSESTree.Node): boolean {
    return isTransactionCallback(param);
  }

  function hasClientName(node: TSESTree.Node, pattern: RegExp): boolean {
    const name = memberChainName(node);
    if (name === undefined) return false;
    if (extraClients.has(name)) return true;
    const segments = name.split(".");
    const last = segments.at(-1)!;
    if (extraClients.has(last) || pattern.test(last)) return true;
    // umami: `prisma.client.user.findMany()`
    return last === "client" && segments.length > 1 && pattern.test(segments.at(-2)!);
  }

  /**
   * Is the receiver a database client? `shape` says how much the call itself tells:
   * - "prisma", "relational": `<client>.<model>.<op>({...})` and `<client>.query.<table>.findMany()`
   *   are distinctive, so a client name (`prisma`, `db`, `readDb`) or an import from a database
   *   module is enough;
   * - "builder": `x.delete(t)`, `x.update(t)`, `x.insert(t)`, `x.select()` are what a `Map`, a cache
   *   or a repository says too, so the receiver must be known: a binding of `drizzle()`/`new
   *   Kysely()`, a transaction callback's parameter, a parameter typed as a client, a configured
   *   client, or a client name or database-module import together with a builder-shaped call
   *   (`evidence`: `.from()`, `.values()`, `.set()`, `.where()`, a table imported from a schema).
   * A binding known to be something else (`const byDb = new Map()`) is never a client.
   */
  function isDbClient(node: TSESTree.Node, shape: "prisma" | "relational" | "builder", evidence = false): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return isDbClientUncached(node, shape, evidence);
    // a bare name's answer is its binding's (its name, import, initializer or parameter): `prisma` and `tx`
    // receive every query of a file
    const variable = variableOf(node);
    if (!variable) return isDbClientUncached(node, shape, evidence);
    const key = evidence ? `${shape}+` : shape;
    let answers = clientAnswers.get(variable);
    if (!answers) {
      answers = new Map();
      clientAnswers.set(variable, answers);
    }
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = isDbClientUncached(node, shape, evidence);
      answers.set(key, answer);
    }
    return answer;
  }

  function isDbClientUncached(node: TSESTree.Node, shape: "prisma" | "relational" | "builder", evidence: boolean): boolean {
    // `db().select()`, `(await getDb()).insert(t)`, `prisma().user.findMany()`: a client returned by a factory
    // counts as that factory's name and origin
    const client = clientFactory(node) ?? node;
    if (isConfiguredClient(client)) return true;
    const named = hasClientName(client, CLIENT_NAME);
    const root = rootIdentifier(client);
    if (!root) return named && (shape !== "builder" || evidence);
    const from = origin(root);
    if (from.importSource !== undefined) {
      const fromDbModule = root === client && DB_MODULE.test(from.importSource);
      if (shape !== "builder") return named || fromDbModule;
      return (named && fromDbModule) || ((named || fromDbModule) && evidence);
    }
    if (from.param) {
      if (root !== client) return named && (shape !== "builder" || evidence);
      return isTransactionParam(from.param) || hasClientType(root) || (named && (shape !== "builder" || evidence));
    }
    const callee = root === client ? initCallee(from.init) : undefined;
    if (callee !== undefined) {
      if (/^new (?:\w+\.)?PrismaClient$/u.test(callee)) return shape === "prisma";
      if (/^(?:drizzle|new Kysely)$/u.test(callee)) return shape !== "prisma";
      // `const byDb = new Map()`, `new Dexie(...)`: known, and not a database client
      if (callee.startsWith("new ")) return false;
    }
    return named && (shape !== "builder" || evidence);
  }

  /** The callee of `db()` / `await getDb()` (no arguments, an identifier callee), or undefined. */
  function clientFactory(node: TSESTree.Node): TSESTree.Identifier | undefined {
    const call = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length > 0 || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    return call.callee;
  }

  /** `settings.dbClients`: the user says so. */
  function isConfiguredClient(node: TSESTree.Node): boolean {
    const name = memberChainName(node);
    return name !== undefined && (extraClients.has(name) || extraClients.has(name.split(".").at(-1)!));
  }

  /** A parameter typed as a client: `db: PostgresJsDatabase<typeof schema>`, `trx: Kysely<DB>`, `tx: Transaction`, `db: typeof db`. */
  function hasClientType(id: TSESTree.Identifier): boolean {
    const def = variableOf(id)?.defs[0];
    const annotation = def?.type === "Parameter" && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation : undefined;
    return annotation !== undefined && CLIENT_TYPE.test(sourceCode.getText(annotation));
  }

  function isPrismaClientByType(client: TSESTree.Node): boolean {
    const services = sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return false;
    const checker = services.program.getTypeChecker();
    const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(client));
    return /PrismaClient|TransactionClient|DynamicClientExtensionThis/u.test(checker.typeToString(type));
  }

  function isSupabaseClient(client: TSESTree.Node): boolean {
    if (memberChainName(client)?.split(".").includes("storage")) return false;
    if (hasClientName(client, SUPABASE_NAME)) return true;
    let expr: TSESTree.Node = client;
    if (expr.type === AST_NODE_TYPES.AwaitExpression) expr = expr.argument;
    const root = expr.type === AST_NODE_TYPES.CallExpression ? undefined : rootIdentifier(expr);
    const call = expr.type === AST_NODE_TYPES.CallExpression ? expr : undefined;
    const calleeName = call ? memberChainName(call.callee) : root ? initCallee(origin(root).init) : undefined;
    if (!calleeName || !/^create\w*Client$/u.test(calleeName)) return false;
    const calleeRoot = call ? rootIdentifier(call.callee) : root && initRoot(root);
    const source = calleeRoot && origin(calleeRoot).importSource;
    return source !== undefined && SUPABASE_MODULE.test(source);
  }

  /** For `const x = await createClient()`, the identifier `createClient`. */
  function initRoot(id: TSESTree.Identifier): TSESTree.Identifier | undefined {
    let init: TSESTree.Node | undefined = origin(id).init;
    while (init?.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
    return init?.type === AST_NODE_TYPES.CallExpression ? rootIdentifier(init.callee) : undefined;
  }

  function isRawSqlTag(tag: TSESTree.Expression): boolean {
    const id = tag.type === AST_NODE_TYPES.Identifier ? tag : undefined;
    if (!id) return false;
    const from = origin(id);
    if (from.importSource !== undefined) return RAW_SQL_MODULES.has(from.importSource) && from.importedName === "sql";
    const calleeName = initCallee(from.init);
    if (calleeName !== "postgres" && calleeName !== "neon") return false;
    const calleeRoot = from.init && initRoot(id);
    const source = calleeRoot && origin(calleeRoot).importSource;
    return source !== undefined && RAW_SQL_MODULES.has(source);
  }

  function isPgClient(receiver: TSESTree.Node): boolean {
    const name = memberChainName(receiver);
    if (name !== undefined && /(?:^|\.)pool$/iu.test(name)) return true;
    const root = rootIdentifier(receiver);
    if (!root || root !== receiver) return false;
    const callee = initCallee(origin(root).init);
    return callee !== undefined && (/^new (?:pg\.)?(?:Pool|Client)$/u.test(callee) || /(?:^|\.)pool\.connect$/iu.test(callee));
  }

  /** From a call that starts a query, extend through its builder chain to the outermost call. */
  function chainFrom(head: TSESTree.CallExpression, fluent: boolean): { node: TSESTree.CallExpression; chain: TSESTree.CallExpression[] } {
    const chain = [head];
    let node = head;
    for (;;) {
      const member = node.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) break;
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
      const method = propertyName(member);
      if (method === undefined || PROMISE_METHODS.has(method)) break;
      if (!fluent && method === "$extends") break;
      node = call;
      chain.push(call);
    }
    return { node, chain };
  }

  /** A lazy builder handed to another call is a subquery (`exists(db.select()...)`), not a query. */
  function isEmbeddedBuilder(node: TSESTree.Node): boolean {
    const outer = skipTransparentParents(node);
    const parent = outer.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === outer) return false;
    const callee = parent.callee;
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    return name === undefined || !BATCHING_CALLS.has(name);
  }

  function lastMethod(chain: TSESTree.CallExpression[]): string | undefined {
    const callee = chain.at(-1)!.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  }

  /** The visible SQL text, interpolations replaced by `?`. */
  function sqlText(arg: TSESTree.Node | undefined): string {
    if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === "string") return arg.value;
    const template = arg?.type === AST_NODE_TYPES.TaggedTemplateExpression ? arg.quasi : arg;
    if (template?.type === AST_NODE_TYPES.TemplateLiteral) return template.quasis.map((q) => q.value.cooked ?? "").join("?");
    return "";
  }

  /** A statement that only reads: `SELECT`/`WITH`/`SHOW`/`EXPLAIN`, and no data-changing CTE (`WITH x AS (UPDATE ... RETURNING ...)`). */
  function readsOnlySql(text: string): boolean {
    return /^\s*(?:select|with|show|explain)\b/iu.test(text) && !/\b(?:insert|update|delete|merge|truncate|drop|alter|create|grant)\b/iu.test(text);
  }

  /** `$queryRaw` reads unless its visible SQL says otherwise (`INSERT ... RETURNING`); `$executeRaw` writes. */
  function prismaRawReadsOnly(op: string, text: TSESTree.Node | undefined): boolean {
    if (PRISMA_RAW_OPERATIONS.get(op) !== true) return false;
    const visible =
      (text?.type === AST_NODE_TYPES.Literal && typeof text.value === "string") ||
      text?.type === AST_NODE_TYPES.TemplateLiteral ||
      text?.type === AST_NODE_TYPES.TaggedTemplateExpression;
    return !visible || readsOnlySql(sqlText(text));
  }

  /** Recognises a query whose first call on the client is `head` (or a raw tagged template). */
  function fromHead(head: QueryNode): DbQuery | undefined {
    if (head.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = head.tag;
      if (tag.type === AST_NODE_TYPES.MemberExpression) {
        const op = propertyName(tag);
        // `$queryRaw` and friends are Prisma's own names: any receiver is a Prisma client (`getClient().$queryRaw`)
        if (op === undefined || !PRISMA_RAW_OPERATIONS.has(op)) return undefined;
        const readsOnly = prismaRawReadsOnly(op, head.quasi);
        return { node: head, library: "prisma", kind: "raw", readsOnly, operation: op, model: undefined, client: tag.object, chain: [], args: [] };
      }
      if (!isRawSqlTag(tag)) return undefined;
      return { node: head, library: "sql", kind: "raw", readsOnly: readsOnlySql(sqlText(head)), operation: "sql", model: undefined, client: tag, chain: [], args: [] };
    }
    const callee = head.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const op = propertyName(callee);
    if (op === undefined || !HEAD_METHODS.has(op)) return undefined;
    const receiver = callee.object;

    // Prisma: <client>.<model>.<op>(...), <client>.$queryRaw(...)
    if (PRISMA_RAW_OPERATIONS.has(op)) {
      const readsOnly = prismaRawReadsOnly(op, head.arguments[0]);
      return { node: head, library: "prisma", kind: "raw", readsOnly, operation: op, model: undefined, client: receiver, chain: [head], args: head.arguments };
    }
    const model = receiver.type === AST_NODE_TYPES.MemberExpression ? propertyName(receiver) : undefined;
    if (
      PRISMA_OPERATIONS.has(op) &&
      prismaArgumentsFit(head.arguments) &&
      receiver.type === AST_NODE_TYPES.MemberExpression &&
      (model !== undefined || receiver.computed) &&
      !model?.startsWith("$") &&
      isPrismaReceiver(receiver.object)
    ) {
      const { node, chain } = chainFrom(head, true);
      const kind = PRISMA_OPERATIONS.get(op)!;
      return { node, library: "prisma", kind, readsOnly: kind === "read", operation: op, model, client: receiver.object, chain, args: head.arguments };
    }

    // Drizzle relational: <client>.query.<table>.findMany/findFirst(...)
    if (
      (op === "findMany" || op === "findFirst") &&
      receiver.type === AST_NODE_TYPES.MemberExpression &&
      receiver.object.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(receiver.object) === "query" &&
      isDbClient(receiver.object.object, "relational")
    ) {
      const { node, chain } = chainFrom(head, false);
      return { node, library: "drizzle", kind: "read", readsOnly: true, operation: op, model: propertyName(receiver), client: receiver.object.object, chain, args: head.arguments };
    }

    // Drizzle / Kysely builders
    const builderKind = DRIZZLE_HEADS.get(op) ?? KYSELY_HEADS.get(op);
    if (builderKind && builderArityFits(op, head.arguments.length) && !hasClientName(receiver, /^prisma\w*$/u)) {
      const { node, chain } = chainFrom(head, false);
      if (!isDbClient(receiver, "builder", looksLikeBuilder(op, chain))) return undefined;
      if (NOT_EXECUTED_ENDINGS.has(lastMethod(chain) ?? "") || isEmbeddedBuilder(node)) return undefined;
      const library = KYSELY_HEADS.has(op) ? "kysely" : "drizzle";
      const firstArg = head.arguments[0];
      const readsOnly = builderKind === "read" || (builderKind === "raw" && readsOnlySql(sqlText(firstArg)));
      const model = builderKind === "write" && firstArg ? sourceCode.getText(firstArg) : undefined;
      return { node, library, kind: builderKind, readsOnly, operation: op, model, client: receiver, chain, args: head.arguments };
    }

    // Supabase: <client>.from("table").select/insert/update/upsert/delete(...)
    if (op === "from" && isSupabaseClient(receiver)) {
      const { node, chain } = chainFrom(head, false);
      const opCall = chain[1];
      const operation = opCall && opCall.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(opCall.callee) : undefined;
      const kind = operation === undefined ? undefined : SUPABASE_OPERATIONS.get(operation);
      if (!opCall || !kind) return undefined;
      const table = head.arguments[0];
      const model = table?.type === AST_NODE_TYPES.Literal && typeof table.value === "string" ? table.value : undefined;
      return { node, library: "supabase", kind, readsOnly: kind === "read", operation: operation!, model, client: receiver, chain, args: opCall.arguments };
    }

    // node-postgres: pool.query(...), client.query(...) on a pg Pool/Client
    if (op === "query" && head.arguments.length > 0 && isPgClient(receiver)) {
      return { node: head, library: "sql", kind: "raw", readsOnly: readsOnlySql(sqlText(head.arguments[0])), operation: "query", model: undefined, client: receiver, chain: [head], args: head.arguments };
    }
    return undefined;
  }

  /**
   * Does the call read as a query builder, beyond its first method's name? Drizzle's `select().from()`,
   * `insert(t).values()`, `update(t).set()`, `delete(t).where()`/`.returning()`, `execute(sql\`...\`)`;
   * any Kysely chain (`selectFrom(...).selectAll()`, `.execute()`); a table imported from a schema or
   * database module (`delete(users)` with `users` from `@/db/schema`). `cache.delete(key)` has none.
   */
  function looksLikeBuilder(op: string, chain: TSESTree.CallExpression[]): boolean {
    if (KYSELY_HEADS.has(op)) return chain.length > 1;
    if (op === "$count") return true;
    const next = chain[1] && chain[1].callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(chain[1].callee) : undefined;
    if (next !== undefined && BUILDER_FOLLOWERS.get(op)?.has(next) === true) return true;
    const arg = chain[0]!.arguments[0];
    if (op === "execute") return arg !== undefined && isSqlTemplate(arg);
    return arg !== undefined && isSchemaTable(arg);
  }

  /** `sql\`...\``, `sql.raw(...)` from drizzle-orm (or any `sql` tag: a raw statement handed to the client). */
  function isSqlTemplate(node: TSESTree.Node): boolean {
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return /(?:^|\.)sql$/u.test(memberChainName(node.tag) ?? "");
    return node.type === AST_NODE_TYPES.CallExpression && /(?:^|\.)sql\.\w+$/u.test(memberChainName(node.callee) ?? "");
  }

  /** `users` imported from `@/db/schema`, or `schema.users` with `schema` imported from one. */
  function isSchemaTable(node: TSESTree.Node): boolean {
    const root = node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(node) : undefined;
    const source = root && origin(root).importSource;
    return source !== undefined && (DB_MODULE.test(source) || /schema|tables?(?:$|[/.-])/iu.test(source));
  }

  /**
   * A Prisma model operation takes at most one argument, an object (or a binding holding one):
   * Dexie's `db.todos.delete(id)` and `db.todos.update(id, changes)`, or a repository's
   * `store.users.delete("key")`, are something else.
   */
  function prismaArgumentsFit(args: TSESTree.CallExpressionArgument[]): boolean {
    if (args.length > 1) return false;
    const arg = args[0];
    if (!arg) return true;
    switch (arg.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
        return false;
      default:
        return true;
    }
  }

  /** Drizzle's `insert/update/delete(table)` take exactly the table; Firestore's `tx.update(ref, data)` does not. */
  function builderArityFits(op: string, count: number): boolean {
    if (op === "select" || op === "selectDistinct") return count <= 1;
    if (op === "selectDistinctOn") return count === 1 || count === 2;
    if (op === "$count") return count === 1 || count === 2;
    return count === 1;
  }

  function isPrismaReceiver(client: TSESTree.Node): boolean {
    return isDbClient(client, "prisma") || isPrismaClientByType(client);
  }

  /**
   * Walks from any call of a chain down to the calls that could start a query. `passed` collects the
   * calls walked through: each would have walked on from there to the same answer.
   */
  function detect(node: QueryNode, passed: QueryNode[]): DbQuery | undefined {
    let current: TSESTree.Node = node;
    while (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      // `getQuery` has looked `node` up already
      const cached = current === node ? undefined : cache.get(current);
      if (cached !== undefined) return cached ?? undefined;
      passed.push(current);
      const query = fromHead(current);
      if (query) return query;
      if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) return undefined;
      const callee: TSESTree.Node = current.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      current = callee.object;
      // Prisma: `prisma.user.findUnique()` sits under a member of the model, not a call
    }
    return undefined;
  }

  /**
   * ESLint visits a chain's outer call first, then each inner one (`z.string().min(1).max(9)`): the answer
   * for every call of the walk is kept, so a chain of n calls costs n `fromHead`s, not n²/2.
   */
  function getQuery(node: QueryNode): DbQuery | undefined {
    if (node.type === AST_NODE_TYPES.CallExpression && isNeverQuery(node)) return undefined;
    const cached = cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const passed: QueryNode[] = [];
    const query = detect(node, passed);
    for (const call of passed) cache.set(call, queryOfCall(query, call) ?? null);
    return queryOfCall(query, node);
  }

  /**
   * Most calls of a file, told from their shape alone, with no walk and no cache: `f(x)` (a query's calls all
   * call a method), and `x.m()` on a receiver that is no call when `m` starts no query (no call below it to
   * walk on to, and `chainFrom` only passes through calls on calls). `detect` answers undefined for them too.
   */
  function isNeverQuery(call: TSESTree.CallExpression): boolean {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const object = callee.object;
    if (object.type === AST_NODE_TYPES.CallExpression || object.type === AST_NODE_TYPES.TaggedTemplateExpression) return false;
    const op = propertyName(callee);
    return op === undefined || !HEAD_METHODS.has(op);
  }

  /** A call above the query's node (`.then(...)`, an unrelated method) is not part of it. */
  function queryOfCall(query: DbQuery | undefined, node: QueryNode): DbQuery | undefined {
    return query && (query.node === node || query.chain.includes(node as TSESTree.CallExpression)) ? query : undefined;
  }

  function isBatchCall(node: TSESTree.CallExpression): boolean {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee);
    const first = node.arguments[0];
    if (!first || first.type === AST_NODE_TYPES.ArrowFunctionExpression || first.type === AST_NODE_TYPES.FunctionExpression) return false;
    if (method === "$transaction") return isPrismaReceiver(callee.object);
    // a batch makes queries silent, so a client name is enough here
    return method === "batch" && isDbClient(callee.object, "builder", true) && !hasClientName(callee.object, /^prisma\w*$/u);
  }

  function isProcedureCall(node: TSESTree.CallExpression): boolean {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== "rpc" || node.arguments.length === 0) return false;
    return isSupabaseClient(callee.object);
  }

  return {
    getQuery,
    isBatchCall,
    isProcedureCall,
    queryAt(node) {
      const query = getQuery(node);
      return query?.node === node ? query : undefined;
    },
  };
}

/** Keys inside Prisma nested writes that hold filters or selections, not written values. */
export const PRISMA_NON_DATA_KEYS: ReadonlySet<string> = new Set([
  "where",
  "connect",
  "disconnect",
  "delete",
  "deleteMany",
  "select",
  "include",
  "omit",
  "cursor",
]);

/**
 * The expressions whose values a write stores: Prisma `data` (and an upsert's `create`/`update`),
 * Drizzle/Kysely `.values(...)`/`.set(...)` arguments, Supabase `insert/update/upsert(...)`'s first
 * argument. Empty for reads, deletes and raw queries, and for a Prisma argument held in a variable.
 * Prisma's nested writes sit inside `data`; skip `PRISMA_NON_DATA_KEYS` when walking into them.
 */
export function writtenValues(query: DbQuery): TSESTree.Node[] {
  if (query.kind !== "write") return [];
  switch (query.library) {
    case "prisma": {
      const arg = query.args[0];
      if (arg?.type !== AST_NODE_TYPES.ObjectExpression) return [];
      const keys = query.operation === "upsert" ? ["create", "update"] : query.operation.startsWith("delete") ? [] : ["data"];
      const values: TSESTree.Node[] = [];
      for (const property of arg.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
        if (key !== undefined && keys.includes(key)) values.push(property.value);
      }
      return values;
    }
    case "drizzle":
    case "kysely":
      return query.chain.flatMap((call) => {
        const callee = call.callee;
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        return (method === "values" || method === "set") && call.arguments[0] ? [call.arguments[0]] : [];
      });
    case "supabase":
      return query.operation === "delete" || !query.args[0] ? [] : [query.args[0]];
    default:
      return [];
  }
}
