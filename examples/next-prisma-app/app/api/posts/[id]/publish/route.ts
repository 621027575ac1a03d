import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { PostIdSchema } from "@/lib/validation";

type Params = { params: Promise<{ id: string }> };

// ❌ no-side-effects-in-get (in `all`): a link or an <img> on any site publishes the signed-in user's post
export async function GET(_req: Request, { params }: Params) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const id = PostIdSchema.parse((await params).id);
  await prisma.post.update({ where: { id, authorId: session.user.id }, data: { published: true } });
  return NextResponse.redirect(new URL(`/posts/${id}`, process.env.APP_URL));
}

// ✅ the same change behind POST, which browsers do not send across sites on their own
export async function POST(_req: Request, { params }: Params) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const id = PostIdSchema.parse((await params).id);
  const post = await prisma.post.update({ where: { id, authorId: session.user.id }, data: { published: true } });
  return NextResponse.json(post);
}
