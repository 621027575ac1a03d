import { ESLintUtils } from "@typescript-eslint/utils";
import { REPO_URL } from "./repo-url.js";

export { REPO_URL };

/** What `meta.docs` of our rules carries besides `description` and `url`. */
export interface BackendArchitectDocs {
  /** The smallest shipped config that enables the rule; absent = only in `all`. */
  recommended?: "recommended" | "strict";
  /** Severity in the configs; defaults to `"error"`. */
  severity?: "error" | "warn";
  requiresTypeChecking?: boolean;
}

const namedRule = ESLintUtils.RuleCreator<BackendArchitectDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

/** Merged options kept per rule; an option set is per config, so a handful of entries is the norm. */
const MAX_OPTION_SETS = 64;

/**
 * typescript-eslint's `RuleCreator`, except that `create` gets the options merged with
 * `meta.defaultOptions` computed once per option set rather than once per file: its merge deep-clones
 * the defaults (`structuredClone`) for every rule of every file, which costs more than a trivial rule.
 * ESLint hands every file of a config the same options array (keyed by identity), or an equal copy: the
 * editor's language server builds a new ESLint instance, and new option arrays, for every lint. An equal
 * copy is found by comparing it with the option sets seen (a few small JSON values; cheaper than
 * serializing it, and `JSON.stringify` is slow where core-js replaced it, as in that server).
 * The merged options are shared between files: rules read them, never write.
 */
export const createRule: typeof namedRule = (spec) => {
  const rule = namedRule(spec);
  type Options = Parameters<typeof spec.create>[1];
  const defaults = (spec.meta.defaultOptions ?? spec.defaultOptions ?? []) as Options;
  const byArray = new WeakMap<object, Options>();
  const seen: { raw: readonly unknown[]; merged: Options }[] = [];
  let noOptions: Options | undefined;
  let defaultsOnly: Options | undefined;
  /** The options of the file before, as ESLint handed them and merged. */
  let last: { raw: readonly unknown[]; options: Options } | undefined;
  return {
    ...rule,
    create(context) {
      // a rule without `meta.defaultOptions` and no options in the config gets a fresh `[]` per file
      if (context.options.length === 0) return spec.create(context, (noOptions ??= ESLintUtils.applyDefault(defaults, context.options)));
      // no options in the config: ESLint merges nothing into `meta.defaultOptions`, so it hands each file a
      // fresh array of the very same default objects (keying that array by its JSON text cost more than a rule)
      if (isDefaults(context.options, defaults)) return spec.create(context, (defaultsOnly ??= ESLintUtils.applyDefault(defaults, context.options)));
      // options in the config: ESLint merges them into the defaults anew for every file, into objects whose
      // values are the config's and the defaults' own (the same from one file to the next)
      if (last && sameValues(context.options, last.raw)) return spec.create(context, last.options);
      let options = byArray.get(context.options);
      if (!options) {
        options = seen.find((entry) => jsonEqual(entry.raw, context.options))?.merged;
        if (!options) {
          if (seen.length >= MAX_OPTION_SETS) seen.length = 0;
          options = ESLintUtils.applyDefault(defaults, context.options);
          seen.push({ raw: context.options, merged: options });
        }
        byArray.set(context.options, options);
      }
      last = { raw: context.options, options };
      return spec.create(context, options);
    },
  };
};

/** Deep equality of JSON values (rule options are validated JSON): what comparing their `JSON.stringify` text decided. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, i) => jsonEqual(value, b[i]));
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  // key order matters to JSON.stringify, and so to the options a rule sees when it iterates them
  return aKeys.every((key, i) => key === bKeys[i] && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Is `options` element by element the same objects as `defaults` (what ESLint hands a rule configured without options)? */
function isDefaults(options: readonly unknown[], defaults: readonly unknown[]): boolean {
  if (options.length !== defaults.length) return false;
  for (let i = 0; i < options.length; i++) if (options[i] !== defaults[i]) return false;
  return true;
}

/**
 * Are two option arrays equal element by element, each element the same value or a plain object with the
 * same own keys holding the same values (`===`)? Then their JSON texts are equal too.
 */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!isPlainObject(x) || !isPlainObject(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) if (!Object.hasOwn(y, key) || x[key] !== y[key]) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
