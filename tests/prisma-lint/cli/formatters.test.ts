import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../../prisma-lint/formatters/github.js";
import type { ESLint } from "eslint";

describe("github workflow commands", () => {
  it("escapes data and properties the way the Actions runner unescapes them", () => {
    expect(escapeData("50% of rows\r\nnext: a, b")).toBe("50%25 of rows%0D%0Anext: a, b");
    expect(escapeProperty("dir,with:odd%name\n")).toBe("dir%2Cwith%3Aodd%25name%0A");
  });

  it("formats messages, warnings, syntax errors and comment problems", () => {
    const results = [
      {
        filePath: "/repo/prisma/my,schema.prisma",
        messages: [
          { ruleId: "require-id", severity: 2, message: "Add an id:\nsee docs.", line: 3, column: 1, endLine: 3, endColumn: 11 },
          { ruleId: "require-referential-actions", severity: 1, message: "Say onDelete.", line: 9, column: 3, endLine: 9, endColumn: 40 },
          { ruleId: null, severity: 1, message: "Unused eslint-disable directive.", line: 1, column: 1 },
          { ruleId: null, fatal: true, severity: 2, message: "Parsing error: Unexpected }.", line: 12, column: 2 },
        ],
      },
    ] as unknown as ESLint.LintResult[];
    expect(formatGithub(results, { baseDir: "/repo" }).split("\n")).toEqual([
      "::error file=prisma/my%2Cschema.prisma,line=3,col=1,endLine=3,endColumn=11,title=require-id::Add an id:%0Asee docs.",
      "::warning file=prisma/my%2Cschema.prisma,line=9,col=3,endLine=9,endColumn=40,title=require-referential-actions::Say onDelete.",
      "::warning file=prisma/my%2Cschema.prisma,line=1,col=1,title=prisma-lint::Unused eslint-disable directive.",
      "::error file=prisma/my%2Cschema.prisma,line=12,col=2,title=syntax error::Parsing error: Unexpected }.",
    ]);
  });
});
