import rule from "../../../lib/sql/rules/require-uuid-id.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();

ruleTester.run("require-uuid-id", rule, {
  valid: [
    {
      name: "a uuid primary key",
      code: sql`
        create table public.notes (id uuid primary key default gen_random_uuid());
      `,
    },
    {
      name: "a sequential key on a table in a private schema",
      code: sql`
        create table private.jobs (id bigint generated always as identity primary key);
      `,
    },
    {
      name: "a serial column that is not the primary key",
      code: sql`
        create table public.invoices (id uuid primary key, number serial);
      `,
    },
    {
      name: "a composite key with an identity column",
      code: sql`
        create table public.events (stream_id uuid, seq bigint generated always as identity, primary key (stream_id, seq));
      `,
    },
    {
      name: "a table the options allow",
      code: sql`
        create table public.countries (id serial primary key, name text);
      `,
      options: [{ allowModels: ["countr*"] }],
    },
    {
      name: "the key changed to uuid later",
      code: sql`
        create table public.notes (id serial primary key);
        alter table public.notes alter column id drop default;
        alter table public.notes alter column id type uuid using gen_random_uuid();
      `,
    },
    {
      name: "a column made in an older migration is reported there, not here",
      filename: fixture("hand-written/db/migrations/002_accounts_updated_at.up.sql"),
      code: fixtureText("hand-written/db/migrations/002_accounts_updated_at.up.sql"),
    },
    {
      name: "an internal key next to a unique public id (Drizzle Kit output)",
      code: sql`
        CREATE TABLE IF NOT EXISTS "board" (
        	"id" bigserial PRIMARY KEY NOT NULL,
        	"publicId" varchar(12) NOT NULL,
        	"name" varchar(255) NOT NULL,
        	CONSTRAINT "board_publicId_unique" UNIQUE("publicId")
        );
      `,
    },
    {
      name: "an internal key next to a unique uuid column, or a slug made unique later",
      code: sql`
        create table public.orders (id bigint generated always as identity primary key, reference uuid not null unique default gen_random_uuid());
        create table public.pages (id serial primary key, slug text not null);
        create unique index pages_slug_key on public.pages (slug);
      `,
    },
  ],
  invalid: [
    {
      name: "a public id that is not unique identifies nothing",
      code: sql`
        create table public.posts (id serial primary key, public_id text, org_id uuid);
        create unique index posts_org_public_id_key on public.posts (org_id, public_id);
      `,
      errors: [{ messageId: "sequentialPrimaryKey", line: 1, column: 28, endLine: 1, endColumn: 49 }],
    },
    {
      name: "a serial primary key",
      code: sql`
        create table public.posts (id serial primary key, title text);
      `,
      errors: [{ messageId: "sequentialPrimaryKey", line: 1, column: 28, endLine: 1, endColumn: 49 }],
    },
    {
      name: "an identity column with a table-level primary key (Prisma Migrate)",
      filename: fixture("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
      code: fixtureText("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
      errors: [{ messageId: "sequentialPrimaryKey", line: 13, column: 5, endLine: 13, endColumn: 25 }],
    },
    {
      name: "an identity primary key in a hand-written migration",
      filename: fixture("hand-written/db/migrations/001_accounts.up.sql"),
      code: fixtureText("hand-written/db/migrations/001_accounts.up.sql"),
      errors: [{ messageId: "sequentialPrimaryKey", line: 2, column: 3, endLine: 2, endColumn: 53 }],
    },
    {
      name: "a nextval default",
      code: sql`
        create sequence public.tickets_id_seq;
        create table public.tickets (id bigint primary key default nextval('public.tickets_id_seq'::regclass));
      `,
      errors: [{ messageId: "sequentialPrimaryKey", line: 2, column: 30, endLine: 2, endColumn: 102 }],
    },
  ],
});
