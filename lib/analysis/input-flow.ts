/**
 * Where untrusted request input goes: the forward flow of a value from a source (a request body, form
 * data, a server action argument) to the places where an unchecked shape does harm.
 *
 * ```ts
 * const flow = createInputFlow(context, { validators, reportUnknownCalls });
 * flow.follow(starts, boundaryFn)   // { validated, sinks, returned }
 * ```
 *
 * A value is followed through bindings (destructuring takes the matching keys), object and array literals
 * (with the key the value sits under), spreads, `await`, casts, `??`/`||`, transparent calls (`String()`,
 * `JSON.parse()`, Drizzle operators), method calls on it (the result is derived from it; element
 * callbacks receive its elements), `for...of` loops, local collections it is added to (`where.push(...)`,
 * `new Set(ids)`), and into project functions and service methods (same file or one import away, two calls
 * deep): an argument is followed inside the callee from its parameter.
 *
 * **Sinks** (what the rule reports): a database query, and a project function whose parameter reaches a
 * query. Comparing, logging, returning, echoing into a string, and calls into packages are not sinks
 * (packages only with `reportUnknownCalls`).
 *
 * **Validated**: a schema validator or a project helper that validates, a signature or token check that
 * consumes it (`verify`, `constructEvent`), and for one value (not the whole source) a hand-written guard
 * that fully constrains its type before the use: `typeof x !== "string"`, `!Array.isArray(x)`,
 * `!(x instanceof File)`, `x !== "a"`, `!ALLOWED.includes(x)`, `!isValidEmail(x)` that return or throw, or
 * the same tests around the use; numeric coercions (`Number(x)`, `parseInt(x)`) constrain too, and so do a
 * form entry's `instanceof File` exclusion and, where the caller says what is trusted, a comparison with the
 * signed-in identity (`if (userId !== session.user.id) throw`).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberChainName, propertyName, type FunctionNode } from "../util/ast.js";
import { calleeName, exits } from "./auth.js";
import { fileFacts } from "./file-facts.js";
import { rememberIn } from "../util/memo.js";
import { containsValidatorCall, isVerificationCall, isValidatedSink, mayDefineSchema, validatorCall, verifiedCallerAt } from "./validation.js";
import {
  isSchemaDefinition,
  mayDefineName,
  definitionInFile,
  definitionOf,
  definitionOfName,
  methodDefinitionOf,
  type Definition,
  type FollowOptions,
  type ParsedFile,
} from "./resolve.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type SinkKind = "query" | "helper" | "call";

export interface InputSink {
  kind: SinkKind;
  /** The query, or the call into the project function that reaches one. */
  node: TSESTree.Node;
  /**
   * The value is only compared for equality in the query's filter (`where: { id }`, `eq(t.id, id)`,
   * Supabase `.eq("id", id)`): the database binds it as a parameter and it picks rows, nothing more.
   */
  equalityKey?: boolean;
}

export interface InputFlowResult {
  /** A schema validator (or a helper that validates, or a signature check) saw the value. */
  validated: boolean;
  sinks: InputSink[];
  /** The value (or something derived from it) is returned by the function analysed. */
  returned: boolean;
}

/** Is `node` a value the server trusts (the signed-in user's id)? Asked of the other side of an identity comparison. */
export type TrustedValue = (node: TSESTree.Node) => boolean;

export interface InputFlowOptions {
  validators: ReadonlySet<string>;
  reportUnknownCalls: boolean;
}

export interface InputFlow {
  /** Follows the values of `starts` (expressions, or binding identifiers and patterns) inside `root`. */
  follow(starts: readonly TSESTree.Node[], root: FunctionNode, trusted?: TrustedValue): InputFlowResult;
  /**
   * A request (`req`, Hono's `c`) handed to a project function (`const body = await readBody(req)`,
   * `await handleCreate(c)`): what that function does with the body it reads from it. `reads` is false
   * when it reads none (or the function cannot be found).
   */
  throughRequestHelper(call: TSESTree.CallExpression, index: number, trustVerifiedCallers?: boolean): RequestHelperResult;
}

export interface RequestHelperResult extends InputFlowResult {
  reads: boolean;
}

/** Reads of a request body on a request binding: `req.json()`, `req.formData()`, `req.body`, Hono `c.req.json()`. */
const BODY_READ_METHODS = new Set(["json", "formData", "parseBody"]);
/**
 * A module whose text names no body read (`bodyReads`: `body` and `BODY_READ_METHODS`) has no function that
 * reads a request body. A `\u` or `\x` escape may spell one (`req["\x62ody"]`), so a file with one passes.
 */
const BODY_READ_WORDS = ["body", "json", "formData", "parseBody", "\\u", "\\x"];
const BODY_READING_MODULE: FollowOptions = { textTest: (text) => BODY_READ_WORDS.some((word) => text.includes(word)) };

/** How the flow sees one file: the linted one (scopes, the full query detector) or one reached by an import. */
interface FileView {
  /** Read references of the variable a binding identifier declares, within `root`. */
  reads(binding: TSESTree.Identifier, root: TSESTree.Node): TSESTree.Identifier[];
  isQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean;
  /** A function of the project the callee names, with the view of its file. */
  resolve(callee: TSESTree.Node): { fn: FunctionNode; view: FileView } | undefined;
  /**
   * Does the callee's definition validate with a schema (`true`), not (`false`), or is it unknown? A file reached
   * by an import may be given `follow`, to keep its lookup out of modules that cannot validate.
   */
  validates(callee: TSESTree.Node, follow?: FollowOptions): boolean | undefined;
  isKnownSchema?(id: TSESTree.Identifier): boolean;
}

const MAX_CALL_DEPTH = 2;
const MAX_STEPS = 600;
const MAX_PATH = 3;

/** Calls whose result carries their argument on (as far as its shape goes). */
const TRANSPARENT_CALLS = new Set([
  "String",
  "JSON.parse",
  "JSON.stringify",
  "structuredClone",
  "Object.fromEntries",
  "Object.assign",
  "Object.values",
  "Object.entries",
  "Array.from",
  "decodeURIComponent",
  "encodeURIComponent",
  "decodeURI",
  "encodeURI",
]);
/** The path mark of a value that went through `eq(column, value)`. */
const EQUALITY_MARK = "=eq";
/**
 * Prisma filter operators other than equality. Relation filters (`some`, `every`, `none`, `is`, `isNot`) and
 * `equals` keep comparing the value with a column.
 */
