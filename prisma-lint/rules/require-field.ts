import { createSchemaRule } from "../create-schema-rule.js";
import { ignoredNames } from "../ignore-comments.js";
import { nameMatcher } from "../naming.js";

type Requirement = string | { name: string; ifSibling?: string; ifNoSibling?: string };
export type Options = [{ require?: Requirement[] }];
export type MessageIds = "missingFields";

const SIBLING_PATTERN = { type: "string", minLength: 1 } as const;

export default createSchemaRule<Options, MessageIds>({
  name: "require-field",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require models to have certain fields",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          require: {
            type: "array",
            description:
              'Required fields: a name, or `{ name, ifSibling, ifNoSibling }` to require it only when another field matches (or no field matches) a name or `"/regex/"`.',
            items: {
              anyOf: [
                { type: "string", minLength: 1 },
                {
                  type: "object",
                  properties: {
                    name: { type: "string", minLength: 1 },
                    ifSibling: { ...SIBLING_PATTERN, description: 'Require the field when another field has this name or matches this `"/regex/"`.' },
                    ifNoSibling: { ...SIBLING_PATTERN, description: 'Require the field when no field has this name or matches this `"/regex/"`.' },
                  },
                  required: ["name"],
                  additionalProperties: false,
                },
              ],
            },
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ require: [] }],
    messages: {
      missingFields: "Model `{{model}}` has no {{fields}} field. Add {{them}}.",
    },
  },
  create(context, [{ require = [] }]) {
    const requirements = require.map((entry) => {
      if (typeof entry === "string") return { name: entry, when: () => true };
      const sibling = entry.ifSibling === undefined ? undefined : nameMatcher([entry.ifSibling], "ifSibling");
      const noSibling = entry.ifNoSibling === undefined ? undefined : nameMatcher([entry.ifNoSibling], "ifNoSibling");
      return {
        name: entry.name,
        when: (names: readonly string[]) => (!sibling || names.some(sibling)) && (!noSibling || !names.some(noSibling)),
      };
    });
    return {
      Model(model) {
        if (requirements.length === 0) return;
        const names = model.fields.map((field) => field.name.name);
        const ignored = ignoredNames(context.sourceCode, model, "require-field");
        const missing = requirements
          .filter((r) => !names.includes(r.name) && !ignored.has(r.name) && r.when(names))
          .map((r) => `\`${r.name}\``);
        const unique = [...new Set(missing)];
        if (unique.length === 0) return;
        context.report({
          node: model.name,
          messageId: "missingFields",
          data: {
            model: model.name.name,
            fields: unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(", ")} or ${unique.at(-1)}`,
            them: unique.length === 1 ? "it" : "them",
          },
        });
      },
    };
  },
});
