"use server";

import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { PostIdSchema } from "@/lib/validation";

// ❌ require-ownership-check (strict): signed in, but any user can publish anybody's post by sending its id
export async function publishPost(id: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const postId = PostIdSchema.parse(id);
  await prisma.post.update({ where: { id: postId }, data: { published: true } });
}

// ✅ the filter names the owner: another user's id matches no row
export async function publishMyPost(id: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const postId = PostIdSchema.parse(id);
  await prisma.post.update({ where: { id: postId, authorId: session.user.id }, data: { published: true } });
}
