import { prisma } from "@/lib/prisma";

// ✅ prisma-client-singleton: the shared client
export async function monthlySignups(since: Date) {
  return prisma.user.count({ where: { createdAt: { gte: since } } });
}
