import type { TSESLint } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { createRule } from "../../lib/util/create-rule.js";

type Options = readonly [{ names?: string[]; strict?: boolean }];

function probe(): { rule: ReturnType<typeof createRule<Options, "x">>; seen: Options[] } {
  const seen: Options[] = [];
  const rule = createRule<Options, "x">({
    name: "probe",
    meta: {
      type: "problem",
      docs: { description: "Probe" },
      schema: [{ type: "object", properties: { names: { type: "array" }, strict: { type: "boolean" } }, additionalProperties: false }],
      defaultOptions: [{ names: ["a"], strict: false }],
      messages: { x: "X." },
    },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
  return { rule, seen };
}

const run = (rule: ReturnType<typeof probe>["rule"], options: unknown[]): void => {
  rule.create({ options } as unknown as Readonly<TSESLint.RuleContext<"x", Options>>);
};

describe("createRule options", () => {
  it("merges ESLint's per-file copy of the defaults once", () => {
    const { rule, seen } = probe();
    const defaults = rule.meta.defaultOptions!;
    run(rule, [...defaults]);
    run(rule, [...defaults]);
    expect(seen[0]).toEqual([{ names: ["a"], strict: false }]);
    expect(seen[1]).toBe(seen[0]);
  });

  it("merges configured options over the defaults, once per distinct option set", () => {
    const { rule, seen } = probe();
    const names = ["b"];
    run(rule, [{ names, strict: false }]);
    run(rule, [{ names, strict: false }]);
    run(rule, [{ names, strict: true }]);
    run(rule, [{ names: ["b"], strict: true }]);
    run(rule, [{ strict: true }]);
    expect(seen.map((o) => o[0])).toEqual([
      { names: ["b"], strict: false },
      { names: ["b"], strict: false },
      { names: ["b"], strict: true },
      { names: ["b"], strict: true },
      { names: ["a"], strict: true },
    ]);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[2]);
  });

  it("gives a rule configured without options its defaults", () => {
    const { rule, seen } = probe();
    run(rule, []);
    expect(seen[0]).toEqual([{ names: ["a"], strict: false }]);
  });
});
