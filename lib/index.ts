import type { ESLint, Linter } from "eslint";
import { PrismaLanguage } from "../prisma-lint/language/index.js";
import { SqlLanguage } from "./sql/language/sql-language.js";
import { buildConfig, NAMESPACE } from "./configs/index.js";
import { rules } from "./rules/index.js";
import { readPackageInfo } from "./util/package-info.js";

const { name, version } = readPackageInfo();

interface BackendArchitectPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: NonNullable<ESLint.Plugin["rules"]>;
  configs: { recommended: Linter.Config[]; strict: Linter.Config[]; all: Linter.Config[] };
  languages: { prisma: typeof PrismaLanguage; sql: typeof SqlLanguage };
}

const plugin: BackendArchitectPlugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules: rules as unknown as NonNullable<ESLint.Plugin["rules"]>,
  configs: { recommended: [], strict: [], all: [] },
  languages: { prisma: PrismaLanguage, sql: SqlLanguage },
};

plugin.configs.recommended = buildConfig("recommended", plugin, rules);
plugin.configs.strict = buildConfig("strict", plugin, rules);
plugin.configs.all = buildConfig("all", plugin, rules);

export default plugin;
