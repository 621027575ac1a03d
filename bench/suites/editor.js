// The editor, measured through the real client: the ESLint language server that VS Code runs
// (vscode-eslint-language-server from vscode-langservers-extracted, over stdio, pull diagnostics), on the
// fixture project of the editor test (bench/editor-session.js). Three servers run side by side, on the same
// project with the plugin's recommended config, with a config that only parses, and with one that parses and
// runs one trivial core rule (`no-await-in-loop`: the fair floor, ESLint's traversal paid as any rule pays
// it), and their requests alternate so that a busy machine slows them alike. The differences are shown
// against parse-only (the targets) and against the floor (what the plugin's rules add).
//
//   cold start       server start to the first diagnostics (loads ESLint, the config, plugin and parser)
//   first lint       the first diagnostics of a file the warm server has not seen (the rules follow its
//                    imports to their definitions): target < 50 ms
//   warm re-lint     the 300-line route handler again after an edit: target < 2 ms above parse-only
//   steady state     the same after a long warm-up (STEADY_WARM_UP re-lints, fewer with --quick): what is left once the JIT has
//                    compiled the rules, so the report separates warm-up from steady cost
//
// Times are round trips as the editor sees them (the server builds a new ESLint instance per request);
// the server's own `eslint/status` validation time and, on Linux, its CPU time per request are shown too
// (CPU time is what a busy machine distorts least).
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { createEditorProject, languageServerPath, LanguageServer } from "../editor-session.js";
import { median, table } from "./util.js";

const ROUTE = "app/api/projects/route.ts";
const FRESH_COPIES = 5;
/** Re-lints of the route handler before the steady-state samples (counted from its first re-lint). */
const STEADY_WARM_UP = 300;
const STEADY_WARM_UP_QUICK = 100;

function ms(value) {
  return `${value.toFixed(1)} ms`;
}

/** "12.3 ms (10.1-15.0)": the median and the middle half of the samples. */
function spread(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `${median(sorted).toFixed(1)} ms (${q(0.25).toFixed(1)} to ${q(0.75).toFixed(1)})`;
}

/** The server's CPU time per request since `cpuBefore` (steadier than round trips on a busy machine). */
function cpuPerRequest(s, requests) {
  const now = s.server.cpuTime();
  return now === undefined || s.cpuBefore === undefined ? undefined : (now - s.cpuBefore) / requests;
}

async function session(config) {
  const project = createEditorProject({ config });
  // copies of the route handler that the server has never seen, for "first lint of a file"
  for (let i = 1; i <= FRESH_COPIES; i++) {
    cpSync(path.join(project.dir, "app/api/projects"), path.join(project.dir, `app/api/projects-${i}`), { recursive: true });
  }
  const start = performance.now();
  const server = await LanguageServer.start(project.dir, { timeoutMs: 120_000 });
  server.open("app/api/users/route.ts", "typescript");
  const first = await server.diagnostics("app/api/users/route.ts", 120_000);
  return { config, project, server, coldStart: performance.now() - start, coldFindings: first.items.length, firstLints: [], warm: [] };
}

