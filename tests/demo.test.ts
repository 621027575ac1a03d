import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";

const cwd = fileURLToPath(new URL("../examples/next-prisma-app/", import.meta.url));

/** The example app's findings as `file:line:column rule`, with the plugin from source. */
async function demoFindings(config: "recommended" | "strict" | "all" = "recommended"): Promise<string[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    // mirrors examples/next-prisma-app/eslint.config.js
    overrideConfig: [
      { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } },
      ...plugin.configs[config],
      { files: ["**/*.{ts,tsx}"], rules: { "backend-architect/require-session-check": "error" } },
    ],
  });
  const results = await eslint.lintFiles(["."]);
  return results.flatMap((result) =>
    result.messages.map((m) => `${result.filePath.slice(cwd.length)}:${m.line}:${m.column} ${m.ruleId ?? m.message}`),
  );
}

describe("demo: examples/next-prisma-app with the recommended config", () => {
  it("reports exactly the deliberate violations", async () => {
    expect((await demoFindings()).sort()).toEqual(
      [
        "app/actions.ts:12:9 backend-architect/no-unscoped-mutation",
        "app/api/posts/route.ts:11:26 backend-architect/no-await-in-loop-query",
        "app/api/posts/route.ts:35:25 backend-architect/no-await-in-loop-query",
        "app/api/users/[id]/route.ts:11:3 backend-architect/no-floating-query",
        "app/api/reports/route.ts:14:47 backend-architect/no-unsafe-raw-query",
        "app/api/uploads/route.ts:16:22 backend-architect/require-upload-rollback",
        "app/api/uploads/route.ts:20:30 backend-architect/no-raw-blob-url",
        "app/api/drafts/route.ts:28:64 backend-architect/no-error-details-in-response",
        "lib/reports.ts:5:18 backend-architect/prisma-client-singleton",
        "lib/session-cookie.ts:5:43 backend-architect/secure-cookie-options",
        "lib/tokens.ts:4:44 backend-architect/no-hardcoded-secrets",
        "prisma/schema.prisma:56:7 backend-architect/require-timestamps",
        "prisma/schema.prisma:56:7 backend-architect/require-timestamps",
        "prisma/schema.prisma:65:22 backend-architect/require-foreign-key-index",
        "app/api/me/route.ts:11:28 backend-architect/no-sensitive-fields-in-response",
        "app/api/tags/route.ts:10:22 backend-architect/require-zod-parse",
        "app/posts/actions.ts:9:23 backend-architect/require-session-check",
        "app/posts/actions.ts:9:34 backend-architect/require-zod-parse",
        "app/api/webhooks/billing/route.ts:5:23 backend-architect/require-webhook-verification",
        "supabase/migrations/20240602000000_notes.sql:2:1 backend-architect/require-rls",
        "app/posts/duplicate-actions.ts:24:9 backend-architect/require-transaction",
      ].sort(),
    );
  });

  it("all adds the action that publishes any user's post (and not its twin that names the owner)", async () => {
    const findings = await demoFindings("all");
    expect(findings.filter((f) => f.includes("require-ownership-check"))).toEqual([
      "app/posts/publish/actions.ts:12:9 backend-architect/require-ownership-check",
    ]);
  });

  it("strict adds the unindexed filter of the posts-by-tag route", async () => {
    const findings = await demoFindings("strict");
    expect(findings.filter((f) => f.includes("require-indexed-query-fields"))).toEqual([
      "app/api/posts/by-tag/route.ts:15:55 backend-architect/require-indexed-query-fields",
    ]);
  });

  it("all adds the GET that publishes a post", async () => {
    const findings = await demoFindings("all");
    expect(findings.filter((f) => f.includes("no-side-effects-in-get"))).toEqual([
      "app/api/posts/[id]/publish/route.ts:13:9 backend-architect/no-side-effects-in-get",
    ]);
  });
});
