"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { CreatePostSchema } from "@/lib/validation";

// ❌ no-unscoped-mutation: clears every user's drafts, not only this user's
export async function clearDrafts() {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  await prisma.post.deleteMany({ where: {} });
  revalidatePath("/dashboard");
}

// ✅ scoped to the signed-in user
export async function clearMyDrafts() {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  await prisma.post.deleteMany({ where: { authorId: session.user.id, published: false } });
  revalidatePath("/dashboard");
}

// ✅ validated and authenticated
export async function createPost(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const data = CreatePostSchema.parse({ title: formData.get("title"), content: formData.get("content") });
  await prisma.post.create({ data: { ...data, authorId: session.user.id } });
  revalidatePath("/dashboard");
}
