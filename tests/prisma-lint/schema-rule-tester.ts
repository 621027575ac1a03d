import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import plugin from "../../lib/index.js";

// ESLint's RuleTester runs its cases through these hooks (as tests/setup.ts does for typescript-eslint's).
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * A RuleTester for schema rules: ESLint's own (typescript-eslint's is tied to the TS parser), with the
 * plugin registered under its namespace and the Prisma language.
 */
export function createSchemaRuleTester(): RuleTester {
  return new RuleTester({
    plugins: { "backend-architect": plugin },
    language: "backend-architect/prisma",
  });
}

/**
 * Template tag for schema snippets: drops the first line break and the common indentation, so a
 * snippet's line 1 is the line after the opening backtick.
 */
export function prisma(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/u, "").split("\n");
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => /^ */u.exec(line)![0].length);
  const indent = Math.min(...indents);
  return lines
    .map((line) => line.slice(indent))
    .join("\n")
    .replace(/[ \t]+$/u, "");
}