const PRISMA_OPERATORS = new Set(["in", "notIn", "not", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith", "search", "mode", "has", "hasSome", "hasEvery", "path", "array_contains", "string_contains"]);

/**
 * Is the value (at `path` inside `argument`) only an equality key of the query `call`? Prisma
 * `{ where: { id } }` (also nested relation fields and `{ equals }`), Drizzle `eq(column, value)` carried
 * into the query, Supabase `.eq("column", value)`.
 */
function isEqualityKey(call: TSESTree.CallExpression, argument: TSESTree.Node, path: readonly string[]): boolean {
  if (path.length === 1 && path[0] === EQUALITY_MARK) return true;
  if (path.length === 0) {
    const method = call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined;
    return method === "eq" && call.arguments[1] === argument;
  }
  if (path[0] !== "where" || path.length < 2 || call.arguments[0] !== argument) return false;
  // Drizzle's relational queries: `db.query.posts.findFirst({ where: eq(posts.id, id) })`
  if (path.length === 2 && path[1] === EQUALITY_MARK) return true;
  return path.slice(1).every((key) => key !== "*" && key !== EQUALITY_MARK && !PRISMA_OPERATORS.has(key));
}

/** Drizzle's filter operators: `eq(users.id, id)` carries `id` into the `where(...)` of a query. */
const QUERY_OPERATORS = new Set([
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "like",
  "ilike",
  "notLike",
  "notIlike",
  "inArray",
  "notInArray",
  "and",
  "or",
  "not",
  "between",
  "notBetween",
  "arrayContains",
  "arrayContained",
  "arrayOverlaps",
]);
/** Calls whose result is a number or a boolean whatever they receive: the shape is fixed. */
const CONSTRAINING_CALL = /^(?:Number|parseInt|parseFloat|BigInt|Boolean|isNaN|isFinite|Number\.\w+|Math\.\w+|Array\.isArray|Date\.parse|Object\.keys|Object\.hasOwn)$/u;
/** Constructors whose result holds the values they are given. */
const COLLECTION_CONSTRUCTORS = new Set(["Set", "Map", "Array"]);
/** Methods that put their argument into the collection they are called on. */
const COLLECTION_ADDERS = new Set(["push", "unshift", "add", "set"]);
/** Calls that only look at a value (logging, responses, error reporting). */
const NEUTRAL_CALL =
  /^(?:console\.\w+|logger\.\w+|log\.\w+|\w*[Ll]ogger\.\w+|log|NextResponse\.json|Response\.json|NextResponse\.redirect|Response\.redirect|redirect|permanentRedirect|captureException|captureMessage|Sentry\.\w+|revalidatePath|revalidateTag)$/u;
/** Methods whose result says something about the value but carries none of it. */
const PREDICATE_METHODS = new Set(["includes", "startsWith", "endsWith", "has", "test", "some", "every", "indexOf", "lastIndexOf", "localeCompare", "findIndex"]);
/** Callbacks that receive the elements of the array they are called on. */
const ELEMENT_CALLBACK_METHODS = new Set(["map", "flatMap", "forEach", "filter", "find", "findLast", "some", "every", "findIndex"]);
/**
 * Hand-written validators used as a condition: `isValidEmail(x)`, `isUUID(x)`, `validateSlug(x)`,
 * `validator.isEmail(x)`. Authorization predicates (`isAdmin(userId)`, `canEdit(id)`) are not.
 */
const PREDICATE_VALIDATOR =
  /^(?:is(?:Valid)?(?:Email|Url|URL|Uri|URI|Uuid|UUID|Cuid2?|CUID2?|Ulid|ULID|Id|ID|ObjectId|Slug|Domain|Hostname|Number|Numeric|Int|Integer|Safe\w*|String|Array|Object|PlainObject|Date|Hex|Phone\w*|Json|JSON|Alpha\w*|Boolean|Base64|Ip|IP|IPv4|IPv6|Locale|Timezone|Enum|Hash|Color|HexColor|Mime\w*|Iso\w*|ISO\w*)|isValid\w*|validate\w*|is\w*(?:Valid|Allowed|Supported))$/u;
/** Sanitizers: their result is a cleaned value (`sanitizeList(x)`, `normalizeEmail(x)`, `slugify(x)`, `safePath(x)`). */
const SANITIZER = /^(?:sanitize|normalize|clean|escape|slugify|safe)(?:[A-Z_]\w*)?$/u;
/** Statements that throw unless their argument is valid: `assertIsString(x)`, `validateEmail(x)`. */
const THROWING_VALIDATOR = /^(?:assert|validate|ensureValid|invariant)\w*$/u;

const CLIENT_ROOT = /^(?:prisma\w*|db|[a-z]\w*Db|database|tx|trx|supabase\w*|knex|kysely)$/u;
const PRISMA_OPERATION = /^(?:findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|\$queryRaw|\$queryRawUnsafe|\$executeRaw|\$executeRawUnsafe)$/u;
const BUILDER_HEAD = /^(?:select|selectDistinct|insert|update|delete|from|selectFrom|insertInto|updateTable|deleteFrom|execute|rpc)$/u;

interface Cached {
  validated: boolean;
  sinks: boolean;
  /** Every sink the value reaches in the function takes it as an equality key. */
  equalityOnly: boolean;
  returned: boolean;
}
/** Per analysed function and parameter (and options): what the function does with an untrusted argument. */
const paramCache = new WeakMap<TSESTree.Node, Map<string, Cached>>();

interface HelperCached {
  /** The helper reads a request body from the parameter. The rest is read only when it does. */
  reads: boolean;
  validated: boolean;
  /** A sink the body reaches before any verification of the caller inside the helper. */
  sinks: boolean;
  returned: boolean;
}
const NO_BODY: HelperCached = { reads: false, validated: false, sinks: false, returned: false };
/**
 * Per request helper and parameter (and options): what it does with the body it reads. Like `paramCache`, every
 * input of the answer is in the key (the helper's function node fixes its file and view; the flow inside it
 * follows calls from depth 1 whoever asks), so an answer holds for every call of the helper.
 */
const helperCache = new WeakMap<TSESTree.Node, Map<string, HelperCached>>();

const validatingModuleLookups = new Map<string, FollowOptions>();

/** One lookup option set per validator list: definition lookups memoise a test's answers per file and test. */
function validatingModuleLookup(validators: ReadonlySet<string>): FollowOptions {
  const validatorNames = [...validators].map((name) => name.split(".").at(-1)!);
  const key = validatorNames.join("\0");
  let lookup = validatingModuleLookups.get(key);
  if (!lookup) {
    lookup = { textTest: (text) => mayDefineSchema(text) || validatorNames.some((validator) => text.includes(validator)) };
    validatingModuleLookups.set(key, lookup);
  }
  return lookup;
}

const ownerLookups = new WeakMap<FollowOptions | typeof NO_FOLLOW, Map<string, FollowOptions>>();
const NO_FOLLOW = {};

/** The lookup of a method's owner: its module must also name the method. One per method and caller's options (see above). */
function ownerLookup(method: string, follow: FollowOptions | undefined): FollowOptions {
  const test = follow?.textTest;
  return rememberIn(ownerLookups, follow ?? NO_FOLLOW, method, () => ({ textTest: (text, name) => mayDefineName(text, method) && (test?.(text, name) ?? true) }));
}

export function createInputFlow(context: Context, options: InputFlowOptions): InputFlow {
  const { sourceCode } = context;
  const db = fileFacts(context).queries;
  const optionsKey = `${[...options.validators].join(",")}|${String(options.reportUnknownCalls)}`;
  /**
   * A module that can hold a validator call of a file reached by an import (`validatorCall` without
   * `isKnownSchema`): a schema (`mayDefineSchema`) or a validator the settings name.
   */
  const validatingModule = validatingModuleLookup(options.validators);
  const isKnownSchema = (id: TSESTree.Identifier): boolean => isSchemaDefinition(context, id);

  const lintedView: FileView = {
    reads(binding) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(binding), binding);
      if (!variable || !variable.defs.some((d) => d.name === binding)) return [];
      return variable.references.filter((r) => r.isRead() && !r.init).map((r) => r.identifier as TSESTree.Identifier);
    },
    isQuery: (node) => db.getQuery(node) !== undefined || (node.type === AST_NODE_TYPES.CallExpression && db.isProcedureCall(node)),
    resolve: (callee) => resolveLinted(callee),
    validates(callee) {
      const resolved = lintedView.resolve(callee);
      return resolved ? functionValidates(resolved.fn, options.validators, isKnownSchema) : undefined;
    },
    isKnownSchema,
  };

  /** `FileView.resolve` of the linted file; `follow` may turn away the files whose text cannot matter to the caller. */
  function resolveLinted(callee: TSESTree.Node, follow?: FollowOptions): { fn: FunctionNode; view: FileView } | undefined {
    const local = localFunction(callee);
    if (local) return { fn: local, view: lintedView };
    const definition = definitionOf(context, callee, follow) ?? methodOf(callee, follow);
    const fn = definition && functionOf(definition.node);
    if (!definition || !fn) return undefined;
    return { fn, view: definition.imported ? foreignView(definition.file) : lintedView };
  }

  /**
   * `methodDefinitionOf`, asked only when the owner (`service` of `service.update`) is found by a lookup that
   * also requires its module to name the method: its class (local to that module) or object literal defines
   * the method there, so an owner whose module does not name it has no such method, and one whose module
   * fails `follow` has none the caller looks for. (`methodDefinitionOf` takes no pre-test: it would parse them.)
   */
  function methodOf(callee: TSESTree.Node, follow: FollowOptions | undefined): Definition | undefined {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const method = callee.property.name;
    const owner = definitionOfName(context, callee.object.name, ownerLookup(method, follow));
    return owner ? methodDefinitionOf(context, callee) : undefined;
  }

  function localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
    if (def?.type === "FunctionName" && isFunction(def.node)) return def.node;
    if (def?.type === "Variable" && def.node.id === def.name && def.node.init) return functionOf(def.node.init);
    return undefined;
  }

  const foreignViews = new Map<ParsedFile, FileView>();
  function foreignView(file: ParsedFile): FileView {
    let view = foreignViews.get(file);
    if (view) return view;
    view = {
      reads: (binding, root) => readsByName(binding, root),
      isQuery: looksLikeQuery,
      resolve: (callee) => resolveForeign(callee),
      validates(callee, follow) {
        const resolved = resolveForeign(callee, follow);
        return resolved ? functionValidates(resolved.fn, options.validators) : undefined;
      },
    };
    foreignViews.set(file, view);
    return view;

    function resolveForeign(callee: TSESTree.Node, follow?: FollowOptions): { fn: FunctionNode; view: FileView } | undefined {
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = definitionInFile(file, callee.name, true, follow);
      const fn = definition && functionOf(definition.node);
      if (!definition || !fn) return undefined;
      return { fn, view: definition.file === file ? view! : foreignView(definition.file) };
    }
  }

  function follow(starts: readonly TSESTree.Node[], root: FunctionNode, trusted?: TrustedValue): InputFlowResult {
    const tracer = new Tracer(lintedView, root, 0, trusted);
    for (const start of starts) tracer.start(start, []);
    return tracer.result;
  }

  function throughRequestHelper(call: TSESTree.CallExpression, index: number, trustVerifiedCallers = false): RequestHelperResult {
    // a helper that reads no body answers as one not found: a module that cannot read one is not parsed
    const resolved = resolveLinted(call.callee, BODY_READING_MODULE);
    const helper = resolved ? requestHelper(resolved.fn, index, resolved.view, trustVerifiedCallers) : NO_BODY;
    if (!helper.reads) return { reads: false, validated: false, sinks: [], returned: false };
    const { validated, returned, sinks } = helper;
    return { reads: true, validated, returned, sinks: sinks ? [{ kind: "helper", node: call }] : [] };
  }

  /** What the request helper `fn` does with the body it reads from its parameter `index` (one answer per helper, not per call). */
  function requestHelper(fn: FunctionNode, index: number, view: FileView, trustVerifiedCallers: boolean): HelperCached {
    const key = `${index}:${String(trustVerifiedCallers)}:${optionsKey}`;
    return rememberIn(helperCache, fn, key, () => analyseRequestHelper(fn, index, view, trustVerifiedCallers));
  }

  function analyseRequestHelper(fn: FunctionNode, index: number, view: FileView, trustVerifiedCallers: boolean): HelperCached {
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier) return NO_BODY;
    const reads = bodyReads(param, fn, view);
    if (reads.length === 0) return NO_BODY;
    const tracer = new Tracer(view, fn, 1);
    for (const read of reads) tracer.start(read, []);
    const { validated, returned } = tracer.result;
    // verify, then use, inside the helper: `if (!timingSafeEqual(token, secret)) return 401; const { id } = req.body`
    const verifiedAt = trustVerifiedCallers ? verifiedCallerAt(fn, []) : undefined;
    const sinks = tracer.result.sinks.some((sink) => verifiedAt === undefined || sink.node.range[0] < verifiedAt);
    return { reads: true, validated, returned, sinks };
  }

  /** `P.json()`, `P.formData()`, `P.body`, `P.req.json()`, `P.req.parseBody()` on a request parameter `P`. */
  function bodyReads(param: TSESTree.Identifier, fn: FunctionNode, view: FileView): TSESTree.Node[] {
    const reads: TSESTree.Node[] = [];
    for (const ref of view.reads(param, fn)) {
      let member = ref.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref) continue;
      if (propertyName(member) === "body") {
        reads.push(member);
        continue;
      }
      if (propertyName(member) === "req" && member.parent?.type === AST_NODE_TYPES.MemberExpression && member.parent.object === member) {
        member = member.parent;
      }
      const call = member.parent;
      const method = propertyName(member);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && method !== undefined && BODY_READ_METHODS.has(method)) {
        reads.push(call);
      }
    }
    return reads;
  }

  /** What `fn` does with an untrusted value passed as its parameter `index` (at `path` inside it). */
  function throughParameter(fn: FunctionNode, index: number, path: readonly string[], view: FileView, depth: number): Cached {
    const key = `${index}:${path.join(".")}:${depth}:${optionsKey}`;
    let cache = paramCache.get(fn);
    if (!cache) {
      cache = new Map();
      paramCache.set(fn, cache);
    }
    const known = cache.get(key);
    if (known) return known;
    cache.set(key, { validated: false, sinks: false, equalityOnly: false, returned: false }); // recursion
    const tracer = new Tracer(view, fn, depth);
    let param: TSESTree.Node | undefined = fn.params[index];
    if (param?.type === AST_NODE_TYPES.TSParameterProperty) param = undefined;
    if (param?.type === AST_NODE_TYPES.RestElement) param = index === 0 ? param.argument : undefined;
    if (param) tracer.start(param, path);
    const { sinks } = tracer.result;
    const result = {
      validated: tracer.result.validated,
      sinks: sinks.length > 0,
      equalityOnly: sinks.length > 0 && sinks.every((sink) => sink.equalityKey === true),
      returned: tracer.result.returned,
    };
    cache.set(key, result);
    return result;
  }

  class Tracer {
    readonly result: InputFlowResult = { validated: false, sinks: [], returned: false };
    private readonly seen = new Map<TSESTree.Node, Set<string>>();
    private steps = 0;

    constructor(
      private readonly view: FileView,
      private readonly root: FunctionNode,
      private readonly depth: number,
      /** Identity comparisons pin a value only where the caller can tell what is trusted (the boundary itself). */
      private readonly trusted?: TrustedValue,
    ) {}

    /** A start is an expression (the value) or a binding (identifier or pattern) that receives it. */
    start(node: TSESTree.Node, path: readonly string[]): void {
      const target = node.type === AST_NODE_TYPES.AssignmentPattern ? node.left : node;
      if (isBinding(target)) this.bind(target, path);
      else this.value(node, path);
    }

    private bind(pattern: TSESTree.Node, path: readonly string[]): void {
      switch (pattern.type) {
        case AST_NODE_TYPES.Identifier:
          for (const read of this.view.reads(pattern, this.root)) this.value(read, path);
          return;
        case AST_NODE_TYPES.AssignmentPattern:
          this.bind(pattern.left, path);
          return;
        case AST_NODE_TYPES.ObjectPattern:
          for (const property of pattern.properties) {
            if (property.type === AST_NODE_TYPES.RestElement) {
              this.bind(property.argument, path);
              continue;
            }
            const key = staticKeyOf(property);
            if (path.length > 0 && key !== undefined && path[0] !== "*" && key !== path[0]) continue;
            this.bind(property.value, path.slice(1));
          }
          return;
        case AST_NODE_TYPES.ArrayPattern:
          for (const element of pattern.elements) {
            if (element) this.bind(element.type === AST_NODE_TYPES.RestElement ? element.argument : element, []);
          }
          return;
        default:
          return;
      }
    }

    /** `node` evaluates to the untrusted value (or holds it at `path`). */
    private value(node: TSESTree.Node, path: readonly string[]): void {
      // once validated, nothing else the value does changes the answer (every caller reads the rest only when
      // it is not validated), and what the rest would have computed is memoised by pure keys: stop
      if (this.result.validated || ++this.steps > MAX_STEPS) return;
      let paths = this.seen.get(node);
      if (!paths) {
        paths = new Set();
        this.seen.set(node, paths);
      }
      const key = path.join(".");
      if (paths.has(key)) return;
      paths.add(key);
      const guard = path.length === 0 ? guardOf(node, this.root, this.trusted) : undefined;
      if (guard === "full") return;
      if (guard === "array") {
        this.elements(node);
        return;
      }
      const parent = node.parent;
      if (!parent) return;
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
          this.value(parent, path);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test !== node) this.value(parent, path);
          return;
        case AST_NODE_TYPES.LogicalExpression:
          // `x && use(x)`: the left side is only tested; `x ?? fallback`, `a || x`: the value goes on
          if (!(parent.operator === "&&" && parent.left === node)) this.value(parent, path);
          return;
        case AST_NODE_TYPES.SequenceExpression:
          if (parent.expressions.at(-1) === node) this.value(parent, path);
          return;
        case AST_NODE_TYPES.MemberExpression:
          this.member(parent, node, path);
          return;
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          if (parent.callee !== node) this.argument(parent, node, path);
          return;
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init === node) this.bind(parent.id, path);
          return;
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right === node && parent.operator === "=") this.assigned(parent, path);
          return;
        case AST_NODE_TYPES.Property:
          if (parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
            this.value(parent.parent, [staticKeyOf(parent) ?? "*", ...path].slice(0, MAX_PATH));
          }
          return;
        case AST_NODE_TYPES.SpreadElement: {
          const holder = parent.parent;
          if (holder.type === AST_NODE_TYPES.ObjectExpression) this.value(holder, path);
          else if (holder.type === AST_NODE_TYPES.ArrayExpression) this.value(holder, []);
          else if (holder.type === AST_NODE_TYPES.CallExpression || holder.type === AST_NODE_TYPES.NewExpression) this.argument(holder, parent, path);
          return;
        }
        case AST_NODE_TYPES.ArrayExpression:
          this.value(parent, []);
          return;
        case AST_NODE_TYPES.TemplateLiteral:
          // a tagged SQL template is a query; any other template makes a string for whoever reads it
          if (parent.parent.type === AST_NODE_TYPES.TaggedTemplateExpression && this.view.isQuery(parent.parent)) {
            this.sink("query", parent.parent);
          }
          return;
        case AST_NODE_TYPES.ForOfStatement:
          if (parent.right === node) this.loopVariable(parent.left);
          return;
        case AST_NODE_TYPES.ReturnStatement:
          if (enclosingFunctionOf(parent) === this.root) this.result.returned = true;
          return;
        case AST_NODE_TYPES.ArrowFunctionExpression:
          if (parent.body === node && parent === this.root) this.result.returned = true;
          return;
        default:
          return;
      }
    }

    /** An array whose shape is checked (`Array.isArray`): only its elements are still unchecked. */
    private elements(node: TSESTree.Node): void {
      let outer = node;
      while (outer.parent && (outer.parent.type === AST_NODE_TYPES.TSAsExpression || outer.parent.type === AST_NODE_TYPES.TSNonNullExpression)) outer = outer.parent;
      const parent = outer.parent;
      if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === outer) {
        this.loopVariable(parent.left);
      } else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
        const call = parent.parent;
        const name = propertyName(parent);
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
          const callback = call.arguments[0];
          if (name !== undefined && ELEMENT_CALLBACK_METHODS.has(name) && callback && isFunction(callback) && callback.params[0]) this.start(callback.params[0], []);
        } else if (parent.computed) {
          this.value(parent, []);
        }
      }
    }

    private member(member: TSESTree.MemberExpression, node: TSESTree.Node, path: readonly string[]): void {
      if (member.object !== node) return; // a computed key: `LABELS[x]` looks a value up
      const assignment = member.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) return;
      const name = propertyName(member);
      const call = assignment?.type === AST_NODE_TYPES.CallExpression && assignment.callee === member ? assignment : undefined;
      if (call) {
        this.method(call, name, path);
        return;
      }
      if (path.length > 0) {
        if (name !== undefined && path[0] !== "*" && name !== path[0]) return;
        this.value(member, path.slice(1));
        return;
      }
      this.value(member, []);
    }

    /** `value.method(...)`: the result is derived from the value; element callbacks get its elements. */
    private method(call: TSESTree.CallExpression, name: string | undefined, path: readonly string[]): void {
      if (name === "get" || name === "getAll") {
        // FormData / URLSearchParams: `.get("title")` is the field itself
        const key = call.arguments[0];
        const field = key?.type === AST_NODE_TYPES.Literal && typeof key.value === "string" ? key.value : "*";
        if (path.length > 0 && path[0] !== "*" && field !== "*" && path[0] !== field) return;
        this.value(call, path.slice(1));
        return;
      }
      const callback = call.arguments[0];
      if (callback && isFunction(callback)) {
        // element callbacks get the elements; `.then(cb)` gets the value itself
        if (name !== undefined && ELEMENT_CALLBACK_METHODS.has(name) && callback.params[0]) this.start(callback.params[0], []);
        else if (name === "reduce" && callback.params[1]) this.start(callback.params[1], []);
        else if (name === "then" && callback.params[0]) this.start(callback.params[0], path);
      }
      if (name !== undefined && PREDICATE_METHODS.has(name)) return;
      this.value(call, []);
    }

    private argument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node, path: readonly string[]): void {
      if (call.type === AST_NODE_TYPES.NewExpression) {
        // `[...new Set(ids)]`: the collection holds the values it is built from
        if (call.callee.type === AST_NODE_TYPES.Identifier && COLLECTION_CONSTRUCTORS.has(call.callee.name)) this.value(call, []);
        else if (options.reportUnknownCalls) this.sink("call", call);
        return;
      }
      const name = memberChainName(call.callee);
      // `eq(t.id, id)`, also inside `and(...)`/`or(...)`: remember that the value is an equality key
      if (name === "eq" && call.arguments[1] === argument && path.length === 0) {
        this.value(call, [EQUALITY_MARK]);
        return;
      }
      if ((name === "and" || name === "or") && path.length === 1 && path[0] === EQUALITY_MARK) {
        this.value(call, path);
        return;
      }
      if (name !== undefined && (TRANSPARENT_CALLS.has(name) || QUERY_OPERATORS.has(name))) {
        this.value(call, []);
        return;
      }
      if (name !== undefined && CONSTRAINING_CALL.test(name)) return;
      const validated = validatorCall(call, options.validators, this.view.isKnownSchema);
      if ((validated && validated.some((a) => contains(a, argument))) || isValidatedSink(call) || isVerificationCall(call)) {
        this.result.validated = true;
        return;
      }
      if (isPredicateValidatorCall(call) || SANITIZER.test(calleeName(call).last ?? "")) return;
      if (this.view.isQuery(call)) {
        this.sink("query", call, isEqualityKey(call, argument, path));
        return;
      }
      if (name !== undefined && NEUTRAL_CALL.test(name)) return;
      if (this.collected(call)) return;
      if (this.depth >= MAX_CALL_DEPTH && this.view !== lintedView && !options.reportUnknownCalls) {
        // too deep to follow: only a helper that validates counts, and one not found counts as one that does not,
        // so a module that cannot validate is not parsed
        if (this.view.validates(call.callee, validatingModule) === true) this.result.validated = true;
        return;
      }
      const resolved = this.view.resolve(call.callee);
      if (resolved) {
        // what the project function does with this parameter: validates it, queries with it, returns it
        const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
        const param = index >= 0 ? resolved.fn.params[index] : undefined;
        if (this.depth >= MAX_CALL_DEPTH || !param || param.type === AST_NODE_TYPES.RestElement || argument.type === AST_NODE_TYPES.SpreadElement) {
          // too deep to follow: a helper that validates anything is trusted with it
          if (this.depth > 0 && this.view.validates(call.callee) === true) this.result.validated = true;
          return;
        }
        const inner = throughParameter(resolved.fn, index, path, resolved.view, this.depth + 1);
        // a helper that validates what it is given validates that value, not the rest of the source
        if (inner.validated && this.depth > 0) this.result.validated = true;
        if (inner.validated) return;
        if (inner.sinks) this.sink("helper", call, inner.equalityOnly);
        if (inner.returned) this.value(call, []);
        return;
      }
      if (options.reportUnknownCalls) this.sink("call", call);
    }

    /**
     * `conditions.push(eq(t.author, author))`, `ids.add(id)`, `byKey.set(key, value)`: a local collection now
     * holds the value, and its later reads carry it (a `where` built up condition by condition).
     */
    private collected(call: TSESTree.CallExpression): boolean {
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
      const method = propertyName(callee);
      if (method === undefined || !COLLECTION_ADDERS.has(method)) return false;
      const binding = this.bindingOf(callee.object);
      // a collection made here (`const where = []`, `new Set()`), not a client (`redis.set(k, v)`) or a module
      if (!binding || !isLocalCollection(binding) || !contains(this.root, binding)) return false;
      for (const read of this.view.reads(binding, this.root)) if (read.range[0] > call.range[1]) this.value(read, []);
      return true;
    }

    private assigned(assignment: TSESTree.AssignmentExpression, path: readonly string[]): void {
      const left = assignment.left;
      if (left.type === AST_NODE_TYPES.Identifier) {
        for (const read of this.readsAfter(left, assignment)) this.value(read, path);
      } else if (left.type === AST_NODE_TYPES.ObjectPattern || left.type === AST_NODE_TYPES.ArrayPattern) {
        this.bind(left, path);
      } else if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.Identifier) {
        // `data.title = value`: the object now holds it
        const key = propertyName(left) ?? "*";
        for (const read of this.readsAfter(left.object, assignment)) this.value(read, [key, ...path].slice(0, MAX_PATH));
      }
    }

    private readsAfter(id: TSESTree.Identifier, after: TSESTree.Node): TSESTree.Identifier[] {
      const binding = this.bindingOf(id);
      if (!binding) return [];
      return this.view.reads(binding, this.root).filter((read) => read.range[0] > after.range[1]);
    }

    /** The declaring identifier of the variable `id` names (same name, found in the analysed function's scopes). */
    private bindingOf(id: TSESTree.Identifier): TSESTree.Identifier | undefined {
      if (this.view === lintedView) {
        const def = ASTUtils.findVariable(sourceCode.getScope(id), id)?.defs[0];
        return def?.name.type === AST_NODE_TYPES.Identifier ? def.name : undefined;
      }
      return declarationByName(id, this.root);
    }

    private loopVariable(left: TSESTree.ForOfStatement["left"]): void {
      if (left.type === AST_NODE_TYPES.VariableDeclaration) {
        const declarator = left.declarations[0];
        if (declarator) this.bind(declarator.id, []);
      } else if (left.type === AST_NODE_TYPES.Identifier) {
        const binding = this.bindingOf(left);
        if (binding) for (const read of this.view.reads(binding, this.root)) if (read.range[0] > left.range[1]) this.value(read, []);
      }
    }

    private sink(kind: SinkKind, node: TSESTree.Node, equalityKey = false): void {
      this.result.sinks.push(equalityKey ? { kind, node, equalityKey } : { kind, node });
    }
  }

  return { follow, throughRequestHelper };
}

