/**
 * Raw SQL helpers that are not queries themselves: `Prisma.raw(text)`, Drizzle's and Kysely's
 * `sql.raw(text)` splice their argument into SQL unescaped. (Queries, raw or not, are
 * `db-queries.ts`' business.) Plus a look at SQL text around a template's interpolations.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { propertyName, type FunctionNode } from "../util/ast.js";
import { constInitializer } from "../util/bindings.js";
import type { DbQuery } from "./db-queries.js";
import { getRequestBoundaries } from "./request-boundary.js";

export interface RawSqlFragment {
  /** How the code names the helper, for messages: `Prisma.raw`, `sql.raw`. */
  api: string;
  library: "prisma" | "drizzle" | "kysely";
  /** The SQL text argument (undefined when absent or spread). */
  text: TSESTree.Expression | undefined;
}

/** `Prisma.raw(x)` with `Prisma` imported from a Prisma client; `sql.raw(x)` with `sql` imported (Drizzle, Kysely). */
export function rawSqlFragment(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): RawSqlFragment | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (propertyName(callee) !== "raw") return undefined;
  const object = callee.object;
  const imported = importOf(sourceCode, object);
  if (!imported) return undefined;
  const arg = call.arguments[0];
  const text = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined;
  if (imported.name === "Prisma") return { api: `${object.name}.raw`, library: "prisma", text };
  if (imported.name === "sql") {
    return { api: `${object.name}.raw`, library: imported.source === "kysely" ? "kysely" : "drizzle", text };
  }
  return undefined;
}

function importOf(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): { source: string; name: string } | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(id), id)?.defs[0];
  if (def?.type === "ImportBinding" && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = def.node.imported;
    return {
      source: (def.parent as TSESTree.ImportDeclaration).source.value,
      name: imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value,
    };
  }
  // const { Prisma } = require("@prisma/client")
  if (def?.type === "Variable" && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    const init = def.node.init;
    if (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === "require" &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      typeof init.arguments[0].value === "string"
    ) {
      for (const property of def.node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value === def.name) {
          const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
          return { source: init.arguments[0].value, name: key };
        }
      }
    }
  }
  return undefined;
}

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "filename" | "sourceCode">>;

/**
 * Which parameters hold request input: the request of a route handler, Pages/Express handler or
 * middleware (a parameter named `req`/`request` anywhere), route params, a server action's arguments
 * (`raw`: a client can send anything); tRPC's `input` and next-safe-action's `parsedInput` (`validated`:
 * the framework ran its schema, which may still let free text through).
 */
export function createRequestInputTest(context: Context): (name: TSESTree.Identifier, fn: FunctionNode) => "raw" | "validated" | undefined {
  return (name, fn) => {
    const boundary = getRequestBoundaries(context).boundaryOf(fn);
    if (boundary) {
      const bindings = boundary.bindings;
      if (bindings.request === name || bindings.params?.node === name) return "raw";
      if (bindings.parsedInput === name) return "validated";
      const within = (node: TSESTree.Node | undefined): boolean => node !== undefined && node.range[0] <= name.range[0] && name.range[1] <= node.range[1];
      if (within(bindings.paramPattern) || bindings.inputs.some(within)) return "raw";
    }
    return /^(?:req|request)$/u.test(name.name) && fn.params.includes(name) ? "raw" : undefined;
  };
}

/**
 * Where a `Prisma.raw(x)` / `sql.raw(x)` call stands: inside the template it is spliced into (a raw
 * fragment between quotes is inside a string literal), or a fragment of its own.
 */
export function rawCallContext(call: TSESTree.CallExpression): SpliceContext {
  const template = call.parent;
  if (template.type !== AST_NODE_TYPES.TemplateLiteral) return "fragment";
  const index = template.expressions.indexOf(call);
  if (index < 0) return "fragment";
  let before = "";
  for (let i = 0; i <= index; i++) {
    before += template.quasis[i]!.value.cooked ?? "";
    if (i < index) before += SPLICE_PLACEHOLDER;
  }
  const after = template.quasis[index + 1]?.value.cooked ?? "";
  return spliceContext(before, after);
}

/** Tokens after which an interpolation stands where SQL expects a value, so a bind parameter can take its place. */
const VALUE_CONTEXT = /(?:<>|!=|<=|>=|=|<|>|\b(?:i?like|limit|offset))$/iu;

