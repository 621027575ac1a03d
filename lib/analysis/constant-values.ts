/**
 * Where a value comes from, as far as this file shows: fixed by literals ("constant"), visibly
 * assembled from a part that is not constant ("built": a template or concatenation), or made
 * somewhere this file does not show ("opaque": a parameter of an exported function, an import,
 * the result of an unknown call).
 *
 * `ASTUtils.getStaticValue` evaluates computed keys and built-in globals here, but not whole
 * expressions: it trusts a `const` array that is later handed to a function
 * (`const where = []; addFilters(where, input); where.join(" AND ")` evaluates to `""`), which is
 * exactly how injectable SQL is assembled. This module follows what a reviewer follows when
 * asking "can outside input reach this string?":
 * - every write of a `let` (`let fn; if (...) fn = "a"; else fn = "b"`),
 * - allow-list lookups on a `const` object or array of literals (`SORT_COLUMNS[sort]`), and a
 *   value an allow-list test vouches for (`ALLOWED.includes(x) ? x : "id"`),
 * - loop variables over a constant array (`for (const table of TABLES)`, `TABLES.map((t) => ...)`),
 *   and properties of its elements (`for (const f of FIELDS) f.column`),
 * - parameters of a local, unexported function whose every call passes a constant,
 * - the return values of local functions, properties of the object a local function returns
 *   (`const { schema } = await resolve(token)`), branches of `?:`/`??`/`||`, arrays built with
 *   `push` and joined (`placeholders.join(", ")`), string methods on constants,
 * - imported SCREAMING_CASE names, and members and values of imported PascalCase enums
 *   (`ModelStatus.Published`, `Object.values(Role)`): constants by convention,
 * - the strings of a tagged template (`(sql: TemplateStringsArray) => sql[0]`).
 *
 * With `injectionSafe`, the evaluator also tracks what a value may carry into SQL text, for
 * `isInjectable`: request input (the request, route params, a server action's arguments, through
 * `requestInput`), free text (a `string` parameter, a `z.string()` field), and whether a part of a
 * template or concatenation stands where it can break out of the SQL around it (`spliceContext`).
 * Values checked before use by an allow-list, an equality with literals or a strict pattern, and ids read
 * from a database query (`isQuery`) count as constant. And values that cannot carry text chosen by a
 * user count as constant too:
 * numbers and booleans computed at runtime (`Number(x)`, `ids.length`, an array index, `a > b`),
 * dates, values declared (or, with type information, typed) as numbers, booleans or unions of
 * literals (`dir: "asc" | "desc"`, `ids: number[]`, `hours = 24`), fields a Zod schema of the file
 * parses as numbers, booleans, dates, enums or UUIDs, results of SQL escaping helpers
 * (`escapeLiteral(x)`, `quoteIdent(x)`, `appSchemaIdent(slug)`), and configuration set by whoever
 * deploys the app (`process.env.X`, `env.X` from an env module, and values derived from them).
 * Injection checks use that mode.
 *
 * Evaluation is on demand, bounded (a step budget), and cached per top-level node; it never walks
 * the file, only the definitions it follows.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, type FunctionNode } from "../util/ast.js";
import { isStrictPattern, SPLICE_PLACEHOLDER, spliceContext, type SpliceContext } from "./raw-sql.js";

export type Provenance = "constant" | "built" | "opaque";

/** Where a parameter's value comes from a request: as sent (`raw`), or parsed by the framework's schema (`validated`). */
export type RequestInputKind = "raw" | "validated";

export interface ConstantEvaluatorOptions {
  /** Count runtime numbers, booleans, dates and deployment configuration (`process.env`) as constant. */
  injectionSafe?: boolean;
  /** Injection mode: does this parameter (of `fn`) hold request input? */
  requestInput?: (name: TSESTree.Identifier, fn: FunctionNode) => RequestInputKind | undefined;
  /** Injection mode: is this call (or tagged template) a database query? Ids read from its result are constant. */
  isQuery?: (node: TSESTree.Node) => boolean;
}

