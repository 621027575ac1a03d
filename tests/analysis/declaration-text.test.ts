import ts from "typescript";
import { describe, expect, it } from "vitest";
import { declarationTexts, tsSourceFile } from "../../lib/analysis/declaration-text.js";

function declarations(code: string, name: string): string[] | undefined {
  return declarationTexts(ts, tsSourceFile(ts, "/project/lib/helpers.ts", code, false), name)?.map((text) => text.trim());
}

describe("declarationTexts", () => {
  const helpers = [
    'import { Ratelimit } from "@upstash/ratelimit";',
    "const limiter = new Ratelimit({ limiter: Ratelimit.slidingWindow(10, \"10 s\") });",
    "/** Loads the user's projects. */",
    "export async function listProjects(userId: string) {",
    "  return db.project.findMany({ where: { userId } });",
    "}",
    "export const protect = async (ip: string) => limiter.limit(ip), other = 1;",
    "export class ProjectService {}",
    "function overloaded(a: string): string;",
    "function overloaded(a: unknown) { return a; }",
    "export const { a, b: renamed } = config;",
  ].join("\n");

  it("gives the statements that declare the name, leading comments included", () => {
    expect(declarations(helpers, "listProjects")).toEqual([
      "/** Loads the user's projects. */\nexport async function listProjects(userId: string) {\n  return db.project.findMany({ where: { userId } });\n}",
    ]);
    expect(declarations(helpers, "protect")).toEqual(["export const protect = async (ip: string) => limiter.limit(ip), other = 1;"]);
    expect(declarations(helpers, "other")).toEqual(["export const protect = async (ip: string) => limiter.limit(ip), other = 1;"]);
    expect(declarations(helpers, "ProjectService")).toEqual(["export class ProjectService {}"]);
    expect(declarations(helpers, "overloaded")).toHaveLength(2);
  });

  it("gives nothing for a name the file does not define the way a lookup can return it", () => {
    expect(declarations(helpers, "missing")).toEqual([]);
    // a destructured export has no definition a lookup returns
    expect(declarations(helpers, "a")).toEqual([]);
    expect(declarations(helpers, "Ratelimit")).toEqual([]);
  });

  it("reads `export default` as the name `default`", () => {
    expect(declarations("export default async function handler() {}\nfunction other() {}", "default")).toEqual(["export default async function handler() {}"]);
    expect(declarations("export default class {}", "default")).toEqual(["export default class {}"]);
    expect(declarations("export default withRateLimit(handler);", "default")).toEqual(["export default withRateLimit(handler);"]);
    expect(declarations("function handler() {}\nexport = handler;", "default")).toEqual([]);
  });

  it("cannot tell when the file binds names through another statement", () => {
    expect(declarations("const limited = rateLimit(handler);\nexport default (limited);", "default")).toBeUndefined();
    expect(declarations("function protect() {}\nexport { protect as guard };", "guard")).toBeUndefined();
    expect(declarations('export * from "./limits";\nexport function other() {}', "guard")).toBeUndefined();
  });
});
