import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import plugin from "../../lib/index.js";

// ESLint's RuleTester runs its cases through these hooks (as tests/setup.ts does for typescript-eslint's).
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester for SQL rules: ESLint's own, with the plugin under its namespace and the SQL language. */
export function createSqlRuleTester(): RuleTester {
  return new RuleTester({
    plugins: { "backend-architect": plugin },
    language: "backend-architect/sql",
  });
}

/** Absolute path of a file under `tests/fixtures/sql/`. */
export function fixture(path: string): string {
  return fileURLToPath(new URL(`../fixtures/sql/${path}`, import.meta.url));
}

/** The text of a fixture file, to lint it as it is on disk (its folder's other files are its history). */
export function fixtureText(path: string): string {
  return readFileSync(fixture(path), "utf8");
}

/**
 * Template tag for SQL snippets: drops the first line break and the common indentation, so a
 * snippet's line 1 is the line after the opening backtick.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/u, "").split("\n");
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => /^ */u.exec(line)![0].length);
  const indent = Math.min(...indents);
  return lines
    .map((line) => line.slice(indent))
    .join("\n")
    .replace(/[ \t]+$/u, "");
}
