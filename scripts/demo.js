#!/usr/bin/env node
// Lints examples/next-prisma-app with its own eslint.config.js (the recommended config and the session rule) and
// prints what a reviewer would have written on the pull request.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const cwd = fileURLToPath(new URL("../examples/next-prisma-app/", import.meta.url));
const eslint = new ESLint({ cwd, errorOnUnmatchedPattern: false });
const results = await eslint.lintFiles(["."]);
const formatter = await eslint.loadFormatter("stylish");
const output = await formatter.format(results);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
const files = results.filter((r) => r.messages.length > 0).length;

console.log("Linting examples/next-prisma-app with backendArchitect.configs.recommended (and require-session-check turned on) ...");
console.log(output || "\nNo problems found.\n");
console.log(
  `${problems} finding(s) in ${files} file(s). Each ❌ comment in the example marks one; the ✅ code beside it passes.`,
);
