import { ESLintUtils } from "@typescript-eslint/utils";
import { REPO_URL } from "./repo-url.js";

export { REPO_URL };

/** What `meta.docs` of our rules carries besides `description` and `url`. */
export interface BackendArchitectDocs {
  /** The smallest shipped config that enables the rule; absent = only in `all`. */
  recommended?: "recommended" | "strict";
  /** Severity in the configs; defaults to `"error"`. */
  severity?: "error" | "warn";
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<BackendArchitectDocs>(
  (name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`,
);
