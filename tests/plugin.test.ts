import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";
import { rules } from "../lib/rules/index.js";
import { JS_FILES, PRISMA_FILES, PRISMA_LANGUAGE } from "../lib/configs/index.js";
import { DATA_API_RULES, DRIZZLE_MIGRATION_FILES, SQL_LANGUAGE, SUPABASE_MIGRATION_FILES } from "../lib/configs/sql.js";
import { REPO_URL } from "../lib/util/create-rule.js";

function ruleFiles(dir: string): string[] {
  try {
    return readdirSync(new URL(dir, import.meta.url))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.slice(0, -3));
  } catch {
    return [];
  }
}

describe("plugin", () => {
  it("has meta with name, version and namespace", () => {
    expect(plugin.meta).toEqual({
      name: "eslint-plugin-backend-architect",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/u),
      namespace: "backend-architect",
    });
  });

  it("exports exactly the rules in the rules folders", () => {
    // A rule id with a Prisma and a SQL implementation has a file in each folder.
    const files = new Set([...ruleFiles("../lib/rules/"), ...ruleFiles("../prisma-lint/rules/"), ...ruleFiles("../lib/sql/rules/")]);
    expect(Object.keys(plugin.rules).sort()).toEqual([...files].sort());
  });

  for (const [id, rule] of Object.entries(rules)) {
    describe(id, () => {
      it("has complete meta", () => {
        expect(rule.meta.docs?.url).toBe(`${REPO_URL}/blob/main/docs/rules/${id}.md`);
        // One language, or both schema languages for the ids they share (lib/sql/rules/index.ts).
        const languages = rule.meta.languages ?? [];
        if (languages.length !== 1) expect(languages).toEqual([PRISMA_LANGUAGE, SQL_LANGUAGE]);
        const hasOptions = Array.isArray(rule.meta.schema) && rule.meta.schema.length > 0;
        expect(rule.meta.defaultOptions !== undefined, "defaultOptions iff options").toBe(hasOptions);
      });
      it("writes messages as full sentences ending in a period", () => {
        for (const message of Object.values(rule.meta.messages)) {
          expect(message).toMatch(/^[A-Z`].*\.$/su);
        }
      });
    });
  }
});

describe("configs", () => {
  const configNames = ["recommended", "strict", "all"] as const;

  for (const name of configNames) {
    it(`${name}: every block has files and registers the plugin where it sets rules`, () => {
      for (const block of plugin.configs[name]) {
        expect(block.files?.length).toBeGreaterThan(0);
        if (block.name?.endsWith("/js") || block.name?.endsWith("/prisma") || block.name?.includes("/sql-")) {
          expect(block.plugins?.["backend-architect"]).toBe(plugin);
        }
      }
    });
  }

  function enabledIn(name: (typeof configNames)[number]): Set<string> {
    const ids = new Set<string>();
    for (const block of plugin.configs[name]) {
      if (block.files !== JS_FILES && block.files !== PRISMA_FILES && block.files !== SUPABASE_MIGRATION_FILES) continue;
      for (const [id, entry] of Object.entries(block.rules ?? {})) {
        if (entry !== "off") ids.add(id.replace("backend-architect/", ""));
      }
    }
    return ids;
  }

  it("agree with each rule's meta.docs.recommended", () => {
    const recommended = enabledIn("recommended");
    const strict = enabledIn("strict");
    const all = enabledIn("all");
    for (const [id, rule] of Object.entries(rules)) {
      const level = rule.meta.docs?.recommended;
      expect(recommended.has(id), id).toBe(level === "recommended");
      expect(strict.has(id), id).toBe(level === "recommended" || level === "strict");
      expect(all.has(id), id).toBe(true);
    }
  });

  it("put schema rules in the .prisma block, SQL rules in the migration blocks and the rest in the JS block", () => {
    for (const block of plugin.configs.all) {
      for (const id of Object.keys(block.rules ?? {})) {
        const rule = rules[id.replace("backend-architect/", "")]!;
        const isPrisma = rule.meta.languages?.includes(PRISMA_LANGUAGE) ?? false;
        const isSql = rule.meta.languages?.includes(SQL_LANGUAGE) ?? false;
        if (block.files === PRISMA_FILES) expect(isPrisma, id).toBe(true);
        if (block.files === SUPABASE_MIGRATION_FILES || block.files === DRIZZLE_MIGRATION_FILES) {
          expect(isSql, id).toBe(true);
          expect(block.language).toBe(SQL_LANGUAGE);
        }
        if (block.files === JS_FILES) expect(isPrisma || isSql, id).toBe(false);
      }
    }
  });

  it("give Drizzle's migrations every SQL rule but the Data API's", () => {
    for (const name of configNames) {
      const supabase = plugin.configs[name].find((block) => block.files === SUPABASE_MIGRATION_FILES)!;
      const drizzle = plugin.configs[name].find((block) => block.files === DRIZZLE_MIGRATION_FILES)!;
      const expected = Object.keys(supabase.rules!).filter((id) => !DATA_API_RULES.includes(id.replace("backend-architect/", "")));
      expect(Object.keys(drizzle.rules!)).toEqual(expected);
    }
  });
});
