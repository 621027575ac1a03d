/**
 * Packages most runs never need, loaded on first use: picomatch (rule options and command-line globs)
 * and pluralize (the grammatical-number rules, off by default). Loading both at start-up cost about
 * 15 ms of CPU time per run, some 4% of a run on a small schema. Both are CommonJS, so a synchronous
 * `require` loads them where a rule's `create` or a name check needs them.
 */
import { createRequire } from "node:module";
import type Picomatch from "picomatch";
import type Pluralize from "pluralize";

const require = createRequire(import.meta.url);
let picomatchModule: typeof Picomatch | undefined;
let pluralizeModule: typeof Pluralize | undefined;

export function picomatch(): typeof Picomatch {
  return (picomatchModule ??= require("picomatch") as typeof Picomatch);
}

export function pluralize(): typeof Pluralize {
  return (pluralizeModule ??= require("pluralize") as typeof Pluralize);
}
