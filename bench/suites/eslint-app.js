// DESIGN §6 item 1 on real code: ESLint over a project folder given by path (never committed), the way a
// user runs `eslint .` with one config: every .ts/.tsx file, the typescript-eslint parser, no type
// information. Prints, measured side by side in one process:
//   parse only            no rules: parsing, scope analysis, ESLint's bookkeeping
//   floor                 one trivial rule (core `no-await-in-loop`): parse + ESLint's traversal, the fair floor
//   recommended, all      this plugin's configs
// then ESLint's per-rule TIMING (the `stats` option: the same clock as `TIMING=all`, create() included)
// as a share of the floor. The configs run interleaved, in a rotating order, `--runs` rounds after a
// warm-up round; each ratio is taken within a round (so slow drifts of this shared machine cancel) and
// reported as median [min-max] over the rounds. Definitions resolved across files are cached per process:
// the cache is cleared before every run, so each run pays for them as a fresh `eslint .` does.
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import plugin from "../../dist/lib/index.js";
import { clearResolveCache } from "../../dist/lib/analysis/resolve.js";
import { table } from "./util.js";

export const APP_FILES = ["**/*.{ts,tsx}"];
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
const FLOOR_RULE = "no-await-in-loop";

/** The flat config of one benchmark row. */
export function appConfig(name) {
  const base = [{ ignores: APP_IGNORES }, { files: APP_FILES, languageOptions: { parser: tseslint.parser } }];
  switch (name) {
    case "parse":
      return base;
    case "floor":
      return [...base, { files: APP_FILES, rules: { [FLOOR_RULE]: "error" } }];
    case "tseslint":
      return [...base, ...tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? APP_FILES }))];
    default: {
      const config = plugin.configs[name];
      if (!config) throw new Error(`unknown config ${name}; configs: ${Object.keys(plugin.configs).join(", ")}`);
      return [...base, ...config];
    }
  }
}

function eslintFor(cwd, name, stats = false) {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: name === "timing" ? [...appConfig("all"), { files: APP_FILES, rules: { [FLOOR_RULE]: "error" } }] : appConfig(name),
    errorOnUnmatchedPattern: false,
    allowInlineConfig: false,
    cache: false,
    stats,
  });
}

async function timeRun(cwd, name) {
  clearResolveCache();
  const eslint = eslintFor(cwd, name);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = await eslint.lintFiles(APP_FILES);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const findings = results.reduce((n, r) => n + r.messages.filter((m) => !m.fatal).length, 0);
  const fatal = results.reduce((n, r) => n + r.messages.filter((m) => m.fatal).length, 0);
  return { ms, cpuMs: (user + system) / 1000, files: results.length, findings, fatal };
}

/** Per-rule time (ms) summed over files, from ESLint's stats (create() and every listener). */
async function ruleTimes(cwd) {
  clearResolveCache();
  const results = await eslintFor(cwd, "timing", true).lintFiles(APP_FILES);
  const rules = new Map();
  let parse = 0;
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [id, { total }] of Object.entries(pass.rules ?? {})) rules.set(id, (rules.get(id) ?? 0) + total);
    }
  }
  return { rules, parse };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs, digits = 3) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}]`;

export async function eslintApp({ runs = 3, app, timingRuns = 2, withTseslint = false } = {}) {
  if (!app) {
    console.log("skipped: give a project folder with --app <dir> (a real Next.js + Prisma app, never committed)");
    return;
  }
  const cwd = path.resolve(app);
  const names = ["parse", "floor", "recommended", "all", ...(withTseslint ? ["tseslint"] : [])];
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  let info;
  // warm-up round: module loading, JIT, the file system cache
  for (const name of names) info = { ...info, [name]: await timeRun(cwd, name) };
  for (let round = 0; round < runs; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const times = {};
    for (const name of order) times[name] = await timeRun(cwd, name);
    for (const name of names) samples[name].push(times[name]);
  }
  const files = info.parse.files;
  console.log(`${cwd}: ${files} files, ${info.parse.fatal} parse errors; ${runs} interleaved rounds after a warm-up\n`);
  const rows = names.map((name) => {
    const wall = samples[name].map((s) => s.ms);
    const cpu = samples[name].map((s) => s.cpuMs);
    const perRound = (ref) => samples[name].map((s, i) => s.ms / samples[ref][i].ms);
    const perRoundCpu = (ref) => samples[name].map((s, i) => s.cpuMs / samples[ref][i].cpuMs);
    return [
      name === "floor" ? `floor (core ${FLOOR_RULE})` : name === "parse" ? "parse only" : name === "tseslint" ? "typescript-eslint recommended" : `backend-architect ${name}`,
      `${Math.round(median(wall))} [${Math.round(Math.min(...wall))}-${Math.round(Math.max(...wall))}]`,
      `${Math.round(median(cpu))}`,
      spread(perRound("parse")),
      spread(perRound("floor")),
      spread(perRoundCpu("floor")),
      String(info[name].findings),
    ];
  });
  table(["run", "wall ms, median [min-max]", "cpu ms", "vs parse", "vs floor (wall)", "vs floor (cpu)", "findings"], rows);

  // TIMING per rule, as a share of the floor run (median wall time)
  const floorMs = median(samples.floor.map((s) => s.ms));
  const timing = new Map();
  for (let i = 0; i < timingRuns; i++) {
    const { rules } = await ruleTimes(cwd);
    for (const [id, ms] of rules) timing.set(id, [...(timing.get(id) ?? []), ms]);
  }
  const ruleRows = [...timing]
    .map(([id, ms]) => ({ id, ms: median(ms), min: Math.min(...ms), max: Math.max(...ms) }))
    .sort((a, b) => b.ms - a.ms);
  const total = ruleRows.filter((r) => r.id.startsWith("backend-architect/")).reduce((n, r) => n + r.ms, 0);
  console.log(`\nESLint TIMING per rule (config all + core ${FLOOR_RULE}), ${timingRuns} runs, as a share of the floor run (${Math.round(floorMs)} ms):\n`);
  table(
    ["rule", "ms, median [min-max]", "share of floor"],
    [
      ...ruleRows.map((r) => [r.id, `${r.ms.toFixed(1)} [${r.min.toFixed(1)}-${r.max.toFixed(1)}]`, `${((100 * r.ms) / floorMs).toFixed(2)}%`]),
      ["(backend-architect, total)", total.toFixed(1), `${((100 * total) / floorMs).toFixed(2)}%`],
    ],
  );
}
