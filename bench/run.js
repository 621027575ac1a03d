#!/usr/bin/env node
// npm run bench [-- --suite schema-scaling,compare-prisma-lint] [--runs 3] [--quick]
//
// DESIGN §6, measured side by side in one run and printed as tables:
//   eslint-corpus         1. ESLint over a generated TS corpus, recommended vs. no rules   (hook: suites/eslint-corpus.js)
//   compare-prisma-lint   2. our CLI vs. the npm package `prisma-lint` on real schemas and 2,000/4,000 models
//   schema-scaling        3. our CLI at 500, 1,000, 2,000, 4,000 models: time must grow linearly
//   editor                the ESLint language server VS Code runs: first and warm diagnostics
// Never part of `npm test`. Times are wall-clock process times (start-up included), median of --runs.
import { parseArgs } from "node:util";
import { compareWithPrismaLint } from "./suites/compare-prisma-lint.js";
import { editor } from "./suites/editor.js";
import { eslintCorpus } from "./suites/eslint-corpus.js";
import { schemaScaling } from "./suites/schema-scaling.js";

const SUITES = { "eslint-corpus": eslintCorpus, "compare-prisma-lint": compareWithPrismaLint, "schema-scaling": schemaScaling };
SUITES.editor = editor;

const { values } = parseArgs({
  options: {
    suite: { type: "string" },
    runs: { type: "string", default: "3" },
    quick: { type: "boolean", default: false },
  },
});
const selected = values.suite ? values.suite.split(",") : Object.keys(SUITES);
const options = { runs: Math.max(1, Number(values.runs)), quick: values.quick };

for (const name of selected) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`unknown suite ${name}; suites: ${Object.keys(SUITES).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n## ${name}\n`);
  await suite(options);
}
