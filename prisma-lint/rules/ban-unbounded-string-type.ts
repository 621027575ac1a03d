import type { FieldAttribute } from "../language/ast.js";
import { createSchemaRule } from "../create-schema-rule.js";
import { getSchemaContext } from "../schema-context.js";

export type Options = [{ allowNativeTextType?: boolean }];
export type MessageIds = "missingNativeType" | "unboundedNativeType";

/** Providers without a length-limited string type: nothing to ask for. */
const NO_BOUNDED_STRINGS = new Set(["sqlite", "mongodb"]);

/** Native types that hold strings of any length. */
const UNBOUNDED_TYPES = new Set(["Text", "MediumText", "LongText", "NText", "Citext"]);

/** `@db.Text`, `@db.VarChar(max)`, a `@db.VarChar` / `@db.String` without a length (PostgreSQL, CockroachDB). */
function isUnbounded(attribute: FieldAttribute): boolean {
  const type = attribute.name.slice("db.".length);
  if (UNBOUNDED_TYPES.has(type)) return true;
  if (type !== "VarChar" && type !== "NVarChar" && type !== "String") return false;
  const length = attribute.args[0]?.value;
  return length === undefined || (length.type === "Identifier" && length.name.toLowerCase() === "max");
}

export default createSchemaRule<Options, MessageIds>({
  name: "ban-unbounded-string-type",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a length-limited native database type on `String` fields",
    },
    languages: ["backend-architect/prisma"],
    schema: [
      {
        type: "object",
        properties: {
          allowNativeTextType: {
            type: "boolean",
            description: "Accept an explicitly unbounded native type (`@db.Text`, `@db.LongText`, `@db.NVarChar(Max)`...): only a `String` without any native type is reported.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowNativeTextType: false }],
    messages: {
      missingNativeType:
        "`{{field}}` is a `String` without a native type, so the database accepts text of any length. Give it a limit, for example `@db.VarChar(255)`.",
      unboundedNativeType:
        "`{{field}}` is stored as `{{type}}`, which accepts text of any length. Give it a limit, for example `@db.VarChar(255)`.",
    },
  },
  create(context, [{ allowNativeTextType }]) {
    const schema = getSchemaContext(context);
    let skipFile: boolean | undefined;
    return {
      Model(model) {
        skipFile ??= NO_BOUNDED_STRINGS.has(schema.datasource()?.provider ?? "");
        if (skipFile) return;
        for (const field of model.fields) {
          if (field.fieldType.name !== "String") continue;
          const native = field.attributes.find((a) => a.name.startsWith("db."));
          if (!native) {
            context.report({ node: field.fieldType, messageId: "missingNativeType", data: { field: field.name.name } });
          } else if (!allowNativeTextType && isUnbounded(native)) {
            context.report({
              node: native,
              messageId: "unboundedNativeType",
              data: { field: field.name.name, type: context.sourceCode.getText(native) },
            });
          }
        }
      },
    };
  },
});
