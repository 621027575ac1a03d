import { createSchemaRule } from "../create-schema-rule.js";

export type Options = [{ order?: string[] }];
export type MessageIds = "outOfOrder";

const ANY = "...";

/**
 * Do the field names follow the pattern? A name in the pattern matches that field; `...` matches any run
 * of fields (none included). Fields the pattern does not name can only stand where a `...` is.
 */
function follows(names: readonly string[], pattern: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const match = (n: number, p: number): boolean => {
    const key = n * (pattern.length + 1) + p;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pattern.length) result = n === names.length;
    else if (pattern[p] === ANY) result = match(n, p + 1) || (n < names.length && match(n + 1, p));
    else result = n < names.length && names[n] === pattern[p] && match(n + 1, p + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

export default createSchemaRule<Options, MessageIds>({
  name: "field-order",
  meta: {
    type: "suggestion",
    docs: {
      description: "Enforce an order of fields within models",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          order: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description:
              'Field names in the order they appear; `"..."` stands for any other fields. The first name must come first and the last name last, unless a `"..."` stands before or after it. Names a model lacks are skipped.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ order: [] }],
    messages: {
      outOfOrder: "The fields of `{{model}}` are not in the configured order. Order them as {{order}}.",
    },
  },
  create(context, [{ order = [] }]) {
    return {
      Model(model) {
        if (order.length === 0) return;
        const names = model.fields.map((field) => field.name.name);
        const present = new Set(names);
        const pattern = order.filter((name, i) => (name === ANY ? order[i - 1] !== ANY : present.has(name)));
        if (follows(names, pattern)) return;
        context.report({
          node: model.name,
          messageId: "outOfOrder",
          data: { model: model.name.name, order: pattern.map((name) => (name === ANY ? "…" : `\`${name}\``)).join(", ") },
        });
      },
    };
  },
});
