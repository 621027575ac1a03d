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

/** True when the file matches any of the globs (picomatch, dotfiles included). */
export function matchesAnyGlob(context: { filename: string; cwd: string; sourceCode?: object }, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  return globMatcher(globs, { dot: true })(relativeFilename(context));
}
