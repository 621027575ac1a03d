/**
 * The JSON Schema of `prisma-lint.config.json`, built from the schema rules' own meta (description,
 * docs URL, option schemas), so editors complete rule ids and options and flag a typo. Written to
 * `schemas/prisma-lint.config.schema.json` by `npm run config-schema`; a test keeps the file current.
 */
import type { JSONSchema4 } from "json-schema";

interface RuleLike {
  meta?: { docs?: { description?: string; url?: string }; schema?: unknown; deprecated?: unknown };
}

const SEVERITY: JSONSchema4 = {
  description: '"off" (0), "warn" (1) or "error" (2).',
  enum: ["off", "warn", "error", 0, 1, 2],
};

function ruleSchema(id: string, rule: RuleLike): JSONSchema4 {
  const options = Array.isArray(rule.meta?.schema) ? (rule.meta.schema as JSONSchema4[]) : [];
  const description = `${rule.meta?.docs?.description ?? id}.${rule.meta?.docs?.url ? ` ${rule.meta.docs.url}` : ""}`;
  return {
    description,
    anyOf: [
      { $ref: "#/definitions/severity" },
      { type: "array", items: [{ $ref: "#/definitions/severity" }, ...options], minItems: 1, maxItems: options.length + 1 },
    ],
  };
}

export function buildConfigSchema(rules: Readonly<Record<string, RuleLike>>): JSONSchema4 {
  const properties: Record<string, JSONSchema4> = {};
  for (const id of Object.keys(rules).sort()) properties[id] = ruleSchema(id, rules[id]!);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "prisma-lint.config.json",
    description: "The config of prisma-lint (eslint-plugin-backend-architect): rule ids and their severity and options.",
    type: "object",
    properties: {
      $schema: { type: "string" },
      rules: { type: "object", properties, additionalProperties: false },
    },
    additionalProperties: false,
    definitions: { severity: SEVERITY },
  };
}
