import rule from "../../../lib/sql/rules/require-timestamps.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();

ruleTester.run("require-timestamps", rule, {
  valid: [
    {
      name: "created_at and updated_at",
      code: sql`
        create table public.notes (
          id uuid primary key,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
      `,
    },
    {
      name: "camelCase columns of Prisma Migrate match the same names",
      filename: fixture("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
      code: fixtureText("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
    },
    {
      name: "updated_at added and a column renamed by later migrations",
      filename: fixture("supabase-app/supabase/migrations/20240103000000_projects.sql"),
      code: fixtureText("supabase-app/supabase/migrations/20240103000000_projects.sql"),
    },
    {
      name: "a hand-written up migration completed by the next one (down migrations are not history)",
      filename: fixture("hand-written/db/migrations/001_accounts.up.sql"),
      code: fixtureText("hand-written/db/migrations/001_accounts.up.sql"),
    },
    {
      name: "common synonyms: Phoenix's inserted_at, Stripe's created",
      code: sql`
        create table public.messages (id uuid primary key, inserted_at timestamptz not null, updated_at timestamptz not null);
        create table stripe.charges (id text primary key, created integer, updated_at timestamptz);
      `,
    },
    {
      name: "a time column set on insert is the creation time under another name",
      code: sql`
        create table public.privacy_requests (
          id uuid primary key default gen_random_uuid(),
          submitted_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create table public.study_subjects (id uuid primary key, "started_at" timestamp with time zone default "now"(), updated_at timestamptz);
        create table public.progress (id uuid primary key, completed_at timestamp default timezone('utc'::text, now()) not null, updated_at timestamptz);
        create table public.drifts (id uuid primary key, detected_at timestamptz default current_timestamp, modified_at timestamptz);
      `,
    },
    {
      name: "a default added to a time column by a later statement",
      code: sql`
        create table public.signatures (id uuid primary key, signed_at timestamptz, updated_at timestamptz);
        alter table public.signatures alter column signed_at set default now();
      `,
    },
    {
      name: "last_update_at and last_updated name the update time",
      code: sql`
        create table public.contacted_leads (id uuid primary key, created_at timestamptz default now());
        do $$ begin
          if not exists (select 1 from information_schema.columns where table_name = 'contacted_leads' and column_name = 'last_update_at') then
            alter table public.contacted_leads add column last_update_at timestamptz default now();
          end if;
        end $$;
        create table public.feeds (id uuid primary key, date_created timestamptz, last_updated timestamptz);
      `,
    },
    {
      name: "an append-only log needs no updated_at",
      code: sql`
        create table public.activity_logs (id uuid primary key, action text not null, created_at timestamptz not null default now());
        create table public.email_events (id uuid primary key, kind text, created_at timestamptz default now());
        create table public.audit_trail (id bigint primary key, actor uuid, created_at timestamptz default now());
        create table public.card_activity (id bigserial primary key, card_id bigint, created_at timestamptz default now());
        CREATE TABLE "UserJourneyEvent" ("id" uuid PRIMARY KEY, "createdAt" timestamp (3) DEFAULT now() NOT NULL);
      `,
    },
    {
      name: "configured names",
      code: sql`
        create table public.notes (id uuid primary key, created timestamptz, modified timestamptz);
        create table public.tags (id uuid primary key, born_at timestamptz, changed_at timestamptz);
      `,
      options: [{ createdAt: "born_at", updatedAt: "changedAt" }],
    },
    {
      name: "ignored tables and join tables",
      code: sql`
        create table public.countries (code text primary key, name text);
        create table public.post_tags (
          post_id uuid not null references public.posts (id),
          tag_id uuid not null references public.tags (id),
          primary key (post_id, tag_id)
        );
      `,
      options: [{ ignoreModels: ["countr*"], ignoreJoinTables: true }],
    },
    {
      name: "timestamptz columns when the option asks for them",
      code: sql`
        create table public.notes (id uuid primary key, created_at timestamp with time zone, updated_at timestamptz);
      `,
      options: [{ requireTimestamptz: true }],
    },
    {
      name: "a table created from a query or another table (columns unknown)",
      code: sql`
        create table public.notes_backup as select * from public.notes;
      `,
    },
  ],
  invalid: [
    {
      name: "no timestamps at all",
      code: sql`
        create table public.tags (id uuid primary key, name text not null);
      `,
      errors: [
        { messageId: "missingCreatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 25 },
        { messageId: "missingUpdatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 25 },
      ],
    },
    {
      name: "updated_at dropped by a later statement",
      code: sql`
        create table public.tags (id uuid primary key, created_at timestamptz, updated_at timestamptz);
        alter table public.tags drop column updated_at;
      `,
      errors: [{ messageId: "missingUpdatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 25 }],
    },
    {
      name: "timestamp without time zone when the option asks for timestamptz",
      code: sql`
        CREATE TABLE "Post" (
          "id" TEXT NOT NULL,
          "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
          "updatedAt" TIMESTAMPTZ NOT NULL
        );
      `,
      options: [{ requireTimestamptz: true }],
      errors: [{ messageId: "notTimestamptz", line: 3, column: 3, endLine: 3, endColumn: 62 }],
    },
    {
      name: "an expiry computed from now() and an update time are not creation times",
      code: sql`
        create table public.invites (
          id uuid primary key,
          expires_at timestamptz default now() + interval '7 days',
          updated_at timestamptz not null default now()
        );
        create table public.matrices (id text primary key, "updatedAt" timestamp default now() not null);
      `,
      errors: [
        { messageId: "missingCreatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 28 },
        { messageId: "missingCreatedAtColumn", line: 6, column: 1, endLine: 6, endColumn: 29 },
      ],
    },
    {
      name: "a creation default dropped by a later statement",
      code: sql`
        create table public.signatures (id uuid primary key, signed_at timestamptz default now(), updated_at timestamptz);
        alter table public.signatures alter column signed_at drop default;
      `,
      errors: [{ messageId: "missingCreatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 31 }],
    },
    {
      name: "a join table when join tables are not ignored",
      code: sql`
        create table public.post_tags (post_id uuid not null, tag_id uuid not null, primary key (post_id, tag_id));
      `,
      errors: [
        { messageId: "missingCreatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 30 },
        { messageId: "missingUpdatedAtColumn", line: 1, column: 1, endLine: 1, endColumn: 30 },
      ],
    },
  ],
});
