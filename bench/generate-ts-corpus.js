// Writes a corpus shaped like a real Next.js + Prisma/Drizzle app for the ESLint rules benchmark: most
// files have no database or request code at all (React components, hooks, helpers, types and schemas,
// tests), a few are route handlers, server actions and data-access services. The mix follows what real
// apps hold (dub, inbox-zero, formbricks: about 45% .tsx, 5-12% route handlers, 2-3% "use server"
// modules, a quarter of the files naming Prisma). Deterministic: the same count gives the same files.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const MODELS = ["user", "post", "comment", "team", "project", "invoice", "order", "product", "tag", "event"];

function routeHandler(model, i) {
  return `import { NextResponse } from "next/server";
import { z } from "zod";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const Create${i} = z.object({ name: z.string().min(1), ownerId: z.string() });

export async function GET(req: Request) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { searchParams } = new URL(req.url);
  const cursor = searchParams.get("cursor") ?? undefined;
  const items = await prisma.${model}.findMany({
    where: { ownerId: session.user.id },
    take: 50,
    ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    orderBy: { createdAt: "desc" },
  });
  const ids = items.map((item) => item.id);
  const related = await prisma.tag.findMany({ where: { ${model}Id: { in: ids } } });
  return NextResponse.json({ items, related });
}

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const body = Create${i}.parse(await req.json());
  try {
    const created = await prisma.${model}.create({ data: { ...body, createdBy: session.user.id } });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    console.error(error);
    return NextResponse.json({ error: "Could not create" }, { status: 500 });
  }
}
`;
}

function serverAction(model, i) {
  return `"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db";
import { ${model}s } from "@/lib/schema";
import { and, eq, inArray } from "drizzle-orm";

export async function archive${i}(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");
  const ids = formData.getAll("id").map(String);
  for (const chunk of [ids.slice(0, 100), ids.slice(100)]) {
    if (chunk.length === 0) continue;
    await db.update(${model}s).set({ archived: true }).where(and(inArray(${model}s.id, chunk), eq(${model}s.ownerId, session.user.id)));
  }
  const rows = await db.select().from(${model}s).where(eq(${model}s.ownerId, session.user.id)).limit(20);
  revalidatePath("/${model}s");
  return rows.map((row) => ({ id: row.id, label: \`\${row.name} (\${row.id})\` }));
}
`;
}

function service(model, i) {
  return `import { prisma } from "@/lib/prisma";

export interface ${model[0].toUpperCase() + model.slice(1)}Summary${i} {
  id: string;
  total: number;
}

export async function summarize${i}(ownerId: string): Promise<${model[0].toUpperCase() + model.slice(1)}Summary${i}[]> {
  const [items, counts] = await Promise.all([
    prisma.${model}.findMany({ where: { ownerId }, select: { id: true }, take: 100 }),
    prisma.${model}.groupBy({ by: ["ownerId"], _count: true, where: { ownerId } }),
  ]);
  const totals = new Map(counts.map((c) => [c.ownerId, c._count]));
  return items.map((item) => ({ id: item.id, total: totals.get(ownerId) ?? 0 }));
}

export function formatTotal${i}(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
`;
}

const cap = (word) => word[0].toUpperCase() + word.slice(1);

function clientComponent(model, i) {
  const Name = `${cap(model)}Card${i}`;
  return `"use client";

import { useMemo, useState } from "react";
import { cn } from "@/lib/utils";
import { Button } from "@/ui/button";
import { formatDate } from "@/lib/format";
import type { ${cap(model)}View } from "@/types/${model}";

interface ${Name}Props {
  item: ${cap(model)}View;
  selected?: boolean;
  onSelect?: (id: string) => void;
  className?: string;
}

export function ${Name}({ item, selected = false, onSelect, className }: ${Name}Props) {
  const [expanded, setExpanded] = useState(false);
  const tags = useMemo(() => item.tags.filter((tag) => tag.visible).slice(0, 5), [item.tags]);
  const label = item.name.length > 40 ? \`\${item.name.slice(0, 37)}...\` : item.name;

  return (
    <div
      className={cn(
        "group relative flex flex-col gap-2 rounded-xl border border-neutral-200 bg-white p-4 shadow-sm transition-all hover:shadow-md",
        selected && "border-black ring-2 ring-black/10",
        className,
      )}
      onClick={() => onSelect?.(item.id)}
    >
      <div className="flex items-center justify-between gap-3">
        <h3 className="truncate text-sm font-semibold text-neutral-900" title={item.name}>
          {label}
        </h3>
        <span className="shrink-0 rounded-full bg-neutral-100 px-2 py-0.5 text-xs text-neutral-600">
          {formatDate(item.updatedAt)}
        </span>
      </div>
      {item.description ? (
        <p className={cn("text-sm text-neutral-500", expanded ? "line-clamp-none" : "line-clamp-2")}>{item.description}</p>
      ) : (
        <p className="text-sm italic text-neutral-400">No description yet.</p>
      )}
      <ul className="flex flex-wrap gap-1.5">
        {tags.map((tag) => (
          <li key={tag.id} className="rounded-md border border-neutral-200 px-1.5 py-0.5 text-xs text-neutral-700">
            {tag.label}
          </li>
        ))}
      </ul>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" text={expanded ? "Show less" : "Show more"} onClick={() => setExpanded((v) => !v)} />
        <Button variant="primary" text="Open" href={\`/${model}s/\${item.id}\`} />
      </div>
    </div>
  );
}
`;
}

