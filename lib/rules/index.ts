import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import { schemaRules } from "../../prisma-lint/rules/index.js";
import noErrorDetailsInResponse from "./no-error-details-in-response.js";
import noHardcodedSecrets from "./no-hardcoded-secrets.js";
import noUnboundedFindMany from "./no-unbounded-find-many.js";
import prismaClientSingleton from "./prisma-client-singleton.js";
import requireRateLimit from "./require-rate-limit.js";
import requireSessionCheck from "./require-session-check.js";
import requireZodParse from "./require-zod-parse.js";
import secureCookieOptions from "./secure-cookie-options.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "no-error-details-in-response": noErrorDetailsInResponse,
  "no-hardcoded-secrets": noHardcodedSecrets,
  "no-unbounded-find-many": noUnboundedFindMany,
  "prisma-client-singleton": prismaClientSingleton,
  "require-rate-limit": requireRateLimit,
  "require-session-check": requireSessionCheck,
  "require-zod-parse": requireZodParse,
  "secure-cookie-options": secureCookieOptions,
  ...schemaRules,
};
