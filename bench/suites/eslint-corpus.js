// DESIGN §6 item 1: ESLint over a generated corpus of realistic route handlers, server actions and services
// (thousands of files), recommended rules on vs. no rules (the parse-only floor); target ratio <= 1.05.
//
// HOOK for the lead: not written yet. To add it, generate the corpus into bench/.generated/corpus/
// (like generate-schema.js does for schemas), then time
//   new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [tsParserBlock, ...plugin.configs.recommended] })
// against the same config with every backend-architect rule "off", and print both times and the ratio with
// table() from ./util.js. run.js already lists this suite; `npm run bench -- --suite eslint-corpus` runs it alone.
export async function eslintCorpus() {
  console.log("skipped: the TypeScript corpus benchmark is not written yet (see bench/suites/eslint-corpus.js).");
}
