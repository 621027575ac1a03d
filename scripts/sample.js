#!/usr/bin/env node
// npm run sample -- <folder...> [--config recommended|strict|all] [--minus recommended] [--rule id[,id]]
//                   [--n 30] [--seed S] [--settings file.json] [--json out.json] [--context 60]
//
// The precision harness: lints real code the way a user would (one of our configs, the typescript-eslint
// parser, no type information), prints the count of findings per rule, and a reproducible random sample of
// findings per rule, each with its code context (the enclosing function), for a person to judge.
// `--minus recommended` keeps only what the chosen config adds on top of another (for "what strict adds").
// It also lists findings of the database rules in files that name no database client at all: those are
// false by construction, a bug in the shared analysis.
//
// --settings: a JSON file `{ "<folder name>": { ...settings["backend-architect"] }, "*": { ... } }`, the
// settings a user of each app would write. A dev tool: never part of `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { parse } from "@typescript-eslint/typescript-estree";
import plugin from "../dist/lib/index.js";
import { APP_IGNORES } from "../bench/app-files.js";

/** Rules built on the database-query analysis: a finding in a file naming no client is false by construction. */
const DB_RULES = new Set([
  "no-await-in-loop-query",
  "no-floating-query",
  "no-unscoped-mutation",
  "no-unsafe-raw-query",
  "prefer-parallel-queries",
  "no-unbounded-find-many",
  "prisma-client-singleton",
  "require-transaction",
  "require-indexed-query-fields",
  "no-sensitive-fields-in-response",
  "require-tenant-scope",
  "require-ownership-check",
]);
const NAMES_A_DB_CLIENT =
  /prisma|drizzle|supabase|kysely|knex|mongoose|typeorm|sequelize|postgres|\bpg\b|\bsql\b|\bdb\b|\w+Db\b|database|\bpool\b|\btx\b|\btrx\b|\$transaction/iu;

const FILES = ["**/*.{ts,tsx,mts,cts}"];

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: "string", default: "recommended" },
    minus: { type: "string" },
    rule: { type: "string" },
    n: { type: "string", default: "30" },
    seed: { type: "string", default: "1" },
    settings: { type: "string" },
    json: { type: "string" },
    context: { type: "string", default: "60" },
    quiet: { type: "boolean", default: false },
  },
});

