/**
 * The facts of the file being linted, shared by every rule: each fact is built on first use and cached
 * for that file only, so eleven rules that ask "is this call a query?" share one detector and its cache.
 *
 * ```ts
 * const facts = fileFacts(context);          // cheap: call it in create()
 * if (!facts.mayQueryDatabase) return {};    // a pre-test: this file names no database client
 * if (!facts.mayHaveBoundaries) return {};   // a pre-test: no route file, no server action, no router call
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
import { getRequestBoundaries, mayHoldBoundary, type RequestBoundaries } from "./request-boundary.js";
import { createResponseDetector } from "./responses.js";
import { getSettings, type BackendArchitectSettings } from "./settings.js";
import { createStorageAnalysis, type StorageAnalysis, type StorageNames } from "./storage.js";
import { escapeRegExp } from "../util/names.js";
import { createValueFlow, type ValueFlow } from "./value-flow.js";
import { rememberIn } from "../util/memo.js";

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
  /**
   * Pre-test: could `boundaries` find any request boundary in this file? False for most files of an app (its
   * components, helpers, types): not a route file, no `use server`, no `.action(`/`.query(`-style call boundary.
   */
  readonly mayHaveBoundaries: boolean;
}

interface PerFile {
  boundaries?: RequestBoundaries;
  mayHaveBoundaries?: boolean;
  responses?: ResponseDetector;
  flow?: ValueFlow;
  readonly constants: Map<string, ConstantEvaluator>;
  readonly bySettings: Map<BackendArchitectSettings, FileFacts>;
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
    facts = new Facts(context, settings, file);
    file.bySettings.set(settings, facts);
  }
  return facts;
}

/** Lazy: a rule that never asks for a fact never pays for it. */
class Facts implements FileFacts {
  #queries: DbQueryDetector | undefined;
  #mayQueryDatabase: boolean | undefined;
  #storage: Map<string, StorageAnalysis> | undefined;

  constructor(
    private readonly context: Context,
    readonly settings: BackendArchitectSettings,
    private readonly file: PerFile,
  ) {}

  get auth(): AuthConfig {
    let config = authConfigs.get(this.settings);
    if (!config) {
      config = authConfig(this.settings);
      authConfigs.set(this.settings, config);
    }
    return config;
  }

