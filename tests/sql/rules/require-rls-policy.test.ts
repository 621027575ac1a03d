import rule from "../../../lib/sql/rules/require-rls-policy.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();
const migrations = "supabase-app/supabase/migrations";

ruleTester.run("require-rls-policy", rule, {
  valid: [
    {
      name: "a policy in the same migration",
      code: sql`
        create table public.notes (id uuid primary key, owner_id uuid not null);
        alter table public.notes enable row level security;
        create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
      `,
    },
    {
      name: "row level security enabled before its policies, which a later migration adds",
      filename: fixture(`${migrations}/20240101000000_init.sql`),
      code: fixtureText(`${migrations}/20240101000000_init.sql`),
    },
    {
      name: "a policy created inside a guarded DO block",
      code: sql`
        create table public.notes (id uuid primary key, owner_id uuid not null);
        alter table public.notes enable row level security;
        do $$
        begin
          if not exists (select 1 from pg_policies where tablename = 'notes' and policyname = 'owners read') then
            create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
          end if;
        end $$;
      `,
    },
    {
      name: "a comment above the statement explains why there is no policy",
      code: sql`
        create table public.stripe_customers (id uuid primary key, stripe_customer_id text);
        -- No policies: only the service role reads this table.
        alter table public.stripe_customers enable row level security;
      `,
    },
    {
      name: "a comment on the next line explains why there is no policy",
      code: sql`
        create table public.stripe_customers (id uuid primary key, stripe_customer_id text);
        alter table public.stripe_customers enable row level security;
        -- No policies as this is a private table that the user must not have access to.
      `,
    },
    {
      name: "client roles lose every privilege on the table",
      code: sql`
        create table public.stripe_customers (id uuid primary key, stripe_customer_id text);
        alter table public.stripe_customers enable row level security;
        revoke all on table public.stripe_customers from anon, authenticated;
      `,
    },
    {
      name: "a table in a private schema",
      code: sql`
        create table private.secrets (id uuid primary key, value text);
        alter table private.secrets enable row level security;
      `,
    },
    {
      name: "row level security disabled again later",
      code: sql`
        create table public.notes (id uuid primary key);
        alter table public.notes enable row level security;
        alter table public.notes disable row level security;
      `,
    },
    {
      name: "a table dropped later",
      code: sql`
        create table public.tmp_import (id uuid primary key);
        alter table public.tmp_import enable row level security;
        drop table if exists public.tmp_import;
      `,
    },
  ],
  invalid: [
    {
      name: "row level security and no policy",
      code: sql`
        create table public.notes (id uuid primary key, owner_id uuid not null);
        alter table public.notes enable row level security;
      `,
      errors: [{ messageId: "missingPolicy", line: 2, column: 1, endLine: 2, endColumn: 51 }],
    },
    {
      name: "the only policy was dropped later",
      code: sql`
        create table public.notes (id uuid primary key, owner_id uuid not null);
        alter table public.notes enable row level security;
        create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
        drop policy "owners read" on public.notes;
      `,
      errors: [{ messageId: "missingPolicy", line: 2, column: 1, endLine: 2, endColumn: 51 }],
    },
    {
      name: "a grant after the revoke lets clients in again",
      code: sql`
        create table public.notes (id uuid primary key);
        alter table public.notes enable row level security;
        revoke all on table public.notes from anon;
        grant select on table public.notes to anon;
      `,
      errors: [{ messageId: "missingPolicy", line: 2, column: 1, endLine: 2, endColumn: 51 }],
    },
    {
      name: "a comment that is not about policies",
      code: sql`
        create table public.notes (id uuid primary key);
        -- lock the table down
        ALTER TABLE "public"."notes" ENABLE ROW LEVEL SECURITY;
      `,
      errors: [{ messageId: "missingPolicy", line: 3, column: 1, endLine: 3, endColumn: 55 }],
    },
  ],
});
