import { NextResponse } from "next/server";
import { put } from "@vercel/blob";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { UploadPostSchema } from "@/lib/validation";

// A post with a cover image, uploaded to Vercel Blob.
export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });

  const form = await req.formData();
  const { title, image } = UploadPostSchema.parse({ title: form.get("title"), image: form.get("image") });

  // ❌ require-upload-rollback: when the create below fails, the image stays in the bucket and nothing points at it
  const blob = await put(`posts/${image.name}`, image, { access: "public", addRandomSuffix: true });

  const post = await prisma.post.create({
    // ❌ no-raw-blob-url: the URL ties every row to this store and access mode; store `blob.pathname`
    data: { title, imageKey: blob.url, authorId: session.user.id },
  });
  return NextResponse.json(post, { status: 201 });
}
