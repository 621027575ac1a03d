// DESIGN §6 item 1 on real code: ESLint over a project folder given by path (never committed), the way a
// user runs `eslint .` with one config: every .ts/.tsx file, the typescript-eslint parser, no type
// information. Prints, measured side by side in one process:
//   parse only            no rules: parsing, scope analysis, ESLint's bookkeeping
//   floor                 one trivial rule (core `no-await-in-loop`): parse + ESLint's traversal, the fair floor
//   recommended, all      this plugin's configs
// then ESLint's per-rule TIMING (the `stats` option: the clock of `TIMING=all`, create() included) as a
// share of the floor's wall time measured in the same process, file by file, and with `--per-rule` each
// rule's own cost (the floor plus that rule alone, minus the floor), which also charges a rule for the
// shared facts it is the only one to ask for.
//
// Each round, and each TIMING run, runs in a process of its own (this file, started as a child): a plugin's
// caches (parsed definitions of other files, the schema) live as long as its module instance, so copies
// loaded one after another in one process pile up, and the collector's growing pauses land on whichever
// config or rule happens to allocate next (rules that run first in a file were charged four times their
// cost). One process per round is also what `eslint .` is.
//
// How it stays truthful on a shared, busy machine: the configs are interleaved batch by batch (each batch of
// 50 files is linted with every config back to back, in a rotating order), so load that comes and goes hits
// all of them alike; CPU time is summed per config (wall time too). Each round loads fresh copies of the plugin, one per
// config, so every config starts with cold caches (cross-file definitions, compiled globs) the way one
// `eslint .` process does, yet the configs never share a cache with each other. Rounds come after a warm-up
// round over the first 400 files (JIT, file system cache); ratios are per round, reported as median [min-max].
//
// `--baseline <dir>` (a checkout with a built dist/, e.g. of main) adds its recommended and all as rows of the
// same rounds: the fairest before/after comparison this machine allows.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import plugin from "../../dist/lib/index.js";
import { APP_IGNORES } from "../app-files.js";
import { table } from "./util.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WARMUP_FILES = 400;
export const APP_FILES = ["**/*.{ts,tsx}"];
const FLOOR_RULE = "no-await-in-loop";

/**
 * A young-generation collection after every batch of files a config lints, inside the measured time: each
 * config pays for its own garbage when it makes it, instead of whichever config happens to run when the heap
 * fills up. In batches (`BENCH_BATCH`, default 50 files), not after every lint: a forced collection has a
 * fixed cost that a plain `eslint .` pays once per many files; paid by every config after every file, it
 * swamped the differences: the floor came out cheaper than parsing alone (0.97-0.99 on dub), which does less,
 * where batches show the 1.15-1.2 that separate runs show. `BENCH_BATCH=1` for the old way.
 * Configs still take turns batch by batch, so load that comes and goes hits all of them alike.
 */
const BATCH_FILES = Math.max(1, Number(process.env.BENCH_BATCH ?? 50));
setFlagsFromString("--expose-gc");
const collectGarbage = process.env.BENCH_GC === "off" ? () => {} : runInNewContext("gc");
const NAMESPACE = "backend-architect/";

/** The flat config of one benchmark row (`parse`, `floor`, `tseslint`, a config of the plugin, or `rule:<id>`). */
export function appConfig(name, plugin_ = plugin) {
  const base = [{ ignores: APP_IGNORES }, { files: APP_FILES, languageOptions: { parser: tseslint.parser } }];
  const floor = { files: APP_FILES, rules: { [FLOOR_RULE]: "error" } };
  if (name === "parse") return base;
  if (name === "floor") return [...base, floor];
  if (name === "tseslint") return [...base, ...tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? APP_FILES }))];
  if (name.startsWith("rule:")) {
    const id = name.slice("rule:".length);
    return [...base, floor, { files: APP_FILES, plugins: { "backend-architect": plugin_ }, rules: { [`${NAMESPACE}${id}`]: "error" } }];
  }
  const config = plugin_.configs[name];
  if (!config) throw new Error(`unknown config ${name}; configs: ${Object.keys(plugin_.configs).join(", ")}`);
  return [...base, ...config];
}

/** A fresh copy of dist/ (own module instances, so own caches), loaded from a temporary folder. */
async function freshPlugin(scratch, tag, from = ROOT) {
  const dir = path.join(scratch, tag);
  cpSync(path.join(from, "dist"), path.join(dir, "dist"), { recursive: true });
  cpSync(path.join(from, "package.json"), path.join(dir, "package.json"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return (await import(pathToFileURL(path.join(dir, "dist/lib/index.js")).href)).default;
}

function eslintFor(cwd, config, stats = false) {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, allowInlineConfig: false, cache: false, stats });
}

