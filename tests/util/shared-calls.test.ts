import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { shareCallListener } from "../../lib/util/shared-calls.js";

type Context = TSESLint.RuleContext<string, []>;

/** A rule that reports every call whose callee is named `name`, through the shared call listener. */
function callRule(name: string, seen: string[]) {
  return {
    meta: { type: "problem" as const, schema: [], messages: { call: `{{callee}} called` } },
    create(context: Context) {
      return shareCallListener(context, {
        CallExpression(node: TSESTree.CallExpression) {
          const callee = node.callee.type === "Identifier" ? node.callee.name : "?";
          seen.push(`${name}:${callee}`);
          if (callee === name) context.report({ node, messageId: "call", data: { callee } });
        },
      });
    },
  };
}

function lint(code: string, seen: string[], linter = new Linter({ configType: "flat" })) {
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { a: callRule("a", seen) as never, b: callRule("b", seen) as never } } },
        rules: { "t/a": "error", "t/b": "warn" },
      },
    ],
    { filename: "app/api/route.ts" },
  );
}

describe("shareCallListener", () => {
  it("calls every rule's handler once per call, in rule order, and each rule reports as itself", () => {
    const seen: string[] = [];
    const messages = lint("a(); b(); c();", seen);
    expect(seen).toEqual(["a:a", "b:a", "a:b", "b:b", "a:c", "b:c"]);
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ["t/a", 2, 1, 1],
      ["t/b", 1, 1, 6],
    ]);
  });

  it("shares nothing between two lints, also of one Linter", () => {
    const seen: string[] = [];
    const linter = new Linter({ configType: "flat" });
    lint("a();", seen, linter);
    lint("b();", seen, linter);
    expect(seen).toEqual(["a:a", "b:a", "a:b", "b:b"]);
  });

  it("leaves a context without ESLint's shared prototype its own listener", () => {
    const listener = () => {};
    const context = { sourceCode: {} } as unknown as Context;
    expect(shareCallListener(context, { CallExpression: listener }).CallExpression).toBe(listener);
    expect(shareCallListener(context, { CallExpression: listener }).CallExpression).toBe(listener);
  });
});
