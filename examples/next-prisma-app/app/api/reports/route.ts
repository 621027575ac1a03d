import { NextResponse } from "next/server";
import { Prisma } from "@prisma/client";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const SORT_COLUMNS = { newest: "created_at", title: "title" } as const;

export async function GET(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const search = new URL(req.url).searchParams.get("q") ?? "";

  // ❌ no-unsafe-raw-query: user input spliced into the SQL text
  const unsafe = await prisma.$queryRawUnsafe(`SELECT id, title FROM "Post" WHERE title ILIKE '%${search}%'`);

  // ✅ no-unsafe-raw-query: parameterised, and the sort column comes from an allow-list
  const sort = SORT_COLUMNS.newest;
  const safe = await prisma.$queryRaw`SELECT id, title FROM "Post" WHERE title ILIKE ${"%" + search + "%"} ORDER BY ${Prisma.raw(sort)}`;

  // ✅ prefer-parallel-queries: independent reads in parallel
  const [draftCount, tagCount] = await Promise.all([
    prisma.post.count({ where: { published: false } }),
    prisma.tag.count(),
  ]);

  // ❌ prefer-parallel-queries (strict): two independent reads, one after the other
  const userCount = await prisma.user.count();
  const postCount = await prisma.post.count();

  return NextResponse.json({ unsafe, safe, userCount, postCount, draftCount, tagCount });
}
