// What a real project folder's "own code" is, for the tools that lint one (the eslint-app bench suite,
// scripts/findings.js, scripts/sample.js): installed, built and generated files are not the app's.
export const APP_IGNORES = [
  "**/node_modules/**",
  "**/dist/**",
  "**/build/**",
  "**/.next/**",
  "**/out/**",
  "**/coverage/**",
  "**/*.d.ts",
  "**/*.min.js",
  "**/generated/**",
  "**/__generated__/**",
  "**/public/**",
  "**/vendor/**",
];
