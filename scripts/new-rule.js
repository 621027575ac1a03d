#!/usr/bin/env node
// npm run new-rule -- <rule-id> [--prisma]: writes the rule, its test and its docs page, and registers it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { prisma: { type: "boolean" } } });
const id = positionals[0];
if (!id || !/^[a-z]+(-[a-z0-9]+)*$/u.test(id)) {
  console.error("usage: npm run new-rule -- <rule-id> [--prisma]   (kebab-case id)");
  process.exit(2);
}
const prisma = values.prisma === true;
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