export async function editor({ runs = 3, quick = false } = {}) {
  const found = languageServerPath();
  if (!found.server) {
    console.log(`skipped: ${found.reason}`);
    return;
  }
  const sessions = [];
  try {
    for (const config of ["recommended", "parse-only", "floor"]) sessions.push(await session(config));

    // the first lint of files the warm servers have not seen, alternating
    for (const s of sessions) s.cpuBefore = s.server.cpuTime();
    for (let i = 1; i <= FRESH_COPIES; i++) {
      for (const s of sessions) {
        const file = `app/api/projects-${i}/route.ts`;
        s.server.open(file, "typescript");
        s.firstLints.push((await s.server.diagnostics(file, 60_000)).ms);
      }
    }
    for (const s of sessions) s.firstLintCpu = cpuPerRequest(s, FRESH_COPIES);

    // the 300-line route handler again and again, each time after an edit (a blank line added or removed)
    const repeats = quick ? 20 : Math.max(30, runs * 20);
    for (const s of sessions) {
      s.text = readFileSync(path.join(s.project.dir, ROUTE), "utf8");
      s.server.open(ROUTE, "typescript");
      s.findings = (await s.server.diagnostics(ROUTE, 60_000)).items.length;
    }
    const serverTimes = (s) => s.server.validationTimes.get(s.server.uri(ROUTE)) ?? [];
    let edits = 0;
    /** Re-lints the route handler `count` times in each server, alternating; the round trips of each. */
    async function relint(count) {
      const samples = sessions.map(() => []);
      for (let i = 0; i < count; i++, edits++) {
        for (const [k, s] of sessions.entries()) {
          s.server.change(ROUTE, edits % 2 ? s.text : `${s.text}\n`);
          samples[k].push((await s.server.diagnostics(ROUTE, 60_000)).ms);
        }
      }
      return samples;
    }
    await relint(3); // the first few warm the JIT
    for (const s of sessions) s.cpuBefore = s.server.cpuTime();
    for (const [k, samples] of (await relint(repeats)).entries()) sessions[k].warm = samples;
    for (const s of sessions) {
      s.warmCpu = cpuPerRequest(s, repeats);
      s.warmServerTimes = serverTimes(s).slice(-repeats);
    }
    const warmUp = quick ? STEADY_WARM_UP_QUICK : STEADY_WARM_UP;
    await relint(Math.max(0, warmUp - edits));
    for (const s of sessions) s.cpuBefore = s.server.cpuTime();
    for (const [k, samples] of (await relint(repeats)).entries()) sessions[k].steady = samples;
    for (const s of sessions) {
      s.steadyCpu = cpuPerRequest(s, repeats);
      s.steadyServerTimes = serverTimes(s).slice(-repeats);
    }

    const [rules, parseOnly, floor] = sessions;
    const paired = (key) => (base) => `${ms(median(rules[key].map((t, i) => t - base[key][i])))} (paired)`;
    const cpu = (key) => (base) => ms(rules[key] - base[key]);
    const row = (measure, value, difference) => [measure, value(rules), value(parseOnly), value(floor), difference(parseOnly), difference(floor)];
    table(
      ["measure", "recommended", "parse only", "floor (one trivial rule)", "recommended - parse only", "recommended - floor"],
      [
        row("cold start: server start to first diagnostics", (s) => ms(s.coldStart), (base) => ms(rules.coldStart - base.coldStart)),
        row(
          `first lint of a file the server has not seen (${FRESH_COPIES} files; target < 50 ms above parse only)`,
          (s) => spread(s.firstLints),
          (base) => ms(median(rules.firstLints) - median(base.firstLints)),
        ),
        row(
          `warm re-lint of a ${rules.text.split("\n").length}-line route handler after an edit (${repeats} times; target < 2 ms above parse only)`,
          (s) => spread(s.warm),
          paired("warm"),
        ),
        row("the same, the server's own validation time (1 ms resolution)", (s) => ms(median(s.warmServerTimes)), () => ""),
        row(`steady state: the same re-lint after ${warmUp} re-lints (${repeats} times)`, (s) => spread(s.steady), paired("steady")),
        row("the same, the server's own validation time (1 ms resolution)", (s) => ms(median(s.steadyServerTimes)), () => ""),
        ...(sessions.some((s) => s.warmCpu === undefined)
          ? []
          : [
              row("first lint, the server's CPU time per request (mean)", (s) => ms(s.firstLintCpu), cpu("firstLintCpu")),
              row("warm re-lint, the server's CPU time per request (mean)", (s) => ms(s.warmCpu), cpu("warmCpu")),
              row("steady state, the server's CPU time per request (mean)", (s) => ms(s.steadyCpu), cpu("steadyCpu")),
            ]),
      ],
    );
    console.log(`\nfindings in the route handler: ${rules.findings} (recommended), ${parseOnly.findings} (parse only), ${floor.findings} (floor)`);
    console.log("round trips include the server's new ESLint instance and config lookup per request, as in VS Code");
  } finally {
    for (const s of sessions) {
      await s.server.stop();
      s.project.cleanup();
    }
  }
}
