import { Linter, type ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../../lib/index.js";
import { createSchemaRule } from "../../../prisma-lint/create-schema-rule.js";
import { PrismaLanguage, PrismaSourceCode, type Model, type Node } from "../../../prisma-lint/language/index.js";

/** Test-only schema rules: one report per model (at its name) and per field. */
const testPlugin = {
  rules: {
    "every-model": createSchemaRule({
      name: "every-model",
      meta: {
        type: "problem",
        docs: { description: "Report every model" },
        languages: ["backend-architect/prisma"],
        schema: [],
        messages: { model: "Model {{name}}." },
      },
      create(context) {
        return {
          Model(node) {
            context.report({ node: node.name, messageId: "model", data: { name: node.name.name } });
          },
        };
      },
    }),
    "add-index": createSchemaRule({
      name: "add-index",
      meta: {
        docs: { description: "Require an index" },
        type: "problem",
        fixable: "code",
        languages: ["backend-architect/prisma"],
        schema: [],
        messages: { add: "Add an index." },
      },
      create(context) {
        return {
          "Model:exit"(node) {
            if (node.attributes.some((a) => a.name === "index")) return;
            context.report({
              loc: node.name.loc,
              messageId: "add",
              fix: (fixer) => fixer.insertTextBeforeRange([node.closeBrace, node.closeBrace], "\n  @@index([id])\n"),
            });
          },
        };
      },
    }),
  },
} as unknown as ESLint.Plugin;

const linter = new Linter({ configType: "flat" });

function lint(code: string, rules: Linter.RulesRecord = { "test/every-model": "error" }) {
  return linter.verify(
    code,
    [
      {
        files: ["**/*.prisma"],
        plugins: { "backend-architect": plugin, test: testPlugin },
        language: "backend-architect/prisma",
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules,
      },
    ],
    { filename: "prisma/schema.prisma" },
  );
}

function summary(messages: Linter.LintMessage[]): string[] {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "-"} ${m.message}`);
}

describe("PrismaLanguage", () => {
  it("is registered as languages.prisma with ESLint's required shape", () => {
    expect(plugin.languages.prisma).toBe(PrismaLanguage);
    expect(PrismaLanguage).toMatchObject({ fileType: "text", lineStart: 1, columnStart: 1, nodeTypeKey: "type" });
    expect(PrismaLanguage.visitorKeys?.Model).toEqual(["name", "members"]);
  });

  it("tolerates language options meant for other languages", () => {
    expect(() =>
      PrismaLanguage.validateLanguageOptions({ parser: {}, sourceType: "module", parserOptions: { project: true } }),
    ).not.toThrow();
  });

  it("reports a syntax error as one fatal message at its position", () => {
    expect(lint("model User {\n  id Int @id $\n}\n")).toMatchObject([
      { ruleId: null, fatal: true, severity: 2, message: "Parsing error: Unexpected character `$`.", line: 2, column: 14 },
    ]);
  });

  it("reports at 1-based lines and columns", () => {
    expect(summary(lint("\nmodel User {\n  id Int @id\n}\n"))).toEqual(["2:7 test/every-model Model User."]);
  });
});

describe("PrismaSourceCode", () => {
  const text = "// header\nmodel User {\n  id    String @id\n  email String\n}\n";
  const result = PrismaLanguage.parse({ body: text, path: "schema.prisma", physicalPath: "schema.prisma", bom: false }, {
    languageOptions: {},
  });
  if (!result.ok) throw new Error("parse failed");
  const sourceCode = PrismaLanguage.createSourceCode(
    { body: text, path: "schema.prisma", physicalPath: "schema.prisma", bom: false },
    result as never,
    { languageOptions: {} },
  );

  it("is a PrismaSourceCode with text, lines and comments", () => {
    expect(sourceCode).toBeInstanceOf(PrismaSourceCode);
    expect(sourceCode.lines[1]).toBe("model User {");
    expect(sourceCode.getAllComments().map((c) => c.value)).toEqual([" header"]);
  });

  it("traverses in source order, entering and leaving each node, and caches the steps", () => {
    const steps = [...sourceCode.traverse()].map((s) => `${s.phase === 1 ? ">" : "<"}${(s.target as Node).type}`);
    expect(steps.slice(0, 8)).toEqual([">Schema", ">Model", ">Identifier", "<Identifier", ">Field", ">Identifier", "<Identifier", ">FieldType"]);
    expect(steps.at(-1)).toBe("<Schema");
    const first = [...sourceCode.traverse()][0];
    expect([...sourceCode.traverse()][0]).toBe(first);
  });

  it("knows parents, ancestors, text and locations", () => {
    const model = sourceCode.ast.body[0] as Model;
    const field = model.fields[1]!;
    expect(sourceCode.getParent(field)).toBe(model);
    expect(sourceCode.getParent(field.name)).toBe(field);
    expect(sourceCode.getAncestors(field.name)).toEqual([sourceCode.ast, model, field]);
    expect(sourceCode.getText(field)).toBe("email String");
    expect(sourceCode.getLoc(field)).toEqual({ start: { line: 4, column: 3 }, end: { line: 4, column: 15 } });
    expect(sourceCode.getLocFromIndex(field.range[0])).toEqual({ line: 4, column: 3 });
    expect(sourceCode.getIndexFromLoc({ line: 4, column: 3 })).toBe(field.range[0]);
  });
});

describe("inline configuration in schemas", () => {
  it("eslint-disable-next-line with a reason", () => {
    const code = "// eslint-disable-next-line test/every-model -- legacy table\nmodel User {\n  id Int @id\n}\n";
    expect(lint(code)).toEqual([]);
  });

  it("eslint-disable-line after `{` on the model line", () => {
    const code = "model User { // eslint-disable-line test/every-model\n  id Int @id\n}\nmodel Post {\n  id Int @id\n}\n";
    expect(summary(lint(code))).toEqual(["4:7 test/every-model Model Post."]);
  });

  it("eslint-disable / eslint-enable line comments around blocks", () => {
    const code =
      "// eslint-disable test/every-model\nmodel A {\n  id Int @id\n}\n// eslint-enable test/every-model\nmodel B {\n  id Int @id\n}\n";
    expect(summary(lint(code))).toEqual(["6:7 test/every-model Model B."]);
  });

  it("a block comment disables the whole file", () => {
    const code = "/* eslint-disable */\nmodel A {\n  id Int @id\n}\n";
    expect(lint(code)).toEqual([]);
  });

  it("an inline rule configuration comment", () => {
    const code = '/* eslint test/every-model: "off" */\nmodel A {\n  id Int @id\n}\n';
    expect(lint(code)).toEqual([]);
  });

  it("reports unused disable directives", () => {
    const code = "model A {\n  // eslint-disable-next-line test/every-model\n  id Int @id\n}\n";
    expect(summary(lint(code))).toEqual([
      "1:7 test/every-model Model A.",
      "2:3 - Unused eslint-disable directive (no problems were reported from 'test/every-model').",
    ]);
  });

  it("rejects eslint-disable-line spanning lines and invalid inline configuration", () => {
    const code = '/* eslint-disable-line test/every-model\n */\n/* eslint test/every-model: [oops */\n';
    const messages = summary(lint(code));
    expect(messages[0]).toBe("1:1 - eslint-disable-line comment should not span multiple lines.");
    expect(messages[1]).toMatch(/^3:1 - /u);
  });
});

describe("fixes in schemas", () => {
  it("applies range-based fixes and reaches a fixed point", () => {
    const code = "model User {\n  id Int @id\n}\n";
    const config: Linter.Config[] = [
      {
        files: ["**/*.prisma"],
        plugins: { "backend-architect": plugin, test: testPlugin },
        language: "backend-architect/prisma",
        rules: { "test/add-index": "error" },
      },
    ];
    const fixed = linter.verifyAndFix(code, config, { filename: "schema.prisma" });
    expect(fixed.output).toBe("model User {\n  id Int @id\n\n  @@index([id])\n}\n");
    expect(fixed.messages).toEqual([]);
  });
});
