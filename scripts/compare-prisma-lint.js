#!/usr/bin/env node
// npm run compare-prisma-lint -- <folder|file...> [--verbose] [--config file.json]: lints every .prisma file with
// the npm package prisma-lint (loop-payments; a devDependency) and with our translation of the same config, and
// compares the findings rule by rule, by subject (`Model`, `Model.field`, `Enum`). A dev tool: never part of
// `npm test` (tests/prisma-lint/parity.test.ts runs the same comparison on our own fixtures).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Linter } from "eslint";
import { lintPrismaSourceCode } from "prisma-lint/dist/lint-prisma-source-code.js";
import { parseRules } from "prisma-lint/dist/common/parse-rules.js";
import ruleDefinitions from "prisma-lint/dist/rule-definitions.js";
import plugin from "../dist/lib/index.js";
import { translatePrismalintConfig } from "../dist/prisma-lint/prismalint-config.js";
import { parseSchema } from "../dist/prisma-lint/language/parser.js";

/** Every rule of theirs on, with options that make each one find something in real schemas. */
export const COMPARISON_CONFIG = {
  rules: {
    "ban-unbounded-string-type": ["error", {}],
    "enum-name-pascal-case": ["error", {}],
    "enum-value-case": ["error", { style: "snake", case: "upper" }],
    "field-name-camel-case": ["error", {}],
    "field-name-grammatical-number": ["error", { ifList: "plural" }],
    "field-name-mapping-snake-case": ["error", {}],
    "field-order": ["error", { order: ["id", "...", "createdAt", "updatedAt"] }],
    "forbid-field": ["error", { forbid: ["password", "/^legacy/", "/Json$/"] }],
    "forbid-required-ignored-field": ["error", {}],
    "model-name-grammatical-number": ["error", { style: "singular" }],
    "model-name-mapping-snake-case": ["error", {}],
    "model-name-pascal-case": ["error", {}],
    "model-name-prefix": ["error", { prefix: "Db" }],
    "require-default-empty-arrays": ["error", {}],
    "require-field": ["error", { require: ["id", { name: "createdAt", ifSibling: "updatedAt" }] }],
    "require-field-index": ["error", { forAllRelations: true, forNames: ["/^(tenant|workspace|organization|team)Id$/"] }],
    "require-field-type": ["error", { require: [{ ifName: "id", type: "String" }, { ifName: "/At$/", type: "DateTime" }] }],
  },
};

/**
 * The subjects of a finding at `offset`: `Model.field`, `Model`, or `Enum` (values count as their enum, as
 * theirs reports them). A foreign-key finding is ours at the relation field and theirs at each column of the key.
 */
export function subjectsAt(ast, offset, rule) {
  const block = ast.body.find((b) => b.range[0] <= offset && offset < b.range[1]);
  if (!block) return ["?"];
  if (block.type === "Enum") return [block.name.name];
  const field = (block.fields ?? []).find((f) => f.range[0] <= offset && offset < f.range[1]);
  if (!field) return [block.name.name];
  const relation = field.attributes.find((a) => a.name === "relation");
  const keys = relation?.args.find((arg) => arg.name?.name === "fields")?.value;
  if (rule === "require-foreign-key-index" && keys?.type === "ArrayExpression") {
    return keys.elements.filter((e) => e.type === "Identifier").map((e) => `${block.name.name}.${e.name}`);
  }
  return [`${block.name.name}.${field.name.name}`];
}

function theirSubject(v) {
  if (v.enum) return v.enum.name;
  return v.field ? `${v.model.name}.${v.field.name}` : v.model.name;
}

const OUR_NAMES = { "require-field-index": "require-foreign-key-index", "enum-value-snake-case": "enum-value-case" };

/** Their findings as `rule subject` keys; a rule that throws on the file is recorded as a crash. */
export function theirFindings(fileName, sourceCode, config = COMPARISON_CONFIG) {
  const { rules, parseIssues } = parseRules(ruleDefinitions, config);
  if (parseIssues.length > 0) throw new Error(parseIssues.join("\n"));
  const findings = [];
  const crashes = [];
  for (const rule of rules) {
    try {
      for (const v of lintPrismaSourceCode({ rules: [rule], fileName, sourceCode })) {
        findings.push({ rule: OUR_NAMES[v.ruleName] ?? v.ruleName, subject: theirSubject(v), message: v.message });
      }
    } catch (error) {
      crashes.push({ rule: rule.ruleDefinition.ruleName, error: String(error.message ?? error).split("\n")[0] });
    }
  }
  return { findings, crashes };
}

const linter = new Linter({ configType: "flat", cwd: "/" });

