// DESIGN §6 item 2: our CLI vs. the npm package `prisma-lint` (loop-payments) on the same generated schema.
// That package is installed into a temporary folder at run time (never a dependency of this project).
// Its closest rule set: `require-field-index` with `forAllRelations` (our require-foreign-key-index), and
// `require-field` for id/createdAt/updatedAt (our require-id and require-timestamps, roughly).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateSchema, GENERATED } from "../generate-schema.js";
import { CLI, table, timeProcess, timing } from "./util.js";

const VERSION = process.env.PRISMA_LINT_VERSION ?? "0.13.1";

function installPrismaLint() {
  const dir = path.join(tmpdir(), `bench-prisma-lint-${VERSION}`);
  const bin = path.join(dir, "node_modules/prisma-lint/dist/cli.js");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-prisma-lint", private: true }));
    console.log(`installing prisma-lint@${VERSION} into ${dir} ...`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `prisma-lint@${VERSION}`], { cwd: dir, stdio: "inherit" });
  }
  return { dir, bin };
}

export async function compareWithPrismaLint({ runs, quick }) {
  let theirs;
  try {
    theirs = installPrismaLint();
  } catch (error) {
    console.log(`skipped: cannot install prisma-lint@${VERSION} (${error.message.split("\n")[0]})`);
    return;
  }
  const sizes = quick ? [2000] : [2000, 4000];
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
  const fkOnlyOurs = path.join(GENERATED, "prisma-lint.fk-only.json");
  writeFileSync(fkOnlyOurs, JSON.stringify({ rules: { "require-id": "off", "require-timestamps": "off" } }));

  const rows = [];
  for (const models of sizes) {
    const file = generateSchema(models);
    const oursFk = timeProcess(process.execPath, [CLI, "--format", "json", "--config", fkOnlyOurs, file], { runs });
    const oursRecommended = timeProcess(process.execPath, [CLI, "--format", "json", file], { runs });
    const theirsRuns = models > 2000 ? 1 : runs; // quadratic: one sample is enough at 4,000
    const theirsFk = timeProcess(process.execPath, [theirs.bin, "-c", fkOnlyTheirs, "-o", "json", file], { runs: theirsRuns, cwd: theirs.dir });
    const theirsClosest = timeProcess(process.execPath, [theirs.bin, "-c", closestTheirs, "-o", "json", file], { runs: theirsRuns, cwd: theirs.dir });
    const ourFindings = JSON.parse(oursFk.result.stdout)[0].messages.length;
    const theirFindings = countTheirs(theirsFk.result.stdout || theirsFk.result.stderr); // it prints violations on standard error
    rows.push([
      models,
      `${timing(oursFk)}, ${ourFindings}`,
      `${timing(theirsFk)}, ${theirFindings}`,
      `${((theirsFk.cpu ?? theirsFk.ms) / (oursFk.cpu ?? oursFk.ms)).toFixed(1)}x`,
      timing(oursRecommended),
      timing(theirsClosest),
      `${((theirsClosest.cpu ?? theirsClosest.ms) / (oursRecommended.cpu ?? oursRecommended.ms)).toFixed(1)}x`,
    ]);
  }
  table(
    ["models", "ours, FK index: time, findings", `prisma-lint ${VERSION}, FK index: time, findings`, "ours faster by", "ours, recommended", "prisma-lint, closest set", "ours faster by"],
    rows,
  );
}

/** prisma-lint's JSON output: a list of violations (its format has changed between versions). */
function countTheirs(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    if (Array.isArray(parsed)) return parsed.length;
    if (Array.isArray(parsed.violations)) return parsed.violations.length;
    return "?";
  } catch {
    return "?";
  }
}
