// DESIGN §6 item 3: our CLI on generated schemas of 500, 1,000, 2,000 and 4,000 models.
// Linear growth means the time above start-up doubles when the models double. The growth is computed
// from CPU time where the OS reports it (steadier than wall time on a shared machine).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateSchema, GENERATED } from "../generate-schema.js";
import { CLI, seconds, table, timeProcess, timing } from "./util.js";

export async function schemaScaling({ runs, quick }) {
  const sizes = quick ? [500, 1000, 2000] : [500, 1000, 2000, 4000];
  const tiny = generateSchema(5);
  const base = timeProcess(process.execPath, [CLI, "--format", "json", tiny], { runs });
  const baseCost = base.cpu ?? base.ms;
  // a config that turns the strict rules on too: every schema rule runs
  const strict = path.join(GENERATED, "prisma-lint.strict.json");
  writeFileSync(
    strict,
    JSON.stringify({ rules: { "require-uuid-id": "error", "require-referential-actions": "warn", "no-unnecessary-model": "warn" } }),
  );
  const rows = [];
  let previous;
  for (const models of sizes) {
    const file = generateSchema(models);
    const recommended = timeProcess(process.execPath, [CLI, "--format", "json", file], { runs });
    const all = timeProcess(process.execPath, [CLI, "--format", "json", "--config", strict, file], { runs });
    const findings = JSON.parse(recommended.result.stdout)[0].messages.length;
    const work = (recommended.cpu ?? recommended.ms) - baseCost;
    rows.push([
      models,
      findings,
      timing(recommended),
      timing(all),
      `${((work / models) * 1000).toFixed(0)} µs`,
      previous ? `${(work / previous).toFixed(2)}x` : "",
    ]);
    previous = work;
  }
  console.log(`start-up (5-model schema): ${timing(base)}\n`);
  table(["models", "findings", "recommended", "all schema rules", "per model above start-up", "growth vs. half the models"], rows);
  console.log("\nLinear: the last column stays near 2.00x (quadratic would be 4.00x).");
  void seconds;
}
