-- ❌ require-rls: anyone with the anon key can read and change every note of every team
create table public.notes (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references public.teams (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notes_team_id_idx on public.notes (team_id);

-- ✅ the same table with row level security and a policy
create table public.team_notes (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references public.teams (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index team_notes_team_id_idx on public.team_notes (team_id);

alter table public.team_notes enable row level security;

create policy "Members read their team's notes" on public.team_notes
  for select to authenticated
  using (team_id in (select team_id from public.team_members where user_id = (select auth.uid())));
