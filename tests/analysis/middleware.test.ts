import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { authConfig } from "../../lib/analysis/auth.js";
import { appRootOf, matcherRegExp, readMiddlewareFor, routePathOf } from "../../lib/analysis/middleware.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/middleware/", import.meta.url));
const config = authConfig({ authFunctions: [], authWrappers: [] });

function readingFor(app: string, setting?: string | false) {
  const filename = path.join(FIXTURES, app, "app/api/x/route.ts");
  return readMiddlewareFor({ filename, cwd: FIXTURES }, setting, config);
}

describe("matcherRegExp", () => {
  it.each([
    ["/dashboard/:path*", ["/dashboard", "/dashboard/a/b"], ["/dashboards", "/"]],
    ["/chat/:id", ["/chat/1"], ["/chat", "/chat/1/2"]],
    ["/((?!api|_next/static|favicon.ico).*)", ["/", "/settings"], ["/api/users", "/apis-docs", "/_next/static/x.js"]],
    ["/(api|trpc)(.*)", ["/api/users", "/trpc/x"], ["/settings"]],
    ["/sign-in(.*)", ["/sign-in", "/sign-in/factor-one"], ["/sign-up"]],
    ["/blog/:slug", ["/blog/hello"], ["/blog"]],
  ])("%s", (source, matching, other) => {
    const regex = matcherRegExp(source)!;
    for (const p of matching) expect(regex.test(p), p).toBe(true);
    for (const p of other) expect(regex.test(p), p).toBe(false);
  });

  it("gives up on syntax it does not follow", () => {
    expect(matcherRegExp("/api/*")).toBeUndefined();
    expect(matcherRegExp("/:locale{/:path}?")).toBeUndefined();
  });
});

describe("routePathOf", () => {
  const root = "/repo/apps/web";
  it.each([
    ["app/(dashboard)/settings/[id]/route.ts", "/settings/[id]"],
    ["src/app/(app)/billing/actions.ts", "/billing"],
    ["app/@modal/photos/page.tsx", "/photos"],
    ["app/actions.ts", "/"],
    ["pages/api/users/[id].ts", "/api/users/[id]"],
    ["pages/api/users/index.ts", "/api/users"],
    ["lib/actions/team.ts", undefined],
    ["app/(.)photos/[id]/page.tsx", undefined],
  ])("%s", (file, expected) => {
    expect(routePathOf(path.join(root, file), root)).toBe(expected);
  });

  it("finds the app root by its package.json", () => {
    expect(appRootOf(path.join(FIXTURES, "clerk/app/api/x/route.ts"))).toBe(path.join(FIXTURES, "clerk"));
  });
});

describe("readMiddlewareFor", () => {
  it("next-auth's withAuth protects exactly the matched paths", () => {
    const reading = readingFor("with-auth")!;
    expect(reading.protects("/settings", "POST")).toBe(true);
    expect(reading.protects("/api/projects/1", "DELETE")).toBe(true);
    expect(reading.protects("/api/users", "POST")).toBe(false);
  });

  it("a session cookie check with a list of open paths (src/proxy.ts)", () => {
    const reading = readingFor("cookie-list")!;
    expect(reading.file.endsWith(path.join("src", "proxy.ts"))).toBe(true);
    expect(reading.protects("/api/projects", "POST")).toBe(true);
    expect(reading.protects("/settings", "POST")).toBe(true);
    expect(reading.protects("/api/public/status", "POST")).toBe(false);
    expect(reading.protects("/api/cron/cleanup", "POST")).toBe(false);
    expect(reading.protects("/login", "POST")).toBe(false);
  });

  it("Clerk: auth.protect() outside createRouteMatcher's public routes", () => {
    const reading = readingFor("clerk")!;
    expect(reading.protects("/api/projects", "POST")).toBe(true);
    expect(reading.protects("/dashboard", "POST")).toBe(true);
    expect(reading.protects("/api/webhooks/stripe", "POST")).toBe(false);
    expect(reading.protects("/sign-in/sso", "POST")).toBe(false);
    expect(reading.protects("/blog/post", "POST")).toBe(false);
  });

  it("a matcher that leaves out /api protects no API route", () => {
    const reading = readingFor("api-excluded")!;
    expect(reading.protects("/api/projects", "POST")).toBe(false);
    expect(reading.protects("/settings", "POST")).toBe(true);
    expect(reading.protects("/login", "POST")).toBe(false);
  });

  it("a middleware it cannot follow protects nothing", () => {
    expect(readingFor("opaque")!.protects("/settings", "POST")).toBe(false);
  });

  it("the setting names another file or turns the reading off", () => {
    expect(readingFor("opaque", false)).toBeUndefined();
    const named = readingFor("opaque", path.join("clerk", "middleware.ts"))!;
    expect(named.protects("/dashboard", "POST")).toBe(true);
  });
});

describe("readMiddlewareFor in a long-lived process (the editor)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function app(): { root: string; read: () => ReturnType<typeof readMiddlewareFor> } {
    const root = mkdtempSync(path.join(tmpdir(), "backend-architect-middleware-"));
    dirs.push(root);
    writeFileSync(path.join(root, "package.json"), "{}\n");
    const filename = path.join(root, "app/api/projects/route.ts");
    return { root, read: () => readMiddlewareFor({ filename, cwd: root }, undefined, config) };
  }

  const withAuth = (matcher: string) => `export { default } from "next-auth/middleware";\nexport const config = { matcher: ["${matcher}"] };\n`;

  it("sees a middleware created, edited, moved to src/ and deleted after the first lookup", () => {
    const { root, read } = app();
    expect(read()).toBeUndefined();

    writeFileSync(path.join(root, "middleware.ts"), withAuth("/api/projects/:path*"));
    expect(read()?.protects("/api/projects", "POST")).toBe(true);

    // a different size, so the edit is seen even within the file system's time resolution
    writeFileSync(path.join(root, "middleware.ts"), withAuth("/settings/:path*"));
    expect(read()?.protects("/api/projects", "POST")).toBe(false);
    expect(read()?.protects("/settings", "POST")).toBe(true);

    unlinkSync(path.join(root, "middleware.ts"));
    mkdirSync(path.join(root, "src"));
    writeFileSync(path.join(root, "src", "proxy.ts"), withAuth("/api/projects/:path*"));
    expect(read()?.file).toBe(path.join(root, "src", "proxy.ts"));
    expect(read()?.protects("/api/projects", "POST")).toBe(true);

    unlinkSync(path.join(root, "src", "proxy.ts"));
    expect(read()).toBeUndefined();
  });

  it("keeps the order of the candidates: the app root before src/, middleware before proxy", () => {
    const { root, read } = app();
    mkdirSync(path.join(root, "src"));
    writeFileSync(path.join(root, "src", "middleware.ts"), withAuth("/settings/:path*"));
    writeFileSync(path.join(root, "proxy.js"), withAuth("/api/projects/:path*"));
    expect(read()?.file).toBe(path.join(root, "proxy.js"));
    writeFileSync(path.join(root, "middleware.js"), withAuth("/api/projects/:path*"));
    expect(read()?.file).toBe(path.join(root, "middleware.js"));
  });
});
