/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  ignoreConfig: ["all"],
  ruleDocSectionInclude: ["Rule details", "Options", "When not to use it"],
  ruleDocTitleFormat: "prefix-name",
  ruleListColumns: [
    "name",
    "description",
    "configsError",
    "configsWarn",
    "fixable",
    "hasSuggestions",
    "requiresTypeChecking",
    "options",
  ],
  urlConfigs: "https://github.com/backend-architect/eslint-plugin-backend-architect#configs",
};
