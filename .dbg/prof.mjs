// node --cpu-prof --cpu-prof-dir=/tmp/prof .dbg/prof.mjs <app> <config|rule:id>
import { ESLint } from "eslint";
import { appConfig } from "../bench/suites/eslint-app.js";

const [app, name] = process.argv.slice(2);
const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: appConfig(name), stats: process.env.STATS === "1" });
const t = performance.now();
const results = await eslint.lintFiles(["."]);
let n = 0;
for (const r of results) n += r.messages.length;
console.log(`${results.length} files, ${n} messages, ${(performance.now() - t).toFixed(0)} ms`);
