import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { enclosingFunction } from "../util/ast.js";
import { isLazyQuery } from "../analysis/db-queries.js";
import { discardedValue } from "../analysis/floating.js";

export type Options = [];
export type MessageIds = "floating" | "addAwait";

const LIBRARY_NAMES: ReadonlyMap<string, string> = new Map([["prisma", "Prisma"], ["drizzle", "Drizzle"], ["supabase", "Supabase"]]);

export default createRule<Options, MessageIds>({
  name: "no-floating-query",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow lazy database queries that are never awaited, returned or chained, so they never run",
      recommended: "recommended",
    },
    languages: ["js/js"],
    hasSuggestions: true,
    schema: [],
    messages: {
      floating:
        "This {{library}} query is never awaited, returned or chained, so it never runs: {{library}} queries are lazy and only execute when awaited. Add `await` (or return it, or pass it to `Promise.all`/`$transaction`).",
      addAwait: "Add `await`.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    if (!facts.mayQueryDatabase) return {};
    const detector = facts.queries;

    function visit(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const query = detector.queryAt(node);
      if (!query || !isLazyQuery(query)) return;
      const discarded = discardedValue(query.node);
      if (!discarded) return;
      const inAsync = enclosingFunction(query.node)?.async === true;
      context.report({
        node: query.node,
        messageId: "floating",
        data: { library: LIBRARY_NAMES.get(query.library) ?? query.library },
        suggest: inAsync
          ? [
              {
                messageId: "addAwait",
                fix(fixer) {
                  const { voided } = discarded;
                  if (voided) {
                    const keyword = sourceCode.getFirstToken(voided)!;
                    return fixer.replaceText(keyword, "await");
                  }
                  return fixer.insertTextBefore(query.node, "await ");
                },
              },
            ]
          : [],
      });
    }

    return shareCallListener(context, { CallExpression: visit, TaggedTemplateExpression: visit });
  },
});
