/**
 * Raw SQL helpers that are not queries themselves: `Prisma.raw(text)`, Drizzle's and Kysely's
 * `sql.raw(text)` splice their argument into SQL unescaped. (Queries, raw or not, are
 * `db-queries.ts`' business.) Plus a look at SQL text around a template's interpolations.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { propertyName } from "../util/ast.js";

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

/** No string literal, quoted identifier or comment is open at the end of `sql`. */
function outsideQuotes(sql: string): boolean {
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
  return open === undefined;
}
