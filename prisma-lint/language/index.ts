export * from "./ast.js";
export { parseSchema, type ParseError, type ParseResult } from "./parser.js";
export { PrismaSourceCode, type PrismaLanguageOptions } from "./source-code.js";
export { PrismaLanguage, type PrismaLanguageType } from "./prisma-language.js";
