"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { PostIdSchema } from "@/lib/validation";

async function findOwnPost(id: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const postId = PostIdSchema.parse(id);
  const post = await prisma.post.findFirst({
    where: { id: postId, authorId: session.user.id },
    include: { comments: { select: { body: true } } },
  });
  if (!post) throw new Error("Not found");
  return post;
}

// ❌ require-transaction: if copying the comments fails, a copy without comments stays for good
export async function duplicatePost(id: string) {
  const post = await findOwnPost(id);
  const copy = await prisma.post.create({ data: { title: `${post.title} (copy)`, content: post.content, authorId: post.authorId } });
  await prisma.comment.createMany({ data: post.comments.map((comment) => ({ body: comment.body, postId: copy.id })) });
  revalidatePath("/dashboard");
}

// ✅ one nested write: the copy and its comments are created together or not at all
export async function duplicatePostWithComments(id: string) {
  const post = await findOwnPost(id);
  await prisma.post.create({
    data: {
      title: `${post.title} (copy)`,
      content: post.content,
      authorId: post.authorId,
      comments: { create: post.comments.map((comment) => ({ body: comment.body })) },
    },
  });
  revalidatePath("/dashboard");
}
