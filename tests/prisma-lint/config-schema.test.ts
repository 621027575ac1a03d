import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { defineConfig } from "../../prisma-lint/api.js";
import { buildConfigSchema } from "../../prisma-lint/config-schema.js";
import { schemaRules } from "../../prisma-lint/rules/index.js";

const FILE = new URL("../../schemas/prisma-lint.config.schema.json", import.meta.url);

describe("the JSON Schema of prisma-lint.config.json", () => {
  const schema = JSON.parse(readFileSync(FILE, "utf8")) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it("is generated from the rules' meta (npm run config-schema)", () => {
    expect(schema).toEqual(JSON.parse(JSON.stringify(buildConfigSchema(schemaRules))));
  });

  it("accepts configs with rule ids, severities and options", () => {
    expect(validate({ $schema: "./node_modules/eslint-plugin-backend-architect/schemas/prisma-lint.config.schema.json", rules: {} })).toBe(true);
    expect(
      validate({
        rules: {
          "require-uuid-id": "error",
          "require-timestamps": ["warn", { ignoreModels: ["Log*"] }],
          "require-field": [2, { require: ["tenantId", { name: "currency", ifSibling: "/Amount$/", ifNoSibling: "currencyCode" }] }],
          "enum-value-case": ["error"],
        },
      }),
      JSON.stringify(validate.errors),
    ).toBe(true);
  });

  it("rejects unknown rule ids, bad severities and bad options", () => {
    expect(validate({ rules: { "require-timestamp": "error" } })).toBe(false);
    expect(validate({ rules: { "require-id": "fatal" } })).toBe(false);
    expect(validate({ rules: { "enum-value-case": ["error", { style: "kebab" }] } })).toBe(false);
    expect(validate({ rules: { "require-id": ["error", {}] } })).toBe(false);
    expect(validate({ rule: {} })).toBe(false);
  });
});

describe("defineConfig", () => {
  it("returns the config as it is, typed by rule", () => {
    const config = defineConfig({
      rules: {
        "require-field": ["error", { require: ["tenantId"] }],
        "model-name-grammatical-number": ["error", { style: "singular" }],
        "require-id": "off",
      },
    });
    expect(config.rules?.["require-id"]).toBe("off");
    // @ts-expect-error an option the rule does not have
    defineConfig({ rules: { "require-field": ["error", { requires: [] }] } });
    // @ts-expect-error an unknown rule id
    defineConfig({ rules: { "require-feild": "error" } });
  });

  it("knows every schema rule", () => {
    const source = readFileSync(new URL("../../prisma-lint/define-config.ts", import.meta.url), "utf8");
    const typed = [...source.matchAll(/^ {2}"([a-z-]+)": \w+;$/gmu)].map((m) => m[1]);
    expect(typed.sort()).toEqual(Object.keys(schemaRules).sort());
  });
});
