/**
 * What the published code imports is installed for users: every package that lib/ and prisma-lint/
 * import at run time is a dependency or a peer dependency. (`@mrleebo/prisma-ast` is a devDependency:
 * it is the reference parser of a test, and loading it costs start-up time.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const INSTALLED = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".test.ts"))
    .map((file) => path.join(dir, file));
}

/** Packages a source file imports at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  // comments may show imports (`await import("@vercel/blob")` in a doc comment): leave them out
  const text = readFileSync(path.join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//gu, "")
    .replace(/^\s*\/\/.*$/gmu, "");
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?["']([^"']+)["']/gmu)].map((m) => m[1]!),
    // `typeof import("typescript")` is a type
    ...[...text.matchAll(/(?<!typeof\s+)\bimport\(\s*["']([^"']+)["']\s*\)/gu)].map((m) => m[1]!),
  ];
  return specifiers
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s))
    .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!));
}

describe("package.json", () => {
  it("lists every package the published code imports as a dependency or peer dependency", () => {
    const missing = [...sources("lib"), ...sources("prisma-lint")].flatMap((file) =>
      runtimeImports(file)
        .filter((name) => !INSTALLED.has(name))
        .map((name) => `${file} imports ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