// ---------------------------------------------------------------- guards

/** A key for comparing the guarded expression with the used one: `body.email`, `form.get(email)`. */
function expressionKey(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return expressionKey(node.expression);
    case AST_NODE_TYPES.MemberExpression: {
      const object = expressionKey(node.object);
      const name = propertyName(node);
      return object === undefined || name === undefined ? undefined : `${object}.${name}`;
    }
    case AST_NODE_TYPES.CallExpression: {
      if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const object = expressionKey(node.callee.object);
      const method = propertyName(node.callee);
      const key = node.arguments[0];
      if (object === undefined || (method !== "get" && method !== "getAll") || key?.type !== AST_NODE_TYPES.Literal) return undefined;
      return `${object}.${method}(${String(key.value)})`;
    }
    default:
      return undefined;
  }
}

function unwrapTest(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.ChainExpression ||
    current.type === AST_NODE_TYPES.AwaitExpression
  ) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  return current;
}

/** How a guard is read: `arrays` accepts `Array.isArray`; `trusted` tells identity values; `entry`: the value is a form entry. */
interface GuardHow {
  arrays: boolean;
  trusted?: TrustedValue;
  entry: () => boolean;
}
const PLAIN: GuardHow = { arrays: false, entry: () => false };

/** `File`, `Blob`: what a form entry is when it is not a string. */
function isFileClass(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && (node.name === "File" || node.name === "Blob");
}