function listComponent(model, i) {
  const Name = `${cap(model)}List${i}`;
  return `"use client";

import { useCallback, useEffect, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/fetcher";
import { EmptyState, LoadingSpinner } from "@/ui/states";
import { ${cap(model)}Card${i - 1} } from "./${model}-card-${i - 1}";
import type { ${cap(model)}View } from "@/types/${model}";

const PAGE_SIZE = 25;

export default function ${Name}({ workspaceId }: { workspaceId: string }) {
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const { data, error, isLoading, mutate } = useSWR<{ items: ${cap(model)}View[]; total: number }>(
    \`/api/${model}s?workspaceId=\${workspaceId}&page=\${page}&take=\${PAGE_SIZE}\`,
    fetcher,
    { keepPreviousData: true },
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setSelected(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const next = useCallback(() => setPage((p) => (data && (p + 1) * PAGE_SIZE < data.total ? p + 1 : p)), [data]);

  if (error) return <EmptyState title="Something went wrong" description="Please try again." />;
  if (isLoading || !data) return <LoadingSpinner className="mx-auto my-12 h-6 w-6" />;
  if (data.items.length === 0) return <EmptyState title="No ${model}s yet" description="Create one to get started." />;

  return (
    <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {data.items.map((item) => (
        <${cap(model)}Card${i - 1} key={item.id} item={item} selected={item.id === selected} onSelect={setSelected} />
      ))}
      <footer className="col-span-full flex items-center justify-between text-sm text-neutral-500">
        <span>
          {data.total} ${model}s, page {page + 1}
        </span>
        <button type="button" className="rounded-md px-3 py-1 hover:bg-neutral-100" onClick={() => void mutate().then(next)}>
          Next page
        </button>
      </footer>
    </section>
  );
}
`;
}

function serverPage(model, i) {
  return `import { notFound } from "next/navigation";
import { getSession } from "@/lib/auth";
import { get${cap(model)}s } from "@/lib/api/${model}s";
import { PageContent } from "@/ui/layout/page-content";

export const revalidate = 60;

export default async function ${cap(model)}sPage${i}({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await getSession();
  const items = await get${cap(model)}s({ slug, userId: session?.user.id });
  if (!items) notFound();
  return (
    <PageContent title="${cap(model)}s" description={\`All ${model}s of \${slug}\`}>
      <ul className="divide-y divide-neutral-200">
        {items.map((item) => (
          <li key={item.id} className="flex items-center justify-between py-3">
            <span className="font-medium">{item.name}</span>
            <time className="text-xs text-neutral-500" dateTime={item.createdAt.toISOString()}>
              {item.createdAt.toLocaleDateString("en-US")}
            </time>
          </li>
        ))}
      </ul>
    </PageContent>
  );
}
`;
}

function hook(model, i) {
  return `import { useEffect, useRef, useState } from "react";

/** Debounced search over ${model}s, cancelled when the query changes. */
export function use${cap(model)}Search${i}(query: string, delay = 250) {
  const [results, setResults] = useState<{ id: string; name: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (query.trim().length < 2) {
      setResults([]);
      return;
    }
    const timer = setTimeout(async () => {
      controller.current?.abort();
      controller.current = new AbortController();
      setLoading(true);
      try {
        const response = await fetch(\`/api/${model}s/search?q=\${encodeURIComponent(query)}\`, { signal: controller.current.signal });
        if (response.ok) setResults(await response.json());
      } catch (error) {
        if ((error as Error).name !== "AbortError") console.error(error);
      } finally {
        setLoading(false);
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [query, delay]);

  return { results, loading };
}
`;
}

