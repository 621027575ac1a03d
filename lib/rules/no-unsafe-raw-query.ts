import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts, mentions } from "../analysis/file-facts.js";
import { createConstantEvaluator, type ConstantEvaluator } from "../analysis/constant-values.js";
import { createRequestInputTest, interpolationsAreValues, rawCallContext, rawSqlFragment } from "../analysis/raw-sql.js";

export type Options = [];
export type MessageIds = "unsafeRawCall" | "unsafePgQuery" | "unsafeRawFragment" | "useTaggedTemplate";

/** Prisma's string-taking raw methods and their tagged-template twins. */
const TAGGED_TWIN: ReadonlyMap<string, string> = new Map([
  ["$queryRawUnsafe", "$queryRaw"],
  ["$executeRawUnsafe", "$executeRaw"],
]);

/** `rawSqlFragment`'s method name: a file without it calls no `Prisma.raw` / `sql.raw`. */
const RAW_WORDS = ["raw"];

export default createRule<Options, MessageIds>({
  name: "no-unsafe-raw-query",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow raw SQL built from values that are not constant",
      recommended: "recommended",
    },
    hasSuggestions: true,
    languages: ["js/js"],
    schema: [],
    messages: {
      unsafeRawCall:
        "This SQL text is not a constant, so `{{method}}` runs whatever it contains and a crafted value can inject SQL. Use `{{twin}}` as a tagged template (interpolated values become parameters) or `$1` placeholders with the values as extra arguments, and take table or column names from a constant allow-list.",
      unsafePgQuery:
        "This SQL text is built by splicing in values, so a crafted value can inject SQL. Use `$1` placeholders and pass the values as the second argument: `query(\"... WHERE id = $1\", [id])`.",
      unsafeRawFragment:
        "`{{api}}` inserts its argument into the SQL unescaped, and this argument is not a constant, so a crafted value can inject SQL. Interpolate values into the `{{tag}}` template instead (they become parameters), and take identifiers from a constant allow-list such as `{{api}}(SORT_COLUMNS[sort])`.",
      useTaggedTemplate: "Use `{{twin}}` as a tagged template, so the interpolated values are sent as parameters.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    // made on first use: most files never call a raw SQL API
    const facts = fileFacts(context);
    // the `$queryRawUnsafe` and `query` cases are queries the detector knows; the `raw` case is `Prisma.raw`/`sql.raw`
    if (!facts.mayQueryDatabase && !mentions(context, RAW_WORDS)) return {};
    let evaluatorInstance: ConstantEvaluator | undefined;
    const detector = () => facts.queries;
    const evaluator = () =>
      (evaluatorInstance ??= createConstantEvaluator(sourceCode, {
        injectionSafe: true,
        requestInput: createRequestInputTest(context),
        isQuery: (node) => (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) && detector().queryAt(node) !== undefined,
      }));
    const literalEvaluator = () => facts.constants();

    /** The SQL text of a node-postgres call: the string, or `text` of a `{ text, values }` config. */
    function pgText(arg: TSESTree.CallExpressionArgument | undefined): TSESTree.Node | undefined {
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) return arg;
      for (const property of arg.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === "text"
        ) {
          return property.value;
        }
      }
      return undefined;
    }

    function checkPrismaUnsafe(node: TSESTree.CallExpression, method: string): void {
      const [text, ...params] = node.arguments;
      if (!text || text.type === AST_NODE_TYPES.SpreadElement) return;
      // `$executeRawUnsafe(statement)` with `statement` made elsewhere (a migration file's text, a helper's
      // argument): the code here cannot tell, so only what visibly lets input through is reported
      if (!evaluator().isInjectable(text, "fragment")) return;
      const twin = TAGGED_TWIN.get(method)!;
      context.report({
        node: text,
        messageId: "unsafeRawCall",
        data: { method, twin },
        suggest: taggedTemplateSuggestion(node, text, params.length, twin),
      });
    }

    /** `$queryRawUnsafe(`...${x}...`)` -> `$queryRaw`...${x}...``, only where that means the same query. */
    function taggedTemplateSuggestion(
      node: TSESTree.CallExpression,
      text: TSESTree.Expression,
      extraArguments: number,
      twin: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const callee = node.callee;
      if (
        extraArguments > 0 ||
        text.type !== AST_NODE_TYPES.TemplateLiteral ||
        text.expressions.length === 0 ||
        node.optional ||
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        callee.computed ||
        callee.optional ||
        !interpolationsAreValues(text) ||
        // a constant spliced into SQL is SQL text (`= ${ACTIVE}` with ACTIVE = "'active'"), not a value
        text.expressions.some((e) => literalEvaluator().isConstant(e))
      ) {
        return [];
      }
      const typeArguments = node.typeArguments ? sourceCode.getText(node.typeArguments) : "";
      const replacement = `${twin}${typeArguments}${sourceCode.getText(text)}`;
      return [
        {
          messageId: "useTaggedTemplate",
          data: { twin },
          fix: (fixer) => fixer.replaceTextRange([callee.property.range[0], node.range[1]], replacement),
        },
      ];
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
        switch (name) {
          case "$queryRawUnsafe":
          case "$executeRawUnsafe": {
            const query = detector().queryAt(node);
            if (query?.library === "prisma") checkPrismaUnsafe(node, name);
            return;
          }
          case "query": {
            const query = detector().queryAt(node);
            if (query?.library !== "sql" || query.operation !== "query") return;
            const text = pgText(node.arguments[0]);
            if (text && evaluator().isInjectable(text, "fragment")) context.report({ node: text, messageId: "unsafePgQuery" });
            return;
          }
          case "raw": {
            const fragment = rawSqlFragment(node, sourceCode);
            if (!fragment?.text || !evaluator().isInjectable(fragment.text, rawCallContext(node))) return;
            const tag = fragment.library === "prisma" ? "Prisma.sql" : "sql";
            context.report({ node: fragment.text, messageId: "unsafeRawFragment", data: { api: fragment.api, tag } });
            return;
          }
          default:
            return;
        }
      },
    });
  },
});
