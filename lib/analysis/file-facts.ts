/**
 * The facts of the file being linted, shared by every rule: each fact is built on first use and cached
 * for that file only, so eleven rules that ask "is this call a query?" share one detector and its cache.
 *
 * ```ts
 * const facts = fileFacts(context);          // cheap: call it in create()
 * if (!facts.mayQueryDatabase) return {};    // a pre-test: this file names no database client
 * facts.queries.queryAt(node);               // the database-query detector (db-queries.ts)
 * facts.boundaries.boundaryOf(fn);           // request boundaries (request-boundary.ts)
 * ```
 *
 * Keyed by `context.sourceCode` in a `WeakMap` (nothing outlives the file, so `--concurrency` workers and
 * the editor stay correct), and within a file by the normalised settings object, for the facts that
 * depend on settings (every rule of one file sees the same settings; tests may lint one file twice).
 * The facts are the existing analyses, memoised here: their APIs are unchanged.
 *
 * The pre-tests look at the text (and the imports) only, and over-approximate: a file that fails one has
 * nothing the matching analysis could recognise, so a rule may skip it without changing a finding. Each
 * names, next to it, the analysis whose knowledge it summarises; a new client, module or framework taught
 * to that analysis must be taught to its pre-test too (the rule tests of the new case fail otherwise).
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { authConfig, type AuthConfig } from "./auth.js";
import { createConstantEvaluator, type ConstantEvaluator, type ConstantEvaluatorOptions } from "./constant-values.js";
import { createDbQueryDetector } from "./db-queries.js";
import { getRequestBoundaries, type RequestBoundaries } from "./request-boundary.js";
import { createResponseDetector } from "./responses.js";
import { getSettings, type BackendArchitectSettings } from "./settings.js";
import { createStorageAnalysis, type StorageAnalysis, type StorageNames } from "./storage.js";
import { createValueFlow, type ValueFlow } from "./value-flow.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type DbQueryDetector = ReturnType<typeof createDbQueryDetector>;
export type ResponseDetector = ReturnType<typeof createResponseDetector>;

export interface FileFacts {
  /** `settings["backend-architect"]`, normalised. */
  readonly settings: BackendArchitectSettings;
  /** Auth functions and wrappers: the defaults plus the settings. */
  readonly auth: AuthConfig;
  /** The database-query detector (`db-queries.ts`). */
  readonly queries: DbQueryDetector;
  /** Request boundaries and what they bind (`request-boundary.ts`). */
  readonly boundaries: RequestBoundaries;
  /** HTTP responses (`responses.ts`). */
  readonly responses: ResponseDetector;
  /** Value flow: variables, local functions, traces (`value-flow.ts`). */
  readonly flow: ValueFlow;
  /** Storage calls and blob URLs (`storage.ts`), per set of names a rule's options add. */
  storage(names?: StorageNames): StorageAnalysis;
  /** Constant provenance (`constant-values.ts`), per evaluator options. */
  constants(options?: ConstantEvaluatorOptions): ConstantEvaluator;
  /** Pre-test: could `queries` recognise any query in this file? False when the file names no database client. */
  readonly mayQueryDatabase: boolean;
}

interface PerFile {
  boundaries?: RequestBoundaries;
  responses?: ResponseDetector;
  flow?: ValueFlow;
  constants: Map<string, ConstantEvaluator>;
  bySettings: Map<BackendArchitectSettings, FileFacts>;
}

const files = new WeakMap<Readonly<TSESLint.SourceCode>, PerFile>();
/** Auth config per settings object: resolve.ts keys its classification caches by it. */
const authConfigs = new WeakMap<BackendArchitectSettings, AuthConfig>();

/** The facts of the file `context` lints, shared by every rule that lints it. */
export function fileFacts(context: Context): FileFacts {
  const { sourceCode } = context;
  let file = files.get(sourceCode);
  if (!file) {
    file = { constants: new Map(), bySettings: new Map() };
    files.set(sourceCode, file);
  }
  const settings = getSettings(context);
  let facts = file.bySettings.get(settings);
  if (!facts) {
    facts = createFacts(context, settings, file);
    file.bySettings.set(settings, facts);
  }
  return facts;
}

function createFacts(context: Context, settings: BackendArchitectSettings, file: PerFile): FileFacts {
  let queries: DbQueryDetector | undefined;
  let mayQueryDatabase: boolean | undefined;
  const storage = new Map<string, StorageAnalysis>();
  return {
    settings,
    get auth() {
      let config = authConfigs.get(settings);
      if (!config) {
        config = authConfig(settings);
        authConfigs.set(settings, config);
      }
      return config;
    },
    get queries() {
      return (queries ??= createDbQueryDetector(context));
    },
    get boundaries() {
      return (file.boundaries ??= getRequestBoundaries(context));
    },
    get responses() {
      return (file.responses ??= createResponseDetector(context));
    },
    get flow() {
      return (file.flow ??= createValueFlow(context));
    },
    storage(names = {}) {
      const key = JSON.stringify([names.uploadFunctions ?? [], names.cleanupFunctions ?? []]);
      let analysis = storage.get(key);
      if (!analysis) {
        analysis = createStorageAnalysis(context, names);
        storage.set(key, analysis);
      }
      return analysis;
    },
    constants(options = {}) {
      const key = JSON.stringify(options);
      let evaluator = file.constants.get(key);
      if (!evaluator) {
        evaluator = createConstantEvaluator(context.sourceCode, options);
        file.constants.set(key, evaluator);
      }
      return evaluator;
    },
    get mayQueryDatabase() {
      return (mayQueryDatabase ??= mentionsDatabase(context, settings));
    },
  };
}

// ---------------------------------------------------------------- pre-tests

/**
 * What `db-queries.ts` needs to see before it calls anything a query: a client name (`prisma*`, `db`,
 * `xDb`, `database`, `tx`, `trx`, `supabase*`, `pool`), a constructor or factory (`PrismaClient`,
 * `drizzle`, `Kysely`, `postgres`, `neon`, pg `Pool`/`Client`), a transaction callback, Prisma's raw API.
 */
const DB_WORDS_ANY_CASE = /prisma|supabase|drizzle|kysely|postgres|neon|pool|transaction/iu;
const DB_WORDS = /database|Db|\$(?:query|execute)Raw|\b(?:db|tx|trx|Client)\b/u;
/** `db-queries.ts`' database modules: a binding imported from one may be a client under any name. */
const DB_MODULE = /(?:^|[/@.-])(?:prisma|db|database|drizzle|supabase|kysely)(?:$|[/.-])/iu;

function mentionsDatabase(context: Context, settings: BackendArchitectSettings): boolean {
  const { sourceCode } = context;
  // with type information any receiver typed as a PrismaClient is a client, whatever its name
  if (sourceCode.parserServices?.program) return true;
  const text = sourceCode.text;
  if (DB_WORDS_ANY_CASE.test(text) || DB_WORDS.test(text)) return true;
  if (settings.dbClients.some((name) => text.includes(name.split(".").at(-1)!))) return true;
  return sourceCode.ast.body.some(
    (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && DB_MODULE.test(statement.source.value),
  );
}
