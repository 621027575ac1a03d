/**
 * Which migrations come before and after a file: the folder's migration files in the order the tool
 * applies them, and the database the folder is written for.
 *
 * - Supabase CLI: `supabase/migrations/<timestamp>_<name>.sql`, applied in file name order.
 * - Drizzle Kit: `<out>/<NNNN>_<name>.sql` next to `meta/_journal.json` (whose `dialect` says the
 *   database), in file name order; drizzle-kit 1.0's `<out>/<timestamp>_<name>/migration.sql` too.
 * - Prisma Migrate: `prisma/migrations/<timestamp>_<name>/migration.sql`, in folder name order, with the
 *   provider in `migration_lock.toml`.
 * - Any other folder: its `.sql` files in natural name order, without down migrations
 *   (`*.down.sql`, `down.sql`), which undo rather than follow.
 *
 * Listings are cached per process by folder and modification time.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface MigrationFolder {
  /** The migration files in the order they apply (absolute paths). */
  files: string[];
  /** `true` when the folder says it is written for another database (MySQL, SQLite...). */
  otherDatabase: boolean;
  layout: "supabase" | "drizzle" | "prisma" | "plain";
}

const DOWN_MIGRATION = /(?:^|[._-])down\.sql$/iu;
const POSTGRES_DIALECTS = new Set(["postgresql", "postgres", "pg"]);
/**
 * `2_x.sql` before `10_x.sql`: digit runs compare as numbers, the rest as text. (Not `Intl.Collator`,
 * whose first use costs every process ~50 ms, SQL or not.)
 */
export function naturalOrder(a: string, b: string): number {
  const left = a.match(/\d+|\D+/gu) ?? [];
  const right = b.match(/\d+|\D+/gu) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const digits = /^\d/u.test(x) && /^\d/u.test(y);
    if (digits) {
      const [p, q] = [x.replace(/^0+(?=\d)/u, ""), y.replace(/^0+(?=\d)/u, "")];
      if (p.length !== q.length) return p.length - q.length;
      if (p !== q) return p < q ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

interface Listing {
  names: string[];
  /** Derived once per listing: `<root>/<name>/migration.sql` files, and the folder's saved up migrations. */
  migrations?: string[];
  sqlNames?: string[];
  sqlFiles?: string[];
}

const listings = new Map<string, Listing & { mtimeMs: number }>();
const dialects = new Map<string, { mtimeMs: number; dialect: string | undefined }>();

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Entries of a folder, cached by the folder's modification time (which adding or renaming a file changes). */
function listing(dir: string): Listing {
  const mtimeMs = mtime(dir);
  if (mtimeMs === undefined) return { names: [] };
  const cached = listings.get(dir);
  if (cached?.mtimeMs === mtimeMs) return cached;
  let names: string[];
  try {
    names = readdirSync(dir).sort(naturalOrder);
  } catch {
    names = [];
  }
  const entry = { mtimeMs, names };
  listings.set(dir, entry);
  return entry;
}

/** `<root>/<name>/migration.sql` of every folder of `root` that has one, listed once per `root` mtime. */
function folderMigrations(root: string): string[] {
  const entry = listing(root);
  entry.migrations ??= entry.names.map((folder) => join(root, folder, "migration.sql")).filter((file) => mtime(file) !== undefined);
  return entry.migrations;
}

/** The database a Drizzle journal, drizzle-kit snapshot or Prisma lock file names, lower-cased. */
function declaredDialect(path: string, read: (text: string) => string | undefined): string | undefined {
  const mtimeMs = mtime(path);
  if (mtimeMs === undefined) return undefined;
  const cached = dialects.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached.dialect;
  let dialect: string | undefined;
  try {
    dialect = read(readFileSync(path, "utf8"))?.toLowerCase();
  } catch {
    dialect = undefined;
  }
  dialects.set(path, { mtimeMs, dialect });
  return dialect;
}

function jsonDialect(text: string): string | undefined {
  const value = (JSON.parse(text) as { dialect?: unknown }).dialect;
  return typeof value === "string" ? value : undefined;
}

function tomlProvider(text: string): string | undefined {
  return /^\s*provider\s*=\s*"([^"]+)"/mu.exec(text)?.[1];
}

function isOther(dialect: string | undefined): boolean {
  return dialect !== undefined && !POSTGRES_DIALECTS.has(dialect);
}

/** The migration folder `path` belongs to. A file on no disk (a virtual path) is a history of its own. */
export function migrationFolder(path: string): MigrationFolder {
  const dir = dirname(path);
  const name = basename(path);

  if (name === "migration.sql") {
    // One folder per migration: Prisma Migrate, drizzle-kit 1.0.
    const root = dirname(dir);
    const files = folderMigrations(root);
    if (!files.includes(path)) return { files: [path], otherDatabase: false, layout: "plain" };
    const prisma = declaredDialect(join(root, "migration_lock.toml"), tomlProvider);
    const drizzle = prisma === undefined ? declaredDialect(join(dir, "snapshot.json"), jsonDialect) : undefined;
    return {
      files,
      otherDatabase: isOther(prisma ?? drizzle),
      layout: prisma !== undefined ? "prisma" : drizzle !== undefined ? "drizzle" : "plain",
    };
  }

  if (DOWN_MIGRATION.test(name)) return { files: [path], otherDatabase: false, layout: "plain" };
  const entry = listing(dir);
  const names = entry.names;
  if (names.length === 0) return { files: [path], otherDatabase: false, layout: "plain" };
  // Every file of a folder asks for the same list: build it once per listing (shared, never mutated).
  entry.sqlNames ??= names.filter((file) => file.endsWith(".sql") && !DOWN_MIGRATION.test(file));
  let files: string[];
  if (!name.endsWith(".sql") || entry.sqlNames.includes(name)) {
    files = entry.sqlFiles ??= entry.sqlNames.map((file) => join(dir, file));
  } else {
    // A new file not saved yet (an editor buffer) takes its place by name among the saved ones.
    files = [...entry.sqlNames, name].sort(naturalOrder).map((file) => join(dir, file));
  }
  if (names.includes("meta")) {
    const dialect = declaredDialect(join(dir, "meta", "_journal.json"), jsonDialect);
    if (dialect !== undefined) return { files, otherDatabase: isOther(dialect), layout: "drizzle" };
  }
  const layout = basename(dir) === "migrations" && basename(dirname(dir)) === "supabase" ? "supabase" : "plain";
  return { files, otherDatabase: false, layout };
}