/** One round: every file linted with every config back to back; CPU and wall time summed per config. */
async function round(cwd, files, names, scratch, tag, baseline) {
  const runs = [];
  for (const name of names) {
    const usesPlugin = !["parse", "floor", "tseslint"].includes(name);
    const fromBaseline = name.startsWith("baseline:");
    const config = fromBaseline ? name.slice("baseline:".length) : name;
    const p = usesPlugin ? await freshPlugin(scratch, `${tag}-${name.replace(/\W/gu, "_")}`, fromBaseline ? baseline : ROOT) : plugin;
    runs.push({ name, eslint: eslintFor(cwd, appConfig(config, p)), cpu: 0, wall: 0, findings: 0 });
  }
  for (let b = 0, batch = 0; b < files.length; b += BATCH_FILES, batch++) {
    const slice = files.slice(b, b + BATCH_FILES);
    for (let j = 0; j < runs.length; j++) {
      const run = runs[(batch + j) % runs.length];
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (const { filePath, text } of slice) {
        const [result] = await run.eslint.lintText(text, { filePath });
        run.findings += result?.messages.filter((m) => !m.fatal).length ?? 0;
      }
      collectGarbage({ type: "minor" });
      run.wall += performance.now() - start;
      const used = process.cpuUsage(cpu);
      run.cpu += (used.user + used.system) / 1000;
    }
  }
  return Object.fromEntries(runs.map((r) => [r.name, r]));
}

/**
 * `--facts-row`: a rule of the benchmark's own, run before the plugin's, that builds the file facts rules
 * share (the database pre-test and every call's query answer, the boundary pre-test and every function's
 * boundary), so that ESLint's TIMING charges them to a row of their own instead of to the first rule that
 * asks. Each fact is one that some rule of `all` asks for in the same files, so the total stays the same.
 */
const FACTS_RULE = "bench/file-facts";

async function factsRule(pluginDir) {
  const { fileFacts } = await import(pathToFileURL(path.join(pluginDir, "dist/lib/analysis/file-facts.js")).href);
  return {
    meta: { type: "problem", schema: [] },
    create(context) {
      const facts = fileFacts(context);
      const listeners = {};
      if (facts.mayQueryDatabase) {
        const queries = facts.queries;
        listeners.CallExpression = (node) => queries.queryAt(node);
        listeners.TaggedTemplateExpression = (node) => queries.queryAt(node);
      }
      if (facts.mayHaveBoundaries) {
        const boundaries = facts.boundaries;
        listeners[":function"] = (node) => boundaries.boundaryOf(node);
      }
      return listeners;
    },
  };
}

/**
 * Per-rule time (ms) summed over files, from ESLint's stats (create() and every listener), and the floor's
 * wall time measured in the same process: each file is linted with the floor config, then with `all` (its
 * rules timed), so that the shares do not depend on how fast the machine happened to be when the rounds ran
 * (a TIMING run minutes later on a busy machine put every rule, core `no-await-in-loop` too, a third higher).
 * The rounds' floor is no denominator for TIMING either: it is measured with other configs interleaved and a
 * collection forced after each batch.
 */
