// usage: node lintfiles.tmp.mjs <appFolder> <config> <file...>
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import plugin from "./dist/lib/index.js";
const [folder, config, ...files] = process.argv.slice(2);
const blocks = plugin.configs[config].filter((b) => !b.language);
const FILES = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];
const eslint = new ESLint({ cwd: folder, overrideConfigFile: true, allowInlineConfig: false, overrideConfig: [
  ...blocks.map((b) => ({ ...b, files: FILES })),
  { files: FILES, languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, linterOptions: { reportUnusedDisableDirectives: "off" } },
] });
for (const r of await eslint.lintFiles(files)) for (const m of r.messages) console.log(`${r.filePath.replace(folder + "/", "")}:${m.line}:${m.column} ${m.ruleId} ${m.message.slice(0, 80)}`);
