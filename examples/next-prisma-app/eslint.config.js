// The same two lines a user writes, plus the TypeScript parser for .ts files.
import backendArchitect from "eslint-plugin-backend-architect";
import tseslint from "typescript-eslint";

export default [
  { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } },
  ...backendArchitect.configs.recommended,
];