async function ruleTimes(cwd, files, plugin_ = plugin, pluginDir) {
  const facts = pluginDir ? [{ files: APP_FILES, plugins: { bench: { rules: { "file-facts": await factsRule(pluginDir) } } }, rules: { [FACTS_RULE]: "error" } }] : [];
  // the facts rule's block first: ESLint creates and runs rules in the order the config names them
  const [ignores, parser, ...pluginBlocks] = appConfig("all", plugin_);
  const timed = eslintFor(cwd, [ignores, parser, ...facts, ...pluginBlocks, { files: APP_FILES, rules: { [FLOOR_RULE]: "error" } }], true);
  const floor = eslintFor(cwd, appConfig("floor"));
  const rules = new Map();
  let floorWall = 0;
  for (const { filePath, text } of files) {
    // no forced collection here: both lint the way `eslint .` does, each paying for the collections that fall in it
    const start = performance.now();
    await floor.lintText(text, { filePath });
    floorWall += performance.now() - start;
    const [result] = await timed.lintText(text, { filePath });
    for (const pass of result?.stats?.times?.passes ?? []) {
      for (const [id, { total }] of Object.entries(pass.rules ?? {})) rules.set(id, (rules.get(id) ?? 0) + total);
    }
  }
  return { rules: [...rules], floorWall };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs, digits = 3) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}]`;
const LABELS = { parse: "parse only", floor: `floor (core ${FLOOR_RULE})`, tseslint: "typescript-eslint recommended" };
const label = (name) =>
  LABELS[name] ??
  (name.startsWith("rule:") ? `floor + ${name.slice(5)}` : name.startsWith("baseline:") ? `baseline ${name.slice(9)}` : `backend-architect ${name}`);

/** Runs one task of this suite in a fresh node process (see the header) and returns its JSON answer. */
function inChild(task) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(task)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1));
}

/** The child's side: a warm-up (JIT and the file system cache are warm after a few hundred files), then the task. */
async function runTask({ task, cwd, fileList, names, scratch, tag, baseline, factsRow }) {
  const files = JSON.parse(readFileSync(fileList, "utf8")).map((filePath) => ({ filePath, text: readFileSync(filePath, "utf8") }));
  if (task === "timing") {
    // the plugin reads TIMING when it loads and then keeps one listener per rule (lib/util/shared-calls.ts), so
    // that each rule's time is its own; ESLint read it when it loaded (above), so it prints no table of its own
    process.env.TIMING = "1";
    // warm like a round (ESLint and the parser), while the plugin's copy starts cold like one `eslint .`
    await round(cwd, files.slice(0, WARMUP_FILES), ["floor"], scratch, `${tag}-warmup`);
    return ruleTimes(cwd, files, await freshPlugin(scratch, tag, baseline ?? ROOT), factsRow ? path.join(scratch, tag) : undefined);
  }
  await round(cwd, files.slice(0, WARMUP_FILES), names, scratch, `${tag}-warmup`, baseline);
  const result = await round(cwd, files, names, scratch, tag, baseline);
  return Object.fromEntries(Object.entries(result).map(([name, r]) => [name, { cpu: r.cpu, wall: r.wall, findings: r.findings }]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await runTask(JSON.parse(process.argv[2])))}\n`);
}

