import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wasm from "@prisma/prisma-schema-wasm";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../lib/index.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/prisma-schemas/", import.meta.url));
const linter = new Linter({ configType: "flat" });
const prismaBlock = plugin.configs.all.find((block) => block.language === "backend-architect/prisma")!;
const config: Linter.Config[] = [prismaBlock];

/**
 * Prisma's own validator (Prisma 7's, from @prisma/prisma-schema-wasm). Prisma 7 moved `url` out of
 * the datasource; a Prisma 6 schema's `url` line is commented out before validating, before and
 * after a fix alike.
 */
function prismaErrors(files: Array<[string, string]>): string | undefined {
  const input = files.map(([path, text]) => [path, text.replace(/^(\s*)(url\s*=)/gmu, "$1// $2")]);
  try {
    wasm.validate(JSON.stringify({ prismaSchema: input, noColor: true }));
    return undefined;
  } catch (error) {
    return String((error as Error).message ?? error);
  }
}

function applyFix(text: string, fix: { range: [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/** Each fixture schema: a single file, or a folder of files (a multi-file schema). */
const schemas: Array<{ name: string; files: Array<[string, string]> }> = readdirSync(FIXTURES, { withFileTypes: true }).map(
  (entry) => {
    const path = `${FIXTURES}${entry.name}`;
    const paths = entry.isDirectory() ? readdirSync(path).map((file) => `${path}/${file}`) : [path];
    return { name: entry.name, files: paths.map((p): [string, string] => [p, readFileSync(p, "utf8")]) };
  },
);

describe("fixes and suggestions keep schemas valid for Prisma", () => {
  for (const { name, files } of schemas) {
    describe(name, () => {
      it("is valid before linting", () => {
        expect(prismaErrors(files)).toBeUndefined();
      });

      for (const [path, text] of files) {
        const file = path.slice(FIXTURES.length);
        const others = files.filter(([p]) => p !== path);

        it(`${file}: --fix output is valid and a second pass changes nothing`, () => {
          const fixed = linter.verifyAndFix(text, config, { filename: path });
          expect(prismaErrors([[path, fixed.output], ...others])).toBeUndefined();
          expect(fixed.messages.filter((m) => m.ruleId === "backend-architect/require-foreign-key-index")).toEqual([]);
          expect(linter.verifyAndFix(fixed.output, config, { filename: path }).output).toBe(fixed.output);
        });

        it(`${file}: every suggestion is valid`, () => {
          const messages = linter.verify(text, config, { filename: path });
          expect(messages.filter((m) => m.fatal)).toEqual([]);
          for (const message of messages) {
            for (const suggestion of message.suggestions ?? []) {
              const output = applyFix(text, suggestion.fix);
              expect(prismaErrors([[path, output], ...others]), `${message.line}: ${suggestion.desc}`).toBeUndefined();
            }
          }
        });
      }
    });
  }

  it("the fixtures exercise the rename suggestions", () => {
    const naming = schemas.find((s) => s.name === "naming")!.files[0]!;
    const suggested = new Set(
      linter
        .verify(naming[1], config, { filename: naming[0] })
        .filter((m) => (m.suggestions ?? []).length > 0)
        .map((m) => m.ruleId!.replace("backend-architect/", "")),
    );
    for (const id of ["model-name-pascal-case", "field-name-camel-case", "enum-name-pascal-case", "enum-value-case", "model-name-grammatical-number", "field-name-grammatical-number"]) {
      expect(suggested.has(id), id).toBe(true);
    }
  });

  it("the fixtures exercise the fixes", () => {
    const fixedFiles = schemas
      .flatMap(({ files }) => files)
      .filter(([path, text]) => linter.verifyAndFix(text, config, { filename: path }).fixed);
    expect(fixedFiles.map(([path]) => path.slice(FIXTURES.length)).sort()).toEqual([
      "crlf-tabs.prisma",
      "multi-schema.prisma",
      "multi/session.prisma",
      "multi/user.prisma",
      "naming/schema.prisma",
      "planetscale.prisma",
      "saas.prisma",
    ]);
  });
});
