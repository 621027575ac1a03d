// DESIGN §6 item 2: our CLI vs. the npm package `prisma-lint` (loop-payments), whole process, on the real
// schemas of the shared corpus (`shared/corpus/schemas` above the repository, or $PRISMA_SCHEMA_CORPUS)
// and on generated schemas of 2,000 and 4,000 models. Runs alternate (ours, theirs, ours, ...) so that a
// busy machine slows both alike.
//
// The package is installed on first use into node_modules/.cache/ (never a dependency of this project).
// Its closest rule: `require-field-index` with `forAllRelations` (our require-foreign-key-index); for the
// generated schemas also its closest set, adding `require-field` for id/createdAt/updatedAt (our require-id
// and require-timestamps, roughly).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSchema, GENERATED } from "../generate-schema.js";
import { CLI, ROOT, pairedRuns, speedup, table, timing } from "./util.js";

const VERSION = process.env.PRISMA_LINT_VERSION ?? "0.13.1";

/** Installs the npm package `prisma-lint` into a cache folder once; returns its folder and bin. */
function installPrismaLint() {
  const dir = path.join(ROOT, "node_modules/.cache", `bench-prisma-lint-${VERSION}`);
  const bin = path.join(dir, "node_modules/prisma-lint/dist/cli.js");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-prisma-lint", private: true }));
    console.log(`installing prisma-lint@${VERSION} into ${path.relative(ROOT, dir)} ...`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `prisma-lint@${VERSION}`], { cwd: dir, stdio: "inherit" });
  }
  return { dir, bin };
}

/** The shared corpus of real schemas: $PRISMA_SCHEMA_CORPUS, or `shared/corpus/schemas` above the repository. */
export function findCorpus() {
  if (process.env.PRISMA_SCHEMA_CORPUS) return process.env.PRISMA_SCHEMA_CORPUS;
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared/corpus/schemas");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function prismaFiles(target) {
  if (statSync(target).isFile()) return [target];
  return readdirSync(target, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".prisma"))
    .map((name) => path.join(target, name));
}

/** One entry per schema of the corpus (a folder of one or several files), with its size. */
function corpusSchemas(corpus) {
  return readdirSync(corpus)
    .map((name) => path.join(corpus, name))
    .filter((target) => statSync(target).isDirectory() || target.endsWith(".prisma"))
    .map((target) => {
      const texts = prismaFiles(target).map((file) => readFileSync(file, "utf8"));
      const models = texts.reduce((n, text) => n + (text.match(/^\s*model\s+\w+\s*\{/gmu) ?? []).length, 0);
      const lines = texts.reduce((n, text) => n + text.split("\n").length, 0);
      return { name: path.basename(target), target, files: texts.length, models, lines };
    })
    .filter((schema) => schema.files > 0)
    .sort((a, b) => a.lines - b.lines);
}

/** Our findings: ESLint's JSON results. */
function countOurs(stdout) {
  try {
    return JSON.parse(stdout).reduce((n, result) => n + result.messages.length, 0);
  } catch {
    return "?";
  }
}

/** prisma-lint's JSON output: a list of violations (its format has changed between versions). */
function countTheirs(output) {
  try {
    const parsed = JSON.parse(output);
    if (Array.isArray(parsed)) return parsed.length;
    if (Array.isArray(parsed.violations)) return parsed.violations.length;
    return "?";
  } catch {
    return "?";
  }
}

export async function compareWithPrismaLint({ runs, quick }) {
  mkdirSync(GENERATED, { recursive: true });
  let theirs;
  try {
    theirs = installPrismaLint();
  } catch (error) {
    console.log(`skipped: cannot install prisma-lint@${VERSION} (${error.message.split("\n")[0]})`);
    return;
  }
  const fkOnlyTheirs = path.join(theirs.dir, "fk-only.prismalintrc.json");
  writeFileSync(fkOnlyTheirs, JSON.stringify({ rules: { "require-field-index": ["error", { forAllRelations: true }] } }));
  const closestTheirs = path.join(theirs.dir, "closest.prismalintrc.json");
  writeFileSync(
    closestTheirs,
    JSON.stringify({
      rules: {
        "require-field-index": ["error", { forAllRelations: true }],
        "require-field": ["error", { require: ["id", "createdAt", "updatedAt"] }],
      },
    }),
  );
  // ours searches for its config as it does for a user (and finds none: the npm package's config search
  // runs too); the FK-only set is the recommended one with two rules turned off by flags
  const fkOnlyOurs = ["--rule", "require-id:off", "--rule", "require-timestamps:off"];
  const ours = (target, flags = []) => ({
    command: process.execPath,
    args: [CLI, "--format", "json", ...flags, target],
  });
  // it prints violations on standard error; its cwd holds no config of its own
  const theirsRun = (target, config) => ({ command: process.execPath, args: [theirs.bin, "-c", config, "-o", "json", target], cwd: theirs.dir });

  const corpus = findCorpus();
  const schemas = [];
  if (corpus && existsSync(corpus)) {
    schemas.push(...corpusSchemas(corpus).map((s) => ({ ...s, label: `${s.name} (${s.models} models, ${s.lines} lines${s.files > 1 ? `, ${s.files} files` : ""})` })));
  } else {
    console.log("real schemas skipped: no corpus found (set PRISMA_SCHEMA_CORPUS to a folder of schemas)\n");
  }
  for (const models of quick ? [2000] : [2000, 4000]) {
    schemas.push({ label: `generated, ${models} models`, target: generateSchema(models), models, generated: true });
  }

  const rows = [];
  const closestRows = [];
  for (const schema of schemas) {
    // theirs grows quadratically: one sample is enough at 4,000 models
    const theirRuns = schema.models > 2000 ? 1 : runs;
    const [o, t] = pairedRuns([ours(schema.target, fkOnlyOurs), theirsRun(schema.target, fkOnlyTheirs)], (i) => (i === 0 ? runs : theirRuns));
    rows.push([
      schema.label,
      `${timing(o)}, ${countOurs(o.result.stdout)}`,
      `${timing(t)}, ${countTheirs(t.result.stdout || t.result.stderr)}`,
      speedup(o, t),
    ]);
    if (schema.generated) {
      const [or, tc] = pairedRuns([ours(schema.target), theirsRun(schema.target, closestTheirs)], (i) => (i === 0 ? runs : theirRuns));
      closestRows.push([schema.label, timing(or), timing(tc), speedup(or, tc)]);
    }
  }
  console.log(`Whole process, median of ${runs} paired runs; "faster by" compares CPU time, with the range over the pairs.\n`);
  table(["schema", "ours, FK index: time, findings", `prisma-lint ${VERSION}, FK index: time, findings`, "ours faster by"], rows);
  console.log("");
  table(["schema", "ours, recommended", `prisma-lint ${VERSION}, closest set`, "ours faster by"], closestRows);
}