/**
 * Whether every interpolation of `template` (SQL text) stands where a value goes: after a
 * comparison operator, `LIKE`, `LIMIT` or `OFFSET`, outside quotes, and not glued to a longer
 * token. There a bind parameter means the same as the spliced text; anywhere else (an identifier,
 * `IN (...)`, inside `'%...%'`) turning it into a parameter changes what the query does.
 */
export function interpolationsAreValues(template: TSESTree.TemplateLiteral): boolean {
  let before = "";
  for (let i = 0; i < template.expressions.length; i++) {
    before += template.quasis[i]!.value.cooked ?? "";
    if (!outsideQuotes(before) || !VALUE_CONTEXT.test(before.trimEnd())) return false;
    const after = template.quasis[i + 1]!.value.cooked ?? "";
    if (after !== "" && !/^[\s),;:]/u.test(after)) return false;
    before += "?";
  }
  return true;
}

/**
 * What a spliced value stands for in the SQL text around it:
 * - `quoted`: inside a string literal (`'%${q}%'`): any quote in the value ends the literal;
 * - `identifier`: a table, column or schema name (`"${table}"`, `${schema}.kv`, `FROM ${t}`, `pk_${t}`);
 * - `value`: where SQL expects a value or a keyword (`= ${id}`, `IN (${ids})`, `LIMIT ${n}`, `${col} ${dir}`);
 * - `fragment`: a clause or a whole statement (`WHERE ${where}`, `AND ${condition}`, `$queryRawUnsafe(sql)`).
 */
export type SpliceContext = "quoted" | "identifier" | "value" | "fragment";

/** Stands for an earlier splice in the text before a splice: it reads as part of a word. */
export const SPLICE_PLACEHOLDER = "\u0001";

