import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { beforeEach, describe, expect, it } from "vitest";
import { authConfig } from "../../lib/analysis/auth.js";
import {
  classifyAuthHelper,
  classifySafeActionClient,
  classifyWrapper,
  clearResolveCache,
  definitionOf,
  helperValidates,
  isSchemaDefinition,
  parseFile,
  resolveModule,
  resolveStats,
} from "../../lib/analysis/resolve.js";
import { isSchemaLike, mayDefineSchema } from "../../lib/analysis/validation.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/boundary/", import.meta.url));
const config = authConfig({ authFunctions: [], authWrappers: [] });

type Context = TSESLint.RuleContext<string, []>;

/** Runs `inspect` with a real rule context for `file` (a fixture file, or `code` linted as that file). */
function withContext<T>(file: string, inspect: (context: Context, program: TSESTree.Program) => T, code?: string): T {
  const cwd = path.dirname(file);
  let result: T | undefined;
  const linter = new Linter({ configType: "flat", cwd });
  const rule = {
    meta: { type: "problem" as const, schema: [] },
    create(context: Context) {
      return {
        "Program:exit"(program: TSESTree.Program) {
          result = inspect(context, program);
        },
      };
    },
  };
  const messages = linter.verify(
    code ?? fs.readFileSync(file, "utf8"),
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser },
        plugins: { t: { rules: { r: rule as never } } },
        rules: { "t/r": "error" },
      },
    ],
    { filename: file },
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result as T;
}

/** The exported `const NAME = wrapper(...)` call of a route file. */
function exportedCall(program: TSESTree.Program, name: string): TSESTree.CallExpression {
  for (const statement of program.body) {
    if (statement.type !== "ExportNamedDeclaration" || statement.declaration?.type !== "VariableDeclaration") continue;
    const d = statement.declaration.declarations[0]!;
    if (d.id.type === "Identifier" && d.id.name === name && d.init?.type === "CallExpression") return d.init;
  }
  throw new Error(`no export ${name}`);
}

function identifier(name: string): TSESTree.Identifier {
  return { type: "Identifier", name } as TSESTree.Identifier;
}

