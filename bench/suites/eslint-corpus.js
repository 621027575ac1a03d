// DESIGN §6 item 1: ESLint over a generated corpus of realistic route handlers, server actions and
// services, recommended rules on vs. no rules (the parse-only floor); target ratio <= 1.05.
// Measured side by side in one process, alternating, after a warm-up run.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import plugin from "../../dist/lib/index.js";
import { generateTsCorpus } from "../generate-ts-corpus.js";

const FILES = Number(process.env.BENCH_TS_FILES ?? 3000);
const dir = fileURLToPath(new URL("../.generated/ts-corpus/", import.meta.url));

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

export async function eslintCorpus({ runs = 3, quick = false } = {}) {
  generateTsCorpus(dir, quick ? Math.min(FILES, 300) : FILES);
  await timeRun(false); // warm-up: module loading, JIT
  const floor = [];
  const rules = [];
  let info;
  for (let i = 0; i < runs; i++) {
    floor.push((await timeRun(false)).ms);
    info = await timeRun(true);
    rules.push(info.ms);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = median(floor);
  const r = median(rules);
  console.table([
    { benchmark: `ESLint, ${info.files} files, parse only`, ms: Math.round(f), note: "floor" },
    {
      benchmark: `ESLint, ${info.files} files, recommended rules`,
      ms: Math.round(r),
      note: `ratio ${(r / f).toFixed(3)} (target <= 1.05), ${info.problems} findings`,
    },
  ]);
}

