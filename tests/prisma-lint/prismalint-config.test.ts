import { describe, expect, it } from "vitest";
import { schemaRules } from "../../prisma-lint/rules/index.js";
import { isPrismalintConfigFile, translatePrismalintConfig } from "../../prisma-lint/prismalint-config.js";
import { translateTheirFlags } from "../../prisma-lint/prismalint-args.js";

const OURS = new Set(Object.keys(schemaRules));
const translate = (config: unknown) => translatePrismalintConfig(config, ".prismalintrc.json", OURS);

describe("translating a config of the prisma-lint package", () => {
  it("keeps their rule names and options where ours are the same; their README example", () => {
    const { config, problems, notes } = translate({
      rules: {
        "field-name-mapping-snake-case": ["error", { compoundWords: ["S3"] }],
        "field-order": ["error", { order: ["tenantId", "..."] }],
        "forbid-required-ignored-field": ["error"],
        "model-name-grammatical-number": ["error", { style: "singular" }],
        "model-name-mapping-snake-case": ["error", { compoundWords: ["GraphQL"] }],
        "require-field-index": ["error", { forAllRelations: true, forNames: ["tenantId"] }],
      },
    });
    expect(problems).toEqual([]);
    expect(config.rules).toEqual({
      "field-name-mapping-snake-case": ["error", { compoundWords: ["S3"] }],
      "field-order": ["error", { order: ["tenantId", "..."] }],
      "forbid-required-ignored-field": "error",
      "model-name-grammatical-number": ["error", { style: "singular" }],
      "model-name-mapping-snake-case": ["error", { compoundWords: ["GraphQL"] }],
      "require-foreign-key-index": ["error", { forAllRelations: true, forNames: ["tenantId"] }],
    });
    expect(notes).toEqual(['"require-field-index" is our "require-foreign-key-index"']);
  });

  it("require-field-index: relations only when they say so (off by default there); a single forNames string", () => {
    expect(translate({ rules: { "require-field-index": ["error", { forNames: "/Id$/" }] } }).config.rules).toEqual({
      "require-foreign-key-index": ["error", { forAllRelations: false, forNames: ["/Id$/"] }],
    });
    // nothing to check: the rule stays off
    expect(translate({ rules: { "require-field-index": "error" } }).config.rules).toEqual({});
  });

  it("their levels: anything but off is an error, as there", () => {
    expect(translate({ rules: { "require-field": ["warn", { require: ["id"] }], "forbid-field": "off", "model-name-prefix": ["off"] } }).config.rules).toEqual({
      "require-field": ["error", { require: ["id"] }],
      "forbid-field": "off",
      "model-name-prefix": "off",
    });
  });

  it("enum-value-snake-case is enum-value-case with style snake, unless enum-value-case is on too", () => {
    expect(translate({ rules: { "enum-value-snake-case": ["error", { case: "upper" }] } }).config.rules).toEqual({
      "enum-value-case": ["error", { case: "upper", style: "snake" }],
    });
    const both = translate({ rules: { "enum-value-snake-case": "error", "enum-value-case": ["error", { style: "pascal" }] } });
    expect(both.config.rules).toEqual({ "enum-value-case": ["error", { style: "pascal" }] });
    expect(both.notes[0]).toMatch(/enum-value-snake-case" is left out/u);
  });

  it("RegExp objects of a JS config become strings; names their rules read as anchored patterns stay exact or become patterns", () => {
    const { config } = translate({
      rules: {
        "model-name-pascal-case": ["error", { allowList: [/^tmp_/i, "legacy_user"], trimPrefix: /^Db/ }],
        "forbid-field": ["error", { forbid: ["id", "tenant.*Key", "/D6$/"] }],
        "require-field-type": ["error", { require: [{ ifName: "created_?at", type: "DateTime" }] }],
      },
    });
    expect(config.rules).toEqual({
      "model-name-pascal-case": ["error", { allowList: ["/^tmp_/i", "legacy_user"], trimPrefix: "/^Db/" }],
      "forbid-field": ["error", { forbid: ["id", "/^(?:tenant.*Key)$/", "/D6$/"] }],
      "require-field-type": ["error", { require: [{ ifName: "/^(?:created_?at)$/", type: "DateTime" }] }],
    });
  });

  it("lists every problem: no rules object, unknown rules", () => {
    expect(translate({ rule: {} }).problems.map((p) => p.line)).toEqual(['a prisma-lint config needs a "rules" object (.prismalintrc.json)']);
    expect(translate({ rules: { "require-feild": "error", "require-timestamps": "error" } }).problems.map((p) => p.line)).toEqual([
      'unknown rule "require-feild" (neither a rule of the prisma-lint package nor one of ours) (.prismalintrc.json)',
    ]);
  });

  it("knows their file names", () => {
    for (const name of [".prismalintrc", ".prismalintrc.json", ".prismalintrc.yml", ".config/prismalintrc.ts", "prismalint.config.mjs"]) {
      expect(isPrismalintConfigFile(`/repo/${name}`), name).toBe(true);
    }
    for (const name of ["prisma-lint.config.json", "package.json", ".eslintrc.json"]) expect(isPrismalintConfigFile(`/repo/${name}`), name).toBe(false);
  });
});

describe("their output flags", () => {
  it("-o / --output-format with their format names become --format", () => {
    expect(translateTheirFlags(["-o", "json"])).toEqual(["--format", "json"]);
    expect(translateTheirFlags(["-o", "simple", "prisma/schema.prisma"])).toEqual(["--format", "stylish", "prisma/schema.prisma"]);
    expect(translateTheirFlags(["--output-format", "contextual"])).toEqual(["--format", "stylish"]);
    expect(translateTheirFlags(["--output-format=none"])).toEqual(["--format", "none"]);
    expect(translateTheirFlags(["-ofilepath"])).toEqual(["--format", "filepath"]);
  });

  it("-o with anything else stays our --output-file; nothing after --", () => {
    expect(translateTheirFlags(["-o", "report.json"])).toEqual(["-o", "report.json"]);
    expect(translateTheirFlags(["-oreport"])).toEqual(["-oreport"]);
    expect(translateTheirFlags(["--", "-o", "json"])).toEqual(["--", "-o", "json"]);
    expect(translateTheirFlags(["--output-format", "xml"])).toEqual(["--format", "xml"]);
  });
});
