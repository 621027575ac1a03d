import { createSchemaRule } from "../create-schema-rule.js";
import { nameMatcher } from "../naming.js";

type Requirement = { ifName: string; type: string; nativeType?: string };
export type Options = [{ require?: Requirement[] }];
export type MessageIds = "wrongType" | "missingNativeType" | "wrongNativeType" | "conflicting";

export default createSchemaRule<Options, MessageIds>({
  name: "require-field-type",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require fields with certain names to have a certain type",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          require: {
            type: "array",
            description: "Field names and the type they must have.",
            items: {
              type: "object",
              properties: {
                ifName: { type: "string", minLength: 1, description: 'A field name or a `"/regex/"` of field names.' },
                type: { type: "string", minLength: 1, description: "The Prisma type (`String`, `DateTime`, an enum...)." },
                nativeType: { type: "string", minLength: 1, description: "The native database type without `@db.` (`Uuid`, `VarChar`)." },
              },
              required: ["ifName", "type"],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ require: [] }],
    messages: {
      wrongType: "`{{name}}` is a `{{actual}}`, but fields named like this must be a `{{expected}}`. Change its type.",
      missingNativeType: "`{{name}}` has no native type, but fields named like this must be stored as `@db.{{expected}}`. Add it.",
      wrongNativeType: "`{{name}}` is stored as `@db.{{actual}}`, but fields named like this must be stored as `@db.{{expected}}`. Change it.",
      conflicting: "`{{name}}` matches requirements of different types ({{types}}). Make the `require` entries of this rule agree.",
    },
  },
  create(context, [{ require = [] }]) {
    const requirements = require.map((r) => ({ ...r, matches: nameMatcher([r.ifName], "ifName") }));
    return {
      Model(model) {
        if (requirements.length === 0) return;
        for (const field of model.fields) {
          const name = field.name.name;
          const matched = requirements.filter((r) => r.matches(name));
          if (matched.length === 0) continue;
          const types = new Set(matched.map((r) => r.type));
          const nativeTypes = new Set(matched.map((r) => r.nativeType).filter(Boolean));
          if (types.size > 1 || nativeTypes.size > 1) {
            const described = matched.map((r) => `\`${r.type}${r.nativeType ? ` @db.${r.nativeType}` : ""}\``);
            context.report({ node: field.name, messageId: "conflicting", data: { name, types: [...new Set(described)].join(", ") } });
            continue;
          }
          const { type, nativeType } = matched.find((r) => r.nativeType) ?? matched[0]!;
          if (field.fieldType.name !== type) {
            context.report({ node: field.fieldType, messageId: "wrongType", data: { name, actual: field.fieldType.name, expected: type } });
            continue;
          }
          if (!nativeType) continue;
          const native = field.attributes.find((a) => a.name.startsWith("db."));
          if (!native) {
            context.report({ node: field.fieldType, messageId: "missingNativeType", data: { name, expected: nativeType } });
          } else if (native.name.slice("db.".length) !== nativeType) {
            context.report({ node: native, messageId: "wrongNativeType", data: { name, actual: native.name.slice("db.".length), expected: nativeType } });
          }
        }
      },
    };
  },
});