/** `form.get("name")`, or a binding of one in `root` (`const value = formData.get(key)`): a string, a file or null. */
function isFormEntry(node: TSESTree.Node, root: TSESTree.Node): boolean {
  let target: TSESTree.Node = node;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const declaration = declarationByName(target, root);
    const declarator = declaration?.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== declaration || !declarator.init) return false;
    target = declarator.init;
  }
  target = unwrapTest(target);
  return (
    target.type === AST_NODE_TYPES.CallExpression &&
    target.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(target.callee) === "get" &&
    target.arguments.length === 1
  );
}

const EQUALITY = new Set(["===", "=="]);
const INEQUALITY = new Set(["!==", "!="]);

function isLiteralValue(node: TSESTree.Node): boolean {
  const target = unwrapTest(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value !== null;
  if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.expressions.length === 0;
  // an enum member or a constant: `Role.ADMIN`, `PLANS.pro`
  return target.type === AST_NODE_TYPES.MemberExpression && /^[A-Z]/u.test(memberChainName(target) ?? "");
}

/** `typeof K === "string"` (not "object": an object can still carry anything). */
function typeofTest(test: TSESTree.BinaryExpression, key: string): boolean {
  for (const [side, other] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as const) {
    if (side.type === AST_NODE_TYPES.UnaryExpression && side.operator === "typeof" && expressionKey(side.argument) === key) {
      return other.type === AST_NODE_TYPES.Literal && other.value !== "object";
    }
  }
  return false;
}

function comparesWithLiteral(test: TSESTree.BinaryExpression, key: string): boolean {
  return (expressionKey(test.left) === key && isLiteralValue(test.right)) || (expressionKey(test.right) === key && isLiteralValue(test.left));
}

/**
 * `K === session.user.id`, `K !== user.id`: after the test K equals a value the server trusts (the signed-in
 * identity, as the caller's `trusted` says), so it has that value's type and cannot be anything else.
 */
function pinnedTo(test: TSESTree.BinaryExpression, key: string, trusted: TrustedValue | undefined): boolean {
  if (!trusted) return false;
  return (expressionKey(test.left) === key && trusted(test.right)) || (expressionKey(test.right) === key && trusted(test.left));
}

function hasKeyArgument(call: TSESTree.CallExpression, key: string): boolean {
  return call.arguments.some((a) => expressionKey(a) === key);
}

function isPredicateValidatorCall(call: TSESTree.CallExpression): boolean {
  const { last, object } = calleeName(call);
  if (last === undefined) return false;
  if (object === "validator" || object === "validators") return true;
  return PREDICATE_VALIDATOR.test(last);
}

/** Is the test true only when K has a fixed type or one of a known set of values? */
function constrains(test: TSESTree.Node, key: string, how: GuardHow = PLAIN): boolean {
  const target = unwrapTest(test);
  switch (target.type) {
    case AST_NODE_TYPES.BinaryExpression:
      if (EQUALITY.has(target.operator)) return typeofTest(target, key) || comparesWithLiteral(target, key) || pinnedTo(target, key, how.trusted);
      if (target.operator === "instanceof") return expressionKey(target.left) === key;
      if (target.operator === "in") return expressionKey(target.left) === key;
      return false;
    case AST_NODE_TYPES.CallExpression: {
      const name = memberChainName(target.callee);
      if (name === "Number.isInteger" || name === "Number.isSafeInteger") return hasKeyArgument(target, key);
      // `Array.isArray(K)` fixes the array, not its elements
      if (name === "Array.isArray") return how.arrays && hasKeyArgument(target, key);
      // `K.every((v) => typeof v === "string")`: every element has a fixed type
      if (target.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(target.callee) === "every" && expressionKey(target.callee.object) === key) {
        return everyElementConstrained(target.arguments[0]);
      }
      // `ALLOWED.includes(K)`, `VALID_TYPES.has(K)`
      if (target.callee.type === AST_NODE_TYPES.MemberExpression && /^(?:includes|has)$/u.test(propertyName(target.callee) ?? "")) {
        return expressionKey(target.callee.object) !== key && hasKeyArgument(target, key);
      }
      return isPredicateValidatorCall(target) && hasKeyArgument(target, key);
    }
    case AST_NODE_TYPES.LogicalExpression:
      if (target.operator === "&&") return constrains(target.left, key, how) || constrains(target.right, key, how);
      if (target.operator === "||") return constrains(target.left, key, how) && constrains(target.right, key, how);
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === "!" && failsUnlessConstrained(target.argument, key, how);
    default:
      return false;
  }
}

/** Is the test false only when K is constrained (so an exit under it leaves K constrained)? */
function failsUnlessConstrained(test: TSESTree.Node, key: string, how: GuardHow = PLAIN): boolean {
  const target = unwrapTest(test);
  switch (target.type) {
    case AST_NODE_TYPES.BinaryExpression:
      if (INEQUALITY.has(target.operator)) return typeofTest(target, key) || comparesWithLiteral(target, key) || pinnedTo(target, key, how.trusted);
      // a form entry is a string, a file or null: once files are turned away only a string (or null) is left
      if (target.operator === "instanceof") return expressionKey(target.left) === key && isFileClass(target.right) && how.entry();
      return false;
    case AST_NODE_TYPES.LogicalExpression:
      if (target.operator === "||") return failsUnlessConstrained(target.left, key, how) || failsUnlessConstrained(target.right, key, how);
      if (target.operator === "&&") return failsUnlessConstrained(target.left, key, how) && failsUnlessConstrained(target.right, key, how);
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === "!" && constrains(target.argument, key, how);
    default:
      return false;
  }
}

/** `(v) => typeof v === "string"` (an expression body or a single `return`). */
function everyElementConstrained(callback: TSESTree.Node | undefined): boolean {
  if (!callback || !isFunction(callback)) return false;
  const param = callback.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const body = callback.body;
  const test = body.type === AST_NODE_TYPES.BlockStatement ? (body.body.length === 1 && body.body[0]!.type === AST_NODE_TYPES.ReturnStatement ? body.body[0]!.argument : null) : body;
  return test !== null && test !== undefined && constrains(test, param.name);
}

/** A statement that throws unless K is valid: `assert(typeof K === "string")`, `assertIsEmail(K)`, `validateSlug(K)`. */
function assertsConstraint(statement: TSESTree.Statement, key: string, how: GuardHow): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = unwrapTest(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const { last } = calleeName(call);
  if (last === undefined || !THROWING_VALIDATOR.test(last)) return false;
  if (last === "assert" || last === "invariant") return call.arguments[0] !== undefined && constrains(call.arguments[0], key, how);
  return hasKeyArgument(call, key);
}

/**
 * Does a hand-written check constrain the value of `node` where it is used: a test around the use, or an
 * earlier `if (...) return/throw` in an enclosing block (up to `root`, the function analysed)? "full": the
 * type is fixed; "array": `Array.isArray(x)` fixed the array but not its elements.
 */
export function guardOf(node: TSESTree.Node, root: TSESTree.Node, trusted?: TrustedValue): "full" | "array" | undefined {
  const key = expressionKey(node);
  if (key === undefined) return undefined;
  let isEntry: boolean | undefined;
  // asked only when a test turns files away (`value instanceof File`): finding the declaration walks the function
  const entry = (): boolean => (isEntry ??= isFormEntry(node, root));
  if (isGuardedBy(node, root, key, { arrays: false, trusted, entry })) return "full";
  return isGuardedBy(node, root, key, { arrays: true, trusted, entry }) ? "array" : undefined;
}

function isGuardedBy(node: TSESTree.Node, root: TSESTree.Node, key: string, how: GuardHow): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent && child !== root; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.consequent === child && constrains(parent.test, key, how)) return true;
        if (parent.alternate === child && failsUnlessConstrained(parent.test, key, how)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && parent.operator === "&&" && constrains(parent.left, key, how)) return true;
        if (parent.right === child && parent.operator === "||" && failsUnlessConstrained(parent.left, key, how)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase: {
        const body: readonly TSESTree.Node[] = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
        for (const statement of body) {
          if (statement === child) break;
          if (exitGuard(statement, key, how)) return true;
          // `try { x = await req.json(); if (!valid(x)) throw ... } catch { return 400 }`
          if (statement.type === AST_NODE_TYPES.TryStatement && statement.block.body.some((inner) => exitGuard(inner, key, how))) return true;
        }
        break;
      }
      default:
        break;
    }
    if (isFunction(parent) && parent === root) break;
  }
  return false;
}

