import rule from "../../lib/rules/secure-cookie-options.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

ruleTester.run("secure-cookie-options", rule, {
  valid: [
    {
      name: "session cookie with all three options",
      filename: "lib/auth/session.ts",
      code: `
        import { cookies } from "next/headers";
        export async function setSession(token: string) {
          (await cookies()).set("session", token, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
        }
      `,
    },
    {
      name: "secure from an expression, sameSite strict",
      filename: "app/api/login/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST() {
          const response = NextResponse.json({ ok: true });
          response.cookies.set("auth-token", await createToken(), {
            httpOnly: true,
            secure: process.env.NODE_ENV === "production",
            sameSite: "strict",
          });
          return response;
        }
      `,
    },
    {
      name: "a cookie that is neither a session nor a token (theme, locale, sidebar state)",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { cookies } from "next/headers";
        export async function setPreferences(theme: string, locale: string) {
          const store = await cookies();
          store.set("theme", theme);
          store.set("NEXT_LOCALE", locale);
          store.set("sidebar_state", "true");
        }
      `,
    },
    {
      name: "values read off a session are no session (the user's id, locale, last team)",
      filename: "app/actions/preferences.ts",
      code: `
        "use server";
        import { cookies } from "next/headers";
        import { auth } from "@/auth";
        export async function remember() {
          const session = await auth();
          const store = await cookies();
          store.set("last_user", session.user.id, { path: "/" });
          store.set("locale", session.user.locale ?? "en");
          store.set("team", authState.currentTeam.slug);
        }
      `,
    },
    {
      name: "auth in the middle of a name is not a session (next-auth.callback-url, auth-redirect)",
      filename: "middleware.ts",
      code: `
        import { NextResponse } from "next/server";
        export function middleware(request) {
          const response = NextResponse.next();
          response.cookies.set("next-auth.callback-url", request.url);
          response.cookies.set("auth-redirect", encodeURIComponent(request.nextUrl.search), { path: "/" });
          return response;
        }
      `,
    },
    {
      name: "a CSRF token cookie is meant to be read by scripts",
      filename: "app/api/csrf/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function GET() {
          const csrfToken = crypto.randomUUID();
          (await cookies()).set("csrf_token", csrfToken, { sameSite: "strict" });
          return Response.json({ csrfToken });
        }
      `,
    },
    {
      name: "clearing a session cookie with an empty value or expires in the past",
      filename: "app/api/logout/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST() {
          const response = NextResponse.json({ ok: true });
          response.cookies.set("session", "");
          response.cookies.set({ name: "__Secure-session-token", value: "", expires: new Date(0), path: "/" });
          response.cookies.set("refresh_token", "x", { maxAge: 0 });
          return response;
        }
      `,
    },
    {
      name: "options from a shared const object, also spread",
      filename: "lib/session.ts",
      code: `
        import { cookies } from "next/headers";
        const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: "lax" } as const;
        export async function save(sessionToken: string) {
          (await cookies()).set("sid", sessionToken, COOKIE_OPTIONS);
          (await cookies()).set("sid_backup", sessionToken, { ...COOKIE_OPTIONS, maxAge: 3600 });
        }
      `,
    },
    {
      name: "options the file cannot see (imported, spread from a call result) are trusted",
      filename: "app/api/mobile/sign-in/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { sessionCookieOptions } from "@/lib/cookies";
        export async function POST() {
          const result = await createReviewSession();
          const response = NextResponse.json({ success: true });
          response.cookies.set(result.sessionCookie.name, result.sessionCookie.value, { ...result.sessionCookie.options });
          response.cookies.set("session", result.token, sessionCookieOptions);
          response.cookies.set("session2", result.token, getCookieOptions());
          return response;
        }
      `,
    },
    {
      name: "request cookies and Koa's ctx.cookies are not response cookies",
      filename: "middleware.ts",
      code: `
        export function middleware(request, ctx) {
          request.cookies.set("session", "abc");
          ctx.req?.cookies.set("workspace-token", "x");
          ctx.cookies.set("session", "abc");
        }
      `,
    },
    {
      name: "a local cookies() helper that is not next/headers",
      filename: "lib/client-cookies.ts",
      code: `
        import { cookies } from "@/lib/browser-cookies";
        export function remember(token: string) {
          cookies().set("token", token);
        }
      `,
    },
    {
      name: "serialize of another module (superjson, nuqs) is not a cookie",
      filename: "lib/state.ts",
      code: `
        import { serialize } from "superjson";
        import { serialize as s2 } from "@/lib/assertions";
        export const a = serialize({ session: 1 });
        export const b = s2(sessionToken);
      `,
    },
    {
      name: "Express res.cookie with every option, sameSite none with secure true",
      filename: "server/routes/auth.ts",
      code: `
        import jwt from "jsonwebtoken";
        router.post("/login", async (req, res) => {
          const token = jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET);
          res.cookie("jwt", token, { httpOnly: true, secure: true, sameSite: "none" });
          res.json({ ok: true });
        });
      `,
    },
    {
      name: "a flag cookie next to the session cookie",
      filename: "app/api/views/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST() {
          const response = NextResponse.json({});
          response.cookies.set(flagCookieId, "true", { path: "/", sameSite: "strict" });
          return response;
        }
      `,
    },
    {
      name: "cookie serialize with every option",
      filename: "pages/api/login.ts",
      code: `
        import { serialize } from "cookie";
        export default async function handler(req, res) {
          const token = await encrypt({ userId: 1 });
          res.setHeader("Set-Cookie", serialize("session", token, { httpOnly: true, secure: isProd, sameSite: "lax" }));
        }
      `,
    },
    {
      name: "a configured session cookie name does not match other cookies",
      filename: "app/api/views/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function POST() {
          (await cookies()).set(\`pm_flag_\${linkId}\`, "true");
        }
      `,
      options: [{ sessionCookies: ["pm_ls_*"] }],
    },
    {
      name: "a double-submit CSRF cookie whose value is a token: scripts must read it",
      filename: "lib/security/csrf.ts",
      code: `
        import { cookies } from "next/headers";
        export async function issueCsrfCookie() {
          const store = await cookies();
          const token = createCsrfToken();
          store.set("csrf_token", token, { httpOnly: false, secure: true, path: "/" });
        }
      `,
    },
    {
      name: "XSRF-TOKEN set by Express without options, and a _csrf cookie",
      filename: "server/middleware/csrf.ts",
      code: `
        export function attachCsrf(req, res, next) {
          const token = req.csrfToken();
          res.cookie("XSRF-TOKEN", token);
          res.cookie("_csrf", signedSecret, { sameSite: "strict" });
          next();
        }
      `,
    },
    {
      name: "a CSRF cookie named by an imported constant, value from a csrf helper",
      filename: "app/api/csrf/route.ts",
      code: `
        import { NextResponse } from "next/server";
        import { CSRF_COOKIE_NAME, generateCsrfToken } from "@/lib/csrf";
        export async function GET() {
          const response = NextResponse.json({ ok: true });
          response.cookies.set(CSRF_COOKIE_NAME, await generateCsrfToken(), { secure: true });
          return response;
        }
      `,
    },
    {
      name: "a Supabase browser session cookie with an explicit httpOnly: false, secure and sameSite set",
      filename: "app/auth/confirm/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function GET() {
          const store = await cookies();
          store.set("sb-access-token", session.access_token, { httpOnly: false, secure: true, sameSite: "lax", path: "/" });
        }
      `,
    },
  ],
  invalid: [
    {
      name: "session cookie without any options, reported at the call",
      filename: "lib/auth/session.ts",
      code: `
        import { cookies } from "next/headers";
        export async function setSession(user) {
          const session = await encrypt({ user });
          (await cookies()).set("session", session);
        }
      `,
      errors: [
        {
          messageId: "insecureCookie",
          data: {
            cookie: '"session"',
            problems:
              "`httpOnly: true` (page scripts, including injected ones, could read it), `secure` (it would travel over plain HTTP) and `sameSite` (other sites could send it with their requests)",
            fix: '`httpOnly: true`, `secure: process.env.NODE_ENV === "production"` and `sameSite: "lax"`',
          },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: "missing secure, reported at the options object",
      filename: "app/api/views/route.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function POST() {
          const response = NextResponse.json({});
          response.cookies.set(cookieId, newDataroomSession?.token, {
            path: "/",
            httpOnly: true,
            sameSite: "strict",
          });
          return response;
        }
      `,
      errors: [
        {
          messageId: "insecureCookie",
          data: {
            cookie: "`cookieId`",
            problems: "`secure` (it would travel over plain HTTP)",
            fix: '`secure: process.env.NODE_ENV === "production"`',
          },
          line: 5,
          column: 69,
          endLine: 9,
          endColumn: 12,
        },
      ],
    },
    {
      name: "an explicit httpOnly: false is a choice; the missing sameSite is still reported",
      filename: "middleware.ts",
      code: `
        import { NextResponse } from "next/server";
        export async function middleware(request) {
          const res = NextResponse.next();
          res.cookies.set({ name: "session", value: await signToken({ id: 1 }), httpOnly: false, secure: true });
          return res;
        }
      `,
      errors: [
        {
          messageId: "insecureCookie",
          data: {
            cookie: '"session"',
            problems: "`sameSite` (other sites could send it with their requests)",
            fix: '`sameSite: "lax"`',
          },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 112,
        },
      ],
    },
    {
      name: "a cookie named token whose value is a session, not a CSRF token",
      filename: "app/api/auth/callback/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function GET() {
          const sessionToken = await createSessionToken();
          const store = await cookies();
          store.set("token", sessionToken, { secure: true, sameSite: "lax" });
          return Response.redirect("/");
        }
      `,
      errors: [
        {
          messageId: "insecureCookie",
          data: {
            cookie: '"token"',
            problems: "`httpOnly: true` (page scripts, including injected ones, could read it)",
            fix: "`httpOnly: true`",
          },
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 77,
        },
      ],
    },
    {
      name: "a cookie store held in a const, value from a sign call",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { cookies } from "next/headers";
        import { SignJWT } from "jose";
        export async function login() {
          const cookieStore = await cookies();
          const jwt = await new SignJWT({ sub: "1" }).sign(key);
          cookieStore.set("app", jwt, { httpOnly: true });
        }
      `,
      errors: [{ messageId: "insecureCookie", line: 8, column: 39, endLine: 8, endColumn: 57 }],
    },
    {
      name: "the id of a session and the value of a session cookie object",
      filename: "lib/auth/lucia.ts",
      code: `
        import { cookies } from "next/headers";
        export async function setSession(session: { id: string }, sessionCookie: { value: string }) {
          const store = await cookies();
          store.set("app_a", session.id);
          store.set("app_c", sessionCookie.value, { httpOnly: true, secure: true, sameSite: "lax" });
          store.set("app_b", sessionCookie.value, { secure: true, sameSite: "lax" });
        }
      `,
      errors: [
        { messageId: "insecureCookie", line: 5, column: 11, endLine: 5, endColumn: 41 },
        { messageId: "insecureCookie", line: 7, column: 51, endLine: 7, endColumn: 84 },
      ],
    },
    {
      name: "sameSite none without secure true",
      filename: "server/routes/auth.ts",
      code: `
        router.post("/login", (req, res) => {
          res.cookie("refreshToken", refreshToken, { httpOnly: true, sameSite: "none", secure: isProd });
        });
      `,
      errors: [
        {
          messageId: "insecureCookie",
          data: {
            cookie: '"refreshToken"',
            problems: '`secure: true`, which `sameSite: "none"` requires (browsers drop it otherwise)',
            fix: "`secure: true`",
          },
          line: 3,
          column: 52,
          endLine: 3,
          endColumn: 104,
        },
      ],
    },
    {
      name: "cookie.serialize with a const name and a spread of a const without httpOnly",
      filename: "pages/api/login.ts",
      code: `
        import cookie from "cookie";
        const SESSION_COOKIE = "__Host-sid";
        const base = { path: "/", sameSite: "lax" };
        export default function handler(req, res) {
          res.setHeader("Set-Cookie", cookie.serialize(SESSION_COOKIE, req.body.value, { ...base, secure: true }));
        }
      `,
      errors: [{ messageId: "insecureCookie", line: 6, column: 88, endLine: 6, endColumn: 113 }],
    },
    {
      name: "Hono setCookie with secure false",
      filename: "src/routes/auth.ts",
      code: `
        import { setCookie } from "hono/cookie";
        app.post("/login", async (c) => {
          setCookie(c, "auth_token", token, { httpOnly: true, secure: false, sameSite: "Lax" });
          return c.json({ ok: true });
        });
      `,
      errors: [{ messageId: "insecureCookie", line: 4, column: 45, endLine: 4, endColumn: 95 }],
    },
    {
      name: "a configured session cookie name with a wildcard, value that does not look like a token",
      filename: "app/api/views/route.ts",
      code: `
        import { cookies } from "next/headers";
        export async function POST() {
          (await cookies()).set(\`pm_ls_\${linkId}\`, id, { httpOnly: true, sameSite: "lax" });
        }
      `,
      options: [{ sessionCookies: ["pm_ls_*"] }],
      errors: [{ messageId: "insecureCookie", line: 4, column: 56, endLine: 4, endColumn: 91 }],
    },
  ],
});
