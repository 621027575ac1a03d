import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { createRule, jsonEqual } from "../lib/util/create-rule.js";

describe("jsonEqual", () => {
  it("is the equality of JSON text, or stricter", () => {
    expect(jsonEqual([{ a: 1, b: ["x"] }], [{ a: 1, b: ["x"] }])).toBe(true);
    expect(jsonEqual([{ a: 1, b: undefined }], [{ a: 1 }])).toBe(true);
    expect(jsonEqual([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBe(false);
    expect(jsonEqual([{ a: [1, 2] }], [{ a: [2, 1] }])).toBe(false);
    expect(jsonEqual([{ a: "1" }], [{ a: 1 }])).toBe(false);
    expect(jsonEqual([{ a: null }], [{ a: {} }])).toBe(false);
    expect(jsonEqual([[]], [{}])).toBe(false);
    expect(jsonEqual(["a"], ["a", "b"])).toBe(false);
  });
});

describe("createRule", () => {
  const received: unknown[] = [];
  const rule = createRule<[{ names?: string[]; strict?: boolean }], "m">({
    name: "probe",
    meta: {
      type: "problem",
      docs: { description: "Probe." },
      messages: { m: "m." },
      schema: [{ type: "object", properties: { names: { type: "array", items: { type: "string" } }, strict: { type: "boolean" } }, additionalProperties: false }],
      defaultOptions: [{ names: [], strict: false }],
    },
    defaultOptions: [{ names: [], strict: false }],
    create(_context, options) {
      received.push(options);
      return {};
    },
  });

  function lint(options: unknown[]): unknown {
    const linter = new Linter({ configType: "flat" });
    linter.verify("x;", [{ plugins: { p: { rules: { probe: rule as never } } }, rules: { "p/probe": ["error", ...options] as never } }], "a.js");
    return received.at(-1);
  }

  it("merges each option set with the defaults once, also for equal copies from a new config", () => {
    const first = lint([{ names: ["a"] }]);
    expect(first).toEqual([{ names: ["a"], strict: false }]);
    expect(lint([{ names: ["a"] }])).toBe(first);
    const other = lint([{ names: ["b"] }]);
    expect(other).toEqual([{ names: ["b"], strict: false }]);
    expect(other).not.toBe(first);
    expect(lint([{ names: ["a"], strict: true }])).toEqual([{ names: ["a"], strict: true }]);
    expect(lint([{ names: ["a"] }])).toBe(first);
  });
});
