import { prisma } from "@/lib/prisma";
import { BillingEventSchema } from "@/lib/validation";

// ❌ require-webhook-verification: anyone who knows this URL can post a "paid" event and upgrade any account
export async function POST(req: Request) {
  const event = BillingEventSchema.parse(await req.json());
  if (event.type === "subscription.paid") {
    await prisma.user.update({ where: { email: event.email }, data: { role: "pro" } });
  }
  return Response.json({ received: true });
}
