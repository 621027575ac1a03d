import path from "node:path";
import picomatch from "picomatch";

/** The file's path relative to ESLint's cwd, with forward slashes, for glob matching. */
export function relativeFilename(context: { filename: string; cwd: string }): string {
  const { filename, cwd } = context;
  const relative = path.isAbsolute(filename) ? path.relative(cwd, filename) : filename;
  return relative.split(path.sep).join("/");
}

/** True when the file matches any of the globs (picomatch, dotfiles included). */
export function matchesAnyGlob(context: { filename: string; cwd: string }, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const file = relativeFilename(context);
  return picomatch.isMatch(file, globs as string[], { dot: true });
}
