import { NextResponse } from "next/server";
import { prisma } from "@/lib/prisma";

// ✅ no-await-in-loop-query: one query with `include` instead of one per user
export async function GET() {
  const users = await prisma.user.findMany({
    take: 50,
    include: { posts: { take: 5, select: { id: true, title: true } } },
  });
  return NextResponse.json(users);
}
