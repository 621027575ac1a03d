#!/usr/bin/env node
// npm run bench [-- --suite schema-scaling,compare-prisma-lint] [--runs 3] [--quick]
//                [--app <dir>] [--baseline <checkout>] [--per-rule] [--facts-row] [--timing-runs 2] [--with-tseslint]
//                (options of eslint-app, where --runs 0 prints the TIMING table alone; eslint-corpus takes --runs,
//                --timing-runs, --baseline)
//
// DESIGN §6, measured side by side in one run and printed as tables:
//   eslint-corpus         1. ESLint over a generated corpus shaped like a real app, measured as eslint-app
//                            (hook: suites/eslint-corpus.js)
//   eslint-app            1. ESLint over a real project folder (--app <dir>): parse only, one-trivial-rule floor,
//                            recommended, all, and TIMING per rule   (suites/eslint-app.js; skipped without --app)
//   compare-prisma-lint   2. our CLI vs. the npm package `prisma-lint` on real schemas and 2,000/4,000 models
//   schema-scaling        3. our CLI at 500, 1,000, 2,000, 4,000 models: time must grow linearly
//   sql-migrations        the SQL language: nothing paid without SQL files; 1,000 statements well under 1 s
//   editor                the ESLint language server VS Code runs: first and warm diagnostics
// Never part of `npm test`. Times are wall-clock process times (start-up included), median of --runs.
import path from "node:path";
import { parseArgs } from "node:util";
import { compareWithPrismaLint } from "./suites/compare-prisma-lint.js";
import { editor } from "./suites/editor.js";
import { eslintCorpus } from "./suites/eslint-corpus.js";
import { eslintApp } from "./suites/eslint-app.js";
import { schemaScaling } from "./suites/schema-scaling.js";
import { sqlMigrations } from "./suites/sql-migrations.js";

const SUITES = {
  "eslint-corpus": eslintCorpus,
  "compare-prisma-lint": compareWithPrismaLint,
  "schema-scaling": schemaScaling,
  "sql-migrations": sqlMigrations,
  "eslint-app": eslintApp,
  editor,
};

const ARGS = {
  suite: { type: "string" },
  runs: { type: "string", default: "3" },
  quick: { type: "boolean", default: false },
  app: { type: "string" },
  "timing-runs": { type: "string", default: "2" },
  "with-tseslint": { type: "boolean", default: false },
  "per-rule": { type: "boolean", default: false },
  "facts-row": { type: "boolean", default: false },
  baseline: { type: "string" },
  help: { type: "boolean", default: false },
};
const USAGE = `usage: npm run bench -- [--suite ${Object.keys(SUITES).join("|")}[,...]] [--runs N] [--quick] [--app <dir>] [--timing-runs N] [--baseline <checkout>] [--with-tseslint] [--per-rule] [--facts-row]`;
let values;
try {
  ({ values } = parseArgs({ options: ARGS }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const selected = values.suite ? values.suite.split(",") : Object.keys(SUITES);
const options = { runs: Math.max(1, Number(values.runs)), quick: values.quick };
Object.assign(options, { app: values.app, timingRuns: Math.max(1, Number(values["timing-runs"])), withTseslint: values["with-tseslint"], perRule: values["per-rule"], factsRow: values["facts-row"], baseline: values.baseline && path.resolve(values.baseline) });

for (const name of selected) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`unknown suite ${name}; suites: ${Object.keys(SUITES).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n## ${name}\n`);
  // eslint-app takes `--runs 0`: its TIMING table alone
  await suite(name === "eslint-app" ? { ...options, runs: Math.max(0, Number(values.runs)) } : options);
}
