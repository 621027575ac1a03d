import { describe, expect, it } from "vitest";
import { rememberBounded, rememberIn } from "../../lib/util/memo.js";

describe("rememberBounded", () => {
  it("computes an answer once per key, false and undefined answers included", () => {
    const known = new Map<string, boolean | undefined>();
    let calls = 0;
    const ask = (key: string, value: boolean | undefined): boolean | undefined =>
      rememberBounded(known, 10, key, () => {
        calls++;
        return value;
      });
    expect(ask("a", false)).toBe(false);
    expect(ask("a", true)).toBe(false);
    expect(ask("b", undefined)).toBeUndefined();
    expect(ask("b", true)).toBeUndefined();
    expect(calls).toBe(2);
  });

  it("keeps at most `max` answers, dropping them all when full", () => {
    const known = new Map<number, number>();
    for (let i = 0; i < 5; i++) rememberBounded(known, 3, i, () => i * 2);
    expect(known.size).toBeLessThanOrEqual(3);
    expect(rememberBounded(known, 3, 4, () => -1)).toBe(8);
  });
});

describe("rememberIn", () => {
  it("computes an answer once per pair, falsy answers included, and keeps pairs apart", () => {
    const answers = new WeakMap<object, Map<string, number>>();
    const a = {};
    const b = {};
    let calls = 0;
    const ask = (first: object, second: string, value: number): number =>
      rememberIn(answers, first, second, () => {
        calls++;
        return value;
      });
    expect(ask(a, "x", 0)).toBe(0);
    expect(ask(a, "x", 1)).toBe(0);
    expect(ask(a, "y", 2)).toBe(2);
    expect(ask(b, "x", 3)).toBe(3);
    expect(calls).toBe(3);
  });
});
