import { createSchemaRule } from "../create-schema-rule.js";
import { grammaticalNumber, nameMatcher, withGrammaticalNumber } from "../naming.js";
import { namePatterns } from "../rule-options.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ ifList?: "singular" | "plural"; ifListAllow?: string[] }];
export type MessageIds = "expectedSingular" | "expectedPlural" | "rename";

export default createSchemaRule<Options, MessageIds>({
  name: "field-name-grammatical-number",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce singular or plural names for list fields",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          ifList: { enum: ["singular", "plural"], description: "The grammatical number of list field names (`emails String[]` is plural)." },
          ifListAllow: namePatterns('List fields exempt from the rule: exact names or `"/regex/flags"` patterns.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ifList: "plural", ifListAllow: [] }],
    messages: {
      expectedSingular: "List field `{{name}}` has a plural name. Name list fields in the singular, for example `{{expected}}`.",
      expectedPlural: "List field `{{name}}` has a singular name. Name list fields in the plural, for example `{{expected}}`.",
      rename: "Rename the field to `{{name}}`.",
    },
  },
  create(context, [{ ifList = "plural", ifListAllow }]) {
    const schema = getSchemaContext(context);
    const allowed = nameMatcher(ifListAllow, "ifListAllow");
    return {
      Model(model) {
        for (const field of model.fields) {
          const name = field.name.name;
          if (!field.fieldType.list || allowed(name)) continue;
          const number = grammaticalNumber(name);
          if (number === undefined || number === ifList) continue;
          const expected = withGrammaticalNumber(name, ifList);
          const fix = schema.rename({ kind: "field", model, field }, expected);
          context.report({
            node: field.name,
            messageId: ifList === "singular" ? "expectedSingular" : "expectedPlural",
            data: { name, expected },
            suggest: fix ? [{ messageId: "rename", data: { name: expected }, fix }] : [],
          });
        }
      },
    };
  },
});
