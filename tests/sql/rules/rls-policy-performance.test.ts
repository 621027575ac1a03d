import rule from "../../../lib/sql/rules/rls-policy-performance.js";
import { createSqlRuleTester, fixture, fixtureText, sql } from "../sql-rule-tester.js";

const ruleTester = createSqlRuleTester();
const migrations = "supabase-app/supabase/migrations";

const MEMBERS = sql`
  create table public.team_members (
    team_id uuid not null,
    user_id uuid not null,
    role text not null,
    primary key (team_id, user_id)
  );
`;

ruleTester.run("rls-policy-performance", rule, {
  valid: [
    {
      name: "auth.uid() wrapped in a select",
      code: sql`
        create policy "owners read" on public.notes for select to authenticated using ((select auth.uid()) = owner_id);
      `,
    },
    {
      name: "a JWT claim read inside the wrapping select",
      code: sql`
        create policy "admins read" on public.notes for select using ((select auth.jwt() ->> 'role') = 'admin');
      `,
    },
    {
      name: "current_setting wrapped in a select",
      code: sql`
        create policy "tenant rows" on public.notes using (tenant_id = (select current_setting('app.tenant_id', true))::uuid);
      `,
    },
    {
      name: "the policy's final form (after ALTER POLICY) is wrapped",
      code: sql`
        create policy "owners read" on public.notes for select using (auth.uid() = owner_id);
        alter policy "owners read" on public.notes using ((select auth.uid()) = owner_id);
      `,
    },
    {
      name: "a policy dropped later",
      code: sql`
        create policy "owners read" on public.notes for select using (auth.uid() = owner_id);
        drop policy if exists "owners read" on public.notes;
      `,
    },
    {
      name: "a subquery whose filter column leads an index",
      code:
        MEMBERS +
        sql`
        create index team_members_user_id_idx on public.team_members (user_id);
        create policy "members read" on public.projects for select
          using (team_id in (select team_id from public.team_members where user_id = (select auth.uid())));
      `,
    },
    {
      name: "a correlated subquery whose outer-row filter leads the primary key",
      code:
        MEMBERS +
        sql`
        create policy "members read" on public.projects for select
          using (exists (select 1 from public.team_members m where m.team_id = projects.team_id and m.user_id = (select auth.uid())));
      `,
    },
    {
      name: "a subquery on a table made outside the history (its indexes are unknown)",
      code: sql`
        create policy "admins read" on public.reports for select
          using (exists (select 1 from auth.users u where u.id = (select auth.uid()) and u.email like '%@acme.com'));
      `,
    },
    {
      name: "a subquery filtered by constants only",
      code:
        MEMBERS +
        sql`
        create policy "public teams" on public.teams for select
          using (id in (select team_id from public.team_members where role = 'owner'));
      `,
    },
    {
      name: "a subquery filtered through OR (no single lookup column)",
      code:
        MEMBERS +
        sql`
        create policy "members read" on public.projects for select
          using (team_id in (select team_id from public.team_members where user_id = (select auth.uid()) or role = 'admin'));
      `,
    },
    {
      name: "the index comes in a later migration of the folder",
      filename: fixture(`${migrations}/20240102000000_policies.sql`),
      code: fixtureText(`${migrations}/20240102000000_policies.sql`),
    },
    {
      name: "current_user and security definer helpers are not per-request reads",
      code: sql`
        create policy "members read" on public.projects for select using (public.is_team_member(team_id) and current_user = 'authenticated');
      `,
    },
  ],
  invalid: [
    {
      name: "auth.uid() compared per row",
      code: sql`
        create policy "owners read" on public.notes for select using (auth.uid() = owner_id);
      `,
      errors: [
        {
          messageId: "perRowCall",
          line: 1,
          column: 63,
          endLine: 1,
          endColumn: 73,
          suggestions: [
            {
              messageId: "wrapInSelect",
              output: sql`
                create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a JWT claim read per row, in USING and WITH CHECK",
      code: sql`
        create policy "same org" on public.projects
          using (org_id = (auth.jwt() ->> 'org_id')::uuid)
          with check (org_id = (auth.jwt() ->> 'org_id')::uuid);
      `,
      errors: [
        {
          messageId: "perRowCall",
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            {
              messageId: "wrapInSelect",
              output: sql`
                create policy "same org" on public.projects
                  using (org_id = ((select auth.jwt()) ->> 'org_id')::uuid)
                  with check (org_id = (auth.jwt() ->> 'org_id')::uuid);
              `,
            },
          ],
        },
        {
          messageId: "perRowCall",
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 35,
          suggestions: [
            {
              messageId: "wrapInSelect",
              output: sql`
                create policy "same org" on public.projects
                  using (org_id = (auth.jwt() ->> 'org_id')::uuid)
                  with check (org_id = ((select auth.jwt()) ->> 'org_id')::uuid);
              `,
            },
          ],
        },
      ],
    },
    {
      name: "current_setting with arguments",
      code: sql`
        CREATE POLICY "tenant rows" ON "public"."notes" USING ("tenant_id" = current_setting('app.tenant_id', true)::uuid);
      `,
      errors: [
        {
          messageId: "perRowCall",
          line: 1,
          column: 70,
          endLine: 1,
          endColumn: 108,
          suggestions: [
            {
              messageId: "wrapInSelect",
              output: sql`
                CREATE POLICY "tenant rows" ON "public"."notes" USING ("tenant_id" = (select current_setting('app.tenant_id', true))::uuid);
              `,
            },
          ],
        },
      ],
    },
    {
      name: "ALTER POLICY brings in the per-row call",
      code: sql`
        create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
        alter policy "owners read" on public.notes using (owner_id = auth.uid());
      `,
      errors: [
        {
          messageId: "perRowCall",
          line: 2,
          column: 62,
          endLine: 2,
          endColumn: 72,
          suggestions: [
            {
              messageId: "wrapInSelect",
              output: sql`
                create policy "owners read" on public.notes for select using ((select auth.uid()) = owner_id);
                alter policy "owners read" on public.notes using (owner_id = (select auth.uid()));
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a subquery filtered by a column no index leads, reported once per file",
      code:
        MEMBERS +
        sql`
        create policy "members read" on public.projects for select
          using (team_id in (select team_id from public.team_members where user_id = (select auth.uid())));
        create policy "members update" on public.projects for update
          using (team_id in (select team_id from public.team_members where user_id = (select auth.uid())));
      `,
      errors: [{ messageId: "unindexedSubquery", line: 8, column: 18, endLine: 8, endColumn: 98 }],
    },
    {
      name: "a correlated subquery on an unindexed column",
      code: sql`
        create table public.grants (id uuid primary key, document_id uuid not null, grantee uuid not null);
        create policy "grantees read" on public.documents for select
          using (exists (select 1 from public.grants g where g.document_id = documents.id and g.grantee = (select auth.uid())));
      `,
      errors: [{ messageId: "unindexedSubquery", line: 3, column: 10, endLine: 3, endColumn: 119 }],
    },
    {
      name: "a per-row call inside a Drizzle-style DO block is reported at the statement",
      code: sql`
        DO $$ BEGIN
          CREATE POLICY "owners read" ON "notes" FOR SELECT USING (auth.uid() = "owner_id");
        EXCEPTION WHEN duplicate_object THEN null;
        END $$;
      `,
      errors: [{ messageId: "perRowCall", line: 2, column: 3, endLine: 2, endColumn: 84, suggestions: [] }],
    },
  ],
});
