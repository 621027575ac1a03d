import type { ESLint, Linter } from "eslint";
import type { BackendArchitectRule } from "../rules/index.js";
import { RECOMMENDED_FILE_OVERRIDES, STRICT_OPTIONS } from "./overrides.js";

export type ConfigName = "recommended" | "strict" | "all";

export const NAMESPACE = "backend-architect";
export const PRISMA_LANGUAGE = `${NAMESPACE}/prisma`;
export const JS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];
export const PRISMA_FILES = ["**/*.prisma"];

function inConfig(rule: BackendArchitectRule, config: ConfigName): boolean {
  const level = rule.meta.docs?.recommended;
  if (config === "all") return true;
  if (config === "strict") return level === "recommended" || level === "strict";
  return level === "recommended";
}

function ruleEntry(id: string, rule: BackendArchitectRule, config: ConfigName): Linter.RuleEntry {
  const severity = rule.meta.docs?.severity ?? "error";
  const options = config === "recommended" ? undefined : STRICT_OPTIONS[id];
  return options ? [severity, ...options] : severity;
}

/**
 * Builds a flat config array from the rules' own meta: one block for JS/TS sources and one for
 * Prisma schemas, each registering the plugin so that `...plugin.configs.recommended` is enough.
 */
export function buildConfig(
  config: ConfigName,
  plugin: ESLint.Plugin,
  rules: Record<string, BackendArchitectRule>,
): Linter.Config[] {
  const jsRules: Linter.RulesRecord = {};
  const prismaRules: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    if (!inConfig(rule, config)) continue;
    const target = rule.meta.languages?.includes(PRISMA_LANGUAGE) ? prismaRules : jsRules;
    target[`${NAMESPACE}/${id}`] = ruleEntry(id, rule, config);
  }
  const plugins = { [NAMESPACE]: plugin };
  const blocks: Linter.Config[] = [
    { name: `${NAMESPACE}/${config}/js`, files: JS_FILES, plugins, rules: jsRules },
  ];
  if (Object.keys(prismaRules).length > 0) {
    blocks.push({
      name: `${NAMESPACE}/${config}/prisma`,
      files: PRISMA_FILES,
      plugins,
      language: PRISMA_LANGUAGE,
      rules: prismaRules,
    });
  }
  for (const override of RECOMMENDED_FILE_OVERRIDES) {
    const off: Linter.RulesRecord = {};
    for (const id of override.off) if (`${NAMESPACE}/${id}` in jsRules) off[`${NAMESPACE}/${id}`] = "off";
    if (Object.keys(off).length === 0 || config === "all") continue;
    blocks.push({ name: `${NAMESPACE}/${config}/${override.name}`, files: override.files, rules: off });
  }
  return blocks;
}
