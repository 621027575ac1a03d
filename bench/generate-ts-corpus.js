// Writes a corpus of realistic Next.js + Prisma/Drizzle sources (route handlers, server actions,
// services) for the ESLint rules benchmark. Deterministic: the same count gives the same files.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

export function generateTsCorpus(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const model = MODELS[i % MODELS.length];
    const kind = i % 3;
    const sub = kind === 0 ? `app/api/${model}s/r${i}` : kind === 1 ? `app/${model}s/a${i}` : `lib/services`;
    const file = kind === 0 ? "route.ts" : kind === 1 ? "actions.ts" : `${model}-${i}.ts`;
    mkdirSync(join(dir, sub), { recursive: true });
    const text = kind === 0 ? routeHandler(model, i) : kind === 1 ? serverAction(model, i) : service(model, i);
    writeFileSync(join(dir, sub, file), text);
  }
}
