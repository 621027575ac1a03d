-- Tables the Supabase client reads directly from the browser (the Data API, with the anon key).

create table public.teams (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.team_members (
  team_id uuid not null references public.teams (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
create index team_members_user_id_idx on public.team_members (user_id);

alter table public.teams enable row level security;
alter table public.team_members enable row level security;

create policy "Members read their teams" on public.teams
  for select to authenticated
  using (id in (select team_id from public.team_members where user_id = (select auth.uid())));

create policy "Members read their memberships" on public.team_members
  for select to authenticated
  using (user_id = (select auth.uid()));
