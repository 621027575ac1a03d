#!/usr/bin/env node
// node scripts/findings.js <folder> [--config all] [--out findings.txt] [--compare before.txt]
//
// Every finding of this plugin on a folder, one per line (`file:line:col-endLine:endCol rule message`),
// sorted, so that a speed change can prove it changes no finding: record before, compare after.
// Lints the way the benchmarks do (`bench/suites/eslint-app.js`): every .ts/.tsx file, the
// typescript-eslint parser, no type information, the plugin from dist/. A dev tool: never part of npm test.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ESLint } from "eslint";
import { appConfig, APP_FILES } from "../bench/suites/eslint-app.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: "string", default: "all" },
    out: { type: "string" },
    compare: { type: "string" },
  },
});
if (positionals.length !== 1) {
  console.error("usage: node scripts/findings.js <folder> [--config all] [--out findings.txt] [--compare before.txt]");
  process.exit(2);
}

const folder = path.resolve(positionals[0]);
const eslint = new ESLint({
  cwd: folder,
  overrideConfigFile: true,
  overrideConfig: appConfig(values.config),
  errorOnUnmatchedPattern: false,
  allowInlineConfig: false,
});
const started = Date.now();
const results = await eslint.lintFiles(APP_FILES);
const lines = [];
let fatal = 0;
for (const result of results) {
  const file = path.relative(folder, result.filePath);
  for (const m of result.messages) {
    if (m.fatal) {
      fatal++;
      continue;
    }
    if (!m.ruleId?.startsWith("backend-architect/")) continue;
    lines.push(`${file}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId.slice("backend-architect/".length)} ${m.message}`);
  }
}
lines.sort();
console.error(`${results.length} files, ${fatal} parse errors, ${lines.length} findings, ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (values.out) writeFileSync(values.out, lines.join("\n") + "\n");
if (values.compare) {
  const before = readFileSync(values.compare, "utf8").split("\n").filter(Boolean);
  const now = new Set(lines);
  const then = new Set(before);
  const gone = before.filter((l) => !now.has(l));
  const added = lines.filter((l) => !then.has(l));
  for (const l of gone) console.log(`- ${l}`);
  for (const l of added) console.log(`+ ${l}`);
  console.log(`${before.length} before, ${lines.length} after: ${gone.length} gone, ${added.length} new`);
  process.exitCode = gone.length + added.length === 0 ? 0 : 1;
}
