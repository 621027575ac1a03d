import { createSchemaRule } from "../create-schema-rule.js";
import { keepPrefix, nameMatcher, toCamelCase, trimPrefix } from "../naming.js";
import { ALLOW_LIST, TRIM_PREFIX } from "../rule-options.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ allowList?: string[]; trimPrefix?: string | string[] }];
export type MessageIds = "notCamelCase" | "rename";

export default createSchemaRule<Options, MessageIds>({
  name: "field-name-camel-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce camelCase field names",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: { allowList: ALLOW_LIST, trimPrefix: TRIM_PREFIX },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowList: [], trimPrefix: [] }],
    messages: {
      notCamelCase: "Field name `{{name}}` is not in camelCase. Rename it (a `@map` keeps the column name).",
      rename: "Rename the field to `{{name}}` and keep its column name with `@map`.",
    },
  },
  create(context, [options]) {
    const schema = getSchemaContext(context);
    const allowed = nameMatcher(options.allowList, "allowList");
    return {
      Model(model) {
        for (const field of model.fields) {
          const name = field.name.name;
          if (allowed(name)) continue;
          const rest = trimPrefix(name, options.trimPrefix);
          if (/^[a-z][a-zA-Z0-9]*$/u.test(rest)) continue;
          const newName = keepPrefix(name, rest, toCamelCase(rest));
          const fix = newName === undefined ? undefined : schema.rename({ kind: "field", model, field }, newName);
          context.report({
            node: field.name,
            messageId: "notCamelCase",
            data: { name },
            suggest: fix ? [{ messageId: "rename", data: { name: newName }, fix }] : [],
          });
        }
      },
    };
  },
});
