import type { ESLint, Linter } from "eslint";
import type { BackendArchitectRule } from "../rules/index.js";
import { RECOMMENDED_FILE_OVERRIDES, STRICT_OPTIONS } from "./overrides.js";
import { SQL_LANGUAGE, sqlBlocks } from "./sql.js";

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
  const sqlRules: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    if (!inConfig(rule, config)) continue;
    const languages: string[] = rule.meta.languages ?? [];
    if (languages.includes(SQL_LANGUAGE)) sqlRules[`${NAMESPACE}/${id}`] = ruleEntry(id, rule, config);
    if (languages.includes(PRISMA_LANGUAGE)) prismaRules[`${NAMESPACE}/${id}`] = ruleEntry(id, rule, config);
    else if (!languages.includes(SQL_LANGUAGE)) jsRules[`${NAMESPACE}/${id}`] = ruleEntry(id, rule, config);
  }
  const plugins = { [NAMESPACE]: plugin };
  // A rule turned off in some files goes into its own block that ignores those files, rather than
  // into an "off" block after the main one: the same for ESLint, and tools that read the configs
  // (eslint-doc-generator) still see the rule as enabled in this config.
  const ignoredBy = new Map<string, { names: string[]; files: string[] }>();
  if (config !== "all") {
    for (const override of RECOMMENDED_FILE_OVERRIDES) {
      for (const id of override.off) {
        const key = `${NAMESPACE}/${id}`;
        if (!(key in jsRules)) continue;
        const entry = ignoredBy.get(key) ?? { names: [], files: [] };
        entry.names.push(override.name);
        entry.files.push(...override.files);
        ignoredBy.set(key, entry);
      }
    }
  }
  const exemptBlocks = new Map<string, { files: string[]; rules: Linter.RulesRecord }>();
  for (const [key, { names, files }] of ignoredBy) {
    const name = `${NAMESPACE}/${config}/js-except-${names.join("+")}`;
    const block = exemptBlocks.get(name) ?? { files, rules: {} };
    block.rules[key] = jsRules[key]!;
    delete jsRules[key];
    exemptBlocks.set(name, block);
  }
  // The exemption blocks come first: ESLint merges the blocks that match a file one by one, and each merge
  // normalises (and deep-copies) every rule entry merged so far, so small blocks first cost the fewest copies
  // (the editor's language server builds its config again for every lint). Each rule sits in one block only,
  // so the order changes nothing else.
  const blocks: Linter.Config[] = [
    ...[...exemptBlocks].map(([name, { files, rules }]) => ({ name, files: JS_FILES, ignores: files, plugins, rules })),
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
  blocks.push(...sqlBlocks(config, plugins, sqlRules));
  if (config !== "all") blocks.push(...exemptionBlocks(config, plugins, jsRules));
  return blocks;
}

/**
 * File-scoped exemptions: a rule that is off in some files moves out of the main JS block into a
 * block of its own whose `ignores` lists those files. (An `"off"` block after the main one works the
 * same for ESLint, but tools that merge a config's blocks, like eslint-doc-generator, would then
 * see the rule as disabled.)
 */
function exemptionBlocks(config: ConfigName, plugins: Linter.Config["plugins"], jsRules: Linter.RulesRecord): Linter.Config[] {
  const exempt = new Map<string, { names: string[]; files: string[] }>();
  for (const override of RECOMMENDED_FILE_OVERRIDES) {
    for (const id of override.off) {
      const key = `${NAMESPACE}/${id}`;
      if (!(key in jsRules)) continue;
      const entry = exempt.get(key) ?? { names: [], files: [] };
      entry.names.push(override.name);
      entry.files.push(...override.files);
      exempt.set(key, entry);
    }
  }
  const groups = new Map<string, Linter.Config>();
  for (const [key, { names, files }] of exempt) {
    const name = `${NAMESPACE}/${config}/js-except-${names.join("-and-")}`;
    const block = groups.get(name) ?? { name, files: JS_FILES, ignores: [...new Set(files)], plugins, rules: {} };
    block.rules![key] = jsRules[key]!;
    delete jsRules[key];
    groups.set(name, block);
  }
  return [...groups.values()];
}
