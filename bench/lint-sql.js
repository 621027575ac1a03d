#!/usr/bin/env node
// One measured process for bench/suites/sql-migrations.js:
//   node bench/lint-sql.js <dir> sql <rules|none>   lint <dir>'s .sql files; prints JSON timings
//   node bench/lint-sql.js <dir> ts                 lint <dir>'s .ts files with recommended; did the SQL parser start?
import path from "node:path";
import { ESLint } from "eslint";
import plugin from "../dist/lib/index.js";
import { isParserStarted } from "../dist/lib/sql/language/pg-parser.js";

const [relativeDir, kind, rules] = process.argv.slice(2);
const dir = path.resolve(relativeDir);
const started = performance.now();
/** CPU time of the whole process (every thread: the parser's worker too), in ms. */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

if (kind === "ts") {
  const { default: tseslint } = await import("typescript-eslint");
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    cache: false,
    overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, ...plugin.configs.recommended],
  });
  const results = await eslint.lintFiles(["**/*.ts"]);
  console.log(JSON.stringify({ files: results.length, lintMs: performance.now() - started, parserStarted: isParserStarted() }));
} else {
  const block = plugin.configs.recommended.find((config) => config.name?.endsWith("/sql-supabase"));
  const config = { ...block, files: ["**/*.sql"], rules: rules === "none" ? {} : block.rules };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, cache: false, overrideConfig: [config] });
  // The parser's start (worker, WebAssembly) apart from the parsing itself.
  await eslint.lintText("select 1;", { filePath: `${dir}/warm-up.sql` });
  const warm = performance.now();
  const cpuBefore = cpu();
  const results = await eslint.lintFiles(["**/*.sql"]);
  const done = performance.now();
  const cpuMs = cpu() - cpuBefore;
  const findings = results.reduce((n, result) => n + result.messages.length, 0);
  const fatal = results.reduce((n, result) => n + result.messages.filter((m) => m.fatal).length, 0);
  console.log(JSON.stringify({ files: results.length, startMs: warm - started, lintMs: done - warm, cpuMs, findings, fatal }));
}
