import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isTransactionCallback, runsOnOneConnection, type DbQuery } from "../analysis/db-queries.js";
import { isMigrationFile, isSelfRunningScript } from "../analysis/scripts.js";

export type Options = [];
export type MessageIds = "sequentialReads" | "usePromiseAll";

/** One statement of a group: `await <read>;` or `const x = await <read>;`. */
interface Read {
  statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration;
  query: DbQuery;
  /** The variables the statement declares (none for a bare `await`). */
  bindings: readonly TSESLint.Scope.Variable[];
}

/** Beyond this width the suggested `Promise.all` puts one query per line. */
const MAX_LINE = 80;

export default createRule<Options, MessageIds>({
  name: "prefer-parallel-queries",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require independent read queries to run in parallel instead of one after another",
      recommended: "strict",
      severity: "warn",
    },
    hasSuggestions: true,
    languages: ["js/js"],
    schema: [],
    messages: {
      sequentialReads:
        "These {{count}} reads do not depend on each other, yet each waits for the one before, so the request takes the sum of their round trips. Start them together with `await Promise.all([...])`.",
      usePromiseAll: "Run the {{count}} reads with `Promise.all`.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    if (!facts.mayQueryDatabase) return {};
    // one-off scripts and data migrations: their latency is nobody's wait
    if (isMigrationFile(context.filename) || isSelfRunningScript(sourceCode)) return {};
    const detector = () => facts.queries;

    function unwrapTs(node: TSESTree.Node): TSESTree.Node {
      let current = node;
      while (
        current.type === AST_NODE_TYPES.TSAsExpression ||
        current.type === AST_NODE_TYPES.TSNonNullExpression ||
        current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        current.type === AST_NODE_TYPES.TSTypeAssertion
      ) {
        current = current.expression;
      }
      return current;
    }

    /** The awaited call of `await x.y(...)` / `const v = await x.y(...)` (cheap: no query detection yet). */
    function awaitedCall(statement: TSESTree.Statement | TSESTree.ProgramStatement): TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | undefined {
      let expression: TSESTree.Node;
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) expression = statement.expression;
      else if (
        statement.type === AST_NODE_TYPES.VariableDeclaration &&
        statement.declarations.length === 1 &&
        statement.declarations[0]!.init
      ) {
        expression = statement.declarations[0]!.init;
      } else return undefined;
      expression = unwrapTs(expression);
      if (expression.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
      const awaited = unwrapTs(expression.argument);
      // a query is a method call on a client (`prisma.user.count()`) or a tagged template (`sql\`...\``)
      if (awaited.type === AST_NODE_TYPES.TaggedTemplateExpression) return awaited;
      return awaited.type === AST_NODE_TYPES.CallExpression && awaited.callee.type === AST_NODE_TYPES.MemberExpression ? awaited : undefined;
    }

    function readOf(statement: Read["statement"], awaited: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Read | undefined {
      const query = detector().getQuery(awaited);
      if (query?.node !== awaited || !query.readsOnly) return undefined;
      const bindings = statement.type === AST_NODE_TYPES.VariableDeclaration ? sourceCode.getDeclaredVariables(statement) : [];
      return { statement, query, bindings };
    }

    /** Does `statement` read a variable declared by an earlier statement of the run? */
    function dependsOn(statement: TSESTree.Node, run: readonly Read[]): boolean {
      const [start, end] = statement.range;
      return run.some((read) =>
        read.bindings.some((variable) =>
          variable.references.some((ref) => ref.identifier.range[0] >= start && ref.identifier.range[1] <= end),
        ),
      );
    }

    /** Inside an interactive transaction, or on one connection: parallel queries gain nothing there, or break. */
    function oneConnection(node: TSESTree.Node, run: readonly Read[]): boolean {
      if (run.some((read) => runsOnOneConnection(read.query, sourceCode))) return true;
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        if (isTransactionCallback(current)) return true;
      }
      return false;
    }

    function check(body: readonly (TSESTree.Statement | TSESTree.ProgramStatement)[], container: TSESTree.Node): void {
      // only a statement next to another awaited call can be part of a group: look for such a pair first
      let pair = false;
      let previous: TSESTree.Node | undefined;
      for (const statement of body) {
        const current = awaitedCall(statement);
        if (current && previous) {
          pair = true;
          break;
        }
        previous = current;
      }
      if (!pair) return;
      const awaited = body.map(awaitedCall);
      let run: Read[] = [];
      for (const [i, statement] of body.entries()) {
        const call = awaited[i];
        const read = call && (awaited[i - 1] || awaited[i + 1]) ? readOf(statement as Read["statement"], call) : undefined;
        if (!read) {
          flush(run, container);
          run = [];
          continue;
        }
        if (dependsOn(statement, run)) {
          flush(run, container);
          run = [];
        }
        run.push(read);
      }
      flush(run, container);
    }

    function flush(run: readonly Read[], container: TSESTree.Node): void {
      if (run.length < 2 || oneConnection(container, run)) return;
      const count = String(run.length);
      const fix = promiseAllFix(run);
      context.report({
        node: run[0]!.query.node,
        messageId: "sequentialReads",
        data: { count },
        suggest: fix ? [{ messageId: "usePromiseAll", data: { count }, fix }] : [],
      });
    }

    /** `const a = await q1; const b = await q2;` -> `const [a, b] = await Promise.all([q1, q2]);` */
    function promiseAllFix(run: readonly Read[]): TSESLint.ReportFixFunction | undefined {
      const names: string[] = [];
      const queries: string[] = [];
      for (const { statement, query } of run) {
        if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== "const") return undefined;
        const declarator = statement.declarations[0]!;
        const init = declarator.init;
        if (init?.type !== AST_NODE_TYPES.AwaitExpression || init.argument !== query.node) return undefined;
        if (declarator.id.typeAnnotation) return undefined;
        names.push(sourceCode.getText(declarator.id));
        queries.push(sourceCode.getText(query.node));
      }
      const first = run[0]!.statement;
      const last = run.at(-1)!.statement;
      const range: TSESTree.Range = [first.range[0], last.range[1]];
      // comments between the statements would be lost
      const inQueries = (c: TSESTree.Comment) => run.some(({ query }) => c.range[0] >= query.node.range[0] && c.range[1] <= query.node.range[1]);
      if (sourceCode.getAllComments().some((c) => c.range[0] >= range[0] && c.range[1] <= range[1] && !inQueries(c))) return undefined;

      const indent = /^\s*/u.exec(sourceCode.lines[first.loc.start.line - 1]!)![0];
      const step = indent.includes("\t") ? "\t" : "  ";
      const head = `const [${names.join(", ")}] = await Promise.all([`;
      const oneLine = `${head}${queries.join(", ")}]);`;
      let text: string;
      if (!queries.some((q) => q.includes("\n")) && indent.length + oneLine.length <= MAX_LINE) {
        text = oneLine;
      } else {
        // continuation lines move one level deeper with their query, unless that would change a template's text
        const items = queries.map((q) => `${indent}${step}${q.includes("`") ? q : q.replaceAll("\n", `\n${step}`)},`);
        text = `${head}\n${items.join("\n")}\n${indent}]);`;
      }
      return (fixer) => fixer.replaceTextRange(range, text);
    }

    return {
      Program(node) {
        check(node.body, node);
      },
      BlockStatement(node) {
        check(node.body, node);
      },
      StaticBlock(node) {
        check(node.body, node);
      },
      SwitchCase(node) {
        check(node.consequent, node);
      },
    };
  },
});
