import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../lib/index.js";

/**
 * Every finding of the `all` config on the demo app and the test fixtures, with its full range and
 * message. A change meant only to make the rules faster or tidier must leave this file as it is; a
 * change of findings on purpose updates it (`npx vitest run tests/findings.test.ts -u`) in its own commit.
 */
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FOLDERS = ["examples/next-prisma-app", "tests/fixtures"];

async function findings(folder: string): Promise<string[]> {
  const cwd = path.join(ROOT, folder);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ["**/*.{ts,tsx,js,jsx,mjs,cjs}"], languageOptions: { parser: tseslint.parser } },
      ...plugin.configs.all,
    ],
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles(["."]);
  return results.flatMap((result) =>
    result.messages.map(
      (m) =>
        `${path.relative(ROOT, result.filePath).split(path.sep).join("/")}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? "fatal"} ${m.message}`,
    ),
  );
}

describe("findings of `all` on the demo and the fixtures", () => {
  it("are unchanged", async () => {
    const all = (await Promise.all(FOLDERS.map(findings))).flat().sort();
    await expect(`${all.join("\n")}\n`).toMatchFileSnapshot("./__snapshots__/findings.all.txt");
  });
});
