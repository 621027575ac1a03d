import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { globMatcher, matchesAnyGlob, relativeFilename, requiredLiteral } from "../../lib/util/file-match.js";
import { DEFAULT_IGNORE } from "../../lib/rules/no-hardcoded-secrets.js";
import { DEFAULT_PUBLIC_ROUTES } from "../../lib/rules/require-session-check.js";
import { NO_REQUEST_FILES, LATENCY_EXEMPT_FILES } from "../../lib/configs/overrides.js";

const GLOBS = [
  ...DEFAULT_IGNORE,
  ...DEFAULT_PUBLIC_ROUTES,
  ...NO_REQUEST_FILES,
  ...LATENCY_EXEMPT_FILES,
  "**/*callback*/**",
  "**/*.{test,spec}.*",
  "app/api/**/route.ts",
  "!**/e2e/**",
  "./scripts/**",
  "**/[abc]dmin/**",
  "**/@(foo|bar)/**",
  "src/**/*.ts",
];

const PATHS = [
  "app/api/users/route.ts",
  "app/api/auth/[...nextauth]/route.ts",
  "src/webhooks/stripe.ts",
  "src/webhook.ts",
  "prisma/seed.ts",
  "packages/db/seed/users.ts",
  "apps/web/__tests__/a.test.ts",
  "apps/web/tests/e2e/login.spec.tsx",
  "scripts/backfill.ts",
  "x/scripts/backfill.ts",
  ".github/scripts/release.ts",
  "lib/admin/users.ts",
  "lib/bdmin/users.ts",
  "lib/foo/bar.ts",
  "lib/callback-handler/route.ts",
  "api/health.ts",
  "playwright.config.ts",
  "a/b/c.stories.tsx",
  "fixtures",
  "e2e",
  "",
];

describe("file-match", () => {
  it("finds the literal a glob cannot match without, and none where picomatch rewrites the glob", () => {
    expect(requiredLiteral("**/__tests__/**")).toBe("__tests__");
    expect(requiredLiteral("**/*.{test,spec}.*")).toBe(".");
    expect(requiredLiteral("**/playwright.config.*")).toBe("playwright.config.");
    expect(requiredLiteral("**/[abc]dmin/**")).toBe("dmin");
    expect(requiredLiteral("**/@(foo|bar)/**")).toBeUndefined();
    expect(requiredLiteral("!**/e2e/**")).toBeUndefined();
    expect(requiredLiteral("./scripts/**")).toBeUndefined();
    expect(requiredLiteral('**/"a b"/**')).toBeUndefined();
    expect(requiredLiteral("**/a\\*b/**")).toBeUndefined();
    expect(requiredLiteral("**")).toBeUndefined();
  });

  it("matches exactly as picomatch does", () => {
    for (const glob of GLOBS) {
      const expected = picomatch(glob, { dot: true });
      const actual = globMatcher([glob], { dot: true });
      for (const file of PATHS.filter(Boolean)) expect([glob, file, actual(file)]).toEqual([glob, file, expected(file)]);
    }
    const all = globMatcher(GLOBS, { dot: true });
    const expected = picomatch(GLOBS, { dot: true });
    for (const file of PATHS.filter(Boolean)) expect([file, all(file)]).toEqual([file, expected(file)]);
  });

  it("gives the path relative to the cwd, with forward slashes", () => {
    expect(relativeFilename({ cwd: "/repo", filename: "/repo/app/api/route.ts" })).toBe("app/api/route.ts");
    expect(relativeFilename({ cwd: "/repo/", filename: "/repo/app/route.ts" })).toBe("app/route.ts");
    expect(relativeFilename({ cwd: "/repo", filename: "/repo/./app/../lib/x.ts" })).toBe("lib/x.ts");
    expect(relativeFilename({ cwd: "/repo", filename: "/other/x.ts" })).toBe("../other/x.ts");
    expect(relativeFilename({ cwd: "/repo", filename: "/repository/x.ts" })).toBe("../repository/x.ts");
    expect(relativeFilename({ cwd: "/repo", filename: "app/x.ts" })).toBe("app/x.ts");
    expect(matchesAnyGlob({ cwd: "/repo", filename: "/repo/.github/scripts/x.ts" }, ["**/scripts/**"])).toBe(true);
    expect(matchesAnyGlob({ cwd: "/repo", filename: "/repo/lib/x.ts" }, ["**/scripts/**"])).toBe(false);
  });
});
