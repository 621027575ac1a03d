import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { mayDefineName } from "../../lib/analysis/resolve.js";
import { clearResolveCache, parseFile, resolveStats } from "../../lib/analysis/resolve.js";
import plugin from "../../lib/index.js";

const shop = (file: string): string => fileURLToPath(new URL(`../fixtures/zod/shop/${file}`, import.meta.url));

describe("input-flow: the name pre-test of definition lookups", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-input-flow-"));
  afterAll(() => fs.rmSync(dir, { recursive: true }));

  it("passes every module that defines or exports the name, in each form resolve.ts reads", () => {
    const modules = [
      "export const X = 1;",
      "export let X;",
      "export function X() {}",
      "export async function X() {}",
      "export class X {}",
      "const local = 1;\nexport { local as X };",
      'const local = 1;\nexport { local as "X" };',
      "export const { X } = source;",
      "export const [X] = source;",
      "export const { inner: { X = 1 } } = source;",
      "export default function X() {}",
      "export default 42;",
      "export default class {}",
      "export const \\u0058 = 1;",
      "function \\u{58}() {}\nexport { \\u0058 as Y };",
      "const X = 1;",
      "function X() {}",
    ];
    let checked = 0;
    for (const [i, code] of modules.entries()) {
      const file = path.join(dir, `m${i}.ts`);
      fs.writeFileSync(file, code);
      const parsed = parseFile(file);
      expect(parsed, code).toBeDefined();
      // every name a lookup can find in the module (an export, or a top-level binding) passes
      for (const name of [...parsed!.exports.keys(), ...parsed!.locals.keys()].filter((n) => !n.startsWith("\0"))) {
        expect(mayDefineName(code, name), `${name} in ${code}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(modules.length);
  });

  it("passes every module whose object or class defines a method of that name (the owner's module names the method)", () => {
    const owners = [
      "export const service = { update() {} };",
      "export const service = { update: async () => {} };",
      "export const service = { update: function () {} };",
      "class Service { update() {} }\nexport const service = new Service();",
      "export class Service { static update() {} }",
      "export const service = { \\u0075pdate() {} };",
    ];
    for (const code of owners) expect(mayDefineName(code, "update"), code).toBe(true);
  });

  it("fails a module that does not name it", () => {
    expect(mayDefineName("export const Y = 1;\nexport function Z() {}", "X")).toBe(false);
    expect(mayDefineName("export * from './a';", "X")).toBe(false); // resolve.ts still parses a module that may re-export
  });
});

describe("input-flow: lookups through a barrel parse only the modules that name what they look for", () => {
  beforeEach(() => clearResolveCache());

  function lint(code: string, filename: string) {
    const linter = new Linter({ configType: "flat", cwd: shop("") });
    return linter.verify(
      code,
      [
        {
          files: ["**/*.ts"],
          languageOptions: { parser: tsParser },
          plugins: { "backend-architect": plugin },
          rules: { "backend-architect/require-zod-parse": "error" },
        },
      ],
      { filename },
    );
  }

  it("a service function re-exported by `export *`", () => {
    const messages = lint(
      `import { storeOrder } from "@/services";
export async function POST(req: Request) {
  return Response.json(await storeOrder(await req.json()));
}`,
      shop("src/app/api/orders/store/route.ts"),
    );
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["backend-architect/require-zod-parse", 3]]);
    // the barrel and order-store.ts; mailer.ts, listed first, does not name `storeOrder`
    expect(resolveStats().filesParsed).toBe(2);
  });

  it("an object's method re-exported by `export *`", () => {
    const messages = lint(
      `import { orderStore } from "@/services";
export async function PUT(req: Request) {
  return Response.json(await orderStore.save(await req.json()));
}`,
      shop("src/app/api/orders/store/route.ts"),
    );
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["backend-architect/require-zod-parse", 3]]);
  });

  it("a method the owner's module does not name is not looked for there", () => {
    const messages = lint(
      `import { orderStore } from "@/services";
export async function POST(req: Request) {
  return Response.json(await orderStore.archive(await req.json()));
}`,
      shop("src/app/api/orders/archive/route.ts"),
    );
    expect(messages).toEqual([]);
    // the barrel only: order-store.ts defines `orderStore` but names no `archive`
    expect(resolveStats().filesParsed).toBe(1);
  });
});

describe("input-flow: one answer per request helper", () => {
  it("every call of a helper gets the helper's answer, and what its own call site does with the result", () => {
    const linter = new Linter({ configType: "flat", cwd: shop("") });
    const config = [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { "backend-architect": plugin },
        rules: { "backend-architect/require-zod-parse": "error" },
      },
    ] as Linter.Config[];
    const code = `import { readOrderBody } from "@/server/orders";
export async function POST(req: Request) {
  const { items } = await readOrderBody(req);
  await prisma.order.create({ data: { items } });
  return new Response();
}
export async function PUT(req: Request) {
  const { items } = await readOrderBody(req);
  return Response.json({ count: items.length });
}`;
    for (const file of ["src/app/api/orders/a/route.ts", "src/app/api/orders/b/route.ts"]) {
      const messages = linter.verify(code, config, { filename: shop(file) });
      expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([["unvalidatedInHelper", 3, 27]]);
    }
  });
});
