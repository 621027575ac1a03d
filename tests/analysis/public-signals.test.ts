import { describe, expect, it } from "vitest";
import { signalTexts } from "../../lib/analysis/public-signals.js";

// Each pre-test must pass every text in which its signal can be found, escapes included.
describe("public-signals: text pre-tests", () => {
  it("ipRateLimit: a limiter in a callee or a middleware name", () => {
    expect(signalTexts.ipRateLimit("await applyIPRateLimit(ip)")).toBe(true);
    expect(signalTexts.ipRateLimit("app.post('/x', rateLimiter({ max: 5 }), handler)")).toBe(true);
    expect(signalTexts.ipRateLimit("await THROTTLE(req.ip)")).toBe(true);
    expect(signalTexts.ipRateLimit("const \\u0072ateLimit = make(); rateLimit(ip)")).toBe(true);
    expect(signalTexts.ipRateLimit("await db.user.create({ data })")).toBe(false);
  });

  it("pendingSignIn: a pending key, a pending getter, a challenge cookie", () => {
    expect(signalTexts.pendingSignIn("return { pendingAuthToken: token }")).toBe(true);
    expect(signalTexts.pendingSignIn("(await cookies()).get('mfa-CHALLENGE')")).toBe(true);
    expect(signalTexts.pendingSignIn("(await cookies()).get('\\x70ending')")).toBe(true);
    expect(signalTexts.pendingSignIn("await signIn(credentials)")).toBe(false);
  });

  it("cookieClient: a client factory", () => {
    expect(signalTexts.cookieClient("const supabase = await createClient()")).toBe(true);
    expect(signalTexts.cookieClient("createRouteHandlerClient({ cookies })")).toBe(true);
    expect(signalTexts.cookieClient("const s = create\\u0043lient()")).toBe(true);
    expect(signalTexts.cookieClient("const rows = await supabase.from('notes').select()")).toBe(false);
  });
});
