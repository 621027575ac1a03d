/**
 * The config searches of the CLI, ours and then the npm package `prisma-lint`'s, from the schema's folder
 * up to the home folder (or the root), as lilconfig searches: in each folder the search places in order,
 * the first that exists wins; a `package.json` only when it has the config key; an empty file is a config
 * only when `ignoreEmpty` is false. Each folder is listed once for both searches (lilconfig probed every
 * search place of both lists in every folder, some 40 file-system calls a folder, and cost more start-up
 * time than linting a small schema), and no config library is loaded when there is no config file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/** A config file found by a search: the value under the key of a `package.json`, or a file to load. */
export type FoundConfig = { filepath: string; packageConfig: unknown } | { filepath: string; content: string; isEmpty: boolean };

export interface SearchPlaces {
  /** File names, maybe in a subfolder (`.config/prismalintrc`), in the order they are looked for. */
  places: readonly string[];
  /** The key of `package.json` that holds the config. */
  packageProp: string;
  /** Skip empty files (lilconfig's `ignoreEmptySearchPlaces`). */
  ignoreEmpty: boolean;
  /** Parses a `package.json`, throwing the caller's error when it cannot. */
  parseJson: (filepath: string, content: string) => unknown;
}

/** lilconfig's parent: `/` above `/` (and above a folder outside the home folder). */
function parentDir(dir: string): string {
  return path.dirname(dir) || path.sep;
}

/**
 * The files and folders of the folders the searches visit, each folder read once; `undefined` when a
 * folder cannot be listed (then each name is probed, as lilconfig did).
 */
export class FolderListings {
  readonly #listings = new Map<string, ReadonlySet<string> | undefined>();
  readonly #packageJson = new Map<string, unknown>();
  /** How many folders were read, for tests. */
  reads = 0;

  has(file: string): boolean {
    const names = this.#names(path.dirname(file));
    return names ? names.has(path.basename(file)) : existsSync(file);
  }

  #names(dir: string): ReadonlySet<string> | undefined {
    if (this.#listings.has(dir)) return this.#listings.get(dir);
    let names: ReadonlySet<string> | undefined;
    // `.config/` of a searched folder: its parent's listing tells whether there is one
    const parent = this.#listings.get(parentDir(dir));
    if (parent && !parent.has(path.basename(dir))) {
      names = new Set();
    } else {
      try {
        this.reads++;
        names = new Set(readdirSync(dir));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException)?.code;
        names = code === "ENOENT" || code === "ENOTDIR" ? new Set() : undefined;
      }
    }
    this.#listings.set(dir, names);
    return names;
  }

  /** A `package.json`, parsed once for both searches. */
  packageJson(filepath: string, content: string, parseJson: SearchPlaces["parseJson"]): unknown {
    if (!this.#packageJson.has(filepath)) this.#packageJson.set(filepath, parseJson(filepath, content));
    return this.#packageJson.get(filepath);
  }
}

/** The folders a search from `dir` visits, nearest first. */
export function searchedFolders(dir: string): string[] {
  const stopDir = path.resolve(homedir());
  const folders: string[] = [];
  for (let current = path.resolve(dir); ; current = parentDir(current)) {
    folders.push(current);
    if (current === stopDir || current === parentDir(current)) return folders;
  }
}

/** lilconfig's `getPackageProp` for a key without dots (`in` throws on a package.json that is no object, as there). */
export function packageProp(pkg: unknown, prop: string): unknown {
  return prop in (pkg as object) ? (pkg as Record<string, unknown>)[prop] : null;
}

/** Reads a file found in a listing; undefined when it is gone (a dangling link, which lilconfig skips). */
function read(filepath: string): string | undefined {
  try {
    return String(readFileSync(filepath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === "ENOENT") return undefined;
    throw error;
  }
}

/** The first config file of the search from `dir` upward, or undefined. Throws what reading or parsing throws. */
export function findConfigFile(dir: string, search: SearchPlaces, listings: FolderListings): FoundConfig | undefined {
  for (const folder of searchedFolders(dir)) {
    for (const place of search.places) {
      const filepath = path.join(folder, place);
      if (!listings.has(filepath)) continue;
      const content = read(filepath);
      if (content === undefined) continue;
      if (place === "package.json") {
        const value = packageProp(listings.packageJson(filepath, content, search.parseJson), search.packageProp);
        if (value != null) return { filepath, packageConfig: value };
        continue;
      }
      const isEmpty = content.trim() === "";
      if (isEmpty && search.ignoreEmpty) continue;
      return { filepath, content, isEmpty };
    }
  }
  return undefined;
}