export async function eslintApp({ runs = 3, app, timingRuns = 2, withTseslint = false, perRule = false, factsRow = false, baseline } = {}) {
  if (!app) {
    console.log("skipped: give a project folder with --app <dir> (a real Next.js + Prisma app, never committed)");
    return;
  }
  const cwd = path.resolve(app);
  const scratch = mkdtempSync(path.join(tmpdir(), "eslint-app-bench-"));
  try {
    // the file list, as `eslint .` finds it, and a first warm-up of ESLint and the parser
    const listed = await eslintFor(cwd, appConfig("parse")).lintFiles(APP_FILES);
    const files = listed.map((r) => ({ filePath: r.filePath, text: readFileSync(r.filePath, "utf8") }));
    const fatal = listed.filter((r) => r.messages.some((m) => m.fatal)).length;
    const names = [
      "parse",
      "floor",
      "recommended",
      "all",
      ...(baseline ? ["baseline:recommended", "baseline:all"] : []),
      ...(withTseslint ? ["tseslint"] : []),
    ];
    console.log(`${cwd}: ${files.length} files, ${fatal} with parse errors; ${runs} rounds after a warm-up, configs interleaved in batches of ${BATCH_FILES} files\n`);

    const fileList = path.join(scratch, "files.json");
    writeFileSync(fileList, JSON.stringify(files.map((f) => f.filePath)));
    const rounds = [];
    for (let r = 0; r < runs; r++) rounds.push(inChild({ task: "round", cwd, fileList, names, scratch, tag: `r${r}`, baseline }));
    const per = (name, key) => rounds.map((x) => x[name][key]);
    const ratio = (name, ref, key) => rounds.map((x) => x[name][key] / x[ref][key]);
    // `--runs 0`: the TIMING table only
    if (runs > 0) table(
      ["run", "cpu ms, median [min-max]", "wall ms", "cpu vs parse", "cpu vs floor", "wall vs floor", "findings"],
      names.map((name) => [
        label(name),
        `${Math.round(median(per(name, "cpu")))} [${Math.round(Math.min(...per(name, "cpu")))}-${Math.round(Math.max(...per(name, "cpu")))}]`,
        String(Math.round(median(per(name, "wall")))),
        spread(ratio(name, "parse", "cpu")),
        spread(ratio(name, "floor", "cpu")),
        spread(ratio(name, "floor", "wall")),
        String(rounds[0][name].findings),
      ]),
    );

    // per run: each rule's ms and its share of the floor's wall time measured in that run's process
    const timingRun = (tag, from) => {
      const { rules, floorWall } = inChild({ task: "timing", cwd, fileList, scratch, tag, baseline: from, factsRow });
      return { rules: new Map(rules), floorWall };
    };
    const timingRunsDone = [];
    const baselineRunsDone = [];
    for (let i = 0; i < timingRuns; i++) {
      timingRunsDone.push(timingRun(`t${i}`));
      if (baseline) baselineRunsDone.push(timingRun(`bt${i}`, baseline));
    }
    // the shared facts are the plugin's work too
    const isOurs = (id) => id.startsWith(NAMESPACE) || id === FACTS_RULE;
    const summarize = (done) => {
      const ids = new Set(done.flatMap((r) => [...r.rules.keys()]));
      const rowOf = (id, pick) => {
        const ms = done.map((r) => pick(r) ?? 0);
        const shares = done.map((r, i) => (100 * ms[i]) / r.floorWall);
        return { id, ms: median(ms), min: Math.min(...ms), max: Math.max(...ms), share: median(shares) };
      };
      const rows = [...ids].map((id) => rowOf(id, (r) => r.rules.get(id)));
      const total = rowOf("(backend-architect, total)", (r) => [...r.rules].filter(([id]) => isOurs(id)).reduce((n, [, ms]) => n + ms, 0));
      return { rows: new Map(rows.map((r) => [r.id, r])), total };
    };
    const now = summarize(timingRunsDone);
    const then = baseline ? summarize(baselineRunsDone) : undefined;
    const rows = [...now.rows.values()].sort((a, b) => b.ms - a.ms);
    const floorWalls = timingRunsDone.map((r) => Math.round(r.floorWall));
    const pct = (x) => (x === undefined ? "" : `${x.toFixed(2)}%`);
    console.log(
      `\nESLint TIMING per rule (config all + core ${FLOOR_RULE}; ${timingRuns} runs, each in its own process; wall clock), as a share of the floor's wall time measured in the same process, file by file (${floorWalls.join(", ")} ms${runs > 0 ? `; the rounds' floor: ${Math.round(median(per("floor", "wall")))} ms` : ""}); median of the runs.` +
        (factsRow
          ? `\nThe facts rules share are built first by ${FACTS_RULE} (--facts-row), so each rule's row is its own work.\n`
          : "\nRules share the file's facts: the first rule to ask for one is charged for building it.\n"),
    );
    table(
      ["rule", "ms, median [min-max]", "share of floor", ...(baseline ? ["baseline ms", "baseline share"] : [])],
      [...rows, now.total].map((r) => {
        const before = r === now.total ? then?.total : then?.rows.get(r.id);
        return [
          r.id,
          `${r.ms.toFixed(1)} [${r.min.toFixed(1)}-${r.max.toFixed(1)}]`,
          pct(r.share),
          ...(baseline ? [before?.ms.toFixed(1) ?? "", pct(before?.share)] : []),
        ];
      }),
    );

    if (perRule) {
      const ids = Object.keys(plugin.rules).filter((id) => plugin.rules[id].meta?.languages?.includes("js/js"));
      const ruleNames = ["floor", ...ids.map((id) => `rule:${id}`)];
      const ruleRounds = [];
      for (let r = 0; r < runs; r++) ruleRounds.push(inChild({ task: "round", cwd, fileList, names: ruleNames, scratch, tag: `pr${r}` }));
      console.log("\nEach rule alone on top of the floor (CPU time, interleaved batch by batch): its own cost, shared facts included.\n");
      table(
        ["rule", "cpu ms over the floor, median [min-max]", "share of floor"],
        ids
          .map((id) => {
            const extra = ruleRounds.map((x) => x[`rule:${id}`].cpu - x.floor.cpu);
            const share = ruleRounds.map((x) => (100 * (x[`rule:${id}`].cpu - x.floor.cpu)) / x.floor.cpu);
            return { id, extra, share };
          })
          .sort((a, b) => median(b.share) - median(a.share))
          .map(({ id, extra, share }) => [id, `${Math.round(median(extra))} [${Math.round(Math.min(...extra))}-${Math.round(Math.max(...extra))}]`, `${spread(share, 2)}%`]),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
