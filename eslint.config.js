// @ts-check
import eslintPlugin from "eslint-plugin-eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "examples/", "coverage/", "tests/fixtures/", "bench/.generated/", "docs/", ".dbg/"] },
  ...tseslint.configs.recommended,
  {
    files: ["lib/rules/*.ts", "prisma-lint/rules/*.ts", "lib/sql/rules/*.ts"],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      "eslint-plugin/require-meta-docs-description": ["error", { pattern: "^(Enforce|Require|Disallow) .+[^. ]$" }],
      "eslint-plugin/require-meta-docs-url": "off", // stamped by createRule
      "eslint-plugin/require-meta-default-options": "error",
      "eslint-plugin/require-meta-languages": "error",
      "eslint-plugin/require-meta-schema-description": "error",
      "eslint-plugin/report-message-format": ["error", "^[A-Z`].*[.]$"],
      "eslint-plugin/prefer-message-ids": "error",
    },
  },
  {
    files: ["tests/rules/*.test.ts", "tests/prisma-lint/rules/*.test.ts", "tests/sql/rules/*.test.ts"],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      "eslint-plugin/test-case-property-ordering": [
        "error",
        ["name", "filename", "code", "output", "options", "settings", "languageOptions", "errors"],
      ],
      "eslint-plugin/test-case-shorthand-strings": "error",
      "eslint-plugin/require-test-case-name": "error",
      "eslint-plugin/unique-test-case-names": "error",
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
