import path from "node:path";
import picomatch from "picomatch";

/** Per file (keyed by its SourceCode): several rules ask for the same file. */
const relativeNames = new WeakMap<object, string>();

/** The file's path relative to ESLint's cwd, with forward slashes, for glob matching. */
export function relativeFilename(context: { filename: string; cwd: string; sourceCode?: object }): string {
  const known = context.sourceCode && relativeNames.get(context.sourceCode);
  if (known !== undefined) return known;
  const { filename, cwd } = context;
  const relative = (path.isAbsolute(filename) ? path.relative(cwd, filename) : filename).split(path.sep).join("/");
  if (context.sourceCode) relativeNames.set(context.sourceCode, relative);
  return relative;
}

/**
 * Compiled matchers per option set. Compiling a glob costs far more than matching one, and ESLint hands
 * every file fresh copies of the same options, so the cache is keyed by the patterns' text; it is per
 * process and bounded, since an option set is per config, not per file.
 */
const matchers = new Map<string, (file: string) => boolean>();
const MAX_MATCHERS = 256;
const NEVER = (): boolean => false;

/** The same glob lists again (rule options merged once per option set, `create-rule.ts`): no key to build. */
const dotMatchersByList = new WeakMap<readonly string[], (file: string) => boolean>();

/** A matcher for any of the globs (picomatch), compiled once per distinct glob list and options. */
export function globMatcher(globs: readonly string[], options: { dot?: boolean } = {}): (file: string) => boolean {
  if (globs.length === 0) return NEVER;
  const key = `${options.dot === true ? "d" : ""}\0${globs.join("\0")}`;
  let matcher = matchers.get(key);
  if (!matcher) {
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matcher = picomatch(globs as string[], options);
    matchers.set(key, matcher);
  }
  return matcher;
}

/**
 * Answers per matcher and file: the editor lints the same file again on every edit, and a rule's ignore
 * list holds a score of globs. Bounded: a CI run asks once per file.
 */
const answers = new WeakMap<(file: string) => boolean, Map<string, boolean>>();
const MAX_ANSWERS = 10_000;

/** True when the file matches any of the globs (picomatch, dotfiles included). */
export function matchesAnyGlob(context: { filename: string; cwd: string; sourceCode?: object }, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  let matcher = dotMatchersByList.get(globs);
  if (!matcher) {
    matcher = globMatcher(globs, { dot: true });
    dotMatchersByList.set(globs, matcher);
  }
  let known = answers.get(matcher);
  if (!known) {
    known = new Map();
    answers.set(matcher, known);
  }
  const file = relativeFilename(context);
  let answer = known.get(file);
  if (answer === undefined) {
    answer = matcher(file);
    if (known.size >= MAX_ANSWERS) known.clear();
    known.set(file, answer);
  }
  return answer;
}
