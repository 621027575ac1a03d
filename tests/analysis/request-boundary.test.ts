import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { getRequestBoundaries, mayHoldBoundary, type RequestBoundary } from "../../lib/analysis/request-boundary.js";

interface Found {
  kind: string;
  name: string;
  methods: string;
  at: string;
  wrappers?: string[];
  request?: string;
  params?: string;
  response?: string;
  hono?: string;
  inputs?: string[];
  parsedInput?: string;
  client?: string;
  schema?: string;
  procedure?: string;
  isPublic?: boolean;
  middleware?: number;
}

/** Lints `code` as `filename` with a rule that records every boundary found from `:function` visitors. */
function boundaries(code: string, filename: string): Found[] {
  const found: Found[] = [];
  const linter = new Linter({ configType: "flat" });
  const text = (node: TSESTree.Node | undefined, source: TSESLint.SourceCode): string | undefined =>
    node ? source.getText(node) : undefined;
  const rule = {
    meta: { type: "problem" as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      const { sourceCode } = context;
      const record = (fn: TSESTree.Node): void => {
        const b: RequestBoundary | undefined = getRequestBoundaries(context).boundaryOf(fn);
        if (!b) return;
        const entry: Found = {
          kind: b.kind,
          name: b.name,
          methods: b.methods.join(","),
          at: `${b.loc.start.line}:${b.loc.start.column}`,
        };
        if (b.wrappers.length > 0) entry.wrappers = b.wrappers.map((w) => sourceCode.getText(w.callee));
        if (b.bindings.request) entry.request = b.bindings.request.name;
        if (b.bindings.params) entry.params = `${b.bindings.params.node.name}(${b.bindings.params.via})`;
        else if (b.bindings.paramPattern) entry.params = text(b.bindings.paramPattern, sourceCode);
        if (b.bindings.response) entry.response = b.bindings.response.name;
        if (b.bindings.honoContext) entry.hono = b.bindings.honoContext.name;
        if (b.kind === "server-action") entry.inputs = b.bindings.inputs.map((p) => sourceCode.getText(p));
        if (b.bindings.parsedInput) entry.parsedInput = b.bindings.parsedInput.name;
        if (b.safeAction) {
          entry.client = b.safeAction.clientName;
          entry.schema = text(b.safeAction.schema, sourceCode);
          entry.middleware = b.safeAction.middleware.length;
        }
        if (b.trpc) {
          entry.procedure = b.trpc.procedureName;
          entry.isPublic = b.trpc.isPublic;
          entry.schema = text(b.trpc.input, sourceCode);
        }
        if (b.route) entry.middleware = b.route.middleware.length;
        found.push(entry);
      };
      return { FunctionDeclaration: record, FunctionExpression: record, ArrowFunctionExpression: record };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.{ts,tsx,js,jsx,mjs}"],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { t: { rules: { collect: rule as never } } },
        rules: { "t/collect": "error" },
      },
    ],
    { filename },
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return found;
}

interface Case {
  name: string;
  filename: string;
  code: string;
  expected: Partial<Found>[];
}

