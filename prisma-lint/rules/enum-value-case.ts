import { createSchemaRule } from "../create-schema-rule.js";
import { isCaseStyle, keepPrefix, nameMatcher, toCaseStyle, trimPrefix, type CaseStyle } from "../naming.js";
import { ALLOW_LIST, COMPOUND_WORDS, TRIM_PREFIX } from "../rule-options.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [
  {
    style?: "snake" | "camel" | "pascal";
    case?: "lower" | "upper";
    compoundWords?: string[];
    allowList?: string[];
    trimPrefix?: string | string[];
  },
];
export type MessageIds = "wrongCase" | "rename";

const STYLE_NAMES: Record<CaseStyle, string> = {
  snake: "snake_case",
  "upper-snake": "UPPER_SNAKE_CASE",
  camel: "camelCase",
  pascal: "PascalCase",
};

export default createSchemaRule<Options, MessageIds>({
  name: "enum-value-case",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce one case style for enum values",
    },
    hasSuggestions: true,
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          style: { enum: ["snake", "camel", "pascal"], description: "The case style of enum values." },
          case: { enum: ["lower", "upper"], description: 'With `style: "snake"`: `lower` (`in_progress`) or `upper` (`IN_PROGRESS`).' },
          compoundWords: COMPOUND_WORDS,
          allowList: ALLOW_LIST,
          trimPrefix: TRIM_PREFIX,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ style: "snake", case: "lower", compoundWords: [], allowList: [], trimPrefix: [] }],
    messages: {
      wrongCase: "Enum value `{{name}}` is not in {{style}}. Rename it to `{{expected}}` (a `@map` keeps the stored value).",
      rename: "Rename the value to `{{name}}`, keep the stored value with `@map` and update the defaults that use it.",
    },
  },
  create(context, [options]) {
    const schema = getSchemaContext(context);
    const allowed = nameMatcher(options.allowList, "allowList");
    const style: CaseStyle = options.style === "snake" || options.style === undefined ? (options.case === "upper" ? "upper-snake" : "snake") : options.style;
    const compoundWords = options.compoundWords ?? [];
    return {
      Enum(enumBlock) {
        for (const value of enumBlock.values) {
          const name = value.name.name;
          if (allowed(name)) continue;
          const rest = trimPrefix(name, options.trimPrefix);
          if (isCaseStyle(rest, style, compoundWords)) continue;
          const expected = toCaseStyle(rest, style, compoundWords);
          const newName = keepPrefix(name, rest, expected);
          const fix = newName === undefined ? undefined : schema.rename({ kind: "enumValue", enum: enumBlock, value }, newName);
          context.report({
            node: value.name,
            messageId: "wrongCase",
            data: { name, style: STYLE_NAMES[style], expected: newName ?? expected },
            suggest: fix ? [{ messageId: "rename", data: { name: newName! }, fix }] : [],
          });
        }
      },
    };
  },
});
