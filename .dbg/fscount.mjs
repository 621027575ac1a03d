// node .dbg/fscount.mjs <app> <config>: counts of fs calls made while linting
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const counts = new Map();
const stacks = new Map();
for (const name of ["statSync", "readdirSync", "existsSync", "readFileSync", "lstatSync"]) {
  const orig = fs[name];
  fs[name] = function (...args) {
    if (globalThis.__counting) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const st = new Error().stack.split("\n").slice(2, 5).map((l) => l.trim().replace(/.*\/(dist|node_modules)\//, "")).join(" < ");
      const k = `${name} ${st}`;
      stacks.set(k, (stacks.get(k) ?? 0) + 1);
    }
    return orig.apply(this, args);
  };
}
syncBuiltinESMExports();
const { ESLint } = await import("eslint");
const { appConfig } = await import("../bench/suites/eslint-app.js");
const [app, name] = process.argv.slice(2);
const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: appConfig(name) });
globalThis.__counting = true;
const results = await eslint.lintFiles(["."]);
globalThis.__counting = false;
console.log(results.length, "files", Object.fromEntries(counts));
for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(v, k);
