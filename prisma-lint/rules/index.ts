import type { BackendArchitectRule } from "../../lib/rules/index.js";
import noUnnecessaryModel from "./no-unnecessary-model.js";
import requireForeignKeyIndex from "./require-foreign-key-index.js";
import requireId from "./require-id.js";
import requireReferentialActions from "./require-referential-actions.js";
import requireTimestamps from "./require-timestamps.js";
import requireUuidId from "./require-uuid-id.js";

/** Every schema rule, by id (the file name). Keep sorted. */
export const schemaRules = {
  "no-unnecessary-model": noUnnecessaryModel,
  "require-foreign-key-index": requireForeignKeyIndex,
  "require-id": requireId,
  "require-referential-actions": requireReferentialActions,
  "require-timestamps": requireTimestamps,
  "require-uuid-id": requireUuidId,
} as unknown as Record<string, BackendArchitectRule>;