function exitGuard(statement: TSESTree.Node, key: string, how: GuardHow): boolean {
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    return !statement.alternate && failsUnlessConstrained(statement.test, key, how) && exits(statement.consequent);
  }
  return assertsConstraint(statement as TSESTree.Statement, key, how);
}

// ---------------------------------------------------------------- helpers

function isBinding(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ObjectPattern || node.type === AST_NODE_TYPES.ArrayPattern) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const parent = node.parent;
  return (
    (parent !== undefined && isFunction(parent) && parent.params.includes(node as TSESTree.Parameter)) ||
    (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === node) ||
    (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) ||
    (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) ||
    parent?.type === AST_NODE_TYPES.ArrayPattern ||
    parent?.type === AST_NODE_TYPES.RestElement
  );
}

/** `const x = []`, `const x: T[] = []`, `const x = new Set()` / `new Map()` / `new Array()`. */
function isLocalCollection(binding: TSESTree.Identifier): boolean {
  const declarator = binding.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== binding || !declarator.init) return false;
  let init: TSESTree.Node = declarator.init;
  while (init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression) init = init.expression;
  if (init.type === AST_NODE_TYPES.ArrayExpression) return true;
  return init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && /^(?:Array|Set|Map)$/u.test(init.callee.name);
}

