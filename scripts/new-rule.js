#!/usr/bin/env node
// npm run new-rule -- <rule-id> [--prisma | --sql]: writes the rule, its test and its docs page, and registers it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { prisma: { type: "boolean" }, sql: { type: "boolean" } } });
const id = positionals[0];
if (!id || !/^[a-z]+(-[a-z0-9]+)*$/u.test(id)) {
  console.error("usage: npm run new-rule -- <rule-id> [--prisma | --sql]   (kebab-case id)");
  process.exit(2);
}
const prisma = values.prisma === true;
const sql = values.sql === true;
if (sql) {
  writeSqlRule();
  process.exit(0);
}
const ruleFile = prisma ? `prisma-lint/rules/${id}.ts` : `lib/rules/${id}.ts`;
const testFile = prisma ? `tests/prisma-lint/rules/${id}.test.ts` : `tests/rules/${id}.test.ts`;
const docFile = `docs/rules/${id}.md`;
for (const file of [ruleFile, testFile, docFile]) {
  if (existsSync(file)) {
    console.error(`${file} exists already`);
    process.exit(2);
  }
}
const camel = id.replace(/-([a-z0-9])/gu, (_, c) => c.toUpperCase());
const up = prisma ? "../../lib" : "..";

writeFileSync(
  ruleFile,
  `${prisma ? 'import { createSchemaRule } from "../create-schema-rule.js";' : `import { createRule } from "${up}/util/create-rule.js";`}

export type Options = [];
export type MessageIds = "todo";

export default ${prisma ? "createSchemaRule" : "createRule"}<Options, MessageIds>({
  name: "${id}",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow TODO",
      recommended: "strict",
    },
    languages: [${prisma ? '"backend-architect/prisma"' : '"js/js"'}],
    schema: [],
    messages: {
      todo: "Describe the problem and the fix in one or two sentences.",
    },
  },
  create(context) {
    return {};
  },
});
`,
);
writeFileSync(
  testFile,
  `import rule from "${prisma ? "../../.." : "../.."}/${ruleFile.replace(/\.ts$/u, ".js")}";
${prisma ? 'import { createSchemaRuleTester } from "../schema-rule-tester.js";' : 'import { createRuleTester } from "../rule-tester.js";'}

${prisma ? "createSchemaRuleTester" : "createRuleTester"}().run("${id}", rule, {
  valid: [],
  invalid: [],
});
`,
);
writeFileSync(
  docFile,
  `# backend-architect/${id}

<!-- end auto-generated rule header -->

## Rule details

What the rule catches and why it matters.

### ❌ Incorrect

\`\`\`${prisma ? "prisma" : "ts"}
\`\`\`

### ✅ Correct

\`\`\`${prisma ? "prisma" : "ts"}
\`\`\`

## Options

None.

## When not to use it

When ...
`,
);

const index = prisma ? "prisma-lint/rules/index.ts" : "lib/rules/index.ts";
let source = readFileSync(index, "utf8");
source = source.replace(/(import type [^\n]*\n)(?![\s\S]*import type)/u, `$1import ${camel} from "./${id}.js";\n`);
source = source.replace(/(export const (?:rules|schemaRules)[^{]*\{\n)/u, `$1  "${id}": ${camel},\n`);
writeFileSync(index, source);
console.log(`wrote ${ruleFile}, ${testFile}, ${docFile}; registered in ${index} (sort the entries)`);

/** A rule of the PostgreSQL language: lib/sql/rules/<id>.ts, tests/sql/rules/<id>.test.ts, the docs page. */
function writeSqlRule() {
  const ruleFile = `lib/sql/rules/${id}.ts`;
  const testFile = `tests/sql/rules/${id}.test.ts`;
  const docFile = `docs/rules/${id}.md`;
  for (const file of [ruleFile, testFile, docFile]) {
    if (existsSync(file)) {
      console.error(`${file} exists already`);
      process.exit(2);
    }
  }
  const camel = id.replace(/-([a-z0-9])/gu, (_, c) => c.toUpperCase());
  writeFileSync(
    ruleFile,
    `import { createSqlRule } from "../create-sql-rule.js";
import { historyOf } from "../sql-context.js";

export type Options = [];
export type MessageIds = "todo";

export default createSqlRule<Options, MessageIds>({
  name: "${id}",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow TODO",
      recommended: "strict",
    },
    languages: ["backend-architect/sql"],
    schema: [],
    messages: {
      todo: "Describe the problem and the fix in one or two sentences.",
    },
  },
  create(context) {
    return {
      Script() {
        void historyOf(context.sourceCode);
      },
    };
  },
});
`,
  );
  writeFileSync(
    testFile,
    `import rule from "../../../lib/sql/rules/${id}.js";
import { createSqlRuleTester } from "../sql-rule-tester.js";

createSqlRuleTester().run("${id}", rule, {
  valid: [],
  invalid: [],
});
`,
  );
  writeFileSync(
    docFile,
    `# backend-architect/${id}

<!-- end auto-generated rule header -->

## Rule details

What the rule catches and why it matters.

### ❌ Incorrect

\`\`\`sql
-- supabase/migrations/20240101000000_init.sql
\`\`\`

### ✅ Correct

\`\`\`sql
-- supabase/migrations/20240101000000_init.sql
\`\`\`

## Options

None.

## When not to use it

When ...
`,
  );
  const index = "lib/sql/rules/index.ts";
  let source = readFileSync(index, "utf8");
  source = source.replace(/(import [^\n]*\n)(?![\s\S]*\nimport )/u, `$1import ${camel} from "./${id}.js";\n`);
  source = source.replace(/(export const sqlRules[^{]*\{\n)/u, `$1  "${id}": ${camel},\n`);
  writeFileSync(index, source);
  console.log(`wrote ${ruleFile}, ${testFile}, ${docFile}; registered in ${index} (sort the entries)`);
}
