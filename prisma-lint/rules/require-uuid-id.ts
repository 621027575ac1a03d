import { createSchemaRule } from "../create-schema-rule.js";
import { picomatch } from "../lazy-packages.js";
import { argument, fieldAttribute, getSchemaContext } from "../schema-context.js";

export type Options = [{ allowModels?: string[] }];
export type MessageIds = "sequentialId";

/** Defaults that hand out ids in order: `autoincrement()`, CockroachDB's `sequence()`. */
const SEQUENTIAL = new Set(["autoincrement", "sequence"]);

export default createSchemaRule<Options, MessageIds>({
  name: "require-uuid-id",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require non-sequential primary keys (UUID, CUID, ULID) instead of `autoincrement()`",
      recommended: "strict",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          allowModels: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Model names or glob patterns whose ids never leave the server and may be sequential.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowModels: [] }],
    messages: {
      sequentialId:
        "Model `{{model}}` gets sequential ids from `{{call}}`, which leak how many rows exist and let anyone guess the ids of other records. Use `String @id @default(uuid(7))` (or `cuid()`, `ulid()`), or add `{{model}}` to `allowModels` if its ids never reach a client.",
    },
  },
  create(context, [{ allowModels = [] }]) {
    const schema = getSchemaContext(context);
    const allowed = allowModels.length > 0 ? picomatch()(allowModels) : () => false;
    return {
      Model(model) {
        if (schema.isExcluded(model) || allowed(model.name.name)) return;
        for (const field of model.fields) {
          if (!fieldAttribute(field, "id")) continue;
          const defaultAttribute = fieldAttribute(field, "default");
          const value = defaultAttribute && argument(defaultAttribute, "value", 0);
          if (value?.type !== "FunctionCall" || !SEQUENTIAL.has(value.name.name)) continue;
          context.report({
            node: defaultAttribute!,
            messageId: "sequentialId",
            data: { model: model.name.name, call: context.sourceCode.getText(value) },
          });
        }
      },
    };
  },
});