describe("resolve: module resolution", () => {
  beforeEach(() => clearResolveCache());
  const route = path.join(FIXTURES, "app-one/src/app/api/links/route.ts");

  it("resolves relative imports, tsconfig paths (with extends and baseUrl), index files and exact aliases", () => {
    expect(resolveModule(route, "../../../lib/with-error")).toBe(path.join(FIXTURES, "app-one/src/lib/with-error.ts"));
    expect(resolveModule(route, "@/lib/auth")).toBe(path.join(FIXTURES, "app-one/src/lib/auth/index.ts"));
    expect(resolveModule(route, "#auth")).toBe(path.join(FIXTURES, "app-one/src/lib/auth/index.ts"));
    expect(resolveModule(route, "@/lib/helpers.js")).toBe(path.join(FIXTURES, "app-one/src/lib/helpers.ts"));
  });

  it("takes the nearest tsconfig upward (else jsconfig), its paths from every folder under it, and its own options when `extends` is missing", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "resolve-tsconfig-"));
    const write = (relative: string, text: string): string => {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    };
    try {
      write("tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }));
      const rootLib = write("src/lib/db.ts", "export const db = 1;\n");
      // a package with its own config, whose `extends` names a package that is not installed
      write("packages/web/tsconfig.json", '{ "extends": "@missing/tsconfig", // a comment\n "compilerOptions": { "paths": { "@/*": ["./app/*"] } } }');
      const webLib = write("packages/web/app/lib/db.ts", "export const db = 2;\n");
      write("tools/jsconfig.json", JSON.stringify({ compilerOptions: { paths: { "~/*": ["./x/*"] } } }));
      write("tools/x/a.ts", "export const a = 1;\n");
      expect(resolveModule(path.join(root, "src/app/api/a/route.ts"), "@/lib/db")).toBe(rootLib);
      expect(resolveModule(path.join(root, "src/app/api/b/deep/route.ts"), "@/lib/db")).toBe(rootLib);
      expect(resolveModule(path.join(root, "packages/web/app/api/route.ts"), "@/lib/db")).toBe(webLib);
      expect(resolveModule(path.join(root, "packages/web/app/other/route.ts"), "@/lib/db")).toBe(webLib);
      // tsconfig.json of the root wins over tools/jsconfig.json: a tsconfig anywhere upward comes first
      expect(resolveModule(path.join(root, "tools/y/b.ts"), "~/a")).toBeUndefined();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("does not resolve packages or missing files", () => {
    expect(resolveModule(route, "next-axiom")).toBeUndefined();
    expect(resolveModule(route, "@/lib/does-not-exist")).toBeUndefined();
    expect(resolveModule(route, "node:fs")).toBeUndefined();
  });

  it("follows barrels (export *, export { x } from) to the definition", () => {
    withContext(route, (context) => {
      const workspace = definitionOf(context, identifier("withWorkspace"));
      expect(workspace?.file.path).toBe(path.join(FIXTURES, "app-one/src/lib/auth/workspace.ts"));
      expect(workspace?.node.type).toBe("ArrowFunctionExpression");
      expect(definitionOf(context, identifier("withAdmin"))?.file.path).toBe(path.join(FIXTURES, "app-one/src/lib/auth/admin.ts"));
      expect(definitionOf(context, identifier("admin2"))?.name).toBe("withAdmin");
      expect(definitionOf(context, identifier("withAxiom"))).toBeUndefined();
      expect(definitionOf(context, identifier("missing"))).toBeUndefined();
      expect(definitionOf(context, identifier("localWrapper"))?.imported).toBe(false);
    });
  });

  it("parses each file once and re-parses it when it changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    const file = path.join(dir, "a.ts");
    fs.writeFileSync(file, "export const a = 1;\n");
    const first = parseFile(file);
    expect(parseFile(file)).toBe(first);
    expect(resolveStats().filesParsed).toBe(1);
    fs.writeFileSync(file, "export const a = 1;\nexport const b = 2;\n");
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    const second = parseFile(file);
    expect(second).not.toBe(first);
    expect([...second!.exports.keys()]).toEqual(["a", "b"]);
    expect(resolveStats().filesParsed).toBe(2);
    fs.rmSync(dir, { recursive: true });
  });

  it("a text pre-test keeps a lookup out of files that cannot hold what it looks for, never out of barrels", () => {
    withContext(route, (context) => {
      const never = { textTest: () => false };
      // with-error.ts defines `withError` itself and fails the test: not parsed, no definition
      expect(definitionOf(context, identifier("withError"), never)).toBeUndefined();
      expect(resolveStats().filesParsed).toBe(0);
      // the auth barrel re-exports: parsed whatever its text, and the test decides for the file that defines the name
      expect(definitionOf(context, identifier("withWorkspace"), never)).toBeUndefined();
      const passes = { textTest: (text: string, name: string) => name === "withWorkspace" && text.includes("withWorkspace") };
      expect(definitionOf(context, identifier("withWorkspace"), passes)?.file.path).toBe(path.join(FIXTURES, "app-one/src/lib/auth/workspace.ts"));
      // a lookup without a test still finds the definition the test turned away (the file is parsed now)
      const parsed = resolveStats().filesParsed;
      expect(definitionOf(context, identifier("withError"))?.node).toBeDefined();
      expect(resolveStats().filesParsed).toBe(parsed + 1);
    });
  });

  it("with `declarationOnly`, converts a file only when a declaration of the name passes the text pre-test", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    fs.writeFileSync(
      path.join(dir, "helpers.ts"),
      [
        'import { Ratelimit } from "@upstash/ratelimit";',
        "const ratelimit = new Ratelimit({});",
        "export async function loadProjects(userId: string) {",
        "  return db.project.findMany({ where: { userId } });",
        "}",
        "export async function protect(ip: string) {",
        "  await ratelimit.limit(ip);",
        "}",
      ].join("\n"),
    );
    const route = path.join(dir, "route.ts");
    const code = 'import { loadProjects, protect } from "./helpers";\nexport async function GET() {}\n';
    withContext(
      route,
      (context) => {
        const limiter = { textTest: (text: string) => text.includes("ratelimit"), declarationOnly: true };
        // the module mentions a limiter, but not in `loadProjects`: not converted, no definition
        expect(definitionOf(context, identifier("loadProjects"), limiter)).toBeUndefined();
        expect(resolveStats().filesParsed).toBe(0);
        // `protect` itself holds one: the file is converted (from the tree built for the first lookup)
        const found = definitionOf(context, identifier("protect"), limiter);
        expect(found?.node.type).toBe("FunctionDeclaration");
        expect(found?.node.loc.start).toEqual({ line: 6, column: 7 }); // after `export `
        expect(found?.node.parent?.type).toBe("ExportNamedDeclaration");
        expect(resolveStats().filesParsed).toBe(1);
        // a lookup without the option finds what the first one turned away
        expect(definitionOf(context, identifier("loadProjects"))?.node.type).toBe("FunctionDeclaration");
        expect(resolveStats().filesParsed).toBe(1);
      },
      code,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it("runs a lookup's text pre-test once per file, test and name, and again when the file changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    const helpers = path.join(dir, "helpers.ts");
    fs.writeFileSync(helpers, "export async function loadProjects(userId: string) {\n  return userId;\n}\n");
    const route = path.join(dir, "route.ts");
    const code = 'import { loadProjects } from "./helpers";\nexport async function GET() {}\n';
    const seen: string[] = [];
    const limiter = { textTest: (text: string, name: string) => (seen.push(name), text.includes("ratelimit")) };
    withContext(route, (context) => {
      expect(definitionOf(context, identifier("loadProjects"), limiter)).toBeUndefined();
      expect(definitionOf(context, identifier("loadProjects"), limiter)).toBeUndefined();
    }, code);
    // a second linted file asking the same: answered from the first
    withContext(route, (context) => expect(definitionOf(context, identifier("loadProjects"), limiter)).toBeUndefined(), code);
    expect(seen).toEqual(["loadProjects"]);
    expect(resolveStats().filesParsed).toBe(0);
    // another test of the same file is run; a lookup without one still finds the definition
    withContext(route, (context) => expect(definitionOf(context, identifier("loadProjects"))?.node.type).toBe("FunctionDeclaration"), code);
    // the file changes: its text is tested again
    fs.writeFileSync(helpers, 'import { ratelimit } from "./limits";\nexport async function loadProjects(ip: string) {\n  await ratelimit.limit(ip);\n}\n');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(helpers, later, later);
    withContext(route, (context) => expect(definitionOf(context, identifier("loadProjects"), limiter)?.node.type).toBe("FunctionDeclaration"), code);
    expect(seen).toEqual(["loadProjects", "loadProjects"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("gives undefined for a file that does not parse", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    const file = path.join(dir, "broken.ts");
    fs.writeFileSync(file, "export const = ;\n");
    expect(parseFile(file)).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  it("reads the definitions of a file with a grammar error the TypeScript parser lets through (tsc would report it)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    const file = path.join(dir, "odd.ts");
    fs.writeFileSync(file, "class A { m(private x: number) {} }\nexport function requireUser() { return 1; }\n");
    expect(parseFile(file)?.exports.has("requireUser")).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("resolve: classifying wrappers, clients and helpers", () => {
  const route = path.join(FIXTURES, "app-one/src/app/api/links/route.ts");

  it("classifies route wrappers by their definitions", () => {
    const verdicts = withContext(route, (context, program) =>
      Object.fromEntries(
        ["POST", "PUT", "PATCH", "DELETE", "GET", "HEAD", "OPTIONS"].map((name) => [
          name,
          classifyWrapper(context, exportedCall(program, name), config),
        ]),
      ),
    );
    expect(verdicts).toEqual({
      POST: "yes", // withWorkspace: getSession() checked, throws (inside withLogging(...))
      PUT: "yes", // withAdmin through a barrel's `export { withAdmin } from`
      PATCH: "yes", // the same through an exact tsconfig alias
      DELETE: "no", // withError only catches errors
      GET: "unknown", // a package
      HEAD: "yes", // a local wrapper comparing a header with an env secret
      OPTIONS: "unknown", // an import that does not resolve
    });
  });

  it("trusts names in authWrappers without resolving", () => {
    const custom = authConfig({ authFunctions: [], authWrappers: ["withError"] });
    const verdict = withContext(route, (context, program) => classifyWrapper(context, exportedCall(program, "DELETE"), custom));
    expect(verdict).toBe("yes");
  });

  it("tells the bare base client from authenticated clients of the same app", () => {
    const verdicts = withContext(route, (context) => ({
      actionClient: classifySafeActionClient(context, identifier("actionClient"), config),
      authActionClient: classifySafeActionClient(context, identifier("authActionClient"), config),
      adminActionClient: classifySafeActionClient(context, identifier("adminActionClient"), config),
    }));
    expect(verdicts).toEqual({ actionClient: "no", authActionClient: "yes", adminActionClient: "yes" });
  });

  it("the same name is authenticated in another app (relative import, base client in the same file)", () => {
    const actions = path.join(FIXTURES, "app-two/app/actions.ts");
    const verdicts = withContext(actions, (context) => ({
      actionClient: classifySafeActionClient(context, identifier("actionClient"), config),
      publicActionClient: classifySafeActionClient(context, identifier("publicActionClient"), config),
    }));
    expect(verdicts).toEqual({ actionClient: "yes", publicActionClient: "no" });
  });

  it("classifies helpers: guards, returns a session, validates", () => {
    const result = withContext(
      route,
      (context, program) => {
        const calls: Record<string, TSESTree.CallExpression> = {};
        for (const statement of program.body) {
          if (statement.type !== "ExpressionStatement" || statement.expression.type !== "CallExpression") continue;
          calls[(statement.expression.callee as TSESTree.Identifier).name] = statement.expression;
        }
        return {
          getUserFromRequest: classifyAuthHelper(context, calls.getUserFromRequest!, config),
          getTeamForUser: classifyAuthHelper(context, calls.getTeamForUser!, config),
          readBody: classifyAuthHelper(context, calls.readBody!, config),
          readBodyValidates: helperValidates(context, identifier("readBody"), new Set()),
          readJsonValidates: helperValidates(context, identifier("readJson"), new Set()),
          unknownValidates: helperValidates(context, identifier("withAxiom"), new Set()),
          createLinkInputIsSchema: isSchemaDefinition(context, identifier("createLinkInput")),
          readBodyIsSchema: isSchemaDefinition(context, identifier("readBody")),
        };
      },
      `import { readBody, readJson, getUserFromRequest, getTeamForUser, createLinkInput } from "@/lib/helpers";
       import { withAxiom } from "next-axiom";
       getUserFromRequest(); getTeamForUser("t"); readBody(req);`,
    );
    expect(result).toEqual({
      getUserFromRequest: "returns-session",
      getTeamForUser: "guards",
      readBody: undefined,
      readBodyValidates: true,
      readJsonValidates: false,
      unknownValidates: undefined,
      createLinkInputIsSchema: true,
      readBodyIsSchema: false,
    });
  });

  it("a helper's verdict does not depend on which call was classified first", () => {
    // a() -> b() -> c() -> d() -> e(), and only e() checks the session: four definitions deep from a()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ba-resolve-"));
    const chain = ["a", "b", "c", "d"];
    chain.forEach((name, i) => {
      const next = chain[i + 1] ?? "e";
      fs.writeFileSync(path.join(dir, `${name}.ts`), `import { ${next} } from "./${next}";\nexport async function ${name}() { await ${next}(); }\n`);
    });
    fs.writeFileSync(path.join(dir, "e.ts"), 'export async function e() { const s = await getSession(); if (!s) throw new Error("Unauthorized"); }\n');
    const file = path.join(dir, "route.ts");
    const code = 'import { a } from "./a";\nimport { d } from "./d";\nd(); a();\n';
    const classify = (order: ("a" | "d")[]): Record<string, unknown> =>
      withContext(
        file,
        (context, program) => {
          const calls = new Map<string, TSESTree.CallExpression>();
          for (const statement of program.body) {
            if (statement.type === "ExpressionStatement" && statement.expression.type === "CallExpression") {
              calls.set((statement.expression.callee as TSESTree.Identifier).name, statement.expression);
            }
          }
          return Object.fromEntries(order.map((name) => [name, classifyAuthHelper(context, calls.get(name)!, config)]));
        },
        code,
      );
    clearResolveCache();
    const aFirst = classify(["a", "d"]);
    clearResolveCache();
    const dFirst = classify(["d", "a"]);
    expect(aFirst).toEqual({ a: undefined, d: "guards" });
    expect(dFirst).toEqual(aFirst);
    fs.rmSync(dir, { recursive: true });
  });

  it("does not parse a module whose text cannot define a schema to tell whether a name is one", () => {
    clearResolveCache();
    const withError = path.join(FIXTURES, "app-one/src/lib/with-error.ts");
    expect(mayDefineSchema(fs.readFileSync(withError, "utf8"))).toBe(false);
    const answer = withContext(route, (context) => isSchemaDefinition(context, identifier("withError")));
    expect(answer).toBe(false);
    expect(resolveStats().filesParsed).toBe(0);
  });

  it("the schema text pre-test passes every definition isSchemaLike takes for a schema", () => {
    const definitions = [
      "UserSchema",
      "userValidator",
      "ZUserId",
      "schemas.user",
      "ZBase.extend({ id: z.string() })",
      "z.object({ name: z.string() })",
      "zod.string().email()",
      "v.object({})",
      "yup.object()",
      "Joi.object({})",
      "Type.Object({})",
      "typia.createIs()",
      "zfd({ name: text() })",
      "object({ name: string() })",
      "strictObject({})",
      "looseObject({})",
      "z.string",
      "(userSchema as unknown as ZodType)",
      "models.schema.pick({ id: true })",
      "\\u007a.object({})",
    ];
    for (const init of definitions) {
      const code = `export const value = ${init};`;
      const program = tsParser.parse(code, { range: true }) as TSESTree.Program;
      const declaration = (program.body[0] as TSESTree.ExportNamedDeclaration).declaration as TSESTree.VariableDeclaration;
      if (!init.startsWith("\\u")) expect(isSchemaLike(declaration.declarations[0]!.init!), init).toBe(true);
      expect(mayDefineSchema(code), init).toBe(true);
    }
    expect(mayDefineSchema(`export const LIMIT = 10; export function withError(handler) { return handler; }`)).toBe(false);
  });

  it("parses a shared definition once for many lookups", () => {
    clearResolveCache();
    withContext(route, (context) => {
      for (let i = 0; i < 20; i++) classifySafeActionClient(context, identifier("authActionClient"), config);
    });
    const { filesParsed } = resolveStats();
    withContext(route, (context) => classifySafeActionClient(context, identifier("authActionClient"), config));
    expect(resolveStats().filesParsed).toBe(filesParsed);
  });
});