function staticKeyOf(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === "string" || typeof property.key.value === "number")) {
    return String(property.key.value);
  }
  return undefined;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function enclosingFunctionOf(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** The function a definition stands for, also inside a memo wrapper (`cache(async (id) => ...)`). */
function functionOf(node: TSESTree.Node): FunctionNode | undefined {
  if (isFunction(node)) return node;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const { last } = calleeName(node);
    const fn = node.arguments[0];
    if (last !== undefined && /^(?:cache|unstable_cache|memoize|memo|React\.cache)$/u.test(last) && fn && isFunction(fn)) return fn;
  }
  return undefined;
}

const validatesCache = new WeakMap<TSESTree.Node, Map<string, boolean>>();

/** Does the function call a schema validator anywhere (a project helper such as `readBody(req)`)? */
function functionValidates(fn: FunctionNode, validators: ReadonlySet<string>, isKnownSchema?: (id: TSESTree.Identifier) => boolean): boolean {
  const key = `${[...validators].join(",")}:${isKnownSchema ? "linted" : "imported"}`;
  return rememberIn(validatesCache, fn, key, () => containsValidatorCall(fn, validators, isKnownSchema));
}

/** Per function of a file reached by an import: its read references by name, as `readsByName` finds them. */
const readsIndex = new WeakMap<TSESTree.Node, Map<string, TSESTree.Identifier[]>>();

