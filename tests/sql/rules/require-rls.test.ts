import rule from "../../../lib/sql/rules/require-rls.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();
const migrations = "supabase-app/supabase/migrations";

ruleTester.run("require-rls", rule, {
  valid: [
    {
      name: "row level security enabled in the same migration",
      code: sql`
        create table public.notes (
          id uuid primary key default gen_random_uuid(),
          body text not null
        );
        alter table public.notes enable row level security;
      `,
    },
    {
      name: "row level security enabled by a later migration of the folder",
      filename: fixture(`${migrations}/20240104000000_invoices.sql`),
      code: fixtureText(`${migrations}/20240104000000_invoices.sql`),
    },
    {
      name: "a new, unsaved migration whose table a later migration on disk protects",
      filename: fixture(`${migrations}/20240103120000_invoices_draft.sql`),
      code: sql`
        create table if not exists public.invoices (
          id uuid primary key default gen_random_uuid()
        );
      `,
    },
    {
      name: "a table dropped by a later migration needs nothing",
      filename: fixture(`${migrations}/20240101000000_init.sql`),
      code: fixtureText(`${migrations}/20240101000000_init.sql`),
    },
    {
      name: "a table in a schema the Data API does not expose",
      code: sql`
        create schema if not exists private;
        create table private.audit_trail (id bigint generated always as identity primary key, payload jsonb);
      `,
    },
    {
      name: "an unqualified table after search_path moves to a private schema",
      code: sql`
        set search_path to internal, public;
        create table jobs (id uuid primary key, payload jsonb);
      `,
    },
    {
      name: "a table moved out of the exposed schema later",
      code: sql`
        create table public.webhook_events (id uuid primary key, payload jsonb);
        alter table public.webhook_events set schema private;
      `,
    },
    {
      name: "a renamed table whose new name gets row level security",
      code: sql`
        create table public."Invoice" (id uuid primary key);
        alter table public."Invoice" rename to invoices;
        alter table public.invoices enable row level security;
      `,
    },
    {
      name: "a temporary table",
      code: sql`
        create temporary table import_rows (line integer, payload jsonb);
      `,
    },
    {
      name: "a materialized view has no row level security to enable",
      code: sql`
        create materialized view public.monthly_totals as select 1 as total;
      `,
    },
    {
      name: "a DO block that enables row level security on every public table",
      code: sql`
        create table public.tags (id uuid primary key, name text);
        do $$
        declare t record;
        begin
          for t in select tablename from pg_tables where schemaname = 'public' loop
            execute format('alter table public.%I enable row level security', t.tablename);
          end loop;
        end $$;
      `,
    },
    {
      name: "an event trigger function that enables row level security on new tables",
      code: sql`
        create or replace function public.rls_auto_enable() returns event_trigger language plpgsql as $$
        begin
          execute 'alter table ' || tg_table_name || ' enable row level security';
        end $$;
        create table public.tags (id uuid primary key, name text);
      `,
    },
    {
      name: "row level security enabled inside Drizzle-style DO blocks",
      code: sql`
        CREATE TABLE "accounts" ("id" uuid PRIMARY KEY NOT NULL);
        DO $$ BEGIN
          ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;
        END $$;
      `,
    },
    {
      name: "a table the Data API's roles cannot use at all",
      code: sql`
        create table public.stripe_events (id text primary key, payload jsonb);
        revoke all on table public.stripe_events from anon, authenticated;
      `,
    },
    {
      name: "a schema outside the option's list",
      code: sql`
        create table api.widgets (id uuid primary key);
      `,
      options: [{ schemas: ["public"] }],
    },
  ],
  invalid: [
    {
      name: "a public table without row level security",
      code: sql`
        create table public.invoices (
          id uuid primary key default gen_random_uuid(),
          amount_cents integer not null
        );
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 29 }],
    },
    {
      name: "an unqualified table lands in public",
      code: sql`
        -- accounts of the billing system
        CREATE TABLE IF NOT EXISTS "Account" ("id" TEXT NOT NULL, CONSTRAINT "Account_pkey" PRIMARY KEY ("id"));
      `,
      errors: [{ messageId: "missingRls", line: 2, column: 1, endLine: 2, endColumn: 37 }],
    },
    {
      name: "FORCE alone does not enable row level security",
      code: sql`
        create table public.invoices (id uuid primary key);
        alter table public.invoices force row level security;
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 29 }],
    },
    {
      name: "row level security disabled again later",
      code: sql`
        create table public.invoices (id uuid primary key);
        alter table public.invoices enable row level security;
        alter table public.invoices disable row level security;
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 29 }],
    },
    {
      name: "CREATE TABLE AS makes a table too",
      code: sql`
        create table public.invoice_archive as select * from public.invoices;
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 36 }],
    },
    {
      name: "a table in a schema the options expose",
      code: sql`
        create table api.widgets (id uuid primary key);
      `,
      options: [{ schemas: ["public", "api"] }],
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 25 }],
    },
    {
      name: "revoking some privileges, or from one role only, leaves the table reachable",
      code: sql`
        create table public.stripe_events (id text primary key, payload jsonb);
        revoke insert, update, delete on table public.stripe_events from anon, authenticated;
        revoke all on table public.stripe_events from anon;
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 34 }],
    },
    {
      name: "a policy without row level security protects nothing",
      code: sql`
        create table public.invoices (id uuid primary key, owner_id uuid not null);
        create policy "owners read" on public.invoices for select using ((select auth.uid()) = owner_id);
      `,
      errors: [{ messageId: "missingRls", line: 1, column: 1, endLine: 1, endColumn: 29 }],
    },
  ],
});
