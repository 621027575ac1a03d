import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import { schemaRules } from "../../prisma-lint/rules/index.js";
import prismaClientSingleton from "./prisma-client-singleton.js";
import requireSessionCheck from "./require-session-check.js";
import requireZodParse from "./require-zod-parse.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "prisma-client-singleton": prismaClientSingleton,
  "require-session-check": requireSessionCheck,
  "require-zod-parse": requireZodParse,
  ...schemaRules,
};
