"use server";

import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { ratelimit } from "@/lib/ratelimit";

// ✅ no-unbounded-find-many: one page of drafts at a time
export async function listDrafts(page: number) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const { success } = await ratelimit.limit(session.user.id);
  if (!success) throw new Error("Too many requests");
  const skip = Math.max(0, Math.floor(Number(page) || 0)) * 20;
  return prisma.post.findMany({ where: { authorId: session.user.id, published: false }, take: 20, skip });
}
