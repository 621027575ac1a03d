import { RuleTester } from "@typescript-eslint/rule-tester";

/** A RuleTester for TS/JS rules: TypeScript parser, ESM, no type information (rules must not need it). */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}
