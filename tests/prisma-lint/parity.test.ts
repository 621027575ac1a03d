/**
 * Our rules against the npm package prisma-lint (loop-payments, a devDependency) with the same config
 * (scripts/compare-prisma-lint.js, on the built plugin): equal findings rule by rule, except for the
 * differences listed here, each one a case where theirs is wrong or blind. docs/migrating-from-prisma-lint.md
 * explains them; `npm run compare-prisma-lint -- <folder>` runs the comparison on any schemas.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error a plain JavaScript dev script, without types
import { compare, ourFindings, theirFindings } from "../../scripts/compare-prisma-lint.js";

interface Finding {
  rule: string;
  subject: string;
}

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

function differences(file: string): { onlyTheirs: string[]; onlyOurs: string[]; crashes: string[] } {
  const text = readFileSync(FIXTURES + file, "utf8");
  const theirs = theirFindings(FIXTURES + file, text) as { findings: Finding[]; crashes: Array<{ rule: string }> };
  const ours = ourFindings(FIXTURES + file, text) as { findings: Finding[] };
  const { onlyTheirs, onlyOurs } = compare(theirs.findings, ours.findings) as { onlyTheirs: Finding[]; onlyOurs: Finding[] };
  const key = (f: Finding): string => `${f.rule} ${f.subject}`;
  return { onlyTheirs: onlyTheirs.map(key).sort(), onlyOurs: onlyOurs.map(key).sort(), crashes: theirs.crashes.map((c) => c.rule) };
}

describe("parity with the npm package prisma-lint", () => {
  it("agrees on every rule but the documented differences", () => {
    const { onlyTheirs, onlyOurs, crashes } = differences("prismalint-parity/schema.prisma");
    expect(crashes).toEqual([]);
    expect(onlyTheirs).toEqual([
      // a non-empty default is a default; a relation list cannot have one
      "require-default-empty-arrays DbUser.posts",
      "require-default-empty-arrays DbUser.roles",
      // digits belong to their word: S3_PATH and OAUTH2 are upper snake case
      "enum-value-case StorageType",
      "enum-value-case StorageType",
      // "information" is uncountable: neither singular nor plural
      "field-name-grammatical-number DbUser.metaInformation",
      // theirs wants `base_u_r_l` and `address_1`
      "field-name-mapping-snake-case DbUser.address1",
      "field-name-mapping-snake-case DbUser.baseURL",
      // "media" is uncountable
      "model-name-grammatical-number Media",
      // the table is already named `audit_log`: a @@map would change nothing
      "model-name-mapping-snake-case audit_log",
      // the primary key @@id([tenantId, ...]) serves lookups by tenantId
      "require-foreign-key-index DbPostTag.tenantId",
    ].sort());
    expect(onlyOurs).toEqual([
      // citext holds text of any length
      "ban-unbounded-string-type DbUser.email",
      // [id, ..., createdAt, updatedAt]: theirs misses updatedAt before createdAt
      "field-order DbPost",
      // an enum field is a column too
      "forbid-required-ignored-field DbUser.role",
    ]);
  });

  it("MongoDB: no length-limited string type to ask for, and `_id` is the primary key's column", () => {
    const { onlyTheirs, onlyOurs } = differences("prismalint-parity/mongo.prisma");
    expect(onlyTheirs).toEqual(["ban-unbounded-string-type DbEvent.kind", "field-name-mapping-snake-case DbEvent.id"]);
    expect(onlyOurs).toEqual([]);
  });

  it("multi-schema and realistic schemas: every rule runs without a crash, and agrees but for relation lists", () => {
    for (const file of ["prisma-schemas/multi-schema.prisma", "prisma-schemas/planetscale.prisma"]) {
      const { onlyTheirs, onlyOurs, crashes } = differences(file);
      expect(crashes, file).toEqual([]);
      expect(onlyTheirs.filter((d) => !d.startsWith("require-default-empty-arrays ")), file).toEqual([]);
      expect(onlyOurs, file).toEqual([]);
    }
  });

  it("theirs cannot parse a comment after a model's `{` or a /* block comment */ (Prisma accepts both); ours lints them", () => {
    for (const comment of ["// accounts", "/* accounts */"]) {
      const text = `datasource db {\n  provider = "postgresql"\n}\n\nmodel users { ${comment}\n  id String @id\n}\n`;
      const theirs = theirFindings("schema.prisma", text) as { crashes: unknown[] };
      const ours = ourFindings("schema.prisma", text) as { findings: Finding[]; fatal?: string };
      expect(theirs.crashes.length, comment).toBeGreaterThan(0);
      expect(ours.fatal, comment).toBeUndefined();
      expect(ours.findings.map((f) => f.rule), comment).toContain("model-name-grammatical-number");
    }
  });
});