const cases: Case[] = [
  // ---- App Router route handlers
  {
    name: "function declaration exports, only HTTP method names",
    filename: "app/api/users/route.ts",
    code: `
export async function GET(req: Request) { return Response.json([]); }
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {}
export async function generateStaticParams() { return []; }
function helper() {}`,
    expected: [
      { kind: "route-handler", name: "GET", methods: "GET", at: "2:22", request: "req" },
      { kind: "route-handler", name: "POST", methods: "POST", at: "3:22", request: "request", params: "params(binding)" },
    ],
  },
  {
    name: "src/app, route groups, dynamic segments, .js",
    filename: "src/app/(dashboard)/api/[team]/items/[...slug]/route.js",
    code: `export const DELETE = async (req, ctx) => new Response(null);`,
    expected: [{ kind: "route-handler", name: "DELETE", methods: "DELETE", at: "1:13", request: "req", params: "ctx(context)" }],
  },
  {
    name: "destructured params in the parameter list",
    filename: "app/api/posts/[id]/route.ts",
    code: `export async function PATCH(_req: Request, { params: { id } }: { params: { id: string } }) {}`,
    expected: [{ kind: "route-handler", name: "PATCH", params: "{ id }", request: "_req" }],
  },
  {
    name: "wrapped handler: export const POST = wrapper(async ({ req, params }) => ..., options)",
    filename: "app/api/links/route.ts",
    code: `
import { withWorkspace } from "@/lib/auth";
export const POST = withWorkspace(
  async ({ req, params, workspace }) => Response.json({}),
  { requiredPermissions: ["links.write"] },
);`,
    expected: [
      { kind: "route-handler", name: "POST", at: "3:13", wrappers: ["withWorkspace"], request: "req", params: "params(binding)" },
    ],
  },
  {
    name: "nested wrappers and `as` casts",
    filename: "app/api/cron/route.ts",
    code: `export const GET = withAxiom(withCron(async (req: Request) => new Response("ok")) as any);`,
    expected: [{ kind: "route-handler", name: "GET", wrappers: ["withAxiom", "withCron"], request: "req" }],
  },
  {
    name: "export { handler as GET, handler as POST } reports at the local name",
    filename: "app/api/auth/[...nextauth]/route.ts",
    code: `
const handler = async (req: Request) => new Response();
export { handler as GET, handler as POST };`,
    expected: [{ kind: "route-handler", name: "handler", methods: "GET,POST", at: "2:6", request: "req" }],
  },
  {
    name: "a local function wrapped at the export",
    filename: "app/api/upload/route.ts",
    code: `
async function handler(req: Request) { return new Response(); }
export const POST = withAuth(handler);`,
    expected: [{ kind: "route-handler", name: "handler", methods: "POST", at: "2:15", wrappers: ["withAuth"] }],
  },
  {
    name: "const wrapped handler exported by specifier",
    filename: "app/api/chat/route.ts",
    code: `
const POST = withError(async (request: Request) => new Response());
export { POST };`,
    expected: [{ kind: "route-handler", name: "POST", methods: "POST", wrappers: ["withError"], request: "request" }],
  },
  {
    name: "not a route file: exported GET is a plain function",
    filename: "app/api/users/handlers.ts",
    code: `export async function GET(req: Request) {}`,
    expected: [],
  },
  {
    name: "route.ts outside app/ is not a route handler",
    filename: "lib/route.ts",
    code: `export async function POST(req: Request) {}`,
    expected: [],
  },
  {
    name: "functions nested in a handler are not boundaries",
    filename: "app/api/x/route.ts",
    code: `export async function POST(req: Request) { const f = async () => 1; [1].map((x) => x); }`,
    expected: [{ kind: "route-handler", name: "POST" }],
  },

  // ---- Pages API routes
  {
    name: "pages/api default export function",
    filename: "pages/api/users/[id].ts",
    code: `export default async function handler(req, res) { res.status(200).json({}); }`,
    expected: [{ kind: "pages-api", name: "handler", methods: "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS", at: "1:30", request: "req", response: "res" }],
  },
  {
    name: "pages/api wrapped default export of a local handler",
    filename: "src/pages/api/teams/index.ts",
    code: `
const handler = async (req: NextApiRequest, res: NextApiResponse) => {};
export default withSentry(handler);`,
    expected: [{ kind: "pages-api", name: "handler", at: "2:6", wrappers: ["withSentry"], request: "req", response: "res" }],
  },
  {
    name: "pages/api anonymous wrapped default export reports at `export`",
    filename: "pages/api/hello.js",
    code: `export default withAuth(async (req, res) => { res.end(); });`,
    expected: [{ kind: "pages-api", name: "default", at: "1:0", wrappers: ["withAuth"] }],
  },
  {
    name: "pages/ outside api is not a boundary",
    filename: "pages/index.tsx",
    code: `export default function Home() { return null; }`,
    expected: [],
  },

  // ---- Server actions
  {
    name: "'use server' module: every exported function, also plain helpers and const arrows",
    filename: "app/actions.ts",
    code: `"use server";
import { prisma } from "@/lib/prisma";
export async function deleteChat(id: string) {}
export const renameChat = async (id: string, title: string) => {};
export function formatTitle(t: string) { return t; }
async function notExported(x: string) {}
export const LIMIT = 10;`,
    expected: [
      { kind: "server-action", name: "deleteChat", methods: "POST", at: "3:22", inputs: ["id: string"] },
      { kind: "server-action", name: "renameChat", at: "4:13", inputs: ["id: string", "title: string"] },
      { kind: "server-action", name: "formatTitle", inputs: ["t: string"] },
    ],
  },
  {
    name: "'use server' after another directive; export default; wrapped export",
    filename: "app/(app)/settings/actions.js",
    code: `'use strict';
'use server';
export default async function save(formData) {}
export const update = withTelemetry(async (formData) => {});`,
    expected: [
      { kind: "server-action", name: "save", at: "3:30", inputs: ["formData"] },
      { kind: "server-action", name: "update", wrappers: ["withTelemetry"], inputs: ["formData"] },
    ],
  },
  {
    name: "'use server' not first is not a directive",
    filename: "app/actions.ts",
    code: `import x from "y";
"use server";
export async function a() {}`,
    expected: [],
  },
  {
    name: "inline 'use server' functions in a component file",
    filename: "app/page.tsx",
    code: `
export default function Page() {
  async function create(formData: FormData) { "use server"; }
  const remove = async (id: string) => { "use server"; };
  return <form action={async () => { "use server"; }} />;
}`,
    expected: [
      { kind: "server-action", name: "create", at: "3:17", inputs: ["formData: FormData"] },
      { kind: "server-action", name: "remove", at: "4:8", inputs: ["id: string"] },
      { kind: "server-action", name: "action", at: "5:23", inputs: [] },
    ],
  },

  // ---- next-safe-action
  {
    name: "safe-action chain with inputSchema, in a 'use server' module",
    filename: "app/actions/links.ts",
    code: `"use server";
export const deleteLink = authActionClient
  .metadata({ name: "deleteLink" })
  .inputSchema(deleteLinkSchema)
  .action(async ({ parsedInput, ctx }) => {});`,
    expected: [
      { kind: "safe-action", name: "deleteLink", methods: "POST", at: "2:13", client: "authActionClient", schema: "deleteLinkSchema", parsedInput: "parsedInput", middleware: 0 },
    ],
  },
  {
    name: "older .schema(s), .use() inline, stateAction",
    filename: "lib/actions.ts",
    code: `
export const a = actionClient.schema(z.object({ id: z.string() })).use(rateLimit).action(async ({ parsedInput: { id } }) => {});
export const b = client.stateAction(async ({ parsedInput }) => {});`,
    expected: [
      { kind: "safe-action", name: "a", client: "actionClient", schema: "z.object({ id: z.string() })", middleware: 1 },
      { kind: "safe-action", name: "b", client: "client", parsedInput: "parsedInput" },
    ],
  },
  {
    name: "an unrelated `.action()` is not a safe action",
    filename: "lib/x.ts",
    code: `program.command("build").action(async (opts) => {}); menu.action(() => {});`,
    expected: [],
  },

  // ---- tRPC
  {
    name: "tRPC procedures: protected and public, keyed by router property",
    filename: "server/routers/polls.ts",
    code: `
export const polls = router({
  delete: protectedProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {}),
  list: publicProcedure.query(async ({ ctx }) => []),
  raw: t.procedure.use(isAuthed).query(() => 1),
});`,
    expected: [
      { kind: "trpc", name: "delete", methods: "POST", procedure: "protectedProcedure", isPublic: false, schema: "z.object({ id: z.string() })", parsedInput: "input" },
      { kind: "trpc", name: "list", methods: "GET", procedure: "publicProcedure", isPublic: true },
      { kind: "trpc", name: "raw", procedure: "t.procedure", isPublic: true },
    ],
  },
  {
    name: "react-query `.query()` calls are not procedures",
    filename: "components/list.tsx",
    code: `const q = db.query(async () => 1); const m = trpc.polls.delete.useMutation({ onSuccess: () => {} });`,
    expected: [],
  },

  // ---- Express / Hono
  {
    name: "Express routes with middleware; anonymous handlers report at the path",
    filename: "server/routes.ts",
    code: `
import express from "express";
const router = express.Router();
router.post("/users", requireAuth, validate(schema), async (req, res) => {});
router.get("/health", (req, res) => res.send("ok"));
app.delete("/users/:id", async function removeUser(req, res) {});`,
    expected: [
      { kind: "express", name: "POST /users", methods: "POST", at: "4:12", request: "req", response: "res", middleware: 2 },
      { kind: "express", name: "GET /health", methods: "GET", at: "5:11" },
      { kind: "express", name: "removeUser", methods: "DELETE", at: "6:40" },
    ],
  },
  {
    name: "Hono routes, chained and on new Hono()",
    filename: "src/api/index.ts",
    code: `
import { Hono } from "hono";
const app = new Hono().post("/items", zValidator("json", s), async (c) => c.json({}));
app.get("/items/:id", (c) => c.json({}));`,
    expected: [
      { kind: "hono", name: "POST /items", methods: "POST", hono: "c", middleware: 1 },
      { kind: "hono", name: "GET /items/:id", methods: "GET", hono: "c" },
    ],
  },
  {
    name: "not routes: map.get, a cache, fetch-like calls with a path but no router",
    filename: "lib/cache.ts",
    code: `
cache.get("/users", () => 1);
client.post("/users", async (res) => {});
headers.get("x");`,
    expected: [],
  },
];

