// The same two lines a user writes, plus the TypeScript parser for .ts files, and the session rule,
// which a team turns on once its public endpoints are named (it is in no preset: see its docs).
import backendArchitect from "eslint-plugin-backend-architect";
import tseslint from "typescript-eslint";

export default [
  { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } },
  ...backendArchitect.configs.recommended,
  { files: ["**/*.{ts,tsx}"], rules: { "backend-architect/require-session-check": "error" } },
];
