import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { visitorKeys, type Node, type Schema } from "./ast.js";
import { parseSchema } from "./parser.js";
import { PrismaSourceCode, type PrismaLanguageOptions } from "./source-code.js";

export type PrismaLanguageType = Language<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RootNode: Schema;
  Node: Node;
}>;

/**
 * The ESLint language for `.prisma` files, registered by the plugin as `languages.prisma` and
 * selected with `language: "backend-architect/prisma"`.
 */
export const PrismaLanguage: PrismaLanguageType = {
  fileType: "text",
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: "type",
  visitorKeys,
  defaultLanguageOptions: {},

  /**
   * The language has no options. Keys set for other languages are tolerated, not rejected: a block
   * without `files` (the TypeScript parser of `tseslint.configs.recommended`, `languageOptions.globals`
   * of a base config) applies to `.prisma` files too, and should not make them unlintable.
   */
  validateLanguageOptions(): void {},

  parse(file: File): ParseResult<Schema> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return parseSchema(text);
  },

  createSourceCode(file: File, result: OkParseResult<Schema>): PrismaSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new PrismaSourceCode({ text, ast: result.ast });
  },
};
