// Benchmark 1 (DESIGN §6): ESLint over a generated corpus, the recommended rules on vs. no rules
// (the parse-only floor), measured side by side in one process, alternating to share warm-up.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import plugin from "../dist/lib/index.js";
import { generateTsCorpus } from "./generate-ts-corpus.js";

const FILES = Number(process.env.BENCH_TS_FILES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = fileURLToPath(new URL("./.generated/ts-corpus/", import.meta.url));

function eslintFor(rulesOn) {
  const jsRules = rulesOn ? plugin.configs.recommended : [];
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    cache: false,
    overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, ...jsRules],
  });
}

async function timeRun(rulesOn) {
  const start = process.hrtime.bigint();
  const results = await eslintFor(rulesOn).lintFiles(["**/*.ts"]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  return { ms, problems, files: results.length };
}

export async function benchEslintRules() {
  generateTsCorpus(dir, FILES);
  await timeRun(false); // warm-up: module loading, JIT
  const floor = [];
  const rules = [];
  let info;
  for (let i = 0; i < ROUNDS; i++) {
    floor.push((await timeRun(false)).ms);
    info = await timeRun(true);
    rules.push(info.ms);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = median(floor);
  const r = median(rules);
  return [
    { benchmark: `ESLint, ${info.files} files, parse only`, ms: Math.round(f), note: "floor" },
    {
      benchmark: `ESLint, ${info.files} files, recommended rules`,
      ms: Math.round(r),
      note: `ratio ${(r / f).toFixed(3)} (target <= 1.05), ${info.problems} findings`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchEslintRules());
}
