// node .dbg/rstats.mjs <app> <config|rule:id>: other files parsed by the plugin (resolveStats)
import { ESLint } from "eslint";
import { appConfig } from "../bench/suites/eslint-app.js";
import { resolveStats } from "../dist/lib/analysis/resolve.js";
const [app, name] = process.argv.slice(2);
const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: appConfig(name) });
const t = performance.now();
const results = await eslint.lintFiles(["."]);
console.log(name, results.length, "files", (performance.now() - t).toFixed(0), "ms", JSON.stringify(resolveStats()));
