import { createSchemaRule } from "../create-schema-rule.js";
import { nameMatcher } from "../naming.js";
import { namePatterns } from "../rule-options.js";

export type Options = [{ forbid?: string[] }];
export type MessageIds = "forbidden";

export default createSchemaRule<Options, MessageIds>({
  name: "forbid-field",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow fields with certain names",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          forbid: namePatterns('Forbidden field names: exact names or `"/regex/flags"` patterns.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ forbid: [] }],
    messages: {
      forbidden: "Field name `{{name}}` is forbidden here (it matches {{entries}}). Rename or remove the field.",
    },
  },
  create(context, [{ forbid = [] }]) {
    const matchers = forbid.map((entry) => ({ entry, matches: nameMatcher([entry], "forbid") }));
    return {
      Model(model) {
        if (matchers.length === 0) return;
        for (const field of model.fields) {
          const entries = matchers.filter((m) => m.matches(field.name.name)).map((m) => `\`${m.entry}\``);
          if (entries.length === 0) continue;
          context.report({ node: field.name, messageId: "forbidden", data: { name: field.name.name, entries: entries.join(", ") } });
        }
      },
    };
  },
});