/**
 * Read references of `binding` inside `root`, by name (files reached by an import have no scope analysis):
 * the identifiers of that name, outside any inner function whose parameters declare it. A flow asks this of
 * every binding it follows in a function, so the function is walked once, for all its names.
 */
function readsByName(binding: TSESTree.Identifier, root: TSESTree.Node): TSESTree.Identifier[] {
  let index = readsIndex.get(root);
  if (!index) {
    index = new Map();
    indexReads(root, root, undefined, index);
    readsIndex.set(root, index);
  }
  return (index.get(binding.name) ?? []).filter((read) => read !== binding);
}

function indexReads(node: TSESTree.Node, root: TSESTree.Node, shadowed: ReadonlySet<string> | undefined, index: Map<string, TSESTree.Identifier[]>): void {
  if (node !== root && isFunction(node)) {
    const names: string[] = [];
    for (const param of node.params) declaredNames(param, names);
    if (names.length > 0) shadowed = new Set([...(shadowed ?? []), ...names]);
  }
  if (node.type === AST_NODE_TYPES.Identifier && !shadowed?.has(node.name) && isReadReference(node)) {
    const reads = index.get(node.name);
    if (reads) reads.push(node);
    else index.set(node.name, [node]);
  }
  for (const child of childrenOf(node)) indexReads(child, root, shadowed, index);
}

