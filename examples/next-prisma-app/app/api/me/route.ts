import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

export async function GET() {
  const session = await auth();
  if (!session?.user?.email) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });

  const user = await prisma.user.findUnique({ where: { email: session.user.email } });
  // ❌ no-sensitive-fields-in-response: the whole row goes out, `passwordHash` included
  return NextResponse.json(user);
}

export async function HEAD() {
  const session = await auth();
  if (!session?.user?.email) return new NextResponse(null, { status: 401 });

  // ✅ only the columns the client needs
  const user = await prisma.user.findUnique({ where: { email: session.user.email }, select: { id: true, name: true, email: true } });
  return NextResponse.json(user);
}
