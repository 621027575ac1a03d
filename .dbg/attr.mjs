// node .dbg/attr.mjs <profile>: self time inside stacks that pass through the plugin's dist/, by function
import { readFileSync } from "node:fs";

const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const inPlugin = new Map();
function pluginFrame(id) {
  if (inPlugin.has(id)) return inPlugin.get(id);
  const n = byId.get(id);
  const url = n.callFrame.url;
  let r = url.includes("/dist/lib/") ? `${url.replace(/.*dist\/lib\//, "")}:${n.callFrame.functionName || "(anon)"}` : null;
  if (!r && parent.has(id)) r = pluginFrame(parent.get(id));
  inPlugin.set(id, r);
  return r;
}
let total = 0, plug = 0;
const top = new Map(), entry = new Map(), sub = new Map();
for (const [id, us] of self) {
  total += us;
  const n = byId.get(id);
  const pf = pluginFrame(id);
  if (!pf) continue;
  plug += us;
  const key = `${n.callFrame.url.replace(/.*\/(node_modules|dist\/lib)\//, "")}:${n.callFrame.functionName || "(anon)"}:${n.callFrame.lineNumber}`;
  top.set(key, (top.get(key) ?? 0) + us);
  // outermost plugin frame (rule file)
  let id2 = id, outer = null;
  while (id2 !== undefined) { const m = byId.get(id2); if (m.callFrame.url.includes("/dist/lib/") && !(process.env.SKIPCR && m.callFrame.url.includes("create-rule"))) outer = `${m.callFrame.url.replace(/.*dist\/lib\//, "")}:${m.callFrame.functionName || "(anon)"}`; id2 = parent.get(id2); }
  entry.set(outer, (entry.get(outer) ?? 0) + us);
  if (process.env.OUTER && outer?.includes(process.env.OUTER)) sub.set(key, (sub.get(key) ?? 0) + us);
}
console.log(`total ${(total / 1e3).toFixed(0)} ms, plugin-inclusive ${(plug / 1e3).toFixed(0)} ms`);
const N = Number(process.env.TOP ?? 30);
console.log("-- self by function");
for (const [k, v] of [...top].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((v / 1e3).toFixed(1).padStart(8), k);
console.log("-- by outermost plugin frame");
for (const [k, v] of [...entry].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((v / 1e3).toFixed(1).padStart(8), k);
if (process.env.OUTER) {
  console.log(`-- self under ${process.env.OUTER}`);
  for (const [k, v] of [...sub].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((v / 1e3).toFixed(1).padStart(8), k);
}
