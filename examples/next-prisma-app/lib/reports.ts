import { PrismaClient } from "@prisma/client";

// ❌ prisma-client-singleton: a new client (and connection pool) on every call
export async function monthlySignups(since: Date) {
  const prisma = new PrismaClient();
  return prisma.user.count({ where: { createdAt: { gte: since } } });
}
