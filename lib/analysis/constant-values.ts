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
 * With `injectionSafe`, values that cannot carry text chosen by a user count as constant too:
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

export type Provenance = "constant" | "built" | "opaque";

export interface ConstantEvaluatorOptions {
  /** Count runtime numbers, booleans, dates and deployment configuration (`process.env`) as constant. */
  injectionSafe?: boolean;
}

export interface ConstantEvaluator {
  /** Where the value of `node` comes from (see the module docs). */
  provenance(node: TSESTree.Node): Provenance;
  /** `provenance(node) === "constant"`. */
  isConstant(node: TSESTree.Node): boolean;
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
const SCREAMING_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/u;

const ORDER: Record<Provenance, number> = { constant: 0, opaque: 1, built: 2 };

/** The least constant of several alternatives. */
function worst(results: Iterable<Provenance>): Provenance {
  let result: Provenance = "constant";
  for (const r of results) if (ORDER[r] > ORDER[result]) result = r;
  return result;
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
  const cache = new Map<TSESTree.Node, Provenance>();

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
  function numeric(parts: readonly TSESTree.Node[], s: State): Provenance {
    if (injectionSafe) return "constant";
    return parts.length > 0 && parts.every((p) => evaluate(p, s) === "constant") ? "constant" : "opaque";
  }

  function concat(parts: readonly TSESTree.Node[], s: State): Provenance {
    return parts.every((p) => evaluate(p, s) === "constant") ? "constant" : "built";
  }

  function evaluate(node: TSESTree.Node, s: State): Provenance {
    if (++s.steps > MAX_STEPS) return "opaque";
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return "constant";
      case AST_NODE_TYPES.TemplateLiteral:
        return concat(node.expressions, s);
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === "+") return concat([node.left, node.right], s);
        return node.left.type === AST_NODE_TYPES.PrivateIdentifier ? numeric([node.right], s) : numeric([node.left, node.right], s);
      case AST_NODE_TYPES.UnaryExpression:
        // `typeof x` is one of eight fixed words; `void x` is undefined
        if (node.operator === "typeof" || node.operator === "void") return "constant";
        return numeric([node.argument], s);
      case AST_NODE_TYPES.UpdateExpression:
        return numeric([node.argument], s);
      case AST_NODE_TYPES.ConditionalExpression:
        return worst([branch(node, true, s), branch(node, false, s)]);
      case AST_NODE_TYPES.LogicalExpression:
        return worst([evaluate(node.left, s), evaluate(node.right, s)]);
      case AST_NODE_TYPES.SequenceExpression:
        return evaluate(node.expressions.at(-1)!, s);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === "=" ? evaluate(node.right, s) : "opaque";
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
        return "opaque";
    }
  }

  /**
   * A branch of `?:`, where an allow-list test vouches for the value it tested:
   * `ALLOWED.includes(sort) ? sort : "id"`, `sort in SORT ? sort : "id"`.
   */
  function branch(node: TSESTree.ConditionalExpression, taken: boolean, s: State): Provenance {
    const value = taken ? node.consequent : node.alternate;
    let test = unwrap(node.test);
    let positive = true;
    while (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
      positive = !positive;
      test = unwrap(test.argument);
    }
    if (positive === taken) {
      const checked = allowListed(test, s);
      if (checked && sourceCode.getText(unwrap(checked)) === sourceCode.getText(unwrap(value))) return "constant";
    }
    return evaluate(value, s);
  }

  /** The value an allow-list test vouches for: `x` of `LIST.includes(x)`, `SET.has(x)`, `x in OBJ`. */
  function allowListed(test: TSESTree.Node, s: State): TSESTree.Node | undefined {
    if (test.type === AST_NODE_TYPES.BinaryExpression && test.operator === "in" && test.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      return keys(test.right, s) === "constant" ? test.left : undefined;
    }
    if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(test.callee);
    const arg = test.arguments[0];
    if ((method !== "includes" && method !== "has") || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return elements(setSource(test.callee.object), s) === "constant" ? arg : undefined;
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
  function orByType(node: TSESTree.Node, result: Provenance): Provenance {
    if (result === "constant" || !injectionSafe) return result;
    const services = sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return result;
    const type = services.program.getTypeChecker().getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((t) => (t.flags & SAFE_TYPE_FLAGS) !== 0) ? "constant" : result;
  }

  function identifier(id: TSESTree.Identifier, s: State): Provenance {
    const variable = findVariable(id);
    // built-in globals: `undefined`, `NaN`, `Infinity`
    if (!variable || variable.defs.length === 0) return ASTUtils.getStaticValue(id, sourceCode.getScope(id)) ? "constant" : "opaque";
    if (s.active.has(variable)) return "constant";
    // `let userId: number | undefined`, `(ids: number | number[]) => { ids = [ids]; ... }`: the
    // declared type vouches for every write
    if (injectionSafe && hasTextFreeDeclaredType(variable)) return "constant";
    s.active.add(variable);
    try {
      const results: Provenance[] = [];
      for (const def of variable.defs) {
        results.push(definition(def, s));
        if (results.at(-1) === "built") return "built";
      }
      for (const ref of variable.references) {
        if (!ref.isWrite() || variable.defs.some((d) => d.name === ref.identifier)) continue;
        results.push(ref.identifier.type === AST_NODE_TYPES.Identifier ? write(ref.identifier, s) : "opaque");
      }
      return worst(results);
    } finally {
      s.active.delete(variable);
    }
  }

  function definition(def: TSESLint.Scope.Definition, s: State): Provenance {
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
          return destructured && result !== "constant" ? "opaque" : result;
        }
        if (loop.type === AST_NODE_TYPES.ForInStatement && loop.left === declarator.parent) return keys(loop.right, s);
        return "constant"; // `let x;` is undefined until written
      }
      case "Parameter":
        // the strings of a tagged template are source text: `function ifDetails(sql: TemplateStringsArray)`
        if (isTemplateStrings(def.name)) return "constant";
        if (injectionSafe && isTextFreeParameter(def.node as FunctionNode, def.name as TSESTree.Identifier)) return "constant";
        return parameter(def.node as FunctionNode, def.name as TSESTree.Identifier, s);
      case "ImportBinding":
        // `import { MAX_ROWS } from "./constants"`: a SCREAMING_CASE export is a constant by convention
        if (def.name.type === AST_NODE_TYPES.Identifier && SCREAMING_CASE.test(def.name.name)) return "constant";
        return injectionSafe && isEnvImport(def) ? "constant" : "opaque";
      default:
        return "opaque";
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
  function returnTypeMember(node: TSESTree.MemberExpression, s: State): Provenance | undefined {
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
    const results: Provenance[] = [];
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
  function destructuredValue(declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier, s: State): Provenance {
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
    if (key !== undefined && injectionSafe && isTextFreeZod(zodField(init, key))) return "constant";
    if (key !== undefined) {
      const objects = returnedObjects(init, s);
      if (objects) {
        const results: Provenance[] = [];
        for (const object of objects) {
          const found = object.properties.filter(
            (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === key,
          );
          if (found.length === 0 && object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return "opaque";
          for (const p of found) results.push(p.kind === "init" && !p.method ? evaluate(p.value, s) : "opaque");
        }
        if (property?.value.type === AST_NODE_TYPES.AssignmentPattern) results.push(evaluate(property.value.right, s));
        return worst(results);
      }
    }
    return evaluate(init, s) === "constant" ? "constant" : "opaque";
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
      if (method === "uuid" || method === "cuid" || method === "cuid2" || method === "ulid") formatted = true;
      else if (method === undefined || !ZOD_REFINEMENTS.has(method)) return false;
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

  function write(id: TSESTree.Identifier, s: State): Provenance {
    const parent = id.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === id) {
      switch (parent.operator) {
        case "=":
        case "??=":
        case "||=":
        case "&&=":
          return evaluate(parent.right, s);
        case "+=":
          return concat([parent.right], s);
        default:
          return numeric([parent.right], s);
      }
    }
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return numeric([], s);
    if ((parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === id) {
      return parent.type === AST_NODE_TYPES.ForOfStatement ? elements(parent.right, s) : keys(parent.right, s);
    }
    return "opaque"; // destructuring assignment and the like
  }

  /** A parameter: of a callback iterating a collection, or of a local function called with constants. */
  function parameter(fn: FunctionNode, name: TSESTree.Identifier, s: State): Provenance {
    const index = fn.params.findIndex(
      (p) => p === name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === name),
    );
    if (index < 0) return "opaque";
    const param = fn.params[index]!;
    const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined;

    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(parent.callee);
      if (parent.arguments[0] === fn && method !== undefined && ITERATION_METHODS.has(method)) {
        if (index === 0) return elements(parent.callee.object, s);
        return index === 1 ? numeric([], s) : "opaque";
      }
      if (parent.arguments[1] === fn && method === "from" && isNamespace(parent.callee.object, "Array")) {
        if (index === 0) return elements(parent.arguments[0]!, s);
        return index === 1 ? numeric([], s) : "opaque";
      }
    }

    const binding = functionBinding(fn);
    const variable = binding && findVariable(binding);
    if (!variable || isExported(fn)) return "opaque";
    {
      const results: Provenance[] = [];
      if (fallback) results.push(evaluate(fallback, s));
      let calls = 0;
      for (const ref of variable.references) {
        if (ref.identifier === binding) continue;
        const call = ref.identifier.parent;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) return "opaque";
        const spread = call.arguments.findIndex((a) => a.type === AST_NODE_TYPES.SpreadElement);
        if (spread >= 0 && spread <= index) return "opaque";
        const arg = call.arguments[index];
        results.push(arg ? evaluate(arg, s) : "constant");
        calls++;
      }
      return calls === 0 ? "opaque" : worst(results);
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

  function member(node: TSESTree.MemberExpression, s: State): Provenance {
    if (injectionSafe && isDeploymentConfig(node)) return "constant";
    // `input.modelId` with `const input = schema.parse(req.body)` and `modelId: z.number()`
    if (injectionSafe && !node.computed && isTextFreeZod(zodField(node.object, propertyName(node)))) return "constant";
    // `options.limit` with `options: { limit?: number }` (or a type of this file)
    if (injectionSafe && isSafeAnnotation(declaredMemberType(node))) return "constant";
    // `opts.timeoutMs` with `opts: ReturnType<typeof parseArgs>`: what the local function puts there
    const returned = returnTypeMember(node, s);
    if (returned === "constant") return "constant";
    if (isEnumMember(node)) return "constant";
    const values = lookup(node, s);
    if (values) return worst(values.map((v) => evaluate(v, s)));
    const name = node.computed ? undefined : propertyName(node);
    if (name === "length" || name === "size") return numeric([node.object], s);
    // a property of a constant value (`new URL(process.env.DATABASE_URL).searchParams`)
    if (evaluate(node.object, s) === "constant" && (!node.computed || evaluate(node.property, s) === "constant")) return "constant";
    return "opaque";
  }

  /** The object or array literals an expression holds, through `const` bindings never mutated and nested lookups. */
  function containers(node: TSESTree.Node, s: State): (TSESTree.ObjectExpression | TSESTree.ArrayExpression)[] | undefined {
    if (++s.steps > MAX_STEPS) return undefined;
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        return [inner];
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
  function elements(node: TSESTree.Node, s: State): Provenance {
    if (++s.steps > MAX_STEPS) return "opaque";
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ArrayExpression:
        return worst(
          inner.elements.map((e) =>
            e === null ? "constant" : e.type === AST_NODE_TYPES.SpreadElement ? elements(e.argument, s) : evaluate(e, s),
          ),
        );
      case AST_NODE_TYPES.ObjectExpression:
        return "constant"; // `Array.from({ length: n })`: holes
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
    return evaluate(inner, s) === "constant" ? "constant" : "opaque";
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
  function arrayBinding(id: TSESTree.Identifier, s: State): Provenance {
    const array = arrayVariable(id);
    if (!array) return evaluate(id, s) === "constant" ? "constant" : "opaque";
    const declared = array.name.type === AST_NODE_TYPES.Identifier ? array.name.typeAnnotation?.typeAnnotation : undefined;
    if (injectionSafe && isSafeAnnotation(declared)) return "constant";
    if (s.active.has(array.variable)) return "constant";
    s.active.add(array.variable);
    try {
      const added = additions(array.variable, array.name);
      if (!added) return "opaque";
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

  function elementsOfCall(node: TSESTree.CallExpression, s: State): Provenance {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return "opaque";
    const method = propertyName(callee);
    if (method === undefined) return "opaque";
    const receiver = callee.object;
    if (isNamespace(receiver, "Object")) {
      const arg = node.arguments[0];
      if (!arg) return "opaque";
      if ((method === "keys" || method === "values") && isImportedEnum(arg)) return "constant";
      if (method === "keys") return keys(arg, s);
      if (method === "values") return values(arg, s);
      if (method === "entries") return worst([keys(arg, s), values(arg, s)]);
      return "opaque";
    }
    if (isNamespace(receiver, "Array") && method === "from") {
      const [source, mapper] = node.arguments;
      if (!source) return "opaque";
      return mapper ? returns(mapper, s) : elements(source, s);
    }
    if (method === "map" || method === "flatMap") {
      const mapper = node.arguments[0];
      // `.map(Number)`, `.map(parseInt)`
      if (mapper?.type === AST_NODE_TYPES.Identifier && NUMERIC_GLOBALS.has(mapper.name) && isGlobal(mapper, mapper.name)) return numeric([], s);
      return mapper ? returns(mapper, s) : "opaque";
    }
    if (method === "split") return evaluate(receiver, s);
    if (ELEMENT_METHODS.has(method)) {
      const added = method === "concat" ? node.arguments : [];
      return worst([elements(receiver, s), ...added.map((a) => elements(a.type === AST_NODE_TYPES.SpreadElement ? a.argument : a, s))]);
    }
    return "opaque";
  }

  function keys(node: TSESTree.Node, s: State): Provenance {
    const holders = containers(node, s);
    if (!holders) return "opaque";
    for (const holder of holders) {
      if (holder.type === AST_NODE_TYPES.ArrayExpression) continue;
      for (const property of holder.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return "opaque";
        if (property.computed && evaluate(property.key, s) !== "constant") return "opaque";
      }
    }
    return "constant";
  }

  function values(node: TSESTree.Node, s: State): Provenance {
    const holders = containers(node, s);
    if (!holders) return "opaque";
    const results: Provenance[] = [];
    for (const holder of holders) {
      const items = holder.type === AST_NODE_TYPES.ArrayExpression ? holder.elements : holder.properties;
      for (const item of items) {
        if (item === null) continue;
        if (item.type === AST_NODE_TYPES.SpreadElement) return "opaque";
        results.push(evaluate(item.type === AST_NODE_TYPES.Property ? item.value : item, s));
      }
    }
    return worst(results);
  }

  /** What a function returns: its expression body, or every `return` of its body. */
  function returns(node: TSESTree.Node, s: State): Provenance {
    let fn: TSESTree.Node | undefined = unwrap(node);
    if (fn.type === AST_NODE_TYPES.Identifier) fn = localFunction(fn);
    if (!fn || !isFunction(fn) || fn.async || fn.generator) return "opaque";
    if (s.active.has(fn)) return "constant";
    s.active.add(fn);
    try {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return evaluate(fn.body, s);
      const results: Provenance[] = [];
      for (const statement of returnStatements(fn.body)) {
        results.push(statement.argument ? evaluate(statement.argument, s) : "constant");
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

  function call(node: TSESTree.CallExpression, s: State): Provenance {
    const callee = unwrap(node.callee);
    if (injectionSafe && isEscaper(callee)) return "constant";
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (NUMERIC_GLOBALS.has(callee.name) && isGlobal(callee, callee.name)) return numeric(node.arguments, s);
      if (callee.name === "String" && isGlobal(callee, "String")) return node.arguments[0] ? evaluate(node.arguments[0], s) : "constant";
      return returns(callee, s);
    }
    if (isFunction(callee)) return returns(callee, s);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return "opaque";
    const method = propertyName(callee);
    const receiver = callee.object;
    if (method === undefined) return "opaque";
    if (receiver.type === AST_NODE_TYPES.Identifier && NUMERIC_NAMESPACES.has(receiver.name) && isGlobal(receiver, receiver.name)) {
      return numeric(node.arguments, s);
    }
    if (method === "join") {
      const separator = node.arguments[0];
      return worst([elements(receiver, s), separator ? evaluate(separator, s) : "constant"]);
    }
    if (method === "toString" && node.arguments.length === 0) return evaluate(receiver, s);
    // an element of the receiver (or undefined): `Object.keys(TYPES).find((k) => k in input)`
    if (method === "find" || method === "findLast" || method === "at") return elements(receiver, s);
    if (NUMERIC_METHODS.has(method)) return numeric([receiver, ...node.arguments], s);
    if (method === "map" || method === "flatMap" || ELEMENT_METHODS.has(method) || isNamespace(receiver, "Object") || isNamespace(receiver, "Array")) {
      return elementsOfCall(node, s);
    }
    // a method of a constant value with constant arguments (`"a,b".split(",")`, `url.searchParams.get("schema")`)
    return worst([evaluate(receiver, s), ...node.arguments.map((a) => evaluate(a, s))]);
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

  function construct(node: TSESTree.NewExpression, s: State): Provenance {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.Identifier) return "opaque";
    // a Date prints as digits, letters and punctuation, never quotes
    if (isGlobal(callee, "Date")) return injectionSafe ? "constant" : numeric(node.arguments, s);
    if (isGlobal(callee, "URL") || isGlobal(callee, "URLSearchParams")) return worst(node.arguments.map((a) => evaluate(a, s)));
    return "opaque";
  }

  function provenance(node: TSESTree.Node): Provenance {
    let result = cache.get(node);
    if (result === undefined) {
      result = evaluate(node, { steps: 0, active: new Set() });
      cache.set(node, result);
    }
    return result;
  }

  return { provenance, isConstant: (node) => provenance(node) === "constant" };
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
