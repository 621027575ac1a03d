/**
 * The CLI's engine runs ESLint's `Linter` alone (it starts faster) and builds the results the `ESLint`
 * class would. Here both lint the same schemas with the same rules, and their results must be the same
 * down to the JSON the json formatter prints: findings, suppressed findings, unused directives, fixes,
 * `--quiet`, syntax errors, inline configuration, ignored files.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../prisma-lint/config.js";
import { commonAncestor, Engine, errorResults, PRISMA_LANGUAGE, schemaPlugin, schemaRules, type SchemaText } from "../../prisma-lint/engine.js";
import { ROOT } from "./cli/helpers.js";

interface Run {
  rules: Record<string, Linter.RuleEntry>;
  fix?: boolean;
  quiet?: boolean;
}

/** What the engine did before: the `ESLint` class's `lintText`. */
async function throughEslintClass(schemas: SchemaText[], { rules, fix = false, quiet = false }: Run): Promise<ESLint.LintResult[]> {
  const cwd = commonAncestor([ROOT, ...schemas.map((s) => s.filePath)]);
  const extra = schemas.filter((s) => !s.filePath.endsWith(".prisma")).map((s) => path.relative(cwd, s.filePath));
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.prisma", ...extra], plugins: { [NAMESPACE]: schemaPlugin() }, language: PRISMA_LANGUAGE, rules }],
    fix: fix ? (quiet ? (message) => message.severity === 2 : true) : false,
    ...(quiet ? { ruleFilter: ({ severity }: { severity: number }) => severity === 2 } : {}),
  });
  const results: ESLint.LintResult[] = [];
  for (const { filePath, text } of schemas) results.push(...(await eslint.lintText(text, { filePath, warnIgnored: true })));
  return quiet ? ESLint.getErrorResults(results) : results;
}

async function throughEngine(schemas: SchemaText[], { rules, fix = false, quiet = false }: Run): Promise<ESLint.LintResult[]> {
  const engine = await Engine.create({ rules: rules as never, files: schemas.map((s) => s.filePath), fix, quiet, cwd: ROOT });
  const results = engine.lint(schemas);
  return quiet ? errorResults(results) : results;
}

async function expectSame(schemas: SchemaText[], run: Run): Promise<ESLint.LintResult[]> {
  const [ours, reference] = await Promise.all([throughEngine(schemas, run), throughEslintClass(schemas, run)]);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(reference));
  return ours;
}

const namespaced = (rules: Record<string, Linter.RuleEntry>) =>
  Object.fromEntries(Object.entries(rules).map(([id, entry]) => [`${NAMESPACE}/${id}`, entry]));
const RECOMMENDED = namespaced({ "require-foreign-key-index": "error", "require-id": "error", "require-timestamps": "warn" });
const EVERY_RULE = namespaced(Object.fromEntries(Object.keys(schemaRules).map((id) => [id, "error"])));

function fixtureSchema(relative: string): SchemaText {
  const filePath = path.join(ROOT, relative);
  return { filePath, text: readFileSync(filePath, "utf8") };
}

const FIXTURES = [
  "tests/fixtures/prisma-lint/mixed/prisma/schema.prisma",
  "tests/fixtures/prisma-lint/fixable/prisma/schema.prisma",
  "tests/fixtures/prisma-lint/suppressed/prisma/schema.prisma",
  "tests/fixtures/prisma-lint/syntax/prisma/schema.prisma",
  "tests/fixtures/prisma-lint/clean/prisma/schema.prisma",
  "tests/fixtures/prisma-schemas/saas.prisma",
  "tests/fixtures/prisma-schemas/planetscale.prisma",
  "tests/fixtures/prisma-schemas/crlf-tabs.prisma",
  "examples/next-prisma-app/prisma/schema.prisma",
].map(fixtureSchema);

const schema = (relative: string, text: string): SchemaText => ({ filePath: path.join(ROOT, relative), text });

const UNUSED_DIRECTIVE = `datasource db {
  provider = "postgresql"
}

// eslint-disable-next-line backend-architect/require-id -- not needed: the model has an id
model Event {
  id        String   @id @default(uuid())
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
}
`;

const INLINE_CONFIG = (options: string) => `/* eslint backend-architect/require-timestamps: ${options} */
datasource db {
  provider = "postgresql"
}

model AuditLog {
  id      String @id @default(uuid())
  created DateTime @default(now())
}
`;

describe("the CLI's engine gives what the ESLint class gives", () => {
  it("on the fixtures and the demo schema, recommended rules and every rule", async () => {
    const results = await expectSame(FIXTURES, { rules: RECOMMENDED });
    expect(results.flatMap((r) => r.messages).length).toBeGreaterThan(10);
    expect(results.flatMap((r) => r.suppressedMessages).length).toBeGreaterThan(0);
    expect(results.some((r) => r.fatalErrorCount > 0)).toBe(true);
    await expectSame(FIXTURES, { rules: EVERY_RULE });
    // without inline configuration the engine skips ESLint's options check where it cannot fail
    const plain = FIXTURES.filter((s) => !s.text.includes("eslint"));
    expect(plain.length).toBeGreaterThan(3);
    await expectSame(plain, { rules: RECOMMENDED });
    await expectSame(plain, { rules: EVERY_RULE, fix: true });
  });

  it("with fixes, --quiet and both", async () => {
    const fixed = await expectSame(FIXTURES, { rules: RECOMMENDED, fix: true });
    expect(fixed.some((r) => r.output !== undefined)).toBe(true);
    await expectSame(FIXTURES, { rules: RECOMMENDED, quiet: true });
    await expectSame(FIXTURES, { rules: RECOMMENDED, fix: true, quiet: true });
  });

  it("with rule options, and unused and inline directives", async () => {
    await expectSame(FIXTURES, {
      rules: { ...RECOMMENDED, ...namespaced({ "require-timestamps": ["error", { createdAt: "created", ignoreModels: ["AuditLog"] }] }) },
    });
    const unused = await expectSame([schema("prisma/unused.prisma", UNUSED_DIRECTIVE)], { rules: RECOMMENDED });
    expect(unused[0]!.messages.map((m) => m.message)).toEqual([expect.stringContaining("Unused eslint-disable directive")]);
    await expectSame([schema("prisma/inline.prisma", INLINE_CONFIG('["error", { "createdAt": "created" }]'))], { rules: RECOMMENDED });
    const invalid = await expectSame([schema("prisma/inline.prisma", INLINE_CONFIG('["error", { "nope": 1 }]'))], { rules: RECOMMENDED });
    expect(invalid[0]!.messages.map((m) => m.message)).toContainEqual(expect.stringContaining("Inline configuration"));
  });

  it("for a file that is not a .prisma file, and for files ESLint ignores by default", async () => {
    const text = FIXTURES[0]!.text;
    await expectSame([schema("prisma/schema.txt", text)], { rules: RECOMMENDED });
    const ignored = await expectSame([schema("node_modules/some-package/prisma/schema.prisma", text)], { rules: RECOMMENDED });
    expect(ignored[0]!.messages[0]!.message).toMatch(/node_modules/u);
  });
});
