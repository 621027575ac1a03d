import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = fileURLToPath(new URL("../../dist/prisma-lint/cli.js", import.meta.url));

/**
 * CPU time (user + system, ms) used so far by this process's finished children, from /proc (Linux);
 * undefined elsewhere. Steadier than wall time on a busy machine.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (100 per second)
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command `runs` times (after one warm-up unless `warmUp` is false) and returns the median wall time
 * in ms, the median CPU time of the process in ms (Linux), and the last result.
 */
export function timeProcess(command, args, { runs = 3, cwd = ROOT, okCodes = [0, 1], warmUp = true } = {}) {
  const cpuSamples = [];
  const once = () => {
    const cpuBefore = childrenCpuMs();
    const start = performance.now();
    // output goes to files: a tool that calls process.exit() while writing to a pipe loses output
    const out = path.join(tmpdir(), `bench-stdout-${process.pid}.txt`);
    const err = path.join(tmpdir(), `bench-stderr-${process.pid}.txt`);
    const fds = [openSync(out, "w"), openSync(err, "w")];
    const result = spawnSync(command, args, { cwd, stdio: ["ignore", fds[0], fds[1]] });
    const ms = performance.now() - start;
    for (const fd of fds) closeSync(fd);
    result.stdout = readFileSync(out, "utf8");
    result.stderr = readFileSync(err, "utf8");
    const cpuAfter = childrenCpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpuSamples.push(cpuAfter - cpuBefore);
    if (!okCodes.includes(result.status)) {
      throw new Error(`${command} ${args.join(" ")} exited with ${result.status}: ${(result.stderr || "").slice(0, 500)}`);
    }
    return { ms, result };
  };
  let last;
  if (warmUp) last = once(); // warm the file system cache
  cpuSamples.length = 0;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    last = once();
    samples.push(last.ms);
  }
  return { ms: median(samples), cpu: cpuSamples.length === samples.length && samples.length > 0 ? median(cpuSamples) : undefined, result: last?.result };
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "1.23 s (cpu 1.01 s)" */
export function timing({ ms, cpu }) {
  return cpu === undefined ? seconds(ms) : `${seconds(ms)} (cpu ${seconds(cpu)})`;
}

/** Prints a Markdown table. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
}

/**
 * Runs several commands alternately (`A B A B ...`, after one warm-up run each) so that a busy machine
 * slows them alike; returns per command the median wall and CPU time in ms, every sample, and the last
 * result. `runs` may be a number or a function of the command index.
 */
export function pairedRuns(commands, runs) {
  const count = (i) => (typeof runs === "function" ? runs(i) : runs);
  const out = commands.map(() => ({ wall: [], cpu: [], result: undefined }));
  const once = (command, i) => {
    const { ms, cpu, result } = timeProcess(command.command, command.args, { runs: 1, cwd: command.cwd, warmUp: false });
    out[i].wall.push(ms);
    if (cpu !== undefined) out[i].cpu.push(cpu);
    out[i].result = result;
  };
  for (const command of commands) timeProcess(command.command, command.args, { runs: 0, cwd: command.cwd }); // warm-up
  const most = Math.max(...commands.map((_, i) => count(i)));
  for (let round = 0; round < most; round++) {
    commands.forEach((command, i) => {
      if (round < count(i)) once(command, i);
    });
  }
  return out.map(({ wall, cpu, result }) => ({
    ms: median(wall),
    cpu: cpu.length === wall.length ? median(cpu) : undefined,
    wall,
    cpuSamples: cpu.length === wall.length ? cpu : undefined,
    result,
  }));
}

export function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * "3.4x (2.9-3.8)": how many times faster `ours` is than `theirs`, from medians of CPU time (wall time
 * where the OS does not report CPU), with the range over the paired runs as the noise.
 */
export function speedup(ours, theirs) {
  const pick = (r) => (r.cpuSamples ? { mid: r.cpu, samples: r.cpuSamples } : { mid: r.ms, samples: r.wall });
  const o = pick(ours);
  const t = pick(theirs);
  // per pair of runs when both ran as often, else every combination
  const ratios =
    t.samples.length === o.samples.length
      ? t.samples.map((x, i) => x / Math.max(o.samples[i], 1))
      : t.samples.flatMap((x) => o.samples.map((y) => x / Math.max(y, 1)));
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return `${(t.mid / o.mid).toFixed(1)}x (${low.toFixed(1)}-${high.toFixed(1)})`;
}
