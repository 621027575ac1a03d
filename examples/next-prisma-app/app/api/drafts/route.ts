import { NextResponse } from "next/server";
import { z } from "zod";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { ratelimit } from "@/lib/ratelimit";
import { CreatePostSchema } from "@/lib/validation";

// ❌ no-unbounded-find-many (all): every draft of the user, however many there are
// ❌ require-rate-limit (all): nothing stops a script from calling it in a loop
export async function GET() {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const drafts = await prisma.post.findMany({ where: { authorId: session.user.id, published: false } });
  return NextResponse.json(drafts);
}

// ❌ no-error-details-in-response: Prisma's message (tables, constraints) goes to the client
export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { success } = await ratelimit.limit(session.user.id);
  if (!success) return NextResponse.json({ error: "Too many requests" }, { status: 429 });
  try {
    const data = CreatePostSchema.parse(await req.json());
    const draft = await prisma.post.create({ data: { ...data, authorId: session.user.id } });
    return NextResponse.json(draft, { status: 201 });
  } catch (error) {
    return NextResponse.json({ error: error instanceof Error ? error.message : "Unknown error" }, { status: 500 });
  }
}

// ✅ no-error-details-in-response: Zod issues in a 400, the rest logged and answered generically
// ✅ require-rate-limit: limited per user
export async function PUT(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { success } = await ratelimit.limit(session.user.id);
  if (!success) return NextResponse.json({ error: "Too many requests" }, { status: 429 });
  try {
    const data = CreatePostSchema.parse(await req.json());
    const draft = await prisma.post.create({ data: { ...data, authorId: session.user.id } });
    return NextResponse.json(draft, { status: 201 });
  } catch (error) {
    if (error instanceof z.ZodError) return NextResponse.json({ error: error.issues }, { status: 400 });
    console.error("saving draft failed", error);
    return NextResponse.json({ error: "Could not save the draft" }, { status: 500 });
  }
}
