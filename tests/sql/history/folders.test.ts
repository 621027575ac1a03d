import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationFolder } from "../../../lib/sql/history/folders.js";
import { fixture } from "../sql-rule-tester.js";

function names(files: string[]): string[] {
  return files.map((file) => (basename(file) === "migration.sql" ? basename(dirname(file)) : basename(file)));
}

describe("migrationFolder", () => {
  it("orders Supabase CLI migrations by their timestamp", () => {
    const folder = migrationFolder(fixture("supabase-app/supabase/migrations/20240103000000_projects.sql"));
    expect(folder.layout).toBe("supabase");
    expect(names(folder.files)).toEqual([
      "20240101000000_init.sql",
      "20240102000000_policies.sql",
      "20240103000000_projects.sql",
      "20240104000000_invoices.sql",
      "20240105000000_invoices_rls.sql",
    ]);
  });

  it("puts an unsaved migration in its place by name", () => {
    const folder = migrationFolder(fixture("supabase-app/supabase/migrations/20240102120000_draft.sql"));
    expect(names(folder.files).slice(1, 4)).toEqual(["20240102000000_policies.sql", "20240102120000_draft.sql", "20240103000000_projects.sql"]);
  });

  it("reads the database of a Drizzle Kit folder from its journal", () => {
    expect(migrationFolder(fixture("drizzle-app/drizzle/0001_steady_comments.sql"))).toMatchObject({
      layout: "drizzle",
      otherDatabase: false,
    });
    expect(migrationFolder(fixture("drizzle-mysql/drizzle/0000_flat_kitty.sql"))).toMatchObject({
      layout: "drizzle",
      otherDatabase: true,
    });
  });

  it("orders Prisma Migrate's folders and reads the provider of migration_lock.toml", () => {
    const folder = migrationFolder(fixture("prisma-app/prisma/migrations/20240315120000_add_comments/migration.sql"));
    expect(folder).toMatchObject({ layout: "prisma", otherDatabase: false });
    expect(names(folder.files)).toEqual(["20240301090000_init", "20240315120000_add_comments"]);
    expect(migrationFolder(fixture("sqlite-prisma/prisma/migrations/20240301090000_init/migration.sql")).otherDatabase).toBe(true);
  });

  it("leaves down migrations out of the history", () => {
    const up = migrationFolder(fixture("hand-written/db/migrations/002_accounts_updated_at.up.sql"));
    expect(names(up.files)).toEqual(["001_accounts.up.sql", "002_accounts_updated_at.up.sql"]);
    const down = migrationFolder(fixture("hand-written/db/migrations/001_accounts.down.sql"));
    expect(names(down.files)).toEqual(["001_accounts.down.sql"]);
  });

  it("makes a file on no disk a history of its own", () => {
    expect(migrationFolder("/nowhere/at/all/1_init.sql").files).toEqual(["/nowhere/at/all/1_init.sql"]);
  });
});