/** Our findings with the translation of the same config. */
export function ourFindings(fileName, sourceCode, config = COMPARISON_CONFIG) {
  const translation = translatePrismalintConfig(config, "comparison", new Set());
  if (translation.problems.length > 0) throw new Error(translation.problems.map((p) => p.line).join("\n"));
  const rules = Object.fromEntries(Object.entries(translation.config.rules).map(([id, entry]) => [`backend-architect/${id}`, entry]));
  const messages = linter.verify(
    sourceCode,
    [{ files: ["**/*.prisma"], plugins: { "backend-architect": plugin }, language: "backend-architect/prisma", rules }],
    { filename: fileName },
  );
  const parsed = parseSchema(sourceCode);
  if (!parsed.ok) return { findings: [], fatal: messages.find((m) => m.fatal)?.message };
  const lineStarts = [0];
  for (let i = 0; i < sourceCode.length; i++) if (sourceCode[i] === "\n") lineStarts.push(i + 1);
  return {
    findings: messages
      .filter((m) => m.ruleId)
      .flatMap((m) => {
        const rule = m.ruleId.replace("backend-architect/", "");
        const subjects = subjectsAt(parsed.ast, lineStarts[m.line - 1] + m.column - 1, rule);
        return subjects.map((subject) => ({ rule, subject, message: m.message }));
      }),
  };
}

/** Findings only one side has, per rule, matched by `rule subject` (counted, so two findings need two). */
export function compare(theirs, ours) {
  const key = (f) => `${f.rule} ${f.subject}`;
  const remaining = new Map();
  for (const f of theirs) remaining.set(key(f), [...(remaining.get(key(f)) ?? []), f]);
  const onlyOurs = [];
  for (const f of ours) {
    const list = remaining.get(key(f));
    if (list?.length) list.pop();
    else onlyOurs.push(f);
  }
  const onlyTheirs = [...remaining.values()].flat();
  return { onlyTheirs, onlyOurs };
}

function listPrismaFiles(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listPrismaFiles(path, into);
    else if (entry.name.endsWith(".prisma")) into.push(path);
  }
  return into;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: "boolean", short: "v" }, config: { type: "string" } },
  });
  const config = values.config ? JSON.parse(readFileSync(values.config, "utf8")) : COMPARISON_CONFIG;
  const files = positionals.flatMap((p) => (statSync(resolve(p)).isDirectory() ? listPrismaFiles(resolve(p)) : [resolve(p)])).sort();
  const perRule = new Map();
  const row = (rule) => {
    if (!perRule.has(rule)) perRule.set(rule, { theirs: 0, ours: 0, onlyTheirs: [], onlyOurs: [] });
    return perRule.get(rule);
  };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const label = relative(process.cwd(), file);
    const theirs = theirFindings(file, text, config);
    const ours = ourFindings(file, text, config);
    for (const crash of theirs.crashes) console.log(`THEIR CRASH ${label} ${crash.rule}: ${crash.error}`);
    if (ours.fatal) console.log(`OUR PARSE ERROR ${label}: ${ours.fatal}`);
    const crashed = new Set(theirs.crashes.map((c) => OUR_NAMES[c.rule] ?? c.rule));
    for (const f of theirs.findings) row(f.rule).theirs++;
    for (const f of ours.findings) row(f.rule).ours++;
    const { onlyTheirs, onlyOurs } = compare(theirs.findings, ours.findings.filter((f) => !crashed.has(f.rule)));
    for (const f of onlyTheirs) row(f.rule).onlyTheirs.push(`${label} ${f.subject}: ${f.message}`);
    for (const f of onlyOurs) row(f.rule).onlyOurs.push(`${label} ${f.subject}: ${f.message}`);
  }
  console.log(`\n${files.length} schema file(s)\n`);
  console.log(`${"rule".padEnd(32)} ${"theirs".padStart(7)} ${"ours".padStart(7)} ${"only theirs".padStart(12)} ${"only ours".padStart(10)}`);
  for (const [rule, r] of [...perRule].sort()) {
    console.log(`${rule.padEnd(32)} ${String(r.theirs).padStart(7)} ${String(r.ours).padStart(7)} ${String(r.onlyTheirs.length).padStart(12)} ${String(r.onlyOurs.length).padStart(10)}`);
  }
  for (const [rule, r] of [...perRule].sort()) {
    const limit = values.verbose ? Infinity : 8;
    if (r.onlyTheirs.length + r.onlyOurs.length === 0) continue;
    console.log(`\n== ${rule}`);
    for (const line of r.onlyTheirs.slice(0, limit)) console.log(`  only theirs: ${line}`);
    for (const line of r.onlyOurs.slice(0, limit)) console.log(`  only ours:   ${line}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
