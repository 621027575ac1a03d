/**
 * JSON Schema pieces the schema rules' options share. Names and patterns are strings: an exact name, or a
 * regular expression written as `"/pattern/flags"` (ESLint options are JSON, so no RegExp objects).
 */
import type { JSONSchema4 } from "json-schema";

/** Exact names or `"/regex/"` patterns. */
export function namePatterns(description: string): JSONSchema4 {
  return { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, description };
}

export const ALLOW_LIST = namePatterns('Names exempt from the rule: exact names or `"/regex/flags"` patterns.');

export const TRIM_PREFIX: JSONSchema4 = {
  anyOf: [{ type: "string" }, { type: "array", items: { type: "string" }, uniqueItems: true }],
  description: 'Prefixes removed before the check: a string the name starts with, or a `"/regex/"`; the first that applies is removed.',
};

export const COMPOUND_WORDS: JSONSchema4 = {
  type: "array",
  items: { type: "string", minLength: 1 },
  uniqueItems: true,
  description: "Words kept whole when a name is split into words (`GraphQL` maps to `graphql`, not `graph_ql`).",
};
