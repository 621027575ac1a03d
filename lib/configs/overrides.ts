/**
 * Config-specific choices that are not a rule's default: option presets for `strict`, and
 * file-scoped blocks for `recommended` where a rule's check is wrong by nature of the file.
 */

/** Options `strict` (and `all`) pass to rules, merged by ESLint over each rule's `defaultOptions`. */
export const STRICT_OPTIONS: Record<string, unknown[]> = {
  "no-sensitive-fields-in-response": [{ requireSelect: true }],
  "prisma-client-singleton": [{ requireGlobalCache: true }],
  // `require-transaction` `independentWrites` is not preset: on ten held-out apps 0 of 30 findings held up (writes in
  // branches that never both run, cleanups and timestamp touches); users opt in.
  // `require-session-check` on every method (GET too) is not preset: 0 of 12 sampled findings held up (public
  // metrics, Open Graph images, health checks, status badges); users opt in with `methods`.
  // `require-zod-parse` `checkUrlParams` is not preset: on two sets of fresh apps 2 of 21 non-debatable sampled
  // findings held up (route and search params are strings; most are lookup keys or checked in a helper); users opt in.
};

/** Seed scripts and one-off migrations loop over rows on purpose; they run once, not per request. */
export const ONE_OFF_SCRIPT_FILES = [
  "**/prisma/seed.*",
  "**/seed.*",
  "**/seed/**",
  "**/seeds/**",
  "**/migration/**",
  "**/migrations/**",
  "**/scripts/**",
];

/** Seed scripts and tests reset tables on purpose. */
export const SEED_AND_TEST_FILES = [
  "**/prisma/seed.*",
  "**/seed.*",
  "**/seed/**",
  "**/seeds/**",
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  // test-data factories: `bin/factory/communities/...`, `test/factories/user.ts`
  "**/factory/**",
  "**/factories/**",
  "**/test-helpers.*",
  "**/test-utils.*",
  "**/test-utils/**",
];
/**
 * Tests, seed scripts, one-off scripts and migrations: no request reaches them, so SQL they build from
 * their own values (a migration file run statement by statement, a partition named after a date) cannot
 * be injected.
 */
export const NO_REQUEST_FILES = [...new Set([...SEED_AND_TEST_FILES, ...ONE_OFF_SCRIPT_FILES, "**/seed-*.*", "**/seeder/**", "**/seeders/**", "**/fixtures/**"])];
/** Tests and one-off scripts: no request waits on them, so their latency is nobody's concern. */
export const LATENCY_EXEMPT_FILES = ["**/*.{test,spec}.*", "**/__tests__/**", "**/test/**", "**/tests/**", "**/e2e/**", ...ONE_OFF_SCRIPT_FILES];

export interface FileOverride {
  name: string;
  files: string[];
  /** Rule ids turned off in these files; ids of rules not (yet) in the plugin are skipped. */
  off: string[];
}

export const RECOMMENDED_FILE_OVERRIDES: FileOverride[] = [
  { name: "tests-and-one-off-scripts", files: LATENCY_EXEMPT_FILES, off: ["no-await-in-loop-query"] },
  { name: "seeds-and-tests", files: SEED_AND_TEST_FILES, off: ["no-unscoped-mutation"] },
  { name: "tests-and-scripts", files: LATENCY_EXEMPT_FILES, off: ["prefer-parallel-queries"] },
  { name: "no-request-files", files: NO_REQUEST_FILES, off: ["no-unsafe-raw-query"] },
];
