import { cookies } from "next/headers";

// ❌ secure-cookie-options: scripts can read the session token, and it travels over plain HTTP
export async function setSessionCookie(token: string) {
  (await cookies()).set("session", token, { path: "/" });
}

// ✅ httpOnly, secure in production, sameSite
export async function setSessionCookieSafely(token: string) {
  (await cookies()).set("session", token, {
    path: "/",
    httpOnly: true,
    secure: process.env.NODE_ENV === "production",
    sameSite: "lax",
  });
}