export interface ConstantEvaluator {
  /** Where the value of `node` comes from (see the module docs). */
  provenance(node: TSESTree.Node): Provenance;
  /** `provenance(node) === "constant"`. */
  isConstant(node: TSESTree.Node): boolean;
  /**
   * Injection mode: can a crafted value change the SQL when the text of `node` stands in `context`?
   * Yes when request input reaches it, anywhere; and when free text (a `string` parameter, a
   * `z.string()` field) stands inside a string literal or where a value goes, at any level of its
   * assembly (`context` is where `node` itself stands). Values of no visible type made elsewhere, and
   * names a helper's caller chooses (`FROM "${table}"`), are the caller's business: not injectable.
   */
  isInjectable(node: TSESTree.Node, context: SpliceContext): boolean;
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

interface State {
  steps: number;
  /** Variables and functions being evaluated: a cycle adds nothing new, so it counts as constant. */
  active: Set<unknown>;
}

/** Enough for any realistic chain of definitions; beyond it the answer is "opaque". */
const MAX_STEPS = 600;

/** Array methods whose callback's first parameter is an element of the receiver, second the index. */
const ITERATION_METHODS = new Set(["map", "flatMap", "forEach", "filter", "some", "every", "find", "findIndex", "findLast", "findLastIndex"]);
/** Array methods whose result holds (some of) the receiver's elements. */
const ELEMENT_METHODS = new Set(["filter", "slice", "reverse", "sort", "toSorted", "toReversed", "flat", "concat", "splice"]);
/** Methods that return a number, a boolean or a date string, whatever their receiver holds. */
const NUMERIC_METHODS = new Set([
  "toFixed", "toPrecision", "toExponential", "getTime", "toISOString", "indexOf", "lastIndexOf", "findIndex",
  "includes", "startsWith", "endsWith", "some", "every", "test", "has", "charCodeAt", "codePointAt",
  "getFullYear", "getMonth", "getDate", "getDay", "getHours", "getMinutes", "getSeconds", "getMilliseconds",
  "getUTCFullYear", "getUTCMonth", "getUTCDate", "getUTCHours", "getUTCMinutes", "getUTCSeconds", "localeCompare",
]);
/** Globals whose calls return numbers or booleans. */
const NUMERIC_GLOBALS = new Set(["Number", "parseInt", "parseFloat", "Boolean", "isNaN", "isFinite", "BigInt"]);
const NUMERIC_NAMESPACES = new Set(["Math", "Number", "Date"]);
/** Methods that change an array or object in place. */
const MUTATING_METHODS = new Set(["push", "unshift", "splice", "fill", "copyWithin", "set", "add"]);

/**
 * `ts.TypeFlags` of types that cannot carry text (stable values since TypeScript 4; the plugin
 * does not import `typescript`): Number 8, Boolean 16, Enum 32, BigInt 64, StringLiteral 128,
 * NumberLiteral 256, BooleanLiteral 512, EnumLiteral 1024, BigIntLiteral 2048, Undefined 32768, Null 65536.
 */
const SAFE_TYPE_FLAGS = 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048 | 32768 | 65536;

const ESCAPER_NAME = /^(?:escape|quote)|[a-z](?:Escape|Quote)|[a-z](?:Ident|Identifier|Literal)$|^(?:ident|literal)$/u;
/** Zod constructors whose output is not free text. */
const ZOD_TEXT_FREE = new Set(["number", "boolean", "bigint", "date", "enum", "nativeEnum", "nan", "int", "uuid", "cuid", "cuid2", "ulid"]);
/** Zod methods that keep the output type (or make it an array of it). */
const ZOD_REFINEMENTS = new Set([
  "optional", "nullable", "nullish", "default", "catch", "int", "positive", "nonnegative", "negative", "nonpositive",
  "min", "max", "gt", "gte", "lt", "lte", "multipleOf", "step", "finite", "safe", "array", "describe", "readonly", "brand",
]);
/** Modules that export a Prisma client's enums (the client itself, a generated enums file, a workspace database package). */
const PRISMA_ENUM_MODULE = /prisma|enums?$|(?:^|[/@-])(?:database|db)$/iu;
const PARSE_METHODS = new Set(["parse", "parseAsync", "safeParse", "safeParseAsync"]);
/** String methods whose arguments end up in the result. */
const TEXT_ARGUMENT_METHODS = new Set(["replace", "replaceAll", "concat", "padStart", "padEnd"]);
/** Ids the database generates: `id`, `userId`, `model_id` (not `externalId`, which a client may choose). */
const ID_NAME = /^(?:id|(?!external)[a-z][A-Za-z0-9]*Id|(?!external)[a-z][a-z0-9]*_id)$/u;
const SCREAMING_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/u;

/** What a value may hold, as bits (`CONSTANT`: nothing but what the source fixes). */
type Flags = number;
const CONSTANT = 0;
/** Made where this file does not show: a parameter, an import, the result of an unknown call. */
const OPAQUE = 1;
/** Visibly assembled from a part that is not constant (a template, a concatenation, a join). */
const BUILT = 2;
/** Injection mode: derived from request input (the request, route params, a server action's arguments). */
const INPUT = 4;
/** Injection mode: declared or parsed as free text (`name: string`, `z.string()`). */
const TEXT = 8;
/** Injection mode: somewhere inside, a part that is not constant stands where it can break out of the SQL around it. */
const RISKY = 16;

/** Everything several alternatives may hold. */
function worst(results: Iterable<Flags>): Flags {
  let result: Flags = CONSTANT;
  for (const r of results) result |= r;
  return result;
}

/**
 * A part with these flags, spliced into SQL where `context` says: can it break out? Request input can
 * anywhere; free text (a `string` parameter, `z.string()`) inside quotes, or where a value goes. A
 * value of no visible type made elsewhere (an enum from an imported schema, an id, a name from a
 * config module) is not judged: the code here cannot tell.
 */
function isRiskySplice(flags: Flags, context: SpliceContext): boolean {
  if (flags & (INPUT | RISKY)) return true;
  if (!(flags & TEXT)) return false;
  // a fragment this file assembles is judged by its own splices where it stands unquoted
  return context === "quoted" || (context === "value" && !(flags & BUILT));
}

function provenanceOf(flags: Flags): Provenance {
  if (flags === CONSTANT) return "constant";
  return flags & BUILT ? "built" : "opaque";
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

export function createConstantEvaluator(sourceCode: SourceCode, options: ConstantEvaluatorOptions = {}): ConstantEvaluator {
  const injectionSafe = options.injectionSafe === true;
  const cache = new Map<TSESTree.Node, Flags>();

  function findVariable(id: TSESTree.Identifier): Variable | null {
    return ASTUtils.findVariable(sourceCode.getScope(id), id);
  }

  /** An identifier with no declaration in the file: a global such as `process`, `Math`, `Number`. */
  function isGlobal(id: TSESTree.Identifier, name: string): boolean {
    if (id.name !== name) return false;
    const variable = findVariable(id);
    return !variable || variable.defs.length === 0;
  }

  /** Numbers and booleans cannot carry SQL: constant when injection-safe, else constant only if built from constants. */
  function numeric(parts: readonly TSESTree.Node[], s: State): Flags {
    if (injectionSafe) return CONSTANT;
    return parts.length > 0 && parts.every((p) => evaluate(p, s) === CONSTANT) ? CONSTANT : OPAQUE;
  }

  /**
   * A template or a concatenation: constant when every part is. Otherwise built, and in injection mode
   * risky when a part may break out of the SQL around it (see `spliceContext`).
   */
  function concat(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, s: State): Flags {
    const pieces = node.type === AST_NODE_TYPES.TemplateLiteral ? templatePieces(node) : sumPieces(node);
    let result: Flags = CONSTANT;
    let before = "";
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (typeof piece === "string") {
        before += piece;
        continue;
      }
      const flags = evaluate(piece, s);
      if (flags === CONSTANT) {
        before += staticText(piece) ?? SPLICE_PLACEHOLDER;
        continue;
      }
      result |= flags | BUILT;
      if (injectionSafe && !(result & RISKY)) {
        const next = pieces[i + 1];
        if (isRiskySplice(flags, spliceContext(before, typeof next === "string" ? next : next ? SPLICE_PLACEHOLDER : ""))) result |= RISKY;
      }
      before += SPLICE_PLACEHOLDER;
    }
    // free text in a part is free text in the whole
    return result;
  }

  function templatePieces(node: TSESTree.TemplateLiteral): (string | TSESTree.Node)[] {
    const pieces: (string | TSESTree.Node)[] = [];
    node.quasis.forEach((quasi, i) => {
      pieces.push(quasi.value.cooked ?? "");
      const expression = node.expressions[i];
      if (expression) pieces.push(expression);
    });
    return pieces;
  }

  /** `"a" + x + "b"` as its operands, string literals as text. */
  function sumPieces(node: TSESTree.BinaryExpression): (string | TSESTree.Node)[] {
    const pieces: (string | TSESTree.Node)[] = [];
    const add = (part: TSESTree.Node): void => {
      if (part.type === AST_NODE_TYPES.BinaryExpression && part.operator === "+") {
        add(part.left);
        add(part.right);
      } else if (part.type === AST_NODE_TYPES.Literal && typeof part.value === "string") {
        pieces.push(part.value);
      } else if (part.type !== AST_NODE_TYPES.PrivateIdentifier) {
        pieces.push(part);
      }
    };
    add(node);
    return pieces;
  }

  /** The text of a constant part, when it is a plain string (`const OPEN = "'open'"`), to read the SQL around later parts. */
  function staticText(node: TSESTree.Node): string | undefined {
    const value = ASTUtils.getStaticValue(node, sourceCode.getScope(node));
    return value && (typeof value.value === "string" || typeof value.value === "number") ? String(value.value) : undefined;
  }

  function evaluate(node: TSESTree.Node, s: State): Flags {
    if (++s.steps > MAX_STEPS) return OPAQUE;
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return CONSTANT;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.length === 0 ? CONSTANT : concat(node, s);
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === "+") return concat(node, s);
        return node.left.type === AST_NODE_TYPES.PrivateIdentifier ? numeric([node.right], s) : numeric([node.left, node.right], s);
      case AST_NODE_TYPES.UnaryExpression:
        // `typeof x` is one of eight fixed words; `void x` is undefined
        if (node.operator === "typeof" || node.operator === "void") return CONSTANT;
        return numeric([node.argument], s);
      case AST_NODE_TYPES.UpdateExpression:
        return numeric([node.argument], s);
      case AST_NODE_TYPES.ConditionalExpression:
        return worst([branch(node, true, s), branch(node, false, s)]);
      case AST_NODE_TYPES.LogicalExpression:
        return worst([evaluate(node.left, s), evaluate(node.right, s)]);
      case AST_NODE_TYPES.SequenceExpression:
        return evaluate(node.expressions.at(-1)!, s);
      case AST_NODE_TYPES.AwaitExpression:
        return evaluate(node.argument, s);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === "=" ? evaluate(node.right, s) : OPAQUE;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        return evaluate(node.expression, s);
      case AST_NODE_TYPES.ArrayExpression:
        // as a string, an array is its elements joined with ","
        return elements(node, s);
      case AST_NODE_TYPES.Identifier:
        return orByType(node, identifier(node, s));
      case AST_NODE_TYPES.MemberExpression:
        return orByType(node, member(node, s));
      case AST_NODE_TYPES.CallExpression:
        return orByType(node, call(node, s));
      case AST_NODE_TYPES.NewExpression:
        return construct(node, s);
      default:
        return OPAQUE;
    }
  }

  /**
   * A branch of `?:`, where an allow-list test vouches for the value it tested:
   * `ALLOWED.includes(sort) ? sort : "id"`, `sort in SORT ? sort : "id"`.
   */
  function branch(node: TSESTree.ConditionalExpression, taken: boolean, s: State): Flags {
    const value = taken ? node.consequent : node.alternate;
    let test = unwrap(node.test);
    let positive = true;
    while (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
      positive = !positive;
      test = unwrap(test.argument);
    }
    if (positive === taken) {
      const checked = allowListed(test, s);
      if (checked && sourceCode.getText(unwrap(checked)) === sourceCode.getText(unwrap(value))) return CONSTANT;
    }
    return evaluate(value, s);
  }

  /** The value an allow-list test vouches for: `x` of `LIST.includes(x)`, `SET.has(x)`, `x in OBJ`. */
  function allowListed(test: TSESTree.Node, s: State): TSESTree.Node | undefined {
    if (test.type === AST_NODE_TYPES.BinaryExpression && test.operator === "in" && test.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      return isAllowList(keys(test.right, s)) ? test.left : undefined;
    }
    if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(test.callee);
    const arg = test.arguments[0];
    if ((method !== "includes" && method !== "has") || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return isAllowList(elements(setSource(test.callee.object), s)) ? arg : undefined;
  }

  /**
   * A list good enough to vouch for what it contains: a constant one; in injection mode also one made
   * elsewhere (an imported list of operators, a helper's list of columns), as long as no request chose it.
   */
  function isAllowList(flags: Flags): boolean {
    return injectionSafe ? (flags & INPUT) === 0 : flags === CONSTANT;
  }

  /**
   * A use of `node` (an identifier or a member chain) that a check above it vouches for, in its function
   * or an enclosing one, when the checked binding is never assigned again: `if (!LIST.includes(x)) throw ...`,
   * `if (!/^[a-z_]+$/.test(x)) return;`, `if (SET.has(x)) { ...use... }`, `ALLOWED.has(x) && use(x)`.
   */
  function isGuarded(node: TSESTree.Identifier | TSESTree.MemberExpression, s: State): boolean {
    const root = rootIdentifier(node);
    const variable = root && findVariable(root);
    if (!variable || variable.references.some((r) => r.isWrite() && !variable.defs.some((d) => d.name === r.identifier))) return false;
    const text = sourceCode.getText(node);
    let child: TSESTree.Node = node;
    for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
          if (child === parent.consequent && vouches(parent.test, text, true, s)) return true;
          if (child === parent.alternate && vouches(parent.test, text, false, s)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (child === parent.right && vouches(parent.left, text, parent.operator === "&&", s)) return true;
          break;
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.Program:
        case AST_NODE_TYPES.SwitchCase: {
          const body: readonly TSESTree.Node[] = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
          for (const statement of body) {
            if (statement === child) break;
            if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysExits(statement.consequent) && vouches(statement.test, text, false, s)) {
              return true;
            }
          }
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  /** Does `test` being `outcome` show that the value written `text` passed an allow-list or a strict pattern? */
  function vouches(node: TSESTree.Node, text: string, outcome: boolean, s: State): boolean {
    const test = unwrap(node);
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") return vouches(test.argument, text, !outcome, s);
    if (test.type === AST_NODE_TYPES.LogicalExpression) {
      // `a && b` true: both hold; `a || b` false: neither holds
      if ((test.operator === "&&" && outcome) || (test.operator === "||" && !outcome)) {
        return vouches(test.left, text, outcome, s) || vouches(test.right, text, outcome, s);
      }
      // `x !== "asc" && x !== "desc"` false, `x === "a" || x === "b"` true: one of them holds, and each vouches
      return vouches(test.left, text, outcome, s) && vouches(test.right, text, outcome, s);
    }
    if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "===" || test.operator === "!==" || test.operator === "==" || test.operator === "!=")) {
      // `x === "asc"` true, `x !== "asc"` false: `x` is that literal
      const equal = test.operator === "===" || test.operator === "==";
      if (equal !== outcome) return false;
      const sides: [TSESTree.Node, TSESTree.Node][] = [[test.left, test.right], [test.right, test.left]];
      return sides.some(([a, b]) => sourceCode.getText(unwrap(a)) === text && unwrap(b).type === AST_NODE_TYPES.Literal);
    }
    if (!outcome) return false;
    const checked = allowListed(test, s) ?? patternChecked(test);
    return checked !== undefined && sourceCode.getText(unwrap(checked)) === text;
  }

  /** `x` of `/^[a-z_]+$/.test(x)` (or `PATTERN.test(x)` with a `const` pattern) when the pattern admits only name characters. */
  function patternChecked(test: TSESTree.Node): TSESTree.Node | undefined {
    if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(test.callee) !== "test") return undefined;
    let pattern: TSESTree.Node = unwrap(test.callee.object);
    if (pattern.type === AST_NODE_TYPES.Identifier) pattern = unchangedInit(pattern) ?? pattern;
    const arg = test.arguments[0];
    if (pattern.type !== AST_NODE_TYPES.Literal || !("regex" in pattern) || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return isStrictPattern(pattern.regex.pattern, pattern.regex.flags) ? arg : undefined;
  }

  /** `new Set([...])` (directly or through a `const`) holds the elements of its argument. */
  function setSource(node: TSESTree.Node): TSESTree.Node {
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const init = unchangedInit(inner);
      if (init && unwrap(init).type === AST_NODE_TYPES.NewExpression) inner = unwrap(init);
    }
    if (inner.type === AST_NODE_TYPES.NewExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === "Set" && inner.arguments[0]) {
      return inner.arguments[0];
    }
    return node;
  }

  /**
   * With type information, a value whose type is a number, a boolean, or a union of literals
   * (`sortOrder: "asc" | "desc"`, a Zod enum's inferred type) cannot carry other text.
   */
  function orByType(node: TSESTree.Node, result: Flags): Flags {
    if (result === CONSTANT || !injectionSafe) return result;
    const services = sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return result;
    const type = services.program.getTypeChecker().getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((t) => (t.flags & SAFE_TYPE_FLAGS) !== 0) ? CONSTANT : result;
  }

  function identifier(id: TSESTree.Identifier, s: State): Flags {
    const variable = findVariable(id);
    // built-in globals: `undefined`, `NaN`, `Infinity`
    if (!variable || variable.defs.length === 0) return ASTUtils.getStaticValue(id, sourceCode.getScope(id)) ? CONSTANT : OPAQUE;
    if (s.active.has(variable)) return CONSTANT;
    // `let userId: number | undefined`, `(ids: number | number[]) => { ids = [ids]; ... }`: the
    // declared type vouches for every write
    if (injectionSafe && hasTextFreeDeclaredType(variable)) return CONSTANT;
    // `if (!/^[a-z_]+$/.test(schema)) throw ...`, `if (!COLUMNS.has(column)) return`: checked before this use
    if (injectionSafe && isGuarded(id, s)) return CONSTANT;
    s.active.add(variable);
    try {
      let result: Flags = CONSTANT;
      for (const def of variable.defs) result |= definition(def, s);
      for (const ref of variable.references) {
        if (!ref.isWrite() || variable.defs.some((d) => d.name === ref.identifier)) continue;
        result |= ref.identifier.type === AST_NODE_TYPES.Identifier ? write(ref.identifier, s) : OPAQUE;
      }
      // a `string` parameter is free text; a `let sql: string` is whatever is assigned to it
      if (injectionSafe && result !== CONSTANT && hasTextDeclaredType(variable)) result |= TEXT;
      return result;
    } finally {
      s.active.delete(variable);
    }
  }

  function definition(def: TSESLint.Scope.Definition, s: State): Flags {
    switch (def.type) {
      case "Variable": {
        const declarator = def.node;
        const destructured = declarator.id !== def.name;
        if (declarator.init) {
          if (destructured) return destructuredValue(declarator, def.name as TSESTree.Identifier, s);
          return evaluate(declarator.init, s);
        }
        const loop = declarator.parent.parent;
        if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
          const result = elements(loop.right, s);
          return destructured && result !== CONSTANT ? OPAQUE : result;
        }
        if (loop.type === AST_NODE_TYPES.ForInStatement && loop.left === declarator.parent) return keys(loop.right, s);
        return CONSTANT; // `let x;` is undefined until written
      }
      case "Parameter": {
        const fn = def.node as FunctionNode;
        const name = def.name as TSESTree.Identifier;
        // the strings of a tagged template are source text: `function ifDetails(sql: TemplateStringsArray)`
        if (isTemplateStrings(name)) return CONSTANT;
        if (injectionSafe && isTextFreeParameter(fn, name)) return CONSTANT;
        const input = injectionSafe ? options.requestInput?.(name, fn) : undefined;
        if (input === "raw") return OPAQUE | INPUT;
        if (input === "validated") return OPAQUE | TEXT;
        // `rows.map(({ id }) => ...)` over a query's result
        if (injectionSafe && isDatabaseIdParameter(fn, name, s)) return CONSTANT;
        return parameter(fn, name, s);
      }
      case "ImportBinding":
        // `import { MAX_ROWS } from "./constants"`: a SCREAMING_CASE export is a constant by convention
        if (def.name.type === AST_NODE_TYPES.Identifier && SCREAMING_CASE.test(def.name.name)) return CONSTANT;
        return injectionSafe && isEnvImport(def) ? CONSTANT : OPAQUE;
      default:
        return OPAQUE;
    }
  }

  /** `{ id }` destructured from the elements of a query's result: `rows.map(({ id, userId }) => ...)`. */
  function isDatabaseIdParameter(fn: FunctionNode, name: TSESTree.Identifier, s: State): boolean {
    const pattern = fn.params[0];
    if (pattern?.type !== AST_NODE_TYPES.ObjectPattern) return false;
    const property = pattern.properties.find(
      (p): p is TSESTree.Property =>
        p.type === AST_NODE_TYPES.Property && (p.value === name || (p.value.type === AST_NODE_TYPES.AssignmentPattern && p.value.left === name)),
    );
    const key = property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    if (key === undefined || !ID_NAME.test(key)) return false;
    const call = fn.parent;
    return (
      call.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === fn &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      ITERATION_METHODS.has(propertyName(call.callee) ?? "") &&
      fromDatabase(call.callee.object, s)
    );
  }

  /** A parameter declared as free text: `name: string`, `ids?: string[]`, `{ q }: { q: string }`. */
  function hasTextDeclaredType(variable: Variable): boolean {
    const def = variable.defs[0];
    if (def?.type !== "Parameter" || def.name.type !== AST_NODE_TYPES.Identifier) return false;
    const annotation = def.name.typeAnnotation?.typeAnnotation ?? destructuredAnnotation(def.node as FunctionNode, def.name);
    return isTextAnnotation(annotation);
  }

  /** `string`, `String`, unions with them (`string | null`), arrays of them. */
  function isTextAnnotation(type: TSESTree.TypeNode | undefined, depth = 0): boolean {
    if (!type || depth > 4) return false;
    switch (type.type) {
      case AST_NODE_TYPES.TSStringKeyword:
        return true;
      case AST_NODE_TYPES.TSUnionType:
        return type.types.some((t) => isTextAnnotation(t, depth + 1));
      case AST_NODE_TYPES.TSArrayType:
        return isTextAnnotation(type.elementType, depth + 1);
      case AST_NODE_TYPES.TSTypeOperator:
        return isTextAnnotation(type.typeAnnotation, depth + 1);
      case AST_NODE_TYPES.TSTypeReference: {
        const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : undefined;
        if (name === "String") return true;
        const [argument] = type.typeArguments?.params ?? [];
        return (name === "Array" || name === "ReadonlyArray") && isTextAnnotation(argument, depth + 1);
      }
      default:
        return false;
    }
  }

  function hasTextFreeDeclaredType(variable: Variable): boolean {
    const def = variable.defs[0];
    if (def?.type === "Variable") {
      const id = def.node.id;
      return id.type === AST_NODE_TYPES.Identifier && isSafeAnnotation(id.typeAnnotation?.typeAnnotation);
    }
    return def?.type === "Parameter" && def.name.type === AST_NODE_TYPES.Identifier && isTextFreeParameter(def.node as FunctionNode, def.name);
  }

  /**
   * A parameter declared (or inferred) as a type no text can hide in: `dir: "asc" | "desc"`,
   * `limit: number`, `hoursAhead = 24`, `{ sortBy }: { sortBy: "name" | "date" }`.
   */
  function isTextFreeParameter(fn: FunctionNode, name: TSESTree.Identifier): boolean {
    if (name.typeAnnotation) return isSafeAnnotation(name.typeAnnotation.typeAnnotation);
    const param = fn.params.find((p) => p.type === AST_NODE_TYPES.AssignmentPattern && p.left === name);
    if (param?.type === AST_NODE_TYPES.AssignmentPattern) {
      // TypeScript infers `number` from `hoursAhead = 24`
      const literal = param.right.type === AST_NODE_TYPES.UnaryExpression ? param.right.argument : param.right;
      return literal.type === AST_NODE_TYPES.Literal && (typeof literal.value === "number" || typeof literal.value === "boolean");
    }
    return isSafeAnnotation(destructuredAnnotation(fn, name));
  }

  /** The declared type of a property of an annotated destructured parameter. */
  function destructuredAnnotation(fn: FunctionNode, name: TSESTree.Identifier): TSESTree.TypeNode | undefined {
    for (const param of fn.params) {
      const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (pattern.type !== AST_NODE_TYPES.ObjectPattern) continue;
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value !== name) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
        return memberType(pattern.typeAnnotation?.typeAnnotation, key);
      }
    }
    return undefined;
  }

  /** The declared type of property `key` of a type literal, or of a type alias or interface of this file. */
  function memberType(type: TSESTree.TypeNode | undefined, key: string | undefined, depth = 0): TSESTree.TypeNode | undefined {
    if (!type || key === undefined || depth > 4) return undefined;
    const resolved = localType(type);
    const members = resolved?.type === AST_NODE_TYPES.TSTypeLiteral ? resolved.members : resolved?.type === AST_NODE_TYPES.TSInterfaceBody ? resolved.body : [];
    for (const member of members) {
      if (member.type === AST_NODE_TYPES.TSPropertySignature && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === key) {
        return member.typeAnnotation?.typeAnnotation;
      }
    }
    if (resolved?.type === AST_NODE_TYPES.TSIntersectionType) {
      for (const part of resolved.types) {
        const found = memberType(part, key, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Follows a reference to a type alias or interface declared in this file (`type Options = {...}`). */
  function localType(type: TSESTree.TypeNode, depth = 0): TSESTree.TypeNode | TSESTree.TSInterfaceBody | undefined {
    if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return type;
    if (depth > 4) return undefined;
    const def = findVariable(type.typeName)?.defs.find((d) => d.type === "Type");
    const declaration = def?.node;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return localType(declaration.typeAnnotation, depth + 1);
    if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration) return declaration.body;
    return undefined;
  }

  /** `obj.key` with `obj: ReturnType<typeof localFunction>`: the values the function returns under `key`. */
  function returnTypeMember(node: TSESTree.MemberExpression, s: State): Flags | undefined {
    const object = unwrap(node.object);
    const key = node.computed ? undefined : propertyName(node);
    if (object.type !== AST_NODE_TYPES.Identifier || key === undefined) return undefined;
    const def = findVariable(object)?.defs[0];
    const id = def?.type === "Parameter" || def?.type === "Variable" ? def.name : undefined;
    const type = id?.type === AST_NODE_TYPES.Identifier ? id.typeAnnotation?.typeAnnotation : undefined;
    const query = type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === "ReturnType" ? type.typeArguments?.params[0] : undefined;
    if (query?.type !== AST_NODE_TYPES.TSTypeQuery || query.exprName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const objects = objectsReturnedBy(query.exprName, s);
    if (!objects) return undefined;
    const results: Flags[] = [];
    for (const returnedObject of objects) {
      const property = returnedObject.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === key,
      );
      if (!property || property.kind !== "init") return undefined;
      results.push(evaluate(property.value, s));
    }
    return worst(results);
  }

  /** The declared type of `obj.key` when `obj` is a parameter or variable with a type annotation. */
  function declaredMemberType(node: TSESTree.MemberExpression): TSESTree.TypeNode | undefined {
    const object = unwrap(node.object);
    if (object.type !== AST_NODE_TYPES.Identifier || node.computed) return undefined;
    const def = findVariable(object)?.defs[0];
    const id = def?.type === "Parameter" || def?.type === "Variable" ? def.name : undefined;
    const annotation = id?.type === AST_NODE_TYPES.Identifier ? id.typeAnnotation?.typeAnnotation : undefined;
    return memberType(annotation, propertyName(node));
  }

  /** A declared type no text can hide in: number, boolean, literals, and unions and arrays of them. */
  function isSafeAnnotation(type: TSESTree.TypeNode | undefined, depth = 0): boolean {
    if (depth > 6) return false;
    switch (type?.type) {
      case AST_NODE_TYPES.TSNumberKeyword:
      case AST_NODE_TYPES.TSBooleanKeyword:
      case AST_NODE_TYPES.TSBigIntKeyword:
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSNullKeyword:
        return true;
      case AST_NODE_TYPES.TSLiteralType:
        return type.literal.type === AST_NODE_TYPES.Literal || type.literal.type === AST_NODE_TYPES.UnaryExpression;
      case AST_NODE_TYPES.TSUnionType:
        return type.types.every((t) => isSafeAnnotation(t, depth + 1));
      case AST_NODE_TYPES.TSArrayType:
        return isSafeAnnotation(type.elementType, depth + 1);
      case AST_NODE_TYPES.TSTypeOperator:
        return type.operator === "readonly" && isSafeAnnotation(type.typeAnnotation, depth + 1);
      case AST_NODE_TYPES.TSTypeReference: {
        // `Array<number>`, or an alias of this file (`type Direction = "asc" | "desc"`)
        const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : undefined;
        const [argument] = type.typeArguments?.params ?? [];
        if ((name === "Array" || name === "ReadonlyArray") && argument) return isSafeAnnotation(argument, depth + 1);
        if (injectionSafe && isImportedPrismaEnum(type.typeName)) return true;
        const resolved = localType(type);
        return resolved !== undefined && resolved !== type && resolved.type !== AST_NODE_TYPES.TSInterfaceBody && isSafeAnnotation(resolved, depth + 1);
      }
      default:
        return false;
    }
  }

  /**
   * `const { schema } = await resolveContext(token)`: the `schema` property of what the local
   * function returns, or of an object literal; anything taken out of a constant value is constant.
   */
  function destructuredValue(declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier, s: State): Flags {
    const init = declarator.init!;
    const pattern = declarator.id;
    const property = pattern.type === AST_NODE_TYPES.ObjectPattern
      ? pattern.properties.find(
          (p): p is TSESTree.Property =>
            p.type === AST_NODE_TYPES.Property &&
            !p.computed &&
            (p.value === name || (p.value.type === AST_NODE_TYPES.AssignmentPattern && p.value.left === name)),
        )
      : undefined;
    const key = property?.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    // `const { limit } = schema.parse(req.query)` with `limit: z.coerce.number()`
    if (key !== undefined && injectionSafe && isTextFreeZod(zodField(init, key))) return CONSTANT;
    // `const { id: challengeId } = await prisma.challenge.create(...)`
    if (key !== undefined && injectionSafe && ID_NAME.test(key) && fromDatabase(init, s)) return CONSTANT;
    if (key !== undefined) {
      const objects = returnedObjects(init, s);
      if (objects) {
        const results: Flags[] = [];
        for (const object of objects) {
          const found = object.properties.filter(
            (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === key,
          );
          if (found.length === 0 && object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return OPAQUE;
          for (const p of found) results.push(p.kind === "init" && !p.method ? evaluate(p.value, s) : OPAQUE);
        }
        if (property?.value.type === AST_NODE_TYPES.AssignmentPattern) results.push(evaluate(property.value.right, s));
        return worst(results);
      }
    }
    const whole = evaluate(init, s);
    if (whole === CONSTANT) return CONSTANT;
    return OPAQUE | (whole & INPUT) | (injectionSafe && isTextZod(zodField(init, key)) ? TEXT : CONSTANT);
  }

  /** The object literals an expression evaluates to: itself, or the returns of a local function it calls (awaited or not). */
  function returnedObjects(node: TSESTree.Node, s: State): TSESTree.ObjectExpression[] | undefined {
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) return [inner];
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    return objectsReturnedBy(inner.callee, s);
  }

  /** The object literals every `return` of a local function gives back, or undefined. */
  function objectsReturnedBy(callee: TSESTree.Identifier, s: State): TSESTree.ObjectExpression[] | undefined {
    const fn = localFunction(callee);
    if (!fn || fn.generator || s.active.has(fn) || ++s.steps > MAX_STEPS) return undefined;
    const values = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnStatements(fn.body).map((r) => r.argument) : [fn.body];
    const objects: TSESTree.ObjectExpression[] = [];
    for (const value of values) {
      const object = value && unwrap(value);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      objects.push(object);
    }
    return objects;
  }

  function propertyKey(property: TSESTree.Property): string | undefined {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
  }

  /**
   * The Zod schema of field `key` of a value parsed by a `z.object({...})` schema of this file:
   * `schema.parse(x)`, `await schema.parseAsync(x)`, `schema.safeParse(x).data`, through `const` bindings.
   */
  function zodField(node: TSESTree.Node, key: string | undefined, depth = 0): TSESTree.Node | undefined {
    if (key === undefined || depth > 4) return undefined;
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const init = unchangedInit(inner);
      return init ? zodField(init, key, depth + 1) : undefined;
    }
    // `payload.data` of `const payload = schema.safeParse(x)`
    if (inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === "data") {
      let parsed = unwrap(inner.object);
      if (parsed.type === AST_NODE_TYPES.Identifier) parsed = unchangedInit(parsed) ?? parsed;
      return zodField(parsed, key, depth + 1);
    }
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(inner.callee);
    if (method !== "parse" && method !== "parseAsync" && method !== "safeParse" && method !== "safeParseAsync") return undefined;
    const shape = zodObjectShape(inner.callee.object, depth);
    const property = shape?.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === key,
    );
    return property?.value;
  }

  /** The shape literal of `z.object({...})` (also `.strict()`, `.passthrough()`), through a `const`. */
  function zodObjectShape(node: TSESTree.Node, depth: number): TSESTree.ObjectExpression | undefined {
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) inner = unwrap(unchangedInit(inner) ?? inner);
    while (
      inner.type === AST_NODE_TYPES.CallExpression &&
      inner.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(inner.callee) !== "object" &&
      depth++ < 8
    ) {
      inner = inner.callee.object;
    }
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (!isZod(inner.callee.object)) return undefined;
    const shape = inner.arguments[0];
    return shape?.type === AST_NODE_TYPES.ObjectExpression ? shape : undefined;
  }

  function isZod(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(node)?.defs[0];
    return def?.type === "ImportBinding" && /^zod(?:\/|$)/u.test((def.parent as TSESTree.ImportDeclaration).source.value);
  }

  /** A Zod schema whose output carries no text: numbers, booleans, dates, enums, literals, arrays of those. */
  function isTextFreeZod(node: TSESTree.Node | undefined, depth = 0): boolean {
    let inner = node && unwrap(node);
    // `z.string().uuid()`: a format that admits no quotes
    let formatted = false;
    while (inner?.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression && depth++ < 12) {
      const method = propertyName(inner.callee);
      const object = inner.callee.object;
      if (isZod(object) || (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === "coerce" && isZod(object.object))) {
        if (method === "array") return isTextFreeZod(inner.arguments[0], depth);
        if (method === "literal") return inner.arguments.every((a) => a.type === AST_NODE_TYPES.Literal);
        return method !== undefined && (ZOD_TEXT_FREE.has(method) || (formatted && method === "string"));
      }
      if (method === "uuid" || method === "cuid" || method === "cuid2" || method === "ulid" || isStrictRegexCheck(inner)) formatted = true;
      else if (method === undefined || !ZOD_REFINEMENTS.has(method)) return false;
      inner = object;
    }
    return false;
  }

  /** `.regex(/^[a-z0-9-]+$/)`: only name characters get through. */
  function isStrictRegexCheck(call: TSESTree.CallExpression): boolean {
    const arg = call.arguments[0];
    return (
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(call.callee) === "regex" &&
      arg?.type === AST_NODE_TYPES.Literal &&
      "regex" in arg &&
      arg.regex !== undefined &&
      isStrictPattern(arg.regex.pattern, arg.regex.flags)
    );
  }

  /** A Zod schema of free text: `z.string()` with any checks but a format that admits no quotes. */
  function isTextZod(node: TSESTree.Node | undefined): boolean {
    let inner = node && unwrap(node);
    for (let depth = 0; inner?.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression && depth < 12; depth++) {
      const object = inner.callee.object;
      if (isZod(object) || (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === "coerce" && isZod(object.object))) {
        return propertyName(inner.callee) === "string" && !isTextFreeZod(node);
      }
      inner = object;
    }
    return false;
  }

  function isTemplateStrings(name: TSESTree.Node): boolean {
    const type = name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
    return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === "TemplateStringsArray";
  }

  /** An imported PascalCase binding: an enum by convention (`import { ModelStatus } from "@prisma/client"`). */
  function isImportedEnum(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier || !/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/u.test(node.name)) return false;
    return findVariable(node)?.defs[0]?.type === "ImportBinding";
  }

  /**
   * `status: ModelStatus` with `ModelStatus` imported from a Prisma client or enums module
   * (`@prisma/client`, `~/shared/utils/prisma/enums`, `@repo/database`): the value itself (not a
   * property of it) is spliced, so the type is one of the client's enums, not a model.
   */
  function isImportedPrismaEnum(typeName: TSESTree.EntityName): boolean {
    if (typeName.type !== AST_NODE_TYPES.Identifier || !/^[A-Z][A-Za-z0-9]*$/u.test(typeName.name)) return false;
    const def = findVariable(typeName)?.defs[0];
    return def?.type === "ImportBinding" && PRISMA_ENUM_MODULE.test((def.parent as TSESTree.ImportDeclaration).source.value);
  }

  /** `ModelStatus.Published`, `Role.ADMIN`: a capitalised member of an imported enum. */
  function isEnumMember(node: TSESTree.MemberExpression): boolean {
    const name = node.computed ? undefined : propertyName(node);
    return name !== undefined && /^[A-Z]/u.test(name) && isImportedEnum(node.object);
  }

  /** t3-env and friends: `import { env } from "@/env"` holds deployment configuration. */
  function isEnvImport(def: TSESLint.Scope.Definition): boolean {
    const source = (def.parent as TSESTree.ImportDeclaration).source.value;
    return def.name.type === AST_NODE_TYPES.Identifier && def.name.name === "env" && /(?:^|[/@~])env(?:[/.]|$)/u.test(source);
  }

  function write(id: TSESTree.Identifier, s: State): Flags {
    const parent = id.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === id) {
      switch (parent.operator) {
        case "=":
        case "??=":
        case "||=":
        case "&&=":
          return evaluate(parent.right, s);
        case "+=": {
          // appended to text this file may not show: only the piece's own splices can be judged
          const flags = evaluate(parent.right, s);
          return flags === CONSTANT ? CONSTANT : flags | BUILT;
        }
        default:
          return numeric([parent.right], s);
      }
    }
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return numeric([], s);
    if ((parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === id) {
      return parent.type === AST_NODE_TYPES.ForOfStatement ? elements(parent.right, s) : keys(parent.right, s);
    }
    return OPAQUE; // destructuring assignment and the like
  }

  /** A parameter: of a callback iterating a collection, or of a local function called with constants. */
  function parameter(fn: FunctionNode, name: TSESTree.Identifier, s: State): Flags {
    const index = fn.params.findIndex(
      (p) => p === name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === name),
    );
    if (index < 0) return OPAQUE;
    const param = fn.params[index]!;
    const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined;

    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(parent.callee);
      if (parent.arguments[0] === fn && method !== undefined && ITERATION_METHODS.has(method)) {
        if (index === 0) return elements(parent.callee.object, s);
        return index === 1 ? numeric([], s) : OPAQUE;
      }
      if (parent.arguments[1] === fn && method === "from" && isNamespace(parent.callee.object, "Array")) {
        if (index === 0) return elements(parent.arguments[0]!, s);
        return index === 1 ? numeric([], s) : OPAQUE;
      }
    }

    const binding = functionBinding(fn);
    const variable = binding && findVariable(binding);
    if (!variable || isExported(fn)) return OPAQUE;
    {
      const results: Flags[] = [];
      if (fallback) results.push(evaluate(fallback, s));
      let calls = 0;
      for (const ref of variable.references) {
        if (ref.identifier === binding) continue;
        const call = ref.identifier.parent;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) return OPAQUE;
        const spread = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
        if (spread >= 0 && spread <= index) return OPAQUE;
        const arg = call.arguments[index];
        results.push(arg ? evaluate(arg, s) : CONSTANT);
        calls++;
      }
      return calls === 0 ? OPAQUE : worst(results);
    }
  }

  /** The name a function is called by: `function f`, `const f = () => ...`. */
  function functionBinding(fn: FunctionNode): TSESTree.Identifier | undefined {
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
    const parent = fn.parent;
    if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === fn &&
      parent.id.type === AST_NODE_TYPES.Identifier &&
      parent.parent.kind === "const"
    ) {
      return parent.id;
    }
    return undefined;
  }

  function isExported(fn: FunctionNode): boolean {
    const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
    const parent = holder?.parent;
    return parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  }

  function isNamespace(node: TSESTree.Node, name: string): boolean {
    return node.type === AST_NODE_TYPES.Identifier && isGlobal(node, name);
  }

  /** `process.env.X`, `import.meta.env.X`, `env.X` from an env module. */
  function isDeploymentConfig(node: TSESTree.MemberExpression): boolean {
    let object: TSESTree.Node = node;
    while (object.type === AST_NODE_TYPES.MemberExpression) {
      const inner = unwrap(object.object);
      if (inner.type === AST_NODE_TYPES.Identifier && isGlobal(inner, "process") && propertyName(object) === "env") return true;
      if (inner.type === AST_NODE_TYPES.MetaProperty && propertyName(object) === "env") return true;
      object = inner;
    }
    return false;
  }

  function member(node: TSESTree.MemberExpression, s: State): Flags {
    const name = node.computed ? undefined : propertyName(node);
    let text = false;
    if (injectionSafe) {
      if (isDeploymentConfig(node)) return CONSTANT;
      // `if (!supported.includes(input.entityType)) return false;` above this use
      if (isGuarded(node, s)) return CONSTANT;
      // `input.modelId` with `const input = schema.parse(req.body)` and `modelId: z.number()`
      const field = zodField(node.object, name);
      if (isTextFreeZod(field)) return CONSTANT;
      // `order.data` with `const order = z.enum(["ASC", "DESC"]).safeParse(x)`
      if (name === "data" && isTextFreeParse(node.object)) return CONSTANT;
      // `bounty.id`, `rows[0].userId`: ids the database generated hold no quotes
      if (name !== undefined && ID_NAME.test(name) && fromDatabase(node.object, s)) return CONSTANT;
      // `options.limit` with `options: { limit?: number }` (or a type of this file)
      const declared = declaredMemberType(node);
      if (isSafeAnnotation(declared)) return CONSTANT;
      text = isTextAnnotation(declared) || isTextZod(field);
    }
    // `opts.timeoutMs` with `opts: ReturnType<typeof parseArgs>`: what the local function puts there
    const returned = returnTypeMember(node, s);
    if (returned === CONSTANT) return CONSTANT;
    if (isEnumMember(node)) return CONSTANT;
    const values = lookup(node, s);
    if (values) return worst(values.map((v) => evaluate(v, s)));
    if (name === "length" || name === "size") return numeric([node.object], s);
    // a property of a constant value (`new URL(process.env.DATABASE_URL).searchParams`)
    const object = evaluate(node.object, s);
    if (object === CONSTANT && (!node.computed || evaluate(node.property, s) === CONSTANT)) return CONSTANT;
    // a property of the request is request input; of free text, free text
    return OPAQUE | (object & (INPUT | TEXT)) | (text ? TEXT : CONSTANT);
  }

  /**
   * Read from the database: a query's result (`await prisma.bounty.findMany()`, `await pool.query()`),
   * an element or property of one (`rows[0]`, `result.rows`, `for (const b of bounties)`, `rows.map((r) => ...)`).
   */
  function fromDatabase(node: TSESTree.Node, s: State, depth = 0): boolean {
    if (!options.isQuery || depth > 8 || ++s.steps > MAX_STEPS) return false;
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
    if ((inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.TaggedTemplateExpression) && options.isQuery(inner)) return true;
    switch (inner.type) {
      case AST_NODE_TYPES.MemberExpression:
        return fromDatabase(inner.object, s, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const callee = inner.callee;
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        const picksElements = method === "find" || method === "findLast" || method === "at" || (method !== undefined && ELEMENT_METHODS.has(method));
        return picksElements && callee.type === AST_NODE_TYPES.MemberExpression && fromDatabase(callee.object, s, depth + 1);
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(inner);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!variable || !def || variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return false;
        if (def.type === "Variable") {
          // also destructured: `const { rows } = await pool.query(...)`, `const [row] = await tx.$queryRaw...`
          if (def.node.init) return fromDatabase(def.node.init, s, depth + 1);
          const loop = def.node.parent.parent;
          return loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent && fromDatabase(loop.right, s, depth + 1);
        }
        const iterable = def.type === "Parameter" ? iteratedBy(inner) : undefined;
        return iterable !== undefined && fromDatabase(iterable, s, depth + 1);
      }
      default:
        return false;
    }
  }

  /** The object or array literals an expression holds, through `const` bindings never mutated and nested lookups. */
  function containers(node: TSESTree.Node, s: State): (TSESTree.ObjectExpression | TSESTree.ArrayExpression)[] | undefined {
    if (++s.steps > MAX_STEPS) return undefined;
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        return [inner];
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression: {
        // `context === "inner" ? INNER_COLUMNS : OUTER_COLUMNS`
        const branches = inner.type === AST_NODE_TYPES.ConditionalExpression ? [inner.consequent, inner.alternate] : [inner.left, inner.right];
        const found = branches.map((b) => containers(b, s));
        return found.every((f) => f !== undefined) ? found.flat() : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        // Object.freeze({ ... })
        if (
          inner.callee.type === AST_NODE_TYPES.MemberExpression &&
          propertyName(inner.callee) === "freeze" &&
          isNamespace(inner.callee.object, "Object") &&
          inner.arguments[0]
        ) {
          return containers(inner.arguments[0], s);
        }
        return undefined;
      case AST_NODE_TYPES.Identifier: {
        const init = unchangedInit(inner);
        if (init) return containers(init, s);
        const iterable = iteratedBy(inner);
        return iterable ? elementContainers(iterable, s) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const values = lookup(inner, s);
        if (!values) return undefined;
        const result: (TSESTree.ObjectExpression | TSESTree.ArrayExpression)[] = [];
        for (const value of values) {
          const nested = containers(value, s);
          if (!nested) return undefined;
          result.push(...nested);
        }
        return result;
      }
      default:
        return undefined;
    }
  }

  /** The initializer of a binding that is never reassigned and whose contents are never changed. */
  function unchangedInit(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    const variable = findVariable(id);
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type !== "Variable" || def.node.id !== def.name || !def.node.init) return undefined;
    for (const ref of variable.references) {
      if (ref.identifier === def.name) continue;
      if (ref.isWrite() || ref.identifier.type !== AST_NODE_TYPES.Identifier || isMutation(ref.identifier)) return undefined;
    }
    return def.node.init;
  }

  /** `x.a = 1`, `x[k]++`, `delete x.a`, `x.push(v)`, `Object.assign(x, ...)`. */
  function isMutation(id: TSESTree.Identifier): boolean {
    const parent = id.parent;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === id &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(parent.callee) === "assign" &&
      isNamespace(parent.callee.object, "Object")
    ) {
      return true;
    }
    let current: TSESTree.Node = id;
    while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) {
      const member: TSESTree.MemberExpression = current.parent;
      const grand: TSESTree.Node = member.parent;
      if (grand.type === AST_NODE_TYPES.CallExpression && grand.callee === member) {
        const method = propertyName(member);
        return method !== undefined && MUTATING_METHODS.has(method);
      }
      if (
        (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === member) ||
        grand.type === AST_NODE_TYPES.UpdateExpression ||
        (grand.type === AST_NODE_TYPES.UnaryExpression && grand.operator === "delete")
      ) {
        return true;
      }
      current = member;
    }
    return false;
  }

  /** The values `obj[key]` / `obj.key` can take when `obj` is a constant object or array literal. */
  function lookup(node: TSESTree.MemberExpression, s: State): TSESTree.Node[] | undefined {
    const holders = containers(node.object, s);
    if (!holders) return undefined;
    const key = node.computed ? ASTUtils.getStaticValue(node.property, sourceCode.getScope(node.property)) : { value: propertyName(node) };
    const values: TSESTree.Node[] = [];
    for (const holder of holders) {
      if (holder.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of holder.elements) {
          if (element?.type === AST_NODE_TYPES.SpreadElement) return undefined;
          if (element) values.push(element);
        }
        continue;
      }
      for (const property of holder.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement || property.kind !== "init" || property.method) return undefined;
        const name = property.computed
          ? ASTUtils.getStaticValue(property.key, sourceCode.getScope(property.key))?.value
          : property.key.type === AST_NODE_TYPES.Identifier
            ? property.key.name
            : (property.key as TSESTree.Literal).value;
        if (name === undefined) return undefined;
        if (key === null || String(key.value) === String(name)) values.push(property.value);
      }
    }
    return values;
  }

  /** Provenance of every element of an iterable (an array literal, a constant array, `xs.map(cb)`, a pushed-to array). */
  function elements(node: TSESTree.Node, s: State): Flags {
    if (++s.steps > MAX_STEPS) return OPAQUE;
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ArrayExpression:
        return worst(
          inner.elements.map((e) =>
            e === null ? CONSTANT : e.type === AST_NODE_TYPES.SpreadElement ? elements(e.argument, s) : evaluate(e, s),
          ),
        );
      case AST_NODE_TYPES.ObjectExpression:
        return CONSTANT; // `Array.from({ length: n })`: holes
      case AST_NODE_TYPES.Identifier:
        return arrayBinding(inner, s);
      case AST_NODE_TYPES.CallExpression:
        return elementsOfCall(inner, s);
      case AST_NODE_TYPES.MemberExpression: {
        const values = lookup(inner, s);
        if (values) return worst(values.map((v) => elements(v, s)));
        break;
      }
      default:
        break;
    }
    return asElements(evaluate(inner, s));
  }

  /** The elements of a value with these flags: opaque when it is, and request input or free text when it is. */
  function asElements(flags: Flags): Flags {
    return flags === CONSTANT ? CONSTANT : OPAQUE | (flags & (INPUT | TEXT));
  }

  /** An array binding (`const parts = [...]`, never reassigned), for following what it holds. */
  function arrayVariable(id: TSESTree.Identifier): { variable: Variable; init: TSESTree.Expression; name: TSESTree.Node } | undefined {
    const variable = findVariable(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== "Variable" || def.node.id !== def.name || !def.node.init) return undefined;
    return { variable, init: def.node.init, name: def.name };
  }

  /**
   * What is put into an array after its initializer: `push`/`unshift`/`splice` arguments and
   * `arr[i] = v` values (spreads kept as `SpreadElement`); undefined when the array is reassigned,
   * changed another way, or handed to a function that might change it.
   */
  function additions(variable: Variable, name: TSESTree.Node): TSESTree.Node[] | undefined {
    const added: TSESTree.Node[] = [];
    for (const ref of variable.references) {
      if (ref.identifier === name) continue;
      if (ref.isWrite()) return undefined;
      const parent = ref.identifier.parent;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier) {
        const method = propertyName(parent);
        const grand = parent.parent;
        if (grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) {
          if (method === "push" || method === "unshift") added.push(...grand.arguments);
          else if (method === "splice") added.push(...grand.arguments.slice(2));
          else if (method !== undefined && MUTATING_METHODS.has(method)) return undefined;
        } else if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) {
          added.push(grand.right);
        }
      } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== ref.identifier && !isReadOnlyUse(parent)) {
        return undefined; // handed to a function that may push into it
      }
    }
    return added;
  }

  /** An array held in a binding: its initializer, plus whatever is pushed into it. */
  function arrayBinding(id: TSESTree.Identifier, s: State): Flags {
    const array = arrayVariable(id);
    if (!array) return asElements(evaluate(id, s));
    const declared = array.name.type === AST_NODE_TYPES.Identifier ? array.name.typeAnnotation?.typeAnnotation : undefined;
    if (injectionSafe && isSafeAnnotation(declared)) return CONSTANT;
    if (s.active.has(array.variable)) return CONSTANT;
    s.active.add(array.variable);
    try {
      const added = additions(array.variable, array.name);
      if (!added) return OPAQUE;
      return worst([
        elements(array.init, s),
        ...added.map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? elements(a.argument, s) : evaluate(a, s))),
      ]);
    } finally {
      s.active.delete(array.variable);
    }
  }

  /** The object or array literals the elements of an iterable are (`for (const field of FIELDS)` -> each `{ column: "..." }`). */
  function elementContainers(node: TSESTree.Node, s: State): (TSESTree.ObjectExpression | TSESTree.ArrayExpression)[] | undefined {
    if (++s.steps > MAX_STEPS) return undefined;
    const inner = unwrap(node);
    const result: (TSESTree.ObjectExpression | TSESTree.ArrayExpression)[] = [];
    const addAll = (items: readonly (TSESTree.Node | null)[]): boolean => {
      for (const item of items) {
        if (item === null) continue;
        const found = item.type === AST_NODE_TYPES.SpreadElement ? elementContainers(item.argument, s) : containers(item, s);
        if (!found) return false;
        result.push(...found);
      }
      return true;
    };
    switch (inner.type) {
      case AST_NODE_TYPES.ArrayExpression:
        return addAll(inner.elements) ? result : undefined;
      case AST_NODE_TYPES.Identifier: {
        const array = arrayVariable(inner);
        if (!array || s.active.has(array.variable)) return undefined;
        s.active.add(array.variable);
        try {
          const added = additions(array.variable, array.name);
          const initial = added && elementContainers(array.init, s);
          return initial && addAll(added) ? [...initial, ...result] : undefined;
        } finally {
          s.active.delete(array.variable);
        }
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = inner.callee;
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined || !ELEMENT_METHODS.has(method)) return undefined;
        const base = elementContainers(callee.object, s);
        if (!base) return undefined;
        for (const arg of method === "concat" ? inner.arguments : []) {
          // concat takes arrays (spread into the result) and single values
          const found = elementContainers(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, s) ?? containers(arg, s);
          if (!found) return undefined;
          result.push(...found);
        }
        return [...base, ...result];
      }
      case AST_NODE_TYPES.MemberExpression: {
        const values = lookup(inner, s);
        if (!values) return undefined;
        for (const value of values) {
          const found = elementContainers(value, s);
          if (!found) return undefined;
          result.push(...found);
        }
        return result;
      }
      default:
        return undefined;
    }
  }

  /** The iterable whose elements `id` runs over: `for (const id of xs)`, `xs.map((id) => ...)`. */
  function iteratedBy(id: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = findVariable(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def || variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
    if (def.type === "Variable" && def.node.id === def.name && !def.node.init) {
      const loop = def.node.parent.parent;
      return loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent ? loop.right : undefined;
    }
    if (def.type === "Parameter") {
      const fn = def.node as FunctionNode;
      const call = fn.parent;
      if (
        fn.params[0] === def.name &&
        call.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === fn &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        ITERATION_METHODS.has(propertyName(call.callee) ?? "")
      ) {
        return call.callee.object;
      }
    }
    return undefined;
  }

  /** Calls known not to change their array argument. */
  function isReadOnlyUse(call: TSESTree.CallExpression): boolean {
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method === "join" || method === "all" || method === "from" || method === "isArray" || method === "stringify") return true;
      // a query call receiving its parameters: `$queryRawUnsafe(sql, ...params)`, `pool.query(sql, values)`
      return method !== undefined && /^(?:\$queryRaw\w*|\$executeRaw\w*|query|execute|raw|sql)$/u.test(method);
    }
    return callee.type === AST_NODE_TYPES.Identifier && (callee.name === "String" || callee.name === "Boolean");
  }

  function elementsOfCall(node: TSESTree.CallExpression, s: State): Flags {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return OPAQUE;
    const method = propertyName(callee);
    if (method === undefined) return OPAQUE;
    const receiver = callee.object;
    if (isNamespace(receiver, "Object")) {
      const arg = node.arguments[0];
      if (!arg) return OPAQUE;
      if ((method === "keys" || method === "values") && isImportedEnum(arg)) return CONSTANT;
      if (method === "keys") return keys(arg, s);
      if (method === "values") return values(arg, s);
      if (method === "entries") return worst([keys(arg, s), values(arg, s)]);
      return OPAQUE;
    }
    if (isNamespace(receiver, "Array") && method === "from") {
      const [source, mapper] = node.arguments;
      if (!source) return OPAQUE;
      return mapper ? returns(mapper, s) : elements(source, s);
    }
    if (method === "map" || method === "flatMap") {
      const mapper = node.arguments[0];
      // `.map(Number)`, `.map(parseInt)`
      if (mapper?.type === AST_NODE_TYPES.Identifier && NUMERIC_GLOBALS.has(mapper.name) && isGlobal(mapper, mapper.name)) return numeric([], s);
      return mapper ? returns(mapper, s) : OPAQUE;
    }
    if (method === "split") return evaluate(receiver, s);
    if (ELEMENT_METHODS.has(method)) {
      const added = method === "concat" ? node.arguments : [];
      return worst([elements(receiver, s), ...added.map((a) => elements(a.type === AST_NODE_TYPES.SpreadElement ? a.argument : a, s))]);
    }
    return OPAQUE;
  }

  function keys(node: TSESTree.Node, s: State): Flags {
    const holders = containers(node, s);
    if (!holders) return OPAQUE;
    for (const holder of holders) {
      if (holder.type === AST_NODE_TYPES.ArrayExpression) continue;
      for (const property of holder.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return OPAQUE;
        if (property.computed && evaluate(property.key, s) !== CONSTANT) return OPAQUE;
      }
    }
    return CONSTANT;
  }

  function values(node: TSESTree.Node, s: State): Flags {
    const holders = containers(node, s);
    if (!holders) return OPAQUE;
    const results: Flags[] = [];
    for (const holder of holders) {
      const items = holder.type === AST_NODE_TYPES.ArrayExpression ? holder.elements : holder.properties;
      for (const item of items) {
        if (item === null) continue;
        if (item.type === AST_NODE_TYPES.SpreadElement) return OPAQUE;
        results.push(evaluate(item.type === AST_NODE_TYPES.Property ? item.value : item, s));
      }
    }
    return worst(results);
  }

  /** What a function returns: its expression body, or every `return` of its body. */
  function returns(node: TSESTree.Node, s: State): Flags {
    let fn: TSESTree.Node | undefined = unwrap(node);
    if (fn.type === AST_NODE_TYPES.Identifier) fn = localFunction(fn);
    if (!fn || !isFunction(fn) || fn.async || fn.generator) return OPAQUE;
    if (s.active.has(fn)) return CONSTANT;
    s.active.add(fn);
    try {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return evaluate(fn.body, s);
      const results: Flags[] = [];
      for (const statement of returnStatements(fn.body)) {
        results.push(statement.argument ? evaluate(statement.argument, s) : CONSTANT);
      }
      return worst(results);
    } finally {
      s.active.delete(fn);
    }
  }

  /** A function declared in this file under `id`: `function f() {}`, `const f = () => ...`. */
  function localFunction(id: TSESTree.Identifier): FunctionNode | undefined {
    const variable = findVariable(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === "FunctionName") return def.node as FunctionNode;
    if (def?.type === "Variable" && def.node.parent.kind === "const" && def.node.init) {
      const init = unwrap(def.node.init);
      return isFunction(init) ? init : undefined;
    }
    return undefined;
  }

  function call(node: TSESTree.CallExpression, s: State): Flags {
    const callee = unwrap(node.callee);
    if (injectionSafe && isEscaper(callee)) return CONSTANT;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (NUMERIC_GLOBALS.has(callee.name) && isGlobal(callee, callee.name)) return numeric(node.arguments, s);
      if (callee.name === "String" && isGlobal(callee, "String")) return node.arguments[0] ? evaluate(node.arguments[0], s) : CONSTANT;
      if (injectionSafe && isRequestReader(callee)) return OPAQUE | INPUT;
      // `decodeURIComponent(x)`: a built-in that passes its argument's text on
      if (injectionSafe && isGlobal(callee, callee.name)) return OPAQUE | (worst(node.arguments.map((a) => evaluate(a, s))) & (INPUT | TEXT));
      return returns(callee, s);
    }
    if (isFunction(callee)) return returns(callee, s);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return OPAQUE;
    const method = propertyName(callee);
    const receiver = callee.object;
    if (method === undefined) return OPAQUE;
    if (receiver.type === AST_NODE_TYPES.Identifier && NUMERIC_NAMESPACES.has(receiver.name) && isGlobal(receiver, receiver.name)) {
      return numeric(node.arguments, s);
    }
    if (method === "join") {
      const separator = node.arguments[0];
      return worst([elements(receiver, s), separator ? evaluate(separator, s) : CONSTANT]);
    }
    if (method === "toString" && node.arguments.length === 0) return evaluate(receiver, s);
    // an element of the receiver (or undefined): `Object.keys(TYPES).find((k) => k in input)`
    if (method === "find" || method === "findLast" || method === "at") return elements(receiver, s);
    if (NUMERIC_METHODS.has(method)) return numeric([receiver, ...node.arguments], s);
    if (method === "stringify" && isNamespace(receiver, "JSON")) {
      // JSON of numbers and booleans holds no quote a SQL string literal could end at
      const flags = node.arguments[0] ? evaluate(node.arguments[0], s) : CONSTANT;
      return flags === CONSTANT ? CONSTANT : flags | BUILT;
    }
    if (method === "map" || method === "flatMap" || ELEMENT_METHODS.has(method) || isNamespace(receiver, "Object") || isNamespace(receiver, "Array")) {
      return elementsOfCall(node, s);
    }
    if (PARSE_METHODS.has(method)) {
      if (injectionSafe && isTextFreeZod(zodSchema(receiver))) return CONSTANT;
      // what was parsed, as far as the schema lets text through
      return OPAQUE | (worst(node.arguments.map((a) => evaluate(a, s))) & (INPUT | TEXT));
    }
    // `json.replace(/'/g, "''")`: quotes doubled, so the text stays inside its string literal
    if (injectionSafe && doublesQuotes(node)) return CONSTANT;
    // a method of a constant value with constant arguments (`"a,b".split(",")`, `url.searchParams.get("schema")`);
    // only string methods pass their arguments' text on (`x.replace("$1", input)`)
    const receiverFlags = evaluate(receiver, s);
    const argumentFlags = worst(node.arguments.map((a) => evaluate(a, s)));
    if (TEXT_ARGUMENT_METHODS.has(method)) return receiverFlags | argumentFlags;
    return receiverFlags | (argumentFlags === CONSTANT ? CONSTANT : OPAQUE);
  }

  /** `headers()` and `cookies()` of `next/headers`: what the client sent. */
  function isRequestReader(callee: TSESTree.Identifier): boolean {
    const def = findVariable(callee)?.defs[0];
    return (
      def?.type === "ImportBinding" &&
      (def.parent as TSESTree.ImportDeclaration).source.value === "next/headers" &&
      (callee.name === "headers" || callee.name === "cookies")
    );
  }

  /** `.replace(/'/g, "''")`, `.replaceAll("'", "''")`, `.replace(/'/g, "\\'")`. */
  function doublesQuotes(node: TSESTree.CallExpression): boolean {
    const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(node.callee) : undefined;
    const [find, replacement] = node.arguments;
    if ((method !== "replace" && method !== "replaceAll") || find?.type !== AST_NODE_TYPES.Literal || replacement?.type !== AST_NODE_TYPES.Literal) return false;
    const everyQuote = "regex" in find && find.regex ? find.regex.pattern === "'" && find.regex.flags.includes("g") : method === "replaceAll" && find.value === "'";
    return everyQuote && (replacement.value === "''" || replacement.value === "\\'");
  }

  /** A Zod schema through the `const` it is bound to. */
  function zodSchema(node: TSESTree.Node): TSESTree.Node {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Identifier ? unwrap(unchangedInit(inner) ?? inner) : inner;
  }

  /** The result of parsing with a schema whose output is no text: `z.enum(["ASC", "DESC"]).safeParse(x)`. */
  function isTextFreeParse(node: TSESTree.Node): boolean {
    let inner = zodSchema(node);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    return PARSE_METHODS.has(propertyName(inner.callee) ?? "") && isTextFreeZod(zodSchema(inner.callee.object));
  }

  /**
   * SQL escaping helpers, by name: `escape`, `escapeLiteral`, `escapeIdentifier` (pg, mysql),
   * `quoteIdent`, `pgQuoteLiteral`, pg-format's `format.ident`/`format.literal`, and project helpers
   * that return a quoted identifier or literal (`appSchemaIdent(slug)`).
   */
  function isEscaper(callee: TSESTree.Node): boolean {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    return name !== undefined && ESCAPER_NAME.test(name);
  }

  function construct(node: TSESTree.NewExpression, s: State): Flags {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.Identifier) return OPAQUE;
    // a Date prints as digits, letters and punctuation, never quotes
    if (isGlobal(callee, "Date")) return injectionSafe ? CONSTANT : numeric(node.arguments, s);
    if (isGlobal(callee, "URL") || isGlobal(callee, "URLSearchParams")) return worst(node.arguments.map((a) => evaluate(a, s)));
    return OPAQUE;
  }

  function analyze(node: TSESTree.Node): Flags {
    let result = cache.get(node);
    if (result === undefined) {
      result = evaluate(node, { steps: 0, active: new Set() });
      cache.set(node, result);
    }
    return result;
  }

  return {
    provenance: (node) => provenanceOf(analyze(node)),
    isConstant: (node) => analyze(node) === CONSTANT,
    isInjectable: (node, context) => isRiskySplice(analyze(node), context),
  };
}