  get queries(): DbQueryDetector {
    return (this.#queries ??= createDbQueryDetector(this.context));
  }

  get boundaries(): RequestBoundaries {
    return (this.file.boundaries ??= getRequestBoundaries(this.context));
  }

  get mayHaveBoundaries(): boolean {
    return (this.file.mayHaveBoundaries ??= mayHoldBoundary(this.context.filename, this.context.sourceCode.text));
  }

  get responses(): ResponseDetector {
    return (this.file.responses ??= createResponseDetector(this.context));
  }

  get flow(): ValueFlow {
    return (this.file.flow ??= createValueFlow(this.context));
  }

  storage(names: StorageNames = {}): StorageAnalysis {
    this.#storage ??= new Map();
    const key = JSON.stringify([names.uploadFunctions ?? [], names.cleanupFunctions ?? []]);
    let analysis = this.#storage.get(key);
    if (!analysis) {
      analysis = createStorageAnalysis(this.context, names);
      this.#storage.set(key, analysis);
    }
    return analysis;
  }

  constants(options: ConstantEvaluatorOptions = {}): ConstantEvaluator {
    const key = JSON.stringify(options);
    let evaluator = this.file.constants.get(key);
    if (!evaluator) {
      evaluator = createConstantEvaluator(this.context.sourceCode, options);
      this.file.constants.set(key, evaluator);
    }
    return evaluator;
  }

  get mayQueryDatabase(): boolean {
    return (this.#mayQueryDatabase ??= mentionsDatabase(this.context, this.settings));
  }
}

// ---------------------------------------------------------------- pre-tests
//
// A pre-test reads every file, so it must cost next to nothing beside ESLint's own lint of the file (about
// two microseconds of CPU per character of text). `String.prototype.includes` finds a word in about half a
// nanosecond per character, a regular expression with an alternation of words takes about ten times that
// per character but scans the text once for all of them: past a handful of words, one expression wins (on
// 10,216 files of three apps, the database pre-test's ten words, two any-case words and five whole names
// took 26 microseconds per file as `includes` calls and one lower-cased copy, 17 as one expression).
// Collecting the file's identifiers from its tokens costs more than either.

/** Word lists of at most this many words (and no any-case words) are tested with `includes`. */
const INCLUDES_MAX_WORDS = 3;
const preTests = new WeakMap<readonly string[], Map<readonly string[], (text: string) => boolean>>();
const NO_WORDS: readonly string[] = [];

/**
 * A text pre-test: does the file mention any of `words` (case-sensitive), or of `anyCase` (in any case,
 * given in lower case)? An identifier may be spelled with a `\u` escape the text does not show, so a file
 * with one passes too. (A rule whose pre-test looks into string literals checks for escapes itself.)
 * Compiled once per word list (callers pass module-level constants).
 */
export function mentions(context: Pick<Context, "sourceCode">, words: readonly string[], anyCase: readonly string[] = NO_WORDS): boolean {
  // callers pass module-level lists: a handful of pairs, held for the life of the process anyway
  return rememberIn(preTests, words, anyCase, () => compilePreTest(words, anyCase))(context.sourceCode.text);
}

/** `mentions` for one list: any of `words`, of `anyCase` in any case, of `names` as whole names, or a `\u` escape. */
export function compilePreTest(words: readonly string[], anyCase: readonly string[] = [], names: readonly string[] = []): (text: string) => boolean {
  if (anyCase.length === 0 && names.length === 0 && words.length <= INCLUDES_MAX_WORDS) {
    return (text) => words.some((word) => text.includes(word)) || text.includes("\\u");
  }
  const alternatives = [...words.map(escapeRegExp), "\\\\u", ...anyCase.map(anyCasePattern)];
  if (names.length > 0) alternatives.push(`(?:${names.map(wholeNameStart).join("|")})(?!${IDENTIFIER_PART})`);
  const pattern = new RegExp(alternatives.join("|"), "u");
  return (text) => pattern.test(text);
}

const IDENTIFIER_PART = "[\\p{ID_Continue}$\\u200C\\u200D]";

/**
 * `db` -> `d(?<!P d)b`: the name, not preceded by an identifier part. The same as `(?<!P)db`, but with the
 * look-behind after the name's first character the expression looks for that character first, instead of
 * looking behind at every position of the text (a fifth less time on the database pre-test).
 */
function wholeNameStart(name: string): string {
  const [first = "", ...rest] = name;
  return `${escapeRegExp(first)}(?<!${IDENTIFIER_PART}${escapeRegExp(first)})${escapeRegExp(rest.join(""))}`;
}

/** `supabase` -> `[sS][uU]...`: what `toLowerCase().includes(word)` finds, without a lower-cased copy of the text. */
function anyCasePattern(word: string): string {
  return [...word].map((char) => (char.toLowerCase() === char.toUpperCase() ? escapeRegExp(char) : `[${char.toLowerCase()}${char.toUpperCase()}]`)).join("");
}

/** The words of `words` that hold no shorter word of the list: as good as all of them for `mentions`, and fewer. */
export function minimalWords(words: Iterable<string>): string[] {
  const unique = [...new Set(words)].sort((a, b) => a.length - b.length);
  return unique.filter((word, i) => !unique.slice(0, i).some((shorter) => word.includes(shorter)));
}

/**
 * What `db-queries.ts` needs to see before it calls anything a query: a client name (`prisma*`, `xDb`,
 * `database`, `supabase*` and `pool` in any case; `db`, `tx`, `trx` as whole names; a settings name), a
 * constructor or factory (`PrismaClient`, `drizzle`, `Kysely`, `postgres`, `neon`, pg `Pool`/`Client`), a
 * transaction callback, a parameter typed as a client (`Prisma.TransactionClient`, `PostgresJsDatabase`,
 * `Kysely<DB>`, `DrizzleClient`), Prisma's raw API, or a binding imported from a database module.
 */
const DB_WORDS = minimalWords([
  ...["prisma", "PrismaClient", "Db", "database", "drizzle", "Kysely", "postgres", "neon", "transaction", "$queryRaw", "$executeRaw", "Transaction", "Database", "Drizzle"],
  // stems that stand for several of the names (`risma`: prisma, PrismaClient): one scan of the text for each group
  ...["risma", "atabase", "rizzle", "ransaction"],
]);
const DB_WORDS_ANY_CASE = ["supabase", "pool"];
const DB_NAMES = ["db", "tx", "trx", "Client", "DB"];
/** `db-queries.ts`' database modules: a binding imported from one may be a client under any name. */
const DB_MODULE = /(?:^|[/@.-])(?:prisma|db|database|drizzle|supabase|kysely)(?:$|[/.-])/iu;

const mentionsDatabaseWord = compilePreTest(DB_WORDS, DB_WORDS_ANY_CASE, DB_NAMES);

function mentionsDatabase(context: Context, settings: BackendArchitectSettings): boolean {
  const { sourceCode } = context;
  // with type information any receiver typed as a PrismaClient is a client, whatever its name
  if (sourceCode.parserServices?.program) return true;
  const text = sourceCode.text;
  if (settings.dbClients.some((name) => text.includes(name.split(".").at(-1)!))) return true;
  if (mentionsDatabaseWord(text)) return true;
  return sourceCode.ast.body.some(
    (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && DB_MODULE.test(statement.source.value),
  );
}
