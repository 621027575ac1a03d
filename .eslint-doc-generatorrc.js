/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  ignoreConfig: ["all"],
  ruleDocSectionInclude: ["Rule details", "Options", "When not to use it"],
  // Every page has an "Options" section (tests/docs.test.ts), also rules without options ("This rule has no options.").
  ruleDocSectionOptions: false,
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
