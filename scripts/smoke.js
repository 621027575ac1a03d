#!/usr/bin/env node
// npm run smoke -- <folder> [--verbose] [--no-validate]: lints every .prisma file under <folder> with every schema
// rule (the `all` config), counts findings per rule, and checks that every fix and every suggestion
// leaves a schema Prisma's own validator (@prisma/prisma-schema-wasm) still accepts.
// A dev tool: never part of `npm test`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Linter } from "eslint";
import wasm from "@prisma/prisma-schema-wasm";
import plugin from "../dist/lib/index.js";
import { findSchemaFolder, summarize } from "../dist/prisma-lint/schema-folder.js";
import { parseSchema } from "../dist/prisma-lint/language/parser.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: "boolean", short: "v" }, "no-validate": { type: "boolean" } },
});
const target = resolve(positionals[0] ?? "examples");

function listPrismaFiles(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listPrismaFiles(path, into);
    else if (entry.name.endsWith(".prisma")) into.push(path);
  }
  return into;
}

const files = statSync(target).isDirectory() ? listPrismaFiles(target).sort() : [target];
const prismaBlock = plugin.configs.all.find((block) => block.language === "backend-architect/prisma");
const ruleIds = Object.keys(prismaBlock.rules);
const config = [{ ...prismaBlock, rules: Object.fromEntries(ruleIds.map((id) => [id, "warn"])) }];
const linter = new Linter({ configType: "flat", cwd: "/" });

/** Preview features Prisma 7's validator still knows; the others are retired and rejected. */
const KNOWN_PREVIEW_FEATURES = new Set([
  "fullTextSearchPostgres",
  "nativeDistinct",
  "partialIndexes",
  "postgresqlExtensions",
  "relationJoins",
  "schemaEngineDriverAdapters",
  "shardKeys",
  "strictUndefinedChecks",
  "typedSql",
  "views",
]);

/**
 * The validator is Prisma 7's, which rejects what Prisma 6 schemas still carry: `url` in the datasource
 * (moved to prisma.config.ts) and retired preview features. Drop those first, before and after a fix alike.
 */
function forValidation(text) {
  return text
    .replace(/^([ \t]*)(url|directUrl|shadowDatabaseUrl)([ \t]*=.*)$/gmu, "$1// $2$3")
    .replace(/^([ \t]*previewFeatures[ \t]*=[ \t]*)\[([^\]\n]*)\]/gmu, (_, head, list) => {
      const kept = list.split(",").map((f) => f.trim()).filter((f) => KNOWN_PREVIEW_FEATURES.has(f.replace(/"/gu, "")));
      return `${head}[${kept.join(", ")}]`;
    });
}

function validate(schemaFiles) {
  if (values["no-validate"]) return "not validated";
  try {
    wasm.validate(JSON.stringify({ prismaSchema: schemaFiles.map(([p, t]) => [p, forValidation(t)]), noColor: true }));
    return undefined;
  } catch (error) {
    try {
      return JSON.parse(error.message ?? String(error)).message;
    } catch {
      return String(error.message ?? error);
    }
  }
}

/** The files of the schema `file` belongs to, with `file`'s text replaced by `text`. */
function schemaFilesFor(file, text) {
  const parsed = parseSchema(text);
  const folder = parsed.ok ? findSchemaFolder(file, "/", summarize(parsed.ast)) : undefined;
  return [[file, text], ...(folder?.files ?? []).map((p) => [p, readFileSync(p, "utf8")])];
}

function applyFix(text, fix) {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

const counts = Object.fromEntries(ruleIds.map((id) => [id, 0]));
let crashes = 0;
let parseErrors = 0;
let fixesChecked = 0;
let suggestionsChecked = 0;
const invalid = [];
const findings = [];

for (const file of files) {
  const text = readFileSync(file, "utf8");
  let messages;
  try {
    messages = linter.verify(text, config, { filename: file });
  } catch (error) {
    crashes++;
    console.error(`CRASH ${relative(process.cwd(), file)}: ${error.stack}`);
    continue;
  }
  const validBefore = validate(schemaFilesFor(file, text)) === undefined;
  for (const message of messages) {
    if (!message.ruleId) {
      parseErrors++;
      console.error(`${relative(process.cwd(), file)}:${message.line}:${message.column} ${message.message}`);
      continue;
    }
    const id = message.ruleId.replace("backend-architect/", "");
    counts[message.ruleId]++;
    findings.push(`${relative(process.cwd(), file)}:${message.line}:${message.column} ${id}: ${message.message}`);
    if (!validBefore) continue;
    for (const suggestion of message.suggestions ?? []) {
      suggestionsChecked++;
      const error = validate(schemaFilesFor(file, applyFix(text, suggestion.fix)));
      if (error) invalid.push(`${file}:${message.line} suggestion "${suggestion.desc}": ${error}`);
    }
  }
  if (validBefore && messages.some((m) => m.fix)) {
    const fixed = linter.verifyAndFix(text, config, { filename: file });
    fixesChecked++;
    const error = validate(schemaFilesFor(file, fixed.output));
    if (error) invalid.push(`${file}: --fix output: ${error}`);
    const again = linter.verifyAndFix(fixed.output, config, { filename: file });
    if (again.output !== fixed.output) invalid.push(`${file}: a second --fix pass changed the output`);
  } else if (!validBefore && !values["no-validate"]) {
    console.error(`(not valid for Prisma before any fix, fixes not checked: ${relative(process.cwd(), file)})`);
  }
}

if (values.verbose) console.log(findings.join("\n"));
console.log(`\n${files.length} schema file(s) under ${relative(process.cwd(), target) || "."}`);
console.log(`crashes: ${crashes}, parse errors: ${parseErrors}`);
for (const [id, n] of Object.entries(counts)) console.log(`  ${id.replace("backend-architect/", "").padEnd(30)} ${n}`);
console.log(`fixed files validated: ${fixesChecked}, suggestions validated: ${suggestionsChecked}, invalid: ${invalid.length}`);
for (const line of invalid) console.log(`  INVALID ${line}`);
process.exitCode = crashes > 0 || invalid.length > 0 ? 1 : 0;
