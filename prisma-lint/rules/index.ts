import type { BackendArchitectRule } from "../../lib/rules/index.js";
import banUnboundedStringType from "./ban-unbounded-string-type.js";
import enumNamePascalCase from "./enum-name-pascal-case.js";
import enumValueCase from "./enum-value-case.js";
import fieldNameCamelCase from "./field-name-camel-case.js";
import fieldNameGrammaticalNumber from "./field-name-grammatical-number.js";
import fieldNameMappingSnakeCase from "./field-name-mapping-snake-case.js";
import fieldOrder from "./field-order.js";
import forbidField from "./forbid-field.js";
import forbidRequiredIgnoredField from "./forbid-required-ignored-field.js";
import indexNameMappingSnakeCase from "./index-name-mapping-snake-case.js";
import modelNameGrammaticalNumber from "./model-name-grammatical-number.js";
import modelNameMappingSnakeCase from "./model-name-mapping-snake-case.js";
import modelNamePascalCase from "./model-name-pascal-case.js";
import modelNamePrefix from "./model-name-prefix.js";
import noUnnecessaryModel from "./no-unnecessary-model.js";
import requireDefaultEmptyArrays from "./require-default-empty-arrays.js";
import requireField from "./require-field.js";
import requireFieldType from "./require-field-type.js";
import requireForeignKeyIndex from "./require-foreign-key-index.js";
import requireId from "./require-id.js";
import requireReferentialActions from "./require-referential-actions.js";
import requireTimestamps from "./require-timestamps.js";
import requireUuidId from "./require-uuid-id.js";

/** Every schema rule, by id (the file name). Keep sorted. */
export const schemaRules = {
  "ban-unbounded-string-type": banUnboundedStringType,
  "enum-name-pascal-case": enumNamePascalCase,
  "enum-value-case": enumValueCase,
  "field-name-camel-case": fieldNameCamelCase,
  "field-name-grammatical-number": fieldNameGrammaticalNumber,
  "field-name-mapping-snake-case": fieldNameMappingSnakeCase,
  "field-order": fieldOrder,
  "forbid-field": forbidField,
  "forbid-required-ignored-field": forbidRequiredIgnoredField,
  "index-name-mapping-snake-case": indexNameMappingSnakeCase,
  "model-name-grammatical-number": modelNameGrammaticalNumber,
  "model-name-mapping-snake-case": modelNameMappingSnakeCase,
  "model-name-pascal-case": modelNamePascalCase,
  "model-name-prefix": modelNamePrefix,
  "no-unnecessary-model": noUnnecessaryModel,
  "require-default-empty-arrays": requireDefaultEmptyArrays,
  "require-field": requireField,
  "require-field-type": requireFieldType,
  "require-foreign-key-index": requireForeignKeyIndex,
  "require-id": requireId,
  "require-referential-actions": requireReferentialActions,
  "require-timestamps": requireTimestamps,
  "require-uuid-id": requireUuidId,
} as unknown as Record<string, BackendArchitectRule>;
