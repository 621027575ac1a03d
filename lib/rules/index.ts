import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import noRawBlobUrl from "./no-raw-blob-url.js";
import prismaClientSingleton from "./prisma-client-singleton.js";
import requireUploadRollback from "./require-upload-rollback.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "no-raw-blob-url": noRawBlobUrl,
  "prisma-client-singleton": prismaClientSingleton,
  "require-upload-rollback": requireUploadRollback,
};
