import path from "node:path";
import picomatch from "picomatch";

/** Per file (keyed by its SourceCode): several rules ask for the same file. */
const relativeNames = new WeakMap<object, string>();

/** The file's path relative to ESLint's cwd, with forward slashes, for glob matching. */
export function relativeFilename(context: { filename: string; cwd: string; sourceCode?: object }): string {
  const known = context.sourceCode && relativeNames.get(context.sourceCode);
  if (known !== undefined) return known;
  const { filename, cwd } = context;
  const native = path.isAbsolute(filename) ? relativePath(cwd, filename) : filename;
  const relative = path.sep === "/" ? native : native.split(path.sep).join("/");
  if (context.sourceCode) relativeNames.set(context.sourceCode, relative);
  return relative;
}

/**
 * `path.relative(cwd, filename)`, without resolving both paths again in the common case: a POSIX file
 * inside the cwd, both already normal (no `.`/`..` segments, no doubled or trailing slash).
 */
function relativePath(cwd: string, filename: string): string {
  if (
    path.sep === "/" &&
    filename.length > cwd.length + 1 &&
    filename.startsWith(cwd) &&
    filename.charCodeAt(cwd.length) === 47 &&
    isNormal(cwd) &&
    isNormal(filename)
  ) {
    return filename.slice(cwd.length + 1);
  }
  return path.relative(cwd, filename);
}

function isNormal(absolute: string): boolean {
  return absolute.startsWith("/") && !absolute.includes("//") && !absolute.includes("/.") && !absolute.endsWith("/");
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
    matcher = anyOf(globs, options);
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

/**
 * picomatch's regular expressions try every position of the path with look-aheads, for every glob: a
 * literal that a glob cannot match without (`__tests__` of `** /__tests__/**`) is looked for first.
 */
function anyOf(globs: readonly string[], options: { dot?: boolean }): (file: string) => boolean {
  const tests = globs.map((glob) => ({ literal: requiredLiteral(glob), matches: picomatch(glob, options) }));
  return (file) => tests.some(({ literal, matches }) => (literal === undefined || file.includes(literal)) && matches(file));
}

/** Characters with a meaning in a glob (picomatch): a literal is a run of other characters outside any group. */
const GLOB_SYNTAX = new Set("*?[]{}()!+@\\^$|,/");

/**
 * The longest run of literal characters outside braces, brackets and parentheses, which every path the
 * glob matches holds; undefined for globs picomatch rewrites before matching (negations, `./` prefixes, quotes, escapes).
 */
export function requiredLiteral(glob: string): string | undefined {
  if (glob.startsWith("!") || glob.includes("./") || /["'\\]/u.test(glob)) return undefined;
  let depth = 0;
  let run = "";
  let longest = "";
  for (const char of glob) {
    if (char === "{" || char === "[" || char === "(") depth++;
    else if ((char === "}" || char === "]" || char === ")") && depth > 0) depth--;
    if (depth === 0 && !GLOB_SYNTAX.has(char)) {
      run += char;
      if (run.length > longest.length) longest = run;
    } else {
      run = "";
    }
  }
  return longest.length > 0 ? longest : undefined;
}

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
