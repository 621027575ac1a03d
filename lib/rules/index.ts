import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import { schemaRules } from "../../prisma-lint/rules/index.js";
import noAwaitInLoopQuery from "./no-await-in-loop-query.js";
import noFloatingQuery from "./no-floating-query.js";
import noUnscopedMutation from "./no-unscoped-mutation.js";
import noUnsafeRawQuery from "./no-unsafe-raw-query.js";
import preferParallelQueries from "./prefer-parallel-queries.js";
import prismaClientSingleton from "./prisma-client-singleton.js";
import requireSessionCheck from "./require-session-check.js";
import requireZodParse from "./require-zod-parse.js";
import noRawBlobUrl from "./no-raw-blob-url.js";
import requireUploadRollback from "./require-upload-rollback.js";
import noErrorDetailsInResponse from "./no-error-details-in-response.js";
import noHardcodedSecrets from "./no-hardcoded-secrets.js";
import noUnboundedFindMany from "./no-unbounded-find-many.js";
import requireRateLimit from "./require-rate-limit.js";
import secureCookieOptions from "./secure-cookie-options.js";
import noSensitiveFieldsInResponse from "./no-sensitive-fields-in-response.js";
import requireIndexedQueryFields from "./require-indexed-query-fields.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "no-await-in-loop-query": noAwaitInLoopQuery,
  "no-floating-query": noFloatingQuery,
  "no-unscoped-mutation": noUnscopedMutation,
  "no-unsafe-raw-query": noUnsafeRawQuery,
  "prefer-parallel-queries": preferParallelQueries,
  "prisma-client-singleton": prismaClientSingleton,
  "require-session-check": requireSessionCheck,
  "require-zod-parse": requireZodParse,
  "no-error-details-in-response": noErrorDetailsInResponse,
  "no-hardcoded-secrets": noHardcodedSecrets,
  "no-unbounded-find-many": noUnboundedFindMany,
  "require-rate-limit": requireRateLimit,
  "secure-cookie-options": secureCookieOptions,
  "no-sensitive-fields-in-response": noSensitiveFieldsInResponse,
  "require-indexed-query-fields": requireIndexedQueryFields,
  ...schemaRules,
  "no-raw-blob-url": noRawBlobUrl,
  "require-upload-rollback": requireUploadRollback,
};
