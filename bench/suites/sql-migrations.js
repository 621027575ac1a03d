// The SQL language's cost (issue 15): a project without SQL files must pay nothing, and 1,000
// migration statements must lint in well under a second. Each measurement is its own process,
// because the parse cache and the parser's worker live per process:
//   - TS only: ESLint with `recommended` over a generated TS corpus; the SQL parser must not start.
//   - parser start-up: the worker and the WebAssembly module, paid once per process with SQL files.
//   - parse only (the language with no rule) and `recommended`'s SQL rules over a Supabase-shaped
//     folder of N statements; the rules' share is the difference.
import { fileURLToPath } from "node:url";
import { generateSqlMigrations } from "../generate-sql-migrations.js";
import { generateTsCorpus } from "../generate-ts-corpus.js";
import { table, timeProcess } from "./util.js";

const LINT_SQL = fileURLToPath(new URL("../lint-sql.js", import.meta.url));
const TS_DIR = fileURLToPath(new URL("../.generated/sql-ts-corpus/", import.meta.url));

function measure(args, runs) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = timeProcess(process.execPath, [LINT_SQL, ...args], { runs: 1 });
    samples.push({ ...JSON.parse(last.result.stdout), processMs: last.ms, cpuMs: last.cpu });
  }
  const median = (key) => [...samples].map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return {
    ...samples.at(-1),
    startMs: median("startMs"),
    lintMs: median("lintMs"),
    cpuMs: median("cpuMs"),
    processMs: median("processMs"),
  };
}

const ms = (value) => (value === undefined ? "" : `${Math.round(value)} ms`);

export async function sqlMigrations({ runs = 3, quick = false } = {}) {
  generateTsCorpus(TS_DIR, quick ? 100 : 300);
  const ts = measure([TS_DIR, "ts"], runs);
  console.log(`TS only (${ts.files} files, recommended): ${ms(ts.lintMs)}, SQL parser started: ${ts.parserStarted ? "YES (bug)" : "no"}\n`);

  const rows = [];
  for (const statements of quick ? [1000] : [1000, 4000]) {
    const { dir, files } = generateSqlMigrations(statements);
    const floor = measure([dir, "sql", "none"], runs);
    const rules = measure([dir, "sql", "rules"], runs);
    rows.push([
      `${statements} statements, ${files} files`,
      ms(rules.startMs),
      `${ms(floor.lintMs)} (cpu ${ms(floor.cpuMs)})`,
      `${ms(rules.lintMs)} (cpu ${ms(rules.cpuMs)})`,
      `${Math.round(rules.cpuMs - floor.cpuMs)} ms cpu`,
      rules.findings,
      ms(rules.processMs),
    ]);
  }
  table(["migrations", "parser start-up", "parse only", "recommended SQL rules", "rules' share", "findings", "whole process"], rows);
  console.log("\nTarget: 1,000 statements lint in well under a second (the recommended column). CPU time counts every");
  console.log("thread of the process (the parser's worker too) and is steadier than wall time on a busy machine.");
}
