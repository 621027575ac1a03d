import { describe, expect, it } from "vitest";
import { mayBeBuiltByCall } from "../../lib/rules/require-rate-limit.js";

// The rule's text pre-test for "could this helper be built by a call?": a file (or declaration) that passes is
// parsed, so the test must never answer false for a declaration built by a call.
describe("require-rate-limit: mayBeBuiltByCall", () => {
  it.each([
    "export const protect = base.use(limit);",
    "export const protect = createGuard({ limit: 10 });",
    "export const protect: Guard = createGuard();",
    "const protect = (base).use(limit);",
    "const protect = ((req) => req)(base);",
    "const protect = (await load()).guard;",
    'const protect = (a = ")") => a;', // a string in the parentheses: not read, so "may be"
    "const protect = (/* limit */ req) => req;", // a comment: likewise
    "const protect = (req) ? guard : other;",
    "const protect = (base) as Guard;",
    "const protect = ((base)).use(limit);",
  ])("may be built by a call: %s", (text) => {
    expect(mayBeBuiltByCall(text, "protect")).toBe(true);
  });

  it.each([
    "export const protect = (req: Request) => req.headers;",
    "export const protect = (req: Request): Promise<boolean> => check(req);",
    "export const protect = ({ id }: { id: string }) => id;",
    "export const protect = (req) =>\n  check(req);",
    "export const protect = async (req) => check(req);",
    "export function protect(req) { return check(req); }",
    "export const protect = function (req) { return check(req); };",
    "export const protectAll = limiter.use(x); export const protect = (req) => req;",
    "const isProtected = protect(req);",
  ])("a function, or no assignment from a call: %s", (text) => {
    expect(mayBeBuiltByCall(text, "protect")).toBe(false);
  });
});
