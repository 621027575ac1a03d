import { createSchemaRule } from "../create-schema-rule.js";
import { keepPrefix, nameMatcher, toPascalCase, trimPrefix } from "../naming.js";
import { ALLOW_LIST, TRIM_PREFIX } from "../rule-options.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ allowList?: string[]; trimPrefix?: string | string[] }];
export type MessageIds = "notPascalCase" | "rename";

export default createSchemaRule<Options, MessageIds>({
  name: "enum-name-pascal-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce PascalCase enum names",
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
      notPascalCase: "Enum name `{{name}}` is not in PascalCase. Rename it (a `@@map` keeps the name of the database type).",
      rename: "Rename the enum to `{{name}}` and keep its database name with `@@map`.",
    },
  },
  create(context, [options]) {
    const schema = getSchemaContext(context);
    const allowed = nameMatcher(options.allowList, "allowList");
    return {
      Enum(enumBlock) {
        const name = enumBlock.name.name;
        if (allowed(name)) return;
        const rest = trimPrefix(name, options.trimPrefix);
        if (/^[A-Z][a-zA-Z0-9]*$/u.test(rest)) return;
        const newName = keepPrefix(name, rest, toPascalCase(rest));
        const fix = newName === undefined ? undefined : schema.rename({ kind: "enum", enum: enumBlock }, newName);
        context.report({
          node: enumBlock.name,
          messageId: "notPascalCase",
          data: { name },
          suggest: fix ? [{ messageId: "rename", data: { name: newName }, fix }] : [],
        });
      },
    };
  },
});
