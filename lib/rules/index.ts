import type { TSESLint } from "@typescript-eslint/utils";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import noUnsafeRawQuery from "./no-unsafe-raw-query.js";
import preferParallelQueries from "./prefer-parallel-queries.js";
import prismaClientSingleton from "./prisma-client-singleton.js";

export type BackendArchitectRule = TSESLint.RuleModule<string, readonly unknown[], BackendArchitectDocs>;

/** Every rule of the plugin, by id (the file name). Keep sorted. */
export const rules: Record<string, BackendArchitectRule> = {
  "no-unsafe-raw-query": noUnsafeRawQuery,
  "prefer-parallel-queries": preferParallelQueries,
  "prisma-client-singleton": prismaClientSingleton,
};
