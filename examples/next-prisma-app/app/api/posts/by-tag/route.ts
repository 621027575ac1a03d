import { NextResponse } from "next/server";
import { z } from "zod";
import { prisma } from "@/lib/prisma";

const Query = z.object({ tag: z.string().max(50), authorId: z.string().optional() });

export async function GET(req: Request) {
  const { tag, authorId } = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  if (authorId) {
    // ✅ require-indexed-query-fields: `@@index([authorId])` serves this filter
    const posts = await prisma.post.findMany({ where: { authorId, tag }, take: 20, select: { id: true, title: true } });
    return NextResponse.json(posts);
  }
  // ❌ require-indexed-query-fields (strict): no index starts with `tag`, so every post is read
  const posts = await prisma.post.findMany({ where: { tag }, take: 20, select: { id: true, title: true } });
  return NextResponse.json(posts);
}
