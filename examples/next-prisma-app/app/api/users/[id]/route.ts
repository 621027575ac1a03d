import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (session?.user?.role !== "admin") return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const { id } = await params;

  // ❌ no-floating-query: never awaited, so the sessions are never deleted
  prisma.session.deleteMany({ where: { userId: id } });

  // ✅ awaited
  await prisma.user.delete({ where: { id } });
  return new NextResponse(null, { status: 204 });
}
