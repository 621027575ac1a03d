// node .dbg/pdiff.mjs <a.cpuprofile> <b.cpuprofile>: self time per function, b minus a
import { readFileSync } from "node:fs";
function selfBy(file) {
  const prof = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const m = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const n = byId.get(prof.samples[i]);
    const k = `${n.callFrame.url.replace(/.*\/(node_modules|dist)\//, "")}:${n.callFrame.functionName || "(anon)"}:${n.callFrame.lineNumber}`;
    const d = prof.timeDeltas[i] ?? 0;
    total += d;
    m.set(k, (m.get(k) ?? 0) + d);
  }
  return { m, total };
}
const a = selfBy(process.argv[2]), b = selfBy(process.argv[3]);
console.log(`a ${(a.total / 1e3).toFixed(0)} ms, b ${(b.total / 1e3).toFixed(0)} ms, diff ${((b.total - a.total) / 1e3).toFixed(0)}`);
const keys = new Set([...a.m.keys(), ...b.m.keys()]);
const rows = [...keys].map((k) => [k, (b.m.get(k) ?? 0) - (a.m.get(k) ?? 0), a.m.get(k) ?? 0]).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
for (const [k, d, av] of rows.slice(0, Number(process.env.TOP ?? 40))) console.log((d / 1e3).toFixed(1).padStart(8), (av / 1e3).toFixed(1).padStart(8), k);
