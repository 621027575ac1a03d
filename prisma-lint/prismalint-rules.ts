/**
 * The rule names of the npm package `prisma-lint` (loop-payments) that ours spell differently. Every
 * other of their rule names is ours too, with the same meaning. Used by the config translation and by
 * the `/// prisma-lint-ignore-*` comments.
 */
export const RENAMED_RULES: Readonly<Record<string, string>> = {
  // theirs checks relation fields and named fields; ours also knows when the database indexes a key itself
  "require-field-index": "require-foreign-key-index",
  // deprecated there in favour of enum-value-case with `style: "snake"`
  "enum-value-snake-case": "enum-value-case",
};

/** Our rule id for a rule name of theirs (or ours). */
export function ourRuleId(name: string): string {
  return Object.hasOwn(RENAMED_RULES, name) ? RENAMED_RULES[name]! : name;
}