const WORD_END = /[\w$.\u0001]$/u;
const WORD_START = /^[\w$.\u0001]/u;
/** Keywords after which a name follows. */
const BEFORE_IDENTIFIER = /\b(?:from|join|into|update|table|by|as|schema|index|view|sequence|exists|only|column|constraint|trigger|function|type|extension|role|user|database|references|truncate|using)\s*$/iu;
/** `FROM "Post" ${alias}`: a table's alias. */
const AFTER_TABLE = /\b(?:from|join|update|into)\s+[^\s,()]+\s+$/iu;
/** Operators and keywords after which a value follows. */
const BEFORE_VALUE = /(?:<>|!=|<=|>=|=|<|>|\(|,|\[|\|\||[-+*/%])\s*$|\b(?:i?like|limit|offset|in|values|between|interval|then|else|when|escape|any|all|some|is|not)\s*$/iu;
/** Words that start or join clauses: a splice after them is a clause of its own. */
const CLAUSE_WORD = /\b(?:select|where|and|or|on|set|having|with|returning|case|end|distinct|union|intersect|except|order|group|window|partition|over|lateral|cross|inner|left|right|full|outer|natural|do|nothing|conflict|begin|commit|explain|analyze|delete|insert|create|alter|drop|grant|revoke|default)\s*$/iu;

/**
 * The context of a splice, from the SQL text before it (earlier splices as `SPLICE_PLACEHOLDER`) and the
 * text right after it.
 */
export function spliceContext(before: string, after: string): SpliceContext {
  const open = openQuote(before);
  if (open === "'" || open === "--" || open === "/*") return "quoted";
  if (open !== undefined) return "identifier";
  if (WORD_END.test(before) || WORD_START.test(after)) return "identifier";
  if (BEFORE_IDENTIFIER.test(before) || AFTER_TABLE.test(before)) return "identifier";
  if (BEFORE_VALUE.test(before)) return "value";
  // `${column} ${direction}`, `COUNT(*) ${operator}`: a word or `)` then a keyword or operator slot
  if (/[\w"\u0001)]\s+$/u.test(before) && !CLAUSE_WORD.test(before)) return "value";
  return "fragment";
}

/**
 * A pattern that every string it fully matches is safe to splice anywhere: anchored at both ends
 * (without the `m` flag), no top-level alternation, and only letters, digits, `_`, `-` and `.`
 * (`/^[a-z_]+$/`, `/^WebhookDelivery_\d{4}_\d{2}_\d{2}$/`, `/^[\w-]+$/i`).
 */
export function isStrictPattern(pattern: string, flags: string): boolean {
  if (flags.includes("m") || !pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) return false;
  const body = pattern.slice(1, -1);
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      const next = body[++i];
      if (next === undefined || !/[dw._-]/u.test(next)) return false;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      else if (!/[\w.-]/u.test(c)) return false;
      continue;
    }
    if (c === "[") {
      if (body[i + 1] === "^") return false;
      inClass = true;
    } else if (c === "(") {
      depth++;
      if (body[i + 1] === "?") {
        if (body[i + 2] !== ":") return false;
        i += 2;
      }
    } else if (c === ")") {
      depth--;
    } else if (c === "|") {
      if (depth === 0) return false;
    } else if (c === "{") {
      const close = body.indexOf("}", i);
      if (close < 0 || !/^\{\d+(?:,\d*)?\}$/u.test(body.slice(i, close + 1))) return false;
      i = close;
    } else if (!/[\w+*?-]/u.test(c)) {
      // `.` matches anything, `$`/`^` inside, quotes and spaces are not name characters
      return false;
    }
  }
  return depth === 0 && !inClass;
}

/** No string literal, quoted identifier or comment is open at the end of `sql`. */
function outsideQuotes(sql: string): boolean {
  return openQuote(sql) === undefined;
}

/** The quote or comment open at the end of `sql`: `'`, `"`, `` ` ``, `--`, `/*`, or undefined. */
function openQuote(sql: string): string | undefined {
  let open: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (open === "--") {
      if (c === "\n") open = undefined;
    } else if (open === "/*") {
      if (c === "*" && sql[i + 1] === "/") {
        open = undefined;
        i++;
      }
    } else if (open !== undefined) {
      if (c === open) open = undefined; // a doubled quote closes and reopens: same parity
    } else if (c === "'" || c === '"' || c === "`") {
      open = c;
    } else if (c === "-" && sql[i + 1] === "-") {
      open = "--";
      i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      open = "/*";
      i++;
    }
  }
  return open;
}

/**
 * The SQL text a raw query runs, when the code passes it as a value: the first argument of
 * `$executeRawUnsafe(text)`, `$queryRawUnsafe(text)`, `pool.query(text)`, `db.execute(text)`; the template
 * of a tagged one (`` $executeRaw`...` ``). Undefined for the other queries.
 */
export function rawQueryText(query: DbQuery): TSESTree.Node | undefined {
  if (query.kind !== "raw") return undefined;
  if (query.node.type === AST_NODE_TYPES.TaggedTemplateExpression) return query.node.quasi;
  const text = query.args[0];
  return text && text.type !== AST_NODE_TYPES.SpreadElement ? text : undefined;
}

/** DDL: the statement's first keyword (after comments) changes the schema, not rows. */
const SCHEMA_CHANGE = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(?:create|alter|drop|truncate|grant|revoke|comment\s+on|rename)\b/iu;

/**
 * Does the raw query change the schema (`CREATE TABLE`, `ALTER TABLE ... ADD COLUMN`, `DROP INDEX`) rather
 * than read or write rows? Its text starts with a DDL keyword, or a schema builder made it
 * (`knex.schema.alterTable(...).toQuery()`, Kysely's `db.schema.createTable(...)`), directly or through a `const`.
 */
export function changesSchema(query: DbQuery, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = rawQueryText(query);
  return text !== undefined && isSchemaChangeText(text, sourceCode, 0);
}

function isSchemaChangeText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (depth > 3) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === "string" && SCHEMA_CHANGE.test(node.value);
    case AST_NODE_TYPES.TemplateLiteral:
      return SCHEMA_CHANGE.test(node.quasis[0]?.value.cooked ?? "");
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(sourceCode, node);
      return init !== undefined && isSchemaChangeText(init, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.MemberExpression:
      return madeBySchemaBuilder(node);
    default:
      return false;
  }
}

/** A call chain that passes through a `.schema` builder: `this.knex.schema.alterTable(t, ...).toQuery()`. */
export function madeBySchemaBuilder(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = node; ; ) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (propertyName(current) === "schema") return true;
      current = current.object;
    } else return false;
  }
}
