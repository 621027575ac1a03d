/**
 * The config searches list each folder once instead of asking lilconfig twice (ours, then the npm
 * package prisma-lint's): they must find what those two lilconfig searches found, in every layout
 * where the two could differ.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lilconfig } from "lilconfig";
import { describe, expect, it } from "vitest";
import { findConfigFile, FolderListings, searchedFolders, type SearchPlaces } from "../../prisma-lint/config-search.js";
import { PRISMALINT_SEARCH_PLACES } from "../../prisma-lint/prismalint-config.js";
import { tempDir } from "./cli/helpers.js";

const parseJson = (_: string, content: string): unknown => JSON.parse(content.replace(/^\uFEFF/u, ""));
const OURS: SearchPlaces = {
  places: ["package.json", "prisma-lint.config.js", "prisma-lint.config.mjs", "prisma-lint.config.json"],
  packageProp: "prisma-lint",
  ignoreEmpty: false,
  parseJson,
};
const THEIRS: SearchPlaces = { places: PRISMALINT_SEARCH_PLACES, packageProp: "prismalint", ignoreEmpty: true, parseJson };

/** What the CLI did before: lilconfig for ours, then lilconfig for theirs; the loaders only name the file. */
async function withLilconfig(dir: string): Promise<string> {
  const byName = (filepath: string, content: string): unknown => (path.basename(filepath) === "package.json" ? parseJson(filepath, content) : filepath);
  const explorer = (search: SearchPlaces) =>
    lilconfig(search.packageProp, {
      searchPlaces: [...search.places],
      packageProp: search.packageProp,
      ignoreEmptySearchPlaces: search.ignoreEmpty,
      cache: false,
      loaders: Object.fromEntries([".json", ".js", ".mjs", ".cjs", ".yaml", ".yml", ".ts", ".cts", ".mts", "noExt"].map((ext) => [ext, byName])),
    });
  try {
    const ours = await explorer(OURS).search(dir);
    if (ours) return `ours ${ours.filepath}`;
    const theirs = await explorer(THEIRS).search(dir);
    return theirs ? `theirs ${theirs.filepath}` : "none";
  } catch (error) {
    return `error ${(error as NodeJS.ErrnoException).code ?? (error as Error).name}`;
  }
}

function withListings(dir: string): string {
  const listings = new FolderListings();
  try {
    const ours = findConfigFile(dir, OURS, listings);
    if (ours) return `ours ${ours.filepath}`;
    const theirs = findConfigFile(dir, THEIRS, listings);
    return theirs ? `theirs ${theirs.filepath}` : "none";
  } catch (error) {
    return `error ${(error as NodeJS.ErrnoException).code ?? (error as Error).name}`;
  }
}

/** A project: files by path below a temporary folder (a path ending in / is a folder); the search starts in `prisma/`. */
function project(files: Record<string, string>): string {
  const root = tempDir();
  mkdirSync(path.join(root, "app/prisma"), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    if (name.endsWith("/")) {
      mkdirSync(file, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    if (content.startsWith("-> ")) symlinkSync(path.join(root, content.slice(3)), file);
    else writeFileSync(file, content);
  }
  return path.join(root, "app/prisma");
}

const LAYOUTS: Record<string, Record<string, string>> = {
  "no config": { "app/package.json": '{"name":"app"}' },
  "ours further up beats theirs nearer": { "prisma-lint.config.json": "{}", "app/.prismalintrc.json": '{"rules":{}}' },
  "theirs, empty files skipped": { "app/prisma/.prismalintrc.json": " \n", "app/.prismalintrc.yaml": "rules: {}" },
  "ours, an empty file counts": { "app/prisma/prisma-lint.config.json": "", "app/.prismalintrc.json": "{}" },
  "package.json without the key is skipped": { "app/package.json": '{"name":"app"}', "package.json": '{"prismalint":{"rules":{}}}' },
  "package.json key before the config file of the same folder": { "app/package.json": '{"prisma-lint":{}}', "app/prisma-lint.config.json": "{}" },
  "package.json key set to null is skipped": { "app/package.json": '{"prisma-lint":null}', "app/prismalint.config.ts": "export default {}" },
  "search places in order": { "app/.prismalintrc.yml": "rules: {}", "app/.prismalintrc": "rules: {}", "app/.prismalintrc.json": "{}" },
  ".config folder": { "app/.config/prismalintrc.json": "{}", ".prismalintrc": "rules: {}" },
  ".config is a file": { "app/.config": "x", ".prismalintrc": "rules: {}" },
  "a package.json that is not JSON": { "app/package.json": "{ nope" },
  "a package.json that is no object": { "app/package.json": "12" },
  "a dangling link is skipped": { "app/prisma/prisma-lint.config.json": "-> missing.json", "app/.prismalintrc.json": "{}" },
  "a folder named like a config": { "app/prisma-lint.config.json/": "" },
};

describe("config search", () => {
  for (const [name, files] of Object.entries(LAYOUTS)) {
    it(`finds what lilconfig finds: ${name}`, async () => {
      const dir = project(files);
      expect(withListings(dir)).toBe(await withLilconfig(dir));
    });
  }

  it("lists each folder once for both searches", () => {
    const dir = project({});
    const listings = new FolderListings();
    findConfigFile(dir, OURS, listings);
    findConfigFile(dir, THEIRS, listings);
    // one listing per folder from prisma/ to the root, none for .config folders that do not exist
    expect(listings.reads).toBe(searchedFolders(dir).length);
  });
});
