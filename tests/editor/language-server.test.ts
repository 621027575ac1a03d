/**
 * Squiggles keep working: the ESLint language server that VS Code runs (`vscode-eslint-language-server`,
 * npm package vscode-langservers-extracted) is started over stdio on a fixture project
 * (tests/fixtures/editor-project, linked to ESLint 9, which that server supports) and asked for pull
 * diagnostics the way the VS Code ESLint extension asks. The test skips, saying why, only when the server
 * cannot start; a server that starts and shows no diagnostics fails it.
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEditorProject, LanguageServer, type Diagnostic } from "../../bench/editor-session.js";

/**
 * The documents opened, with the language id the editor gives them and the diagnostics expected as
 * `rule line:column-endLine:endColumn` (1-based). A language of the plugin adds its document here
 * (`{ path: "supabase/migrations/0001_init.sql", languageId: "sql", expected: [...] }`).
 */
const DOCUMENTS: Array<{ path: string; languageId: string; expected: string[] }> = [
  {
    path: "app/api/users/route.ts",
    languageId: "typescript",
    expected: ["require-zod-parse 10:22-10:36"],
  },
  {
    path: "prisma/schema.prisma",
    languageId: "prisma",
    expected: ["require-timestamps 19:7-19:14", "require-timestamps 19:7-19:14", "require-foreign-key-index 23:18-23:83"],
  },
  // a 300-line route handler that does everything right: no squiggle at all
  { path: "app/api/projects/route.ts", languageId: "typescript", expected: [] },
];

const REQUEST_TIMEOUT = 60_000;

function describeDiagnostic(d: Diagnostic): string {
  const code = typeof d.code === "object" ? d.code.value : d.code;
  const rule = String(code).replace(/^backend-architect\//u, "");
  const { start, end } = d.range;
  return `${rule} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

let project: ReturnType<typeof createEditorProject> | undefined;
let server: LanguageServer | undefined;
let cannotStart: string | undefined;

beforeAll(async () => {
  project = createEditorProject();
  try {
    server = await LanguageServer.start(project.dir, { timeoutMs: REQUEST_TIMEOUT });
  } catch (error) {
    cannotStart = `the ESLint language server cannot start: ${(error as Error).message.split("\n")[0]}`;
    console.warn(`skipping the editor tests: ${cannotStart}`);
  }
}, REQUEST_TIMEOUT + 10_000);

afterAll(async () => {
  await server?.stop();
  project?.cleanup();
}, 15_000);

describe("the ESLint language server (what VS Code runs) shows the plugin's diagnostics", () => {
  for (const document of DOCUMENTS) {
    it(`in ${document.path} (${document.languageId})`, async (context) => {
      if (!server) return context.skip(cannotStart);
      server.open(document.path, document.languageId);
      const { items } = await server.diagnostics(document.path, REQUEST_TIMEOUT);
      const context_ = `server log:\n${server.log.join("\n")}`;
      expect(items.map(describeDiagnostic), context_).toEqual(document.expected);
      for (const item of items) {
        expect(item.source).toBe("eslint");
        expect(item.message).toMatch(/\.$/u);
        const rule = describeDiagnostic(item).split(" ")[0];
        expect(item.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${rule}\\.md$`, "u"));
      }
    }, REQUEST_TIMEOUT * 2);
  }

  it("keeps them current while the schema is edited", async (context) => {
    if (!server) return context.skip(cannotStart);
    const file = "prisma/schema.prisma";
    server.open(file, "prisma");
    const text = readFileSync(path.join(project!.dir, file), "utf8");
    const indexed = text.replace(/(onDelete: Cascade\)\n)\}/u, "$1\n  @@index([ownerId])\n}");
    expect(indexed).not.toBe(text);
    server.change(file, indexed);
    const after = await server.diagnostics(file, REQUEST_TIMEOUT);
    expect(after.items.map(describeDiagnostic)).toEqual(["require-timestamps 19:7-19:14", "require-timestamps 19:7-19:14"]);
    server.change(file, text);
    const again = await server.diagnostics(file, REQUEST_TIMEOUT);
    expect(again.items.map(describeDiagnostic)).toContain("require-foreign-key-index 23:18-23:83");
  }, REQUEST_TIMEOUT * 2);
});
