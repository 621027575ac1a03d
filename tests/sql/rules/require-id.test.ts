import rule from "../../../lib/sql/rules/require-id.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();

ruleTester.run("require-id", rule, {
  valid: [
    {
      name: "a column primary key",
      code: sql`
        create table public.notes (id uuid primary key default gen_random_uuid(), body text);
      `,
    },
    {
      name: "a composite primary key (join table)",
      code: sql`
        create table public.post_tags (post_id uuid not null, tag_id uuid not null, primary key (post_id, tag_id));
      `,
    },
    {
      name: "a primary key added by a later statement",
      code: sql`
        create table public.events (id bigint not null, payload jsonb);
        alter table only public.events add constraint events_pkey primary key (id);
      `,
    },
    {
      name: "Supabase db diff: a unique index promoted to the primary key",
      filename: fixture("supabase-app/supabase/migrations/20240103000000_projects.sql"),
      code: fixtureText("supabase-app/supabase/migrations/20240103000000_projects.sql"),
    },
    {
      name: "Prisma Migrate: a named primary key constraint",
      filename: fixture("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
      code: fixtureText("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
    },
    {
      name: "a partition shares its parent's key",
      code: sql`
        create table public.measurements (id bigint, taken_at date not null, primary key (id, taken_at)) partition by range (taken_at);
        create table public.measurements_2024 partition of public.measurements for values from ('2024-01-01') to ('2025-01-01');
      `,
    },
    {
      name: "a table copied with LIKE hides its key",
      code: sql`
        create table public.notes_archive (like public.notes including all);
      `,
    },
    {
      name: "a table dropped later",
      code: sql`
        create table public.import_rows (line integer, payload jsonb);
        drop table public.import_rows;
      `,
    },
    {
      name: "a temporary table",
      code: sql`
        create temp table staging (line integer);
      `,
    },
  ],
  invalid: [
    {
      name: "a table without a primary key",
      code: sql`
        create table public.page_views (path text not null, viewed_at timestamptz not null default now());
      `,
      errors: [{ messageId: "noPrimaryKey", line: 1, column: 1, endLine: 1, endColumn: 31 }],
    },
    {
      name: "a unique column is not a primary key",
      code: sql`
        CREATE TABLE "Setting" ("key" TEXT NOT NULL UNIQUE, "value" TEXT);
      `,
      errors: [{ messageId: "uniqueKeyInsteadOfPrimaryKey", line: 1, column: 1, endLine: 1, endColumn: 23 }],
    },
    {
      name: "a unique index created later names the key to promote (Drizzle Kit output in a DO block)",
      code: sql`
        CREATE TABLE IF NOT EXISTS "WorkspaceRelation" ("parentWorkspaceId" uuid NOT NULL, "childWorkspaceId" uuid NOT NULL);
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'WorkspaceRelation_key') THEN
                CREATE UNIQUE INDEX "WorkspaceRelation_key" ON "WorkspaceRelation" USING btree ("parentWorkspaceId" uuid_ops, "childWorkspaceId" uuid_ops);
            END IF;
        END $$;
        create unique index relation_lower_idx on public."WorkspaceRelation" (lower("childWorkspaceId"::text));
      `,
      errors: [
        {
          messageId: "uniqueKeyInsteadOfPrimaryKey",
          data: {
            table: "public.WorkspaceRelation",
            columns: "parentWorkspaceId, childWorkspaceId",
            statement: 'alter table public."WorkspaceRelation" add primary key ("parentWorkspaceId", "childWorkspaceId");',
          },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 47,
        },
      ],
    },
    {
      name: "the primary key dropped later",
      code: sql`
        create table public.notes (id uuid primary key, body text);
        alter table public.notes drop constraint notes_pkey;
      `,
      errors: [{ messageId: "noPrimaryKey", line: 1, column: 1, endLine: 1, endColumn: 26 }],
    },
  ],
});