function helpers(model, i) {
  return `const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

export function formatBytes${i}(bytes: number, decimals = 1): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return "0 B";
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), UNITS.length - 1);
  return \`\${(bytes / 1024 ** exponent).toFixed(decimals)} \${UNITS[exponent]}\`;
}

export function slugify${i}(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\\w\\s-]/g, "")
    .trim()
    .replace(/[\\s_-]+/g, "-");
}

export function groupBy${i}<T, K extends string>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (groups[k] ??= []).push(item);
  }
  return groups;
}

export function pluralize${i}(count: number, singular = "${model}", plural = "${model}s"): string {
  return \`\${count} \${count === 1 ? singular : plural}\`;
}

export const ${model.toUpperCase()}_COLORS_${i} = {
  active: "bg-green-100 text-green-800",
  pending: "bg-amber-100 text-amber-800",
  archived: "bg-neutral-100 text-neutral-600",
} as const;
`;
}

function types(model, i) {
  return `import { z } from "zod";

export const ${model}Status${i} = z.enum(["active", "pending", "archived"]);

export const ${model}Schema${i} = z.object({
  id: z.string().cuid(),
  name: z.string().min(1).max(190),
  description: z.string().max(2000).nullish(),
  status: ${model}Status${i},
  tags: z.array(z.object({ id: z.string(), label: z.string(), visible: z.boolean() })).default([]),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
});

export type ${cap(model)}View${i} = z.infer<typeof ${model}Schema${i}>;

export interface ${cap(model)}Filters${i} {
  search?: string;
  status?: z.infer<typeof ${model}Status${i}>;
  sortBy?: "createdAt" | "name";
  sortOrder?: "asc" | "desc";
  page?: number;
}

export type ${cap(model)}Event${i} =
  | { type: "created"; item: ${cap(model)}View${i} }
  | { type: "updated"; item: ${cap(model)}View${i}; changes: Partial<${cap(model)}View${i}> }
  | { type: "deleted"; id: string };
`;
}

function test(model, i) {
  return `import { describe, expect, it } from "vitest";
import { formatBytes${i - 1}, groupBy${i - 1}, slugify${i - 1} } from "../lib/${model}-helpers-${i - 1}";

describe("${model} helpers ${i}", () => {
  it("formats bytes", () => {
    expect(formatBytes${i - 1}(0)).toBe("0 B");
    expect(formatBytes${i - 1}(1536)).toBe("1.5 KB");
  });

  it("slugifies", () => {
    expect(slugify${i - 1}("Hello World")).toBe("hello-world");
  });

  it("groups", () => {
    const groups = groupBy${i - 1}([{ k: "a" }, { k: "b" }, { k: "a" }], (x) => x.k);
    expect(Object.keys(groups)).toEqual(["a", "b"]);
    expect(groups.a).toHaveLength(2);
  });
});
`;
}

/** One file of each kind per 100, in a fixed order; the rest of the app is components and helpers. */
const MIX = [
  ...Array(24).fill("client-component"),
  ...Array(14).fill("list-component"),
  ...Array(7).fill("server-page"),
  ...Array(9).fill("hook"),
  ...Array(10).fill("helpers"),
  ...Array(10).fill("types"),
  ...Array(5).fill("test"),
  ...Array(8).fill("route"),
  ...Array(3).fill("action"),
  ...Array(10).fill("service"),
];

function fileFor(kind, model, i) {
  switch (kind) {
    case "client-component":
      return [`components/${model}/${model}-card-${i}.tsx`, clientComponent(model, i)];
    case "list-component":
      return [`components/${model}/${model}-list-${i}.tsx`, listComponent(model, i)];
    case "server-page":
      return [`app/(dashboard)/${model}s/p${i}/page.tsx`, serverPage(model, i)];
    case "hook":
      return [`lib/hooks/use-${model}-search-${i}.ts`, hook(model, i)];
    case "helpers":
      return [`lib/${model}-helpers-${i}.ts`, helpers(model, i)];
    case "types":
      return [`types/${model}-${i}.ts`, types(model, i)];
    case "test":
      return [`tests/${model}-${i}.test.ts`, test(model, i)];
    case "route":
      return [`app/api/${model}s/r${i}/route.ts`, routeHandler(model, i)];
    case "action":
      return [`app/(dashboard)/${model}s/a${i}/actions.ts`, serverAction(model, i)];
    default:
      return [`lib/services/${model}-${i}.ts`, service(model, i)];
  }
}

export function generateTsCorpus(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const [file, text] = fileFor(MIX[(i * 37) % MIX.length], MODELS[i % MODELS.length], i);
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}
