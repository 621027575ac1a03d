import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";

const cwd = fileURLToPath(new URL("../../examples/next-prisma-app/", import.meta.url));

async function lint(config: ESLint.Options["overrideConfig"]) {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
  return eslint.lintFiles(["."]);
}

describe("configs through the ESLint class", () => {
  for (const name of ["recommended", "strict", "all"] as const) {
    it(`${name} lints the example app without a fatal error, next to typescript-eslint's recommended`, async () => {
      const results = await lint([...tseslint.configs.recommended, ...plugin.configs[name]]);
      const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal || (!m.ruleId && m.severity === 2)));
      expect(fatal).toEqual([]);
      expect(results.some((r) => r.messages.some((m) => m.ruleId?.startsWith("backend-architect/")))).toBe(true);
    });
  }

  it("works under a renamed namespace", async () => {
    const results = await lint([
      { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
      {
        files: ["**/*.ts"],
        plugins: { arch: plugin },
        rules: { "arch/prisma-client-singleton": "error" },
      },
    ]);
    const ids = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ids).toContain("arch/prisma-client-singleton");
  });

  it("exempts seed scripts from no-await-in-loop-query in recommended, but not in all", async () => {
    const seed = `
      import { prisma } from "../lib/prisma";
      const users = await prisma.user.findMany();
      for (const user of users) {
        await prisma.post.create({ data: { title: "Hello", authorId: user.id } });
      }
    `;
    async function findings(name: "recommended" | "all", filePath: string) {
      const eslint = new ESLint({
        cwd,
        overrideConfigFile: true,
        overrideConfig: [
          { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
          ...plugin.configs[name],
        ],
      });
      const [result] = await eslint.lintText(seed, { filePath });
      return result!.messages.map((m) => m.ruleId);
    }
    expect(await findings("recommended", "prisma/seed.ts")).not.toContain("backend-architect/no-await-in-loop-query");
    expect(await findings("all", "prisma/seed.ts")).toContain("backend-architect/no-await-in-loop-query");
    expect(await findings("recommended", "lib/jobs/backfill.ts")).toContain("backend-architect/no-await-in-loop-query");
  });
});
