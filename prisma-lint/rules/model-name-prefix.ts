import { createSchemaRule } from "../create-schema-rule.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ prefix?: string }];
export type MessageIds = "missingPrefix" | "rename";

export default createSchemaRule<Options, MessageIds>({
  name: "model-name-prefix",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a prefix on model names",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          prefix: { type: "string", description: "The prefix every model name starts with (`Db` for `DbUser`); empty: no check." },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ prefix: "" }],
    messages: {
      missingPrefix: "Model name `{{name}}` does not start with `{{prefix}}`. Rename it to `{{expected}}` (a `@@map` keeps the table name).",
      rename: "Rename the model to `{{name}}` and keep its table name with `@@map`.",
    },
  },
  create(context, [{ prefix = "" }]) {
    const schema = getSchemaContext(context);
    return {
      Model(model) {
        const name = model.name.name;
        if (prefix === "" || name.startsWith(prefix)) return;
        const expected = `${prefix}${name}`;
        const fix = schema.rename({ kind: "model", model }, expected);
        context.report({
          node: model.name,
          messageId: "missingPrefix",
          data: { name, prefix, expected },
          suggest: fix ? [{ messageId: "rename", data: { name: expected }, fix }] : [],
        });
      },
    };
  },
});
