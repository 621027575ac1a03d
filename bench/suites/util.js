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
 * Runs a command `runs` times (after one warm-up) and returns the median wall time in ms, the median CPU
 * time of the process in ms (Linux), and the last result.
 */
export function timeProcess(command, args, { runs = 3, cwd = ROOT, okCodes = [0, 1] } = {}) {
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
  once(); // warm the file system cache
  cpuSamples.length = 0;
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = once();
    samples.push(last.ms);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { ms: median(samples), cpu: cpuSamples.length === samples.length ? median(cpuSamples) : undefined, result: last.result };
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
