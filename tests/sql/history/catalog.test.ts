import { describe, expect, it } from "vitest";
import { Catalog, type Table } from "../../../lib/sql/history/catalog.js";
import type { ParsedFile } from "../../../lib/sql/history/parse-cache.js";
import { parseSql } from "../../../lib/sql/language/parser.js";
import { sql } from "../sql-rule-tester.js";

function file(text: string, path = "/migrations/1.sql"): ParsedFile {
  const result = parseSql(text);
  if (!result.ok) throw new Error(result.errors[0].message);
  return { path, text, ast: result.ast, unparsed: [] };
}

function replay(...texts: string[]): Catalog {
  const catalog = new Catalog();
  texts.forEach((text, i) => catalog.apply(file(text, `/migrations/${i}.sql`)));
  return catalog;
}

function table(catalog: Catalog, key: string): Table {
  const found = catalog.tables.get(key);
  if (!found) throw new Error(`no table ${key}: ${[...catalog.tables.keys()].join(", ")}`);
  return found;
}

describe("Catalog", () => {
  it("follows a table through renames, schema moves, column renames and drops across files", () => {
    const catalog = replay(
      sql`
        create table public."Invoice" ("Id" uuid primary key, "TeamId" uuid references public.teams (id), note text);
      `,
      sql`
        alter table public."Invoice" rename to invoices;
        alter table public.invoices rename column "TeamId" to team_id;
        alter table public.invoices drop column note;
        alter table public.invoices set schema billing;
      `,
    );
    const invoices = table(catalog, "billing.invoices");
    expect([...invoices.columns.keys()]).toEqual(["Id", "team_id"]);
    expect(invoices.foreignKeys.map((key) => [key.name, key.columns, key.declared])).toEqual([
      ["Invoice_TeamId_fkey", ["team_id"], ["TeamId"]],
    ]);
    expect(catalog.tables.has("public.Invoice")).toBe(false);
  });

  it("tells a table dropped and created again from the first one", () => {
    const catalog = replay(
      "create table public.tags (id int primary key);",
      "drop table public.tags;",
      "create table public.tags (id uuid primary key); alter table public.tags enable row level security;",
    );
    const [first, second] = catalog.created;
    expect(first!.dropped).toBe(true);
    expect(second!.rls).toBeDefined();
    expect(second!.columns.get("id")!.type).toEqual(["uuid"]);
  });

  it("keeps policies in their final form", () => {
    const catalog = replay(sql`
      create policy "read" on public.notes for select using (true);
      create policy "write" on public.notes for insert with check (false);
      alter policy "read" on public.notes using (owner_id = (select auth.uid()));
      alter policy "write" on public.notes rename to "insert own";
      drop policy if exists "gone" on public.notes;
    `);
    const notes = table(catalog, "public.notes");
    expect([...notes.policies.keys()]).toEqual(["read", "insert own"]);
    expect(notes.policies.get("read")!.using!.node.type).toBe("A_Expr");
    expect(notes.created).toBeUndefined();
  });

  it("reads keys and indexes the way Supabase's db diff writes them", () => {
    const catalog = replay(sql`
      create table "public"."projects" ("id" uuid not null, "team_id" uuid not null);
      CREATE UNIQUE INDEX projects_pkey ON public.projects USING btree (id);
      alter table "public"."projects" add constraint "projects_pkey" PRIMARY KEY using index "projects_pkey";
      CREATE INDEX projects_team_idx ON public.projects USING btree (team_id, id);
      ALTER INDEX projects_team_idx RENAME TO projects_team_id_idx;
    `);
    const projects = table(catalog, "public.projects");
    expect(projects.primaryKey).toMatchObject({ name: "projects_pkey", columns: ["id"], kind: "primary" });
    expect(projects.indexes.map((index) => index.name)).toEqual(["projects_pkey", "projects_team_id_idx"]);
  });

  it("applies the static statements of DO blocks, as Drizzle Kit writes foreign keys", () => {
    const catalog = replay(sql`
      CREATE TABLE "posts" ("id" serial PRIMARY KEY, "author_id" uuid NOT NULL);
      DO $$ BEGIN
        ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id");
      EXCEPTION
        WHEN duplicate_object THEN null;
      END $$;
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'posts_author_idx') THEN
          CREATE INDEX posts_author_idx ON posts (author_id);
        END IF;
      END $$;
    `);
    const posts = table(catalog, "public.posts");
    expect(posts.foreignKeys.map((key) => key.name)).toEqual(["posts_author_id_users_id_fk"]);
    expect(posts.foreignKeys[0]!.origin.embeddedRange).toBeDefined();
    expect(posts.indexes.map((index) => index.name)).toEqual(["posts_pkey", "posts_author_idx"]);
  });

  it("makes tables uncertain where statements are built at run time or do not parse", () => {
    const catalog = replay(
      sql`
        create table public.a (id int primary key);
        create table public.c (id int primary key);
        do $$ begin execute 'alter table public.c enable row level security'; end $$;
        do $$ begin execute format('alter table %I enable row level security', 'a'); end $$;
        create table public.b (id int primary key);
      `,
    );
    expect(table(catalog, "public.a").rlsUnknown).toBe(true);
    expect(table(catalog, "public.b").rlsUnknown).toBe(false);
    // A constant string is read like any statement.
    expect(table(catalog, "public.c").rls).toBeDefined();

    const broken = new Catalog();
    broken.apply(file("create table public.c (id int primary key);", "/m/1.sql"));
    broken.apply({ ...file("select 1;", "/m/2.sql"), unparsed: ["alter table public.c add colum x int"] });
    expect(table(broken, "public.c").opaque).toBe(true);
  });

  it("puts unqualified names in the schema of search_path, file by file", () => {
    const catalog = replay("set search_path = app, public; create table jobs (id int primary key);", "create table jobs (id int primary key);");
    expect([...catalog.tables.keys()].sort()).toEqual(["app.jobs", "public.jobs"]);
  });

  it("lets a partition inherit its parent's columns and keys", () => {
    const catalog = replay(sql`
      create table public.events (id bigint, at date, created_at timestamptz, primary key (id, at)) partition by range (at);
      create table public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');
    `);
    const partition = table(catalog, "public.events_2024");
    expect(partition.derived).toBe("partition");
    expect(partition.primaryKey?.columns).toEqual(["id", "at"]);
    expect([...partition.columns.keys()]).toEqual(["id", "at", "created_at"]);
  });
});