describe("request-boundary", () => {
  for (const c of cases) {
    it(c.name, () => {
      const found = boundaries(c.code, c.filename);
      expect(found.length, JSON.stringify(found)).toBe(c.expected.length);
      c.expected.forEach((expected, i) => expect(found[i]).toMatchObject(expected));
    });
  }

  it("the text pre-test passes every file that holds a boundary", () => {
    for (const c of cases) {
      if (c.expected.length > 0) expect(mayHoldBoundary(c.filename, c.code), c.name).toBe(true);
    }
    expect(mayHoldBoundary("lib/x.ts", 'export const a = client["stateAction"](async () => 1);')).toBe(true);
    expect(mayHoldBoundary("lib/x.ts", "export const a = procedure\n  .input(s)\n  .mutation(async () => 1);")).toBe(true);
    expect(mayHoldBoundary("src/server.ts", "router.get(`/users/${id}`, handler);")).toBe(true);
    expect(mayHoldBoundary("lib/x.ts", 'export const a = client.\\u0061ction(async () => 1);')).toBe(true);
  });

  it("the text pre-test turns away components, helpers and types", () => {
    expect(mayHoldBoundary("components/UserList.tsx", 'export function UserList() { const q = useQuery(); return <ul>{map.get("x")}</ul>; }')).toBe(false);
    expect(mayHoldBoundary("lib/cache.ts", 'headers.get("x"); actions.push(transaction);')).toBe(false);
    expect(mayHoldBoundary("lib/fetch.ts", 'export const load = () => fetch("/api/users");')).toBe(false);
  });

  it("enclosingBoundary finds the handler from a nested node, and caches per file", () => {
    const linter = new Linter({ configType: "flat" });
    const seen: string[] = [];
    const rule = {
      meta: { type: "problem" as const, schema: [] },
      create(context: TSESLint.RuleContext<string, []>) {
        return {
          "CallExpression[callee.property.name='create']"(node: TSESTree.CallExpression) {
            const boundaries = getRequestBoundaries(context);
            expect(getRequestBoundaries(context)).toBe(boundaries);
            seen.push(boundaries.enclosingBoundary(node)?.name ?? "none");
          },
        };
      },
    };
    linter.verify(
      `export async function POST(req: Request) { await Promise.all([1].map(async () => prisma.x.create({}))); }
       async function other() { await prisma.x.create({}); }`,
      [
        {
          files: ["**/*.ts"],
          languageOptions: { parser: tsParser },
          plugins: { t: { rules: { c: rule as never } } },
          rules: { "t/c": "error" },
        },
      ],
      { filename: "app/api/x/route.ts" },
    );
    expect(seen).toEqual(["POST", "none"]);
  });
});
