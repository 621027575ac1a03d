import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import noHardcodedSecrets from "./no-hardcoded-secrets.js";
import prismaClientSingleton from "./prisma-client-singleton.js";
import secureCookieOptions from "./secure-cookie-options.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "no-hardcoded-secrets": noHardcodedSecrets,
  "prisma-client-singleton": prismaClientSingleton,
  "secure-cookie-options": secureCookieOptions,
};
