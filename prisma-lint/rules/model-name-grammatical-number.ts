import { createSchemaRule } from "../create-schema-rule.js";
import { grammaticalNumber, nameMatcher, withGrammaticalNumber } from "../naming.js";
import { namePatterns } from "../rule-options.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ style?: "singular" | "plural"; allowlist?: string[] }];
export type MessageIds = "expectedSingular" | "expectedPlural" | "rename";

export default createSchemaRule<Options, MessageIds>({
  name: "model-name-grammatical-number",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce singular or plural model names",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          style: { enum: ["singular", "plural"], description: "The grammatical number of model names." },
          allowlist: namePatterns('Models exempt from the rule: exact names or `"/regex/flags"` patterns.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ style: "singular", allowlist: [] }],
    messages: {
      expectedSingular: "Model name `{{name}}` is plural. Name models in the singular, for example `{{expected}}` (a `@@map` keeps the table name).",
      expectedPlural: "Model name `{{name}}` is singular. Name models in the plural, for example `{{expected}}` (a `@@map` keeps the table name).",
      rename: "Rename the model to `{{name}}` and keep its table name with `@@map`.",
    },
  },
  create(context, [{ style = "singular", allowlist }]) {
    const schema = getSchemaContext(context);
    const allowed = nameMatcher(allowlist, "allowlist");
    return {
      Model(model) {
        const name = model.name.name;
        if (allowed(name)) return;
        const number = grammaticalNumber(name);
        if (number === undefined || number === style) return;
        const expected = withGrammaticalNumber(name, style);
        const fix = schema.rename({ kind: "model", model }, expected);
        context.report({
          node: model.name,
          messageId: style === "singular" ? "expectedSingular" : "expectedPlural",
          data: { name, expected },
          suggest: fix ? [{ messageId: "rename", data: { name: expected }, fix }] : [],
        });
      },
    };
  },
});
