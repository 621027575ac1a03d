import rule from "../../../lib/sql/rules/require-foreign-key-index.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();
const supabase = "supabase-app/supabase/migrations";

ruleTester.run("require-foreign-key-index", rule, {
  valid: [
    {
      name: "an index created after the table, in the same migration",
      code: sql`
        create table public.posts (
          id uuid primary key default gen_random_uuid(),
          author_id uuid not null references auth.users (id) on delete cascade
        );
        create index posts_author_id_idx on public.posts (author_id);
      `,
    },
    {
      name: "an index that a later migration of the folder adds",
      filename: fixture(`${supabase}/20240101000000_init.sql`),
      code: fixtureText(`${supabase}/20240101000000_init.sql`),
    },
    {
      name: "the foreign key is the primary key (one-to-one)",
      code: sql`
        create table public.profiles (id uuid primary key references auth.users on delete cascade);
      `,
    },
    {
      name: "a unique constraint on the foreign key",
      code: sql`
        create table public.settings (
          id uuid primary key,
          user_id uuid not null unique references auth.users (id)
        );
      `,
    },
    {
      name: "the leading column of a composite primary key (join table)",
      code: sql`
        create table public.post_tags (
          post_id uuid not null references public.posts (id),
          tag_id uuid not null references public.tags (id),
          primary key (post_id, tag_id)
        );
        create index post_tags_tag_id_idx on public.post_tags (tag_id);
      `,
    },
    {
      name: "a partial index serves the lookups it covers",
      code: sql`
        create table public.tasks (id uuid primary key, project_id uuid references public.projects (id));
        create index tasks_open_project_idx on public.tasks (project_id) where project_id is not null;
      `,
    },
    {
      name: "a foreign key dropped later by its derived name",
      code: sql`
        create table public.tasks (id uuid primary key, project_id uuid references public.projects (id));
        alter table public.tasks drop constraint tasks_project_id_fkey;
      `,
    },
    {
      name: "the column dropped later",
      code: sql`
        alter table public.tasks add column owner_id uuid references auth.users (id);
        alter table public.tasks drop column owner_id;
      `,
    },
    {
      name: "the table dropped later",
      code: sql`
        create table public.tmp_links (id uuid primary key, post_id uuid references public.posts (id));
        drop table public.tmp_links;
      `,
    },
    {
      name: "an index that names the column after a rename",
      code: sql`
        create table public.tasks (id uuid primary key, "projectId" uuid references public.projects (id));
        alter table public.tasks rename column "projectId" to project_id;
        create index on public.tasks (project_id);
      `,
    },
    {
      name: "an index created by EXECUTE of a constant string in a DO block",
      code: sql`
        alter table public.contacts add column org_id uuid references public.organizations (id);
        do $$
        begin
          if exists (select 1 from information_schema.columns where table_name = 'contacts' and column_name = 'org_id') then
            execute 'create index if not exists contacts_org_id_idx on public.contacts(org_id)';
          end if;
        end $$;
      `,
    },
    {
      name: "indexes created by SQL built at run time may cover any table that exists",
      code: sql`
        alter table public.contacts add column org_id uuid references public.organizations (id);
        do $$
        declare t text;
        begin
          foreach t in array array['contacts', 'deals'] loop
            execute format('create index if not exists %I_org_id_idx on public.%I (org_id)', t, t);
          end loop;
        end $$;
      `,
    },
    {
      name: "Drizzle Kit: a foreign key indexed in the same migration",
      filename: fixture("drizzle-app/drizzle/0001_steady_comments.sql"),
      code: fixtureText("drizzle-app/drizzle/0001_steady_comments.sql"),
    },
    {
      name: "Prisma Migrate: a foreign key indexed by a later migration",
      filename: fixture("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
      code: fixtureText("prisma-app/prisma/migrations/20240301090000_init/migration.sql"),
    },
    {
      name: "a migration folder written for MySQL is not PostgreSQL",
      filename: fixture("drizzle-mysql/drizzle/0000_flat_kitty.sql"),
      code: fixtureText("drizzle-mysql/drizzle/0000_flat_kitty.sql"),
    },
    {
      name: "forNames: a tenant column that leads an index, named as in the Prisma schema (compared without case and underscores)",
      code: sql`
        create table public.invoices (id uuid primary key, tenant_id uuid not null, number int);
        create index invoices_tenant_id_number_idx on public.invoices (tenant_id, number);
        create table public.tenants (tenant_id uuid primary key);
      `,
      options: [{ forNames: ["tenantId"] }],
    },
    {
      name: "forAllRelations off: only forNames is checked",
      code: sql`
        create table public.posts (id uuid primary key, author_id uuid references auth.users (id));
      `,
      options: [{ forAllRelations: false }],
    },
    {
      name: "forNames: a column of another migration is reported there, a foreign key only once",
      code: sql`
        alter table public.invoices add column note text;
        create table public.lines (id uuid primary key, org_id uuid references public.orgs (id));
        create index lines_org_id_idx on public.lines (org_id);
      `,
      options: [{ forNames: ["/Id$/"] }],
    },
  ],
  invalid: [
    {
      name: "forNames: a column no index leads, matched by its camelCase form",
      code: sql`
        create table public.invoices (
          id uuid primary key,
          workspace_id uuid not null
        );
      `,
      options: [{ forNames: ["/Id$/"] }],
      output: sql`
        create table public.invoices (
          id uuid primary key,
          workspace_id uuid not null
        );
        create index invoices_workspace_id_idx on public.invoices (workspace_id);
      `,
      errors: [{ messageId: "unindexedColumn", line: 3, column: 3, endLine: 3, endColumn: 29 }],
    },
    {
      name: "forNames: an unindexed foreign key named by forNames is reported once, as a foreign key",
      code: sql`
        alter table public.invoices add column tenant_id uuid references public.tenants (id);
      `,
      options: [{ forNames: ["tenantId"] }],
      output: sql`
        alter table public.invoices add column tenant_id uuid references public.tenants (id);
        create index invoices_tenant_id_idx on public.invoices (tenant_id);
      `,
      errors: [{ messageId: "unindexedForeignKey", line: 1, column: 55, endLine: 1, endColumn: 85 }],
    },
    {
      name: "a REFERENCES column without an index, fixed in the migration being written",
      code: sql`
        create table public.posts (
          id uuid primary key default gen_random_uuid(),
          author_id uuid not null references auth.users (id) on delete cascade
        );
      `,
      output: sql`
        create table public.posts (
          id uuid primary key default gen_random_uuid(),
          author_id uuid not null references auth.users (id) on delete cascade
        );
        create index posts_author_id_idx on public.posts (author_id);
      `,
      errors: [{ messageId: "unindexedForeignKey", line: 3, column: 27, endLine: 3, endColumn: 53 }],
    },
    {
      name: "a composite FOREIGN KEY clause in upper case, with quoted names",
      code: sql`
        CREATE TABLE "OrderLine" (
          "orderId" TEXT NOT NULL,
          "lineNo" INTEGER NOT NULL,
          CONSTRAINT "OrderLine_order_fkey" FOREIGN KEY ("orderId", "lineNo") REFERENCES "Order"("id", "lineNo")
        )
      `,
      output: sql`
        CREATE TABLE "OrderLine" (
          "orderId" TEXT NOT NULL,
          "lineNo" INTEGER NOT NULL,
          CONSTRAINT "OrderLine_order_fkey" FOREIGN KEY ("orderId", "lineNo") REFERENCES "Order"("id", "lineNo")
        );
        CREATE INDEX "OrderLine_orderId_lineNo_idx" ON "OrderLine" ("orderId", "lineNo")
      `,
      errors: [{ messageId: "unindexedForeignKey", line: 4, column: 3, endLine: 4, endColumn: 105 }],
    },
    {
      name: "an expression index does not lead with the column",
      code: sql`
        alter table public.members add column invited_by uuid references auth.users (id);
        create index members_invited_by_text_idx on public.members ((invited_by::text));
      `,
      output: sql`
        alter table public.members add column invited_by uuid references auth.users (id);
        create index members_invited_by_idx on public.members (invited_by);
        create index members_invited_by_text_idx on public.members ((invited_by::text));
      `,
      errors: [{ messageId: "unindexedForeignKey", line: 1, column: 55, endLine: 1, endColumn: 81 }],
    },
    {
      name: "an older migration gets a suggestion, not a fix: it has likely been applied",
      filename: fixture(`${supabase}/20240103000000_projects.sql`),
      code: fixtureText(`${supabase}/20240103000000_projects.sql`),
      errors: [
        {
          messageId: "unindexedForeignKey",
          line: 14,
          column: 37,
          endLine: 14,
          endColumn: 114,
          suggestions: [
            {
              messageId: "addIndex",
              output: fixtureText(`${supabase}/20240103000000_projects.sql`).replace(
                "REFERENCES teams(id) ON DELETE CASCADE not valid;",
                'REFERENCES teams(id) ON DELETE CASCADE not valid;\ncreate index "Projects_team_id_idx" on public."Projects" (team_id);',
              ),
            },
          ],
        },
      ],
    },
    {
      name: "a foreign key inside a hand-written DO block: the message names the index, nothing is edited",
      code: sql`
        create table public.posts (id uuid primary key, author_id uuid);
        do $$ begin
          alter table public.posts add constraint posts_author_fk foreign key (author_id) references auth.users (id);
        exception when duplicate_object then null;
        end $$;
      `,
      errors: [{ messageId: "unindexedForeignKey", line: 3, column: 3, endLine: 3, endColumn: 109 }],
    },
    {
      name: "Drizzle Kit: a foreign key in a DO block, to be indexed in the Drizzle schema",
      filename: fixture("drizzle-app/drizzle/0000_puzzling_wolverine.sql"),
      code: fixtureText("drizzle-app/drizzle/0000_puzzling_wolverine.sql"),
      errors: [{ messageId: "unindexedForeignKeyGenerated", line: 18, column: 2, endLine: 18, endColumn: 164 }],
    },
    {
      name: "Prisma Migrate: a foreign key to be indexed in schema.prisma",
      filename: fixture("prisma-app/prisma/migrations/20240315120000_add_comments/migration.sql"),
      code: fixtureText("prisma-app/prisma/migrations/20240315120000_add_comments/migration.sql"),
      errors: [{ messageId: "unindexedForeignKeyGenerated", line: 16, column: 27, endLine: 16, endColumn: 106 }],
    },
  ],
});
