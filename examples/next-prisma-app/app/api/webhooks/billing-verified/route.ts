import { createHmac, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/prisma";
import { BillingEventSchema } from "@/lib/validation";

// ✅ the provider's signature over the raw body is checked, in constant time, before anything else
export async function POST(req: Request) {
  const body = await req.text();
  const expected = createHmac("sha256", process.env.BILLING_WEBHOOK_SECRET!).update(body).digest();
  const received = Buffer.from(req.headers.get("x-signature") ?? "", "hex");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return new Response("Invalid signature", { status: 401 });
  }
  const event = BillingEventSchema.parse(JSON.parse(body));
  if (event.type === "subscription.paid") {
    await prisma.user.update({ where: { email: event.email }, data: { role: "pro" } });
  }
  return Response.json({ received: true });
}
