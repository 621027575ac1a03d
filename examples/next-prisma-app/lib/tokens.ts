import { SignJWT, jwtVerify } from "jose";

// ❌ no-hardcoded-secrets: everyone who can read the repository can sign tokens
const inviteKey = new TextEncoder().encode("invite-signing-key-2024");

export function signInvite(email: string) {
  return new SignJWT({ email }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("7d").sign(inviteKey);
}

// ✅ the key comes from the environment, and a missing variable fails loudly
const secret = process.env.INVITE_SECRET;
if (!secret) throw new Error("INVITE_SECRET is not set");
const key = new TextEncoder().encode(secret);

export function verifyInvite(token: string) {
  return jwtVerify(token, key, { algorithms: ["HS256"] });
}
