/**
 * `defineConfig()`: a typed `prisma-lint.config.js` / `.mjs`, so editors complete rule ids and options:
 *
 * ```js
 * // prisma-lint.config.mjs
 * import { defineConfig } from "eslint-plugin-backend-architect/prisma-lint";
 * export default defineConfig({ rules: { "require-field": ["error", { require: ["tenantId"] }] } });
 * ```
 *
 * For `prisma-lint.config.json`, the JSON Schema `schemas/prisma-lint.config.schema.json` does the same.
 */
import type { Severity } from "./config.js";
import type { Options as banUnboundedStringType } from "./rules/ban-unbounded-string-type.js";
import type { Options as enumNamePascalCase } from "./rules/enum-name-pascal-case.js";
import type { Options as enumValueCase } from "./rules/enum-value-case.js";
import type { Options as fieldNameCamelCase } from "./rules/field-name-camel-case.js";
import type { Options as fieldNameGrammaticalNumber } from "./rules/field-name-grammatical-number.js";
import type { Options as fieldNameMappingSnakeCase } from "./rules/field-name-mapping-snake-case.js";
import type { Options as fieldOrder } from "./rules/field-order.js";
import type { Options as forbidField } from "./rules/forbid-field.js";
import type { Options as forbidRequiredIgnoredField } from "./rules/forbid-required-ignored-field.js";
import type { Options as indexNameMappingSnakeCase } from "./rules/index-name-mapping-snake-case.js";
import type { Options as modelNameGrammaticalNumber } from "./rules/model-name-grammatical-number.js";
import type { Options as modelNameMappingSnakeCase } from "./rules/model-name-mapping-snake-case.js";
import type { Options as modelNamePascalCase } from "./rules/model-name-pascal-case.js";
import type { Options as modelNamePrefix } from "./rules/model-name-prefix.js";
import type { Options as noUnnecessaryModel } from "./rules/no-unnecessary-model.js";
import type { Options as requireDefaultEmptyArrays } from "./rules/require-default-empty-arrays.js";
import type { Options as requireField } from "./rules/require-field.js";
import type { Options as requireFieldType } from "./rules/require-field-type.js";
import type { Options as requireForeignKeyIndex } from "./rules/require-foreign-key-index.js";
import type { Options as requireId } from "./rules/require-id.js";
import type { Options as requireReferentialActions } from "./rules/require-referential-actions.js";
import type { Options as requireTimestamps } from "./rules/require-timestamps.js";
import type { Options as requireUuidId } from "./rules/require-uuid-id.js";

/** The options of each schema rule, by id. */
export interface SchemaRuleOptions {
  "ban-unbounded-string-type": banUnboundedStringType;
  "enum-name-pascal-case": enumNamePascalCase;
  "enum-value-case": enumValueCase;
  "field-name-camel-case": fieldNameCamelCase;
  "field-name-grammatical-number": fieldNameGrammaticalNumber;
  "field-name-mapping-snake-case": fieldNameMappingSnakeCase;
  "field-order": fieldOrder;
  "forbid-field": forbidField;
  "forbid-required-ignored-field": forbidRequiredIgnoredField;
  "index-name-mapping-snake-case": indexNameMappingSnakeCase;
  "model-name-grammatical-number": modelNameGrammaticalNumber;
  "model-name-mapping-snake-case": modelNameMappingSnakeCase;
  "model-name-pascal-case": modelNamePascalCase;
  "model-name-prefix": modelNamePrefix;
  "no-unnecessary-model": noUnnecessaryModel;
  "require-default-empty-arrays": requireDefaultEmptyArrays;
  "require-field": requireField;
  "require-field-type": requireFieldType;
  "require-foreign-key-index": requireForeignKeyIndex;
  "require-id": requireId;
  "require-referential-actions": requireReferentialActions;
  "require-timestamps": requireTimestamps;
  "require-uuid-id": requireUuidId;
}

/** A rule's setting: a severity, or a severity and its options (each optional: the defaults fill in). */
export type RuleSettingOf<Options extends unknown[]> = Severity | [Severity] | [Severity, ...Partial<Options>];

export interface DefinedConfig {
  $schema?: string;
  rules?: { [Id in keyof SchemaRuleOptions]?: RuleSettingOf<SchemaRuleOptions[Id]> };
}

/** Returns the config as it is: its only job is the types. */
export function defineConfig(config: DefinedConfig): DefinedConfig {
  return config;
}
