import { NextResponse } from "next/server";
import { del, put } from "@vercel/blob";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { UploadPostSchema } from "@/lib/validation";

// The correct twin of app/api/uploads/route.ts.
export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });

  const form = await req.formData();
  const { title, image } = UploadPostSchema.parse({ title: form.get("title"), image: form.get("image") });

  const blob = await put(`posts/${image.name}`, image, { access: "public", addRandomSuffix: true });

  try {
    // ✅ no-raw-blob-url: the key is stored; the URL is built when reading
    const post = await prisma.post.create({
      data: { title, imageKey: blob.pathname, authorId: session.user.id },
    });
    return NextResponse.json(post, { status: 201 });
  } catch (error) {
    // ✅ require-upload-rollback: a failed write deletes the upload, so no orphan is left behind
    await del(blob.url);
    throw error;
  }
}
