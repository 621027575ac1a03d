import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds = "todo";

export default createRule<Options, MessageIds>({
  name: "require-tenant-scope",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow TODO",
      recommended: "strict",
    },
    languages: ["js/js"],
    schema: [],
    messages: {
      todo: "Describe the problem and the fix in one or two sentences.",
    },
  },
  create(context) {
    return {};
  },
});
