// DESIGN §6 item 1, offline: ESLint over a generated corpus shaped like a real Next.js + Prisma app (most
// files are components, hooks, helpers and types; a few are route handlers, server actions and services),
// measured exactly as the eslint-app suite measures a real folder: parse only, the one-trivial-rule floor,
// recommended, all, and TIMING per rule. Targets: recommended <= 1.05x the floor, no rule above 1%.
import { fileURLToPath } from "node:url";
import { generateTsCorpus } from "../generate-ts-corpus.js";
import { eslintApp } from "./eslint-app.js";

const FILES = Number(process.env.BENCH_TS_FILES ?? 3000);
const dir = fileURLToPath(new URL("../.generated/ts-corpus/", import.meta.url));

export async function eslintCorpus({ runs = 3, quick = false, timingRuns = 2, baseline } = {}) {
  generateTsCorpus(dir, quick ? Math.min(FILES, 300) : FILES);
  await eslintApp({ runs, app: dir, timingRuns, baseline });
}
