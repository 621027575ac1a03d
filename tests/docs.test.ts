import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";
import { PRISMA_LANGUAGE } from "../lib/configs/index.js";
import { lintSnippet, snippetFilename } from "./helpers/lint-snippet.js";

const DOCS = new URL("../docs/rules/", import.meta.url);
const REQUIRED_SECTIONS = ["## Rule details", "### ❌ Incorrect", "### ✅ Correct", "## Options", "## When not to use it"];

interface Example {
  kind: "incorrect" | "correct";
  lang: string;
  code: string;
  line: number;
}

/**
 * Rules that read the Prisma schema take it from the page: the first `prisma` block of a TS rule's page
 * (under a heading such as "The schema of these examples") is the schema its examples are linted against.
 */
function schemaSettings(markdown: string): Record<string, unknown> {
  const match = /^```prisma\n([\s\S]*?)^```/mu.exec(markdown);
  if (!match) return {};
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "docs-schema-")), "schema.prisma");
  writeFileSync(file, match[1]!);
  return { "backend-architect": { schema: file } };
}

/** Code blocks under the ❌/✅ headings of a rule page. */
function examples(markdown: string): Example[] {
  const result: Example[] = [];
  let kind: Example["kind"] | undefined;
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,3} /u.test(line)) kind = line.includes("❌") ? "incorrect" : line.includes("✅") ? "correct" : undefined;
    const fence = /^```(\w+)/u.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) body.push(lines[i]!);
    if (kind) result.push({ kind, lang: fence[1]!, code: body.join("\n"), line: start + 1 });
  }
  return result;
}

describe("rule docs", () => {
  const ids = Object.keys(plugin.rules);

  it("has exactly one page per rule", () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...ids].sort());
  });

  for (const id of ids) {
    describe(id, () => {
      const markdown = readFileSync(new URL(`${id}.md`, DOCS), "utf8");
      const isPrisma = (plugin.rules[id] as { meta?: { languages?: string[] } }).meta?.languages?.includes(PRISMA_LANGUAGE);

      it("has the required sections", () => {
        for (const section of REQUIRED_SECTIONS) expect(markdown, section).toContain(section);
      });

      const blocks = examples(markdown).filter((e) => (isPrisma ? e.lang === "prisma" : e.lang !== "prisma"));
      const settings = isPrisma ? {} : schemaSettings(markdown);
      it("has ❌ and ✅ examples", () => {
        expect(blocks.some((b) => b.kind === "incorrect")).toBe(true);
        expect(blocks.some((b) => b.kind === "correct")).toBe(true);
      });
      for (const block of blocks) {
        it(`${block.kind} example at line ${block.line} ${block.kind === "incorrect" ? "reports" : "passes"}`, () => {
          const filename = snippetFilename(block.code, isPrisma ? "schema.prisma" : "file.ts");
          const messages = lintSnippet(id, block.code, filename, settings);
          const fatal = messages.filter((m) => m.fatal || !m.ruleId);
          expect(fatal, "parse errors or bad inline config").toEqual([]);
          const reported = messages.filter((m) => m.ruleId === `backend-architect/${id}`);
          if (block.kind === "incorrect") expect(reported.length).toBeGreaterThan(0);
          else expect(reported).toEqual([]);
        });
      }
    });
  }
});
