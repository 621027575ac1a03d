#!/usr/bin/env node
// npm run config-schema: writes schemas/prisma-lint.config.schema.json from the schema rules' meta.
import { writeFileSync } from "node:fs";
import { buildConfigSchema } from "../dist/prisma-lint/config-schema.js";
import { schemaRules } from "../dist/prisma-lint/rules/index.js";

const file = new URL("../schemas/prisma-lint.config.schema.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(buildConfigSchema(schemaRules), null, 2)}\n`);
console.log("wrote schemas/prisma-lint.config.schema.json");
