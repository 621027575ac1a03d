import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";
import { CreateTagSchema } from "@/lib/validation";

// ❌ require-zod-parse: the body goes into the query unchecked (a client can set any column)
export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const body = await req.json();
  const tag = await prisma.tag.create({ data: body });
  return NextResponse.json(tag, { status: 201 });
}

// ✅ parsed with a schema first
export async function PUT(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const data = CreateTagSchema.parse(await req.json());
  const tag = await prisma.tag.create({ data });
  return NextResponse.json(tag, { status: 201 });
}