/** Does running `node` always leave the enclosing block (`throw`, `return`, `continue`, `break`)? */
function alwaysExits(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return node.body.length > 0 && alwaysExits(node.body.at(-1)!);
    case AST_NODE_TYPES.IfStatement:
      return node.alternate !== null && alwaysExits(node.consequent) && alwaysExits(node.alternate);
    case AST_NODE_TYPES.ExpressionStatement: {
      // `notFound()`, `redirect("/")`, `process.exit(1)`: Next.js and Node calls that never return
      const expression = node.expression.type === AST_NODE_TYPES.AwaitExpression ? node.expression.argument : node.expression;
      if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = expression.callee;
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
      return name === "notFound" || name === "redirect" || name === "exit";
    }
    default:
      return false;
  }
}

/** The identifier a member chain starts from: `input` of `input.entity.type`. */
function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** The `return` statements of a function body, not those of nested functions. */
function returnStatements(body: TSESTree.BlockStatement): TSESTree.ReturnStatement[] {
  const found: TSESTree.ReturnStatement[] = [];
  const stack: TSESTree.Node[] = [...body.body];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        found.push(node);
        break;
      case AST_NODE_TYPES.BlockStatement:
        stack.push(...node.body);
        break;
      case AST_NODE_TYPES.IfStatement:
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        for (const c of node.cases) stack.push(...c.consequent);
        break;
      case AST_NODE_TYPES.TryStatement:
        stack.push(node.block);
        if (node.handler) stack.push(node.handler.body);
        if (node.finalizer) stack.push(node.finalizer);
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.LabeledStatement:
        stack.push(node.body);
        break;
      default:
        break;
    }
  }
  return found;
}