function usage(message) {
  console.error(`sample: ${message}`);
  console.error("usage: npm run sample -- <folder...> [--config recommended|strict|all] [--minus recommended] [--rule id[,id]] [--n 30] [--seed S] [--settings file.json] [--json out.json]");
  process.exit(2);
}
if (positionals.length === 0) usage("give at least one folder to lint");
for (const name of [values.config, values.minus].filter(Boolean)) {
  if (!plugin.configs[name]) usage(`unknown config ${name}; configs: ${Object.keys(plugin.configs).join(", ")}`);
}
const onlyRules = values.rule ? new Set(values.rule.split(",").map((id) => id.replace(/^backend-architect\//u, ""))) : undefined;
const sampleSize = Math.max(0, Number(values.n));
const contextLines = Math.max(5, Number(values.context));
const settingsByApp = values.settings ? JSON.parse(readFileSync(values.settings, "utf8")) : {};

/** The JS blocks of a config (schema linting has its own smoke script), parsed the way typescript-eslint users parse. */
function eslintConfig(name, settings) {
  const blocks = plugin.configs[name].filter((block) => !block.language);
  // with --rule, run only those rules: a sample of one rule costs one rule's time
  const keep = (rules) =>
    onlyRules ? Object.fromEntries(Object.entries(rules).filter(([id]) => onlyRules.has(id.replace(/^backend-architect\//u, "")))) : rules;
  return [
    { ignores: APP_IGNORES },
    ...blocks.map((block) => ({ ...block, files: FILES, rules: keep(block.rules ?? {}) })),
    {
      files: FILES,
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: "off" },
      settings: { "backend-architect": settings },
    },
  ];
}

async function lintFolder(folder, configName) {
  const app = path.basename(folder);
  const settings = { ...settingsByApp["*"], ...settingsByApp[app] };
  const eslint = new ESLint({
    cwd: folder,
    overrideConfigFile: true,
    overrideConfig: eslintConfig(configName, settings),
    errorOnUnmatchedPattern: false,
    allowInlineConfig: false,
  });
  const findings = [];
  const crashes = [];
  let files = 0;
  let parseErrors = 0;
  const collect = (results) => {
    for (const result of results) {
      files++;
      for (const message of result.messages) {
        if (message.fatal) {
          parseErrors++;
          continue;
        }
        const rule = message.ruleId?.replace(/^backend-architect\//u, "");
        if (!rule || !message.ruleId.startsWith("backend-architect/")) continue;
        if (onlyRules && !onlyRules.has(rule)) continue;
        findings.push({ app, file: path.relative(folder, result.filePath), abs: result.filePath, line: message.line, column: message.column, rule, message: message.message });
      }
    }
  };
  try {
    collect(await eslint.lintFiles(["."]));
  } catch {
    // a rule threw somewhere: lint file by file to find where, and keep everything else
    const all = await new ESLint({ cwd: folder, overrideConfigFile: true, overrideConfig: [{ ignores: APP_IGNORES }, { files: FILES }] }).lintFiles(["."]);
    for (const { filePath } of all) {
      try {
        collect(await eslint.lintFiles([filePath]));
      } catch (error) {
        crashes.push({ app, file: path.relative(folder, filePath), error: String(error.message).split("\n")[0] });
      }
    }
  }
  return { app, files, parseErrors, findings, crashes };
}

const key = (f) => `${f.abs}:${f.line}:${f.column}:${f.rule}:${f.message}`;

const apps = [];
for (const folder of positionals.map((p) => path.resolve(p))) {
  const started = Date.now();
  const run = await lintFolder(folder, values.config);
  if (values.minus) {
    const base = new Set((await lintFolder(folder, values.minus)).findings.map(key));
    run.findings = run.findings.filter((f) => !base.has(key(f)));
  }
  run.seconds = (Date.now() - started) / 1000;
  apps.push(run);
  if (!values.quiet) console.error(`linted ${run.app}: ${run.files} files, ${run.findings.length} findings, ${run.crashes.length} crashes, ${run.seconds.toFixed(0)} s`);
}
const findings = apps.flatMap((a) => a.findings);

// ---------- counts ----------
const rules = [...new Set(findings.map((f) => f.rule))].sort();
const title = values.minus ? `${values.config} minus ${values.minus}` : values.config;
console.log(`# Findings of \`${title}\` over ${apps.length} app(s), ${apps.reduce((n, a) => n + a.files, 0)} files\n`);
console.log(`| rule | ${apps.map((a) => a.app).join(" | ")} | total |`);
console.log(`| --- | ${apps.map(() => "---").join(" | ")} | --- |`);
for (const rule of rules) {
  const counts = apps.map((a) => a.findings.filter((f) => f.rule === rule).length);
  console.log(`| ${rule} | ${counts.join(" | ")} | ${counts.reduce((x, y) => x + y, 0)} |`);
}
const crashes = apps.flatMap((a) => a.crashes);
console.log(`\ncrashes: ${crashes.length}; parse errors: ${apps.reduce((n, a) => n + a.parseErrors, 0)}`);
for (const crash of crashes) console.log(`- CRASH ${crash.app}/${crash.file}: ${crash.error}`);

// ---------- database rules in files that name no database client ----------
const textCache = new Map();
const textOf = (abs) => {
  if (!textCache.has(abs)) textCache.set(abs, readFileSync(abs, "utf8"));
  return textCache.get(abs);
};
const extraClientNames = Object.values(settingsByApp).flatMap((s) => s?.dbClients ?? []);
const namesClient = (text) => NAMES_A_DB_CLIENT.test(text) || extraClientNames.some((name) => text.includes(name.split(".").at(-1)));
const noClient = findings.filter((f) => DB_RULES.has(f.rule) && !namesClient(textOf(f.abs)));
console.log(`\ndatabase-rule findings in files that name no database client: ${noClient.length}`);
for (const f of noClient) console.log(`- ${f.app}/${f.file}:${f.line}:${f.column} ${f.rule}`);

// ---------- the sample ----------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "MethodDefinition"]);
const astCache = new Map();
/** The enclosing top-level function (or statement) of a line: what a reviewer reads to judge a finding. */
function contextOf(finding) {
  const text = textOf(finding.abs);
  let ast = astCache.get(finding.abs);
  if (ast === undefined) {
    try {
      ast = parse(text, { loc: true, range: true, jsx: finding.abs.endsWith("x") });
    } catch {
      ast = null;
    }
    astCache.set(finding.abs, ast);
  }
  const lines = text.split("\n");
  let start = Math.max(1, finding.line - 10);
  let end = Math.min(lines.length, finding.line + 10);
  if (ast) {
    // the outermost function containing the line (pre-order finds it first), else the top-level statement
    const contains = (node) => node.loc.start.line <= finding.line && node.loc.end.line >= finding.line;
    let fn;
    const find = (node) => {
      if (fn || !node || typeof node.type !== "string" || !node.loc || !contains(node)) return;
      if (FUNCTION_TYPES.has(node.type)) fn = node;
      for (const [k, v] of Object.entries(node)) {
        if (k === "parent") continue;
        if (Array.isArray(v)) v.forEach(find);
        else if (v && typeof v === "object") find(v);
      }
    };
    ast.body.forEach(find);
    const chosen = fn ?? ast.body.find(contains);
    if (chosen) {
      start = chosen.loc.start.line;
      end = chosen.loc.end.line;
    }
  }
  // keep long functions readable: the head, then the lines around the finding
  const out = [];
  const show = (from, to) => {
    for (let n = from; n <= to; n++) out.push(`${n === finding.line ? ">" : " "}${String(n).padStart(5)} | ${lines[n - 1] ?? ""}`);
  };
  if (end - start + 1 <= contextLines) show(start, end);
  else {
    const head = Math.min(start + 7, finding.line - 1);
    show(start, head);
    const from = Math.max(head + 1, finding.line - Math.floor(contextLines / 2));
    if (from > head + 1) out.push("      | ...");
    const to = Math.min(end, from + contextLines - 8);
    show(from, to);
    if (to < end) out.push(`      | ... (function ends at line ${end})`);
  }
  return out.join("\n");
}

const sample = [];
console.log(`\n# Sample (seed ${values.seed}, up to ${sampleSize} per rule)\n`);
for (const rule of rules) {
  const pool = findings.filter((f) => f.rule === rule).sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const random = mulberry32(seedOf(`${values.seed}:${rule}`));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const picked = pool.slice(0, sampleSize);
  console.log(`## ${rule}: ${picked.length} of ${findings.filter((f) => f.rule === rule).length}\n`);
  picked.forEach((f, index) => {
    const id = `${rule}#${index + 1}`;
    sample.push({ id, ...f });
    console.log(`### ${id} ${f.app}/${f.file}:${f.line}:${f.column}\n${f.message}\n\`\`\`\n${contextOf(f)}\n\`\`\`\n`);
  });
}

if (values.json) {
  writeFileSync(values.json, JSON.stringify({ config: title, seed: values.seed, apps: apps.map(({ findings: _, ...a }) => a), findings, sample }, null, 1));
  console.error(`wrote ${values.json}`);
}
