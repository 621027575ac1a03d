// Writes a deterministic Supabase-shaped migration folder (bench/.generated/sql-<N>/supabase/migrations)
// of N statements in files of about 25: tables with foreign keys and timestamps, row level security,
// policies (some with bare auth.uid()), indexes, later column additions and renames. Some foreign keys
// lack an index and some policies are slow, so the rules have findings to report.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GENERATED } from "./generate-schema.js";

const NOUNS = ["accounts", "invoices", "projects", "tasks", "comments", "teams", "members", "orders", "products", "tickets"];

function table(i) {
  return `${NOUNS[i % NOUNS.length]}_${Math.floor(i / NOUNS.length) + 1}`;
}

/** The statements of table `i`: about ten, in the shapes real migrations have. */
function tableStatements(i) {
  const name = table(i);
  const parent = i > 0 ? table(i - 1) : undefined;
  const statements = [
    `create table if not exists public.${name} (
  id uuid primary key default gen_random_uuid(),
  ${parent ? `${parent.replace(/s_/u, "_")}_id uuid not null references public.${parent} (id) on delete cascade,` : ""}
  owner_id uuid not null references auth.users (id),
  title text not null check (char_length(title) <= 200),
  status text not null default 'active',
  amount_cents integer,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
)`,
    `comment on table public.${name} is 'Rows of ${name}, read by the app through the Data API'`,
    `alter table public.${name} enable row level security`,
    `create policy "Owners read ${name}" on public.${name} for select to authenticated using (${i % 3 === 0 ? "auth.uid()" : "(select auth.uid())"} = owner_id)`,
    `create policy "Owners write ${name}" on public.${name} for insert to authenticated with check ((select auth.uid()) = owner_id)`,
    `create index ${name}_owner_id_idx on public.${name} (owner_id)`,
    `alter table public.${name} add column updated_at timestamptz not null default now()`,
    `create trigger ${name}_updated_at before update on public.${name} for each row execute function extensions.moddatetime (updated_at)`,
    `grant select, insert on table public.${name} to authenticated`,
    `alter table public.${name} rename column amount_cents to total_cents`,
  ];
  if (parent && i % 2 === 0) statements.push(`create index ${name}_parent_idx on public.${name} (${parent.replace(/s_/u, "_")}_id)`);
  return statements;
}

/** Writes the folder and returns its path and the number of statements written. */
export function generateSqlMigrations(target) {
  const dir = path.join(GENERATED, `sql-${target}`, "supabase", "migrations");
  rmSync(path.join(GENERATED, `sql-${target}`), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let written = 0;
  let file = 0;
  let pending = [];
  const flush = () => {
    const stamp = String(20240101000000 + file * 100);
    writeFileSync(path.join(dir, `${stamp}_migration_${file}.sql`), `${pending.map((s) => `${s};`).join("\n\n")}\n`);
    file++;
    pending = [];
  };
  for (let i = 0; written < target; i++) {
    for (const statement of tableStatements(i)) {
      if (written >= target) break;
      pending.push(statement);
      written++;
    }
    if (pending.length >= 25) flush();
  }
  if (pending.length > 0) flush();
  return { dir: path.dirname(path.dirname(dir)), statements: written, files: file };
}