function declarationByName(id: TSESTree.Identifier, root: TSESTree.Node): TSESTree.Identifier | undefined {
  let found: TSESTree.Identifier | undefined;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === id.name) found = node.id;
    if (isFunction(node)) for (const p of node.params) if (p.type === AST_NODE_TYPES.Identifier && p.name === id.name) found = p;
    for (const child of childrenOf(node)) visit(child);
  };
  visit(root);
  return found;
}

/** The names a parameter (or a pattern in one) declares. */
function declaredNames(pattern: TSESTree.Node, out: string[]): void {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      out.push(pattern.name);
      return;
    case AST_NODE_TYPES.AssignmentPattern:
      declaredNames(pattern.left, out);
      return;
    case AST_NODE_TYPES.RestElement:
      declaredNames(pattern.argument, out);
      return;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of pattern.properties) declaredNames(p.type === AST_NODE_TYPES.Property ? p.value : p.argument, out);
      return;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of pattern.elements) if (e !== null) declaredNames(e, out);
      return;
    default:
      return;
  }
}

function isReadReference(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === id && !parent.computed) return false;
  // `{ id }`: the key and the value are two nodes at one place; the value is the read
  if (parent.type === AST_NODE_TYPES.Property && parent.key === id && !parent.computed) return parent.shorthand && parent.value === id && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === id) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === id) return false;
  if (isFunction(parent) && parent.params.includes(id as TSESTree.Parameter)) return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === id && parent.parent.type === AST_NODE_TYPES.ObjectPattern) return false;
  if (
    parent.type === AST_NODE_TYPES.ImportSpecifier ||
    parent.type === AST_NODE_TYPES.ExportSpecifier ||
    parent.type === AST_NODE_TYPES.TSTypeReference ||
    parent.type === AST_NODE_TYPES.TSQualifiedName ||
    parent.type === AST_NODE_TYPES.LabeledStatement ||
    parent.type === AST_NODE_TYPES.BreakStatement ||
    parent.type === AST_NODE_TYPES.ContinueStatement ||
    parent.type === AST_NODE_TYPES.TSPropertySignature
  ) {
    return false;
  }
  return true;
}

function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === "parent" || key === "loc" || key === "range" || key === "typeAnnotation" || key === "returnType" || key === "typeArguments" || key === "typeParameters") continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child === "object" && typeof (child as TSESTree.Node).type === "string") children.push(child as TSESTree.Node);
    } else if (value && typeof value === "object" && typeof (value as TSESTree.Node).type === "string") {
      children.push(value as TSESTree.Node);
    }
  }
  return children;
}

/**
 * A query in a file reached by an import (no scope analysis there): a Prisma model operation or raw query
 * on a client-named receiver (`prisma.user.findMany`, `ctx.db.post.update`, `tx.$executeRaw`), a Drizzle,
 * Kysely or Supabase builder on one (`db.insert(t).values(x)`, `supabase.from("t").update(x)`).
 */
function looksLikeQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const tag = memberChainName(node.tag) ?? "";
    return /(?:^|\.)\$(?:queryRaw|executeRaw)$/u.test(tag);
  }
  // the names along the chain, from its root: `db.insert(t).values(x)` -> db, insert, values
  const segments: string[] = [];
  let current: TSESTree.Node = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
    else if (current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name === undefined) return false;
      segments.unshift(name);
      current = current.object;
    } else break;
  }
  if (current.type === AST_NODE_TYPES.Identifier) segments.unshift(current.name);
  else if (current.type === AST_NODE_TYPES.ThisExpression) segments.unshift("this");
  else return false;
  // `ctx.prisma.user.update`, `this.db.insert`: a leading context object
  const clientIndex = segments.findIndex((s) => CLIENT_ROOT.test(s));
  if (clientIndex < 0 || clientIndex > 1) return false;
  const after = segments.slice(clientIndex + 1);
  if (after.length >= 2 && PRISMA_OPERATION.test(after[1]!)) return true;
  if (after.length >= 1 && /^\$(?:queryRaw|executeRaw)/u.test(after[0]!)) return true;
  return after.length >= 1 && BUILDER_HEAD.test(after[0]!);
}

