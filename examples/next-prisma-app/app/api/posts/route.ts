import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { CreatePostSchema, TagPostsSchema } from "@/lib/validation";

export async function GET() {
  const posts = await prisma.post.findMany({ take: 20, orderBy: { createdAt: "desc" } });

  // ❌ no-await-in-loop-query: one query per post
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    Object.assign(post, { authorName: author?.name });
  }

  return NextResponse.json(posts);
}

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });

  const data = CreatePostSchema.parse(await req.json());
  const post = await prisma.post.create({ data: { ...data, authorId: session.user.id } });
  return NextResponse.json(post, { status: 201 });
}

export async function PATCH(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });

  const { postIds, tag } = TagPostsSchema.parse(await req.json());

  // ❌ no-await-in-loop-query: still one query per id, only in parallel
  await Promise.all(
    postIds.map((id) => prisma.post.update({ where: { id, authorId: session.user.id }, data: { tag } })),
  );

  // ✅ one query for all of them
  await prisma.post.updateMany({ where: { id: { in: postIds }, authorId: session.user.id }, data: { tag } });

  return NextResponse.json({ ok: true });
}
