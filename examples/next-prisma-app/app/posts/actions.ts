"use server";

import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { PostIdSchema } from "@/lib/validation";

// ❌ require-session-check: anyone can call this action and delete any post
// ❌ require-zod-parse: `id` is typed as a string, but a client can send `{ not: "" }`
export async function deletePost(id: string) {
  await prisma.post.delete({ where: { id } });
}

// ✅ authenticated, and the id is parsed before it reaches the query
export async function deleteMyPost(id: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const postId = PostIdSchema.parse(id);
  await prisma.post.delete({ where: { id: postId, authorId: session.user.id } });
}
