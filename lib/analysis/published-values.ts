/**
 * Values a repository publishes on purpose: the development defaults written in its committed example
 * env files (`.env.example`, `.env.local.example`, `.env.sample`, `.env.template`, `.env.development`,
 * `.env.test`) and Compose files (`docker-compose*.yml`, `compose*.yaml`). A literal that stands there
 * too is public by design (a local ClickHouse password, a dev database user), not a leaked secret.
 *
 * Private env files (`.env`, `.env.local`, `.env.production`, `.env.development.local`) are never read:
 * they may hold the developer's real secrets, and a literal that matches one of them is a leak.
 *
 * Looked up from the linted file's folder upward: its package folder and the folders above it, up to the
 * repository root (a folder with `.git`), the ESLint cwd, or two folders above the package folder. Only
 * asked for a literal about to be reported (rare), and cached per process: each folder's listing and each
 * file's text are read again only when their modification time changes.
 */
import fs from "node:fs";
import path from "node:path";

const MAX_FILE_BYTES = 256 * 1024;
const MAX_FOLDERS = 2_000;
/** Parts of an env file name that make it an example (`.env.example`, `.env.local.sample`). */
const EXAMPLE_PARTS = new Set(["example", "sample", "template", "dist", "default", "defaults"]);
/** Env files for a shared, non-production environment, committed by convention (`.env.development`). */
const SHARED_ENVIRONMENTS = new Set(["development", "dev", "test", "ci"]);
const COMPOSE_FILE = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/iu;

interface PublishedFile {
  mtimeMs: number;
  text: string;
}

interface Folder {
  mtimeMs: number;
  /** Names of the published files in the folder. */
  names: string[];
  /** Whether the folder holds `.git` (the repository root) or a `package.json`. */
  repositoryRoot: boolean;
  packageRoot: boolean;
}

const folders = new Map<string, Folder | null>();
const files = new Map<string, PublishedFile | null>();

/** Is the file name one of a published env example or a Compose file? */
export function isPublishedFileName(name: string): boolean {
  if (COMPOSE_FILE.test(name)) return true;
  const lower = name.toLowerCase();
  // `example.env`, `sample.env`, `env.example`
  if (/^(?:example|sample|template)\.env$|^env\.(?:example|sample|template)$/u.test(lower)) return true;
  if (!lower.startsWith(".env.")) return false;
  const parts = lower.slice(".env.".length).split(".");
  if (parts.some((part) => EXAMPLE_PARTS.has(part))) return true;
  return parts.length === 1 && SHARED_ENVIRONMENTS.has(parts[0]!);
}

/** Does `value` stand as a whole value in a published env or Compose file near `filename`? */
export function isPublishedValue(filename: string, value: string, cwd?: string): boolean {
  if (value.length === 0 || !path.isAbsolute(filename)) return false;
  for (const dir of searchedFolders(path.dirname(filename), cwd)) {
    const folder = readFolder(dir);
    if (!folder) continue;
    for (const name of folder.names) {
      const text = readPublished(path.join(dir, name));
      if (text !== undefined && containsValue(text, value)) return true;
    }
  }
  return false;
}

/** The folders to search, nearest first: up to the repository root, the cwd, or two folders above the package. */
function searchedFolders(start: string, cwd: string | undefined): string[] {
  const result: string[] = [];
  const stop = cwd === undefined ? undefined : path.resolve(cwd);
  let abovePackage = -1;
  for (let dir = start; ; ) {
    const folder = readFolder(dir);
    result.push(dir);
    if (folder?.repositoryRoot || dir === stop) break;
    if (abovePackage >= 0) abovePackage++;
    else if (folder?.packageRoot) abovePackage = 0;
    if (abovePackage >= 2) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return result;
}

function readFolder(dir: string): Folder | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return undefined;
  }
  const cached = folders.get(dir);
  if (cached !== undefined && (cached === null || cached.mtimeMs === stat.mtimeMs)) return cached ?? undefined;
  let folder: Folder | null = null;
  try {
    const entries = fs.readdirSync(dir);
    folder = {
      mtimeMs: stat.mtimeMs,
      names: entries.filter(isPublishedFileName),
      repositoryRoot: entries.includes(".git"),
      packageRoot: entries.includes("package.json"),
    };
  } catch {
    folder = null;
  }
  if (folders.size >= MAX_FOLDERS) folders.clear();
  folders.set(dir, folder);
  return folder ?? undefined;
}

function readPublished(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = files.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.text;
  let entry: PublishedFile | null = null;
  if (stat.isFile() && stat.size <= MAX_FILE_BYTES) {
    try {
      entry = { mtimeMs: stat.mtimeMs, text: fs.readFileSync(file, "utf8") };
    } catch {
      entry = null;
    }
  }
  if (files.size >= MAX_FOLDERS) files.clear();
  files.set(file, entry);
  return entry?.text;
}

/** `value` stands whole: not inside a longer word (`ch_passwd` is not in `ch_passwd2` nor `my_ch_passwd`). */
function containsValue(text: string, value: string): boolean {
  for (let index = text.indexOf(value); index >= 0; index = text.indexOf(value, index + 1)) {
    const before = text[index - 1];
    const after = text[index + value.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
  }
  return false;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /\w/u.test(char);
}

/** Forgets every folder and file read (tests). */
export function clearPublishedValues(): void {
  folders.clear();
  files.clear();
}
