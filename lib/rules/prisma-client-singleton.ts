import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { runsAsStandaloneProcess } from "../analysis/package-runtime.js";
import { isOneOffScript } from "../analysis/scripts.js";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isFunction as isFunctionNode, skipTransparentParents, type FunctionNode } from "../util/ast.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { mentions } from "../analysis/file-facts.js";

export type Options = [
  {
    requireGlobalCache?: boolean;
    ignore?: string[];
  },
];
export type MessageIds = "clientPerCall" | "missingGlobalCache";

/** Tests, test harnesses, benchmarks, seeds and one-off scripts: they run once and exit, and no `next dev` reloads them. */
export const DEFAULT_IGNORE = [
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  "**/playwright/**",
  "**/integration/**",
  "**/*.bench.*",
  "**/bench/**",
  "**/benchmarks/**",
  "**/scripts/**",
  "**/prisma/seed.*",
  "**/seed.*",
  "**/seed/**",
  "**/seeds/**",
];

/** Prisma driver adapters over HTTP: no connection pool behind the client. */
const HTTP_ADAPTERS = new Set(["PrismaPlanetScale", "PrismaNeonHTTP", "PrismaNeonHttp", "PrismaD1"]);

/** What happens to a freshly created client, as far as this file shows. */
type Fate = "cached" | "returned" | "unknown" | "discarded";

/** The pre-test: a client is created with `new PrismaClient(...)`. */
const CLIENT_WORDS = ["PrismaClient"];

export default createRule<Options, MessageIds>({
  name: "prisma-client-singleton",
  meta: {
    type: "problem",
    docs: {
      description: "Require one PrismaClient per process instead of one per call",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          requireGlobalCache: {
            type: "boolean",
            description: "Also require a module-level client to be cached on `globalThis` (the Next.js dev pattern).",
          },
          ignore: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Globs (relative to the ESLint cwd) of files where a client per call is fine.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireGlobalCache: false, ignore: DEFAULT_IGNORE }],
    messages: {
      clientPerCall:
        "`new PrismaClient()` runs on every call of this function, so each request opens its own connection pool and serverless instances exhaust the database's connections. Create the client once at module level (cached on `globalThis`) and import it.",
      missingGlobalCache:
        "This PrismaClient is not cached on `globalThis`, so every hot reload in `next dev` opens another connection pool. Use `globalThis.prisma ?? new PrismaClient()` and store the client on `globalThis` outside production.",
    },
  },
  create(context, [{ requireGlobalCache = false, ignore = DEFAULT_IGNORE }]) {
    // every finding is a `new PrismaClient()` (`PrismaClient` imported under another name included)
    if (!mentions(context, CLIENT_WORDS) || matchesAnyGlob(context, ignore)) return {};
    const { sourceCode } = context;
    const globalAliases = new Set(["globalThis", "global", "window"]);
    const moduleLevelClients: TSESTree.NewExpression[] = [];
    let writesGlobal = false;

    function isPrismaClientConstructor(callee: TSESTree.Expression): boolean {
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (callee.name === "PrismaClient") return true;
        return importedName(callee) === "PrismaClient";
      }
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === "PrismaClient"
      );
    }

    /** `import { PrismaClient as Client } from "..."` -> "PrismaClient" for `Client`. */
    function importedName(id: TSESTree.Identifier): string | undefined {
      const variable = findVariable(id);
      const def = variable?.defs[0];
      if (def?.type !== "ImportBinding" || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
      const imported = def.node.imported;
      return imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
    }

    function findVariable(id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
      return ASTUtils.findVariable(sourceCode.getScope(id), id) ?? undefined;
    }

    function isModuleLevelVariable(id: TSESTree.Identifier): boolean {
      const variable = findVariable(id);
      const scope = variable?.scope;
      if (scope?.type === "module" || scope?.type === "global") return true;
      // inside `class Holder { ... }`, `Holder` is the class's own binding: long-lived when the class is declared at module level
      const def = variable?.defs[0];
      return def?.type === "ClassName" && enclosingFunction(def.node) === undefined;
    }

    /** `globalThis.x`, `global.x`, `globalForPrisma.x` (an alias of globalThis), `Holder.instance` on a module-level binding. */
    function isLongLivedTarget(target: TSESTree.Node): boolean {
      if (target.type === AST_NODE_TYPES.Identifier) return isModuleLevelVariable(target);
      if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
      let root: TSESTree.Node = target;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      return globalAliases.has(root.name) || isModuleLevelVariable(root);
    }

    function isGlobalTarget(target: TSESTree.Node): boolean {
      if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
      let root: TSESTree.Node = target;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      return root.type === AST_NODE_TYPES.Identifier && globalAliases.has(root.name);
    }

    /** Follows a value up through expressions that hand it on unchanged, to the place it ends up. */
    function fateOf(start: TSESTree.Node, depth: number): Fate {
      let node = skipTransparentParents(start);
      for (;;) {
        const parent = node.parent;
        if (!parent) return "discarded";
        if (
          (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === node) ||
          (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
          // `new PrismaClient().$extends(...)` is still the one client
          (parent.type === AST_NODE_TYPES.MemberExpression &&
            parent.object === node &&
            parent.parent.type === AST_NODE_TYPES.CallExpression &&
            parent.parent.callee === parent &&
            /^\$extends$/u.test(sourceCode.getText(parent.property)))
        ) {
          node = skipTransparentParents(parent.type === AST_NODE_TYPES.MemberExpression ? parent.parent : parent);
          continue;
        }
        break;
      }
      const parent = node.parent;
      if (!parent) return "discarded";
      switch (parent.type) {
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right !== node) return "unknown";
          if (parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.object.type === AST_NODE_TYPES.ThisExpression) {
            return "unknown"; // a field of an instance: a singleton only if the instance is one
          }
          if (isLongLivedTarget(parent.left)) return "cached";
          // `client = createClient(url); cache.set(url, client)`: follow the local
          return parent.left.type === AST_NODE_TYPES.Identifier ? fateOfLocal(parent.left, depth) : "discarded";
        case AST_NODE_TYPES.ReturnStatement:
          return "returned";
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node ? "returned" : "unknown";
        case AST_NODE_TYPES.PropertyDefinition:
          return "unknown";
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.id.type === AST_NODE_TYPES.Identifier ? fateOfLocal(parent.id, depth) : "discarded";
        case AST_NODE_TYPES.MemberExpression:
        case AST_NODE_TYPES.ExpressionStatement:
          // `client.user.findMany()`, `client.$on(...)`: used here, kept nowhere
          return "discarded";
        default:
          // handed to a call, an array or an object (`readReplicas({ replicas: [client] })`):
          // it may end up cached, and the code cannot tell
          return "unknown";
      }
    }

    /** A local `const client = new PrismaClient()`: cached or returned later in the function? */
    function fateOfLocal(id: TSESTree.Identifier, depth: number): Fate {
      if (isModuleLevelVariable(id)) return "cached";
      const variable = findVariable(id);
      if (!variable || depth > 3) return "unknown";
      let fate: Fate = "discarded";
      for (const reference of variable.references) {
        if (reference.init || !reference.isRead()) continue;
        const result = fateOf(reference.identifier, depth + 1);
        if (result === "cached") return "cached";
        if (result === "returned" || result === "unknown") fate = result;
      }
      return fate;
    }

    /** The binding that names a function: `function f`, `const f = () => ...`. */
    function functionBinding(fn: FunctionNode): TSESTree.Identifier | undefined {
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
      const parent = fn.parent;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        return parent.id;
      }
      return undefined;
    }

    /**
     * A factory (`const createPrismaClient = () => new PrismaClient()`) is fine when every call
     * in this file runs at module level or caches the result; an exported factory with no local
     * call cannot be judged and stays silent.
     */
    function factoryCreatesPerCall(fn: FunctionNode, origin: TSESTree.NewExpression, depth: number): boolean {
      const binding = functionBinding(fn);
      const variable = binding && findVariable(binding);
      if (!variable || depth > 3) return false;
      for (const reference of variable.references) {
        const call = reference.identifier.parent;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
        if (createsPerCall(call, origin, depth + 1)) return true;
      }
      return false;
    }

    /** Does this expression (a `new PrismaClient()` or a factory call) create a client per call? */
    function createsPerCall(node: TSESTree.Expression, origin: TSESTree.NewExpression, depth: number): boolean {
      const fn = enclosingFunction(node);
      if (!fn) {
        moduleLevelClients.push(origin);
        return false;
      }
      if (fn.parent.type === AST_NODE_TYPES.StaticBlock) return false;
      const fate = fateOf(node, depth);
      if (fate === "returned") return factoryCreatesPerCall(fn, origin, depth);
      return fate === "discarded" && !runsOncePerProcess(fn);
    }

    /**
     * The file's entry point: a function this module alone calls, only from its top level and not in a
     * loop (`async function start() { ... } start();` in a worker thread or a script), or an IIFE there.
     * It runs once per process, so its client is the process's one client.
     */
    function runsOncePerProcess(fn: FunctionNode): boolean {
      const outer = skipTransparentParents(fn);
      const iife = outer.parent;
      if (iife?.type === AST_NODE_TYPES.CallExpression && iife.callee === outer) return runsAtTopLevel(iife);
      const binding = functionBinding(fn);
      const variable = binding && findVariable(binding);
      if (!variable || isExported(fn)) return false;
      const calls = variable.references.filter((reference) => !reference.init);
      return (
        calls.length > 0 &&
        calls.every((reference) => {
          const call = reference.identifier.parent;
          return call.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && runsAtTopLevel(call);
        })
      );
    }

    /** Module-level code outside any function or loop: it runs once, when the module loads. */
    function runsAtTopLevel(node: TSESTree.Node): boolean {
      for (let parent = node.parent; parent; parent = parent.parent) {
        switch (parent.type) {
          case AST_NODE_TYPES.ForStatement:
          case AST_NODE_TYPES.ForInStatement:
          case AST_NODE_TYPES.ForOfStatement:
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
          case AST_NODE_TYPES.ClassBody:
            return false;
          default:
            if (isFunctionNode(parent)) return false;
        }
      }
      return true;
    }

    function isExported(fn: FunctionNode): boolean {
      const statement = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : fn.parent.parent?.parent;
      return statement?.type === AST_NODE_TYPES.ExportNamedDeclaration || statement?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
    }

    /**
     * `new PrismaClient({ datasources: { db: { url } } })` or `{ datasourceUrl: url }` with a URL
     * known only when the function runs (a parameter, a value computed there): a client per
     * database (a test container, a tenant, a probe of another server), which no module-level
     * singleton can replace. A URL from `process.env` or a constant is the app's own database.
     */
    function connectsToRuntimeUrl(node: TSESTree.NewExpression): boolean {
      const options = node.arguments[0];
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return urlsOf(options).some((url) => enclosingFunction(node) !== undefined && isRuntimeValue(url));
    }

    function urlsOf(options: TSESTree.ObjectExpression): TSESTree.Node[] {
      const urls: TSESTree.Node[] = [];
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = propertyKey(property);
        if (key === "datasourceUrl") urls.push(property.value);
        if (key !== "datasources" || property.value.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const source of property.value.properties) {
          if (source.type !== AST_NODE_TYPES.Property || source.value.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const field of source.value.properties) {
            if (field.type === AST_NODE_TYPES.Property && propertyKey(field) === "url") urls.push(field.value);
          }
        }
      }
      return urls;
    }

    function propertyKey(property: TSESTree.Property): string | undefined {
      if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
      return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === "string" ? property.key.value : undefined;
    }

    /** Anything but `process.env.X`, a literal, or a module-level binding. */
    function isRuntimeValue(value: TSESTree.Node): boolean {
      if (value.type === AST_NODE_TYPES.Literal) return false;
      if (value.type === AST_NODE_TYPES.Identifier) return !isModuleLevelVariable(value);
      if (value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.ChainExpression) {
        return !/^(?:process\.env|import\.meta\.env|env)\b/u.test(sourceCode.getText(value));
      }
      if (value.type === AST_NODE_TYPES.LogicalExpression) return isRuntimeValue(value.left) && isRuntimeValue(value.right);
      return true;
    }

    /**
     * `new PrismaClient({ adapter })` over an HTTP driver (PlanetScale's, Neon's HTTP one, D1):
     * each query is a fetch, the client holds no connections, so a reload leaks no pool.
     */
    function usesHttpAdapter(node: TSESTree.NewExpression): boolean {
      const options = node.arguments[0];
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      const adapter = options.properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === "adapter",
      )?.value;
      let value: TSESTree.Node | undefined = adapter;
      if (value?.type === AST_NODE_TYPES.Identifier) {
        const def = findVariable(value)?.defs[0];
        value = def?.type === "Variable" ? (def.node.init ?? undefined) : undefined;
      }
      if (value?.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier) return false;
      const name = importedName(value.callee) ?? value.callee.name;
      return HTTP_ADAPTERS.has(name);
    }

    function noteGlobalWrite(target: TSESTree.Node): void {
      if (isGlobalTarget(target)) writesGlobal = true;
    }

    return {
      VariableDeclarator(node) {
        // `const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }`
        let init = node.init;
        while (
          init &&
          (init.type === AST_NODE_TYPES.TSAsExpression ||
            init.type === AST_NODE_TYPES.TSNonNullExpression ||
            init.type === AST_NODE_TYPES.TSSatisfiesExpression)
        ) {
          init = init.expression;
        }
        if (
          node.id.type === AST_NODE_TYPES.Identifier &&
          init?.type === AST_NODE_TYPES.Identifier &&
          globalAliases.has(init.name)
        ) {
          globalAliases.add(node.id.name);
        }
      },
      AssignmentExpression(node) {
        noteGlobalWrite(node.left);
      },
      NewExpression(node) {
        if (!isPrismaClientConstructor(node.callee)) return;
        if (connectsToRuntimeUrl(node)) return;
        if (createsPerCall(node, node, 0)) context.report({ node, messageId: "clientPerCall" });
      },
      "Program:exit"() {
        // a worker run by `tsx watch` restarts its process on a change, and a one-off script (a seed run by
        // hand, `main().finally(() => prisma.$disconnect())`) exits: no dev server reloads either
        if (!requireGlobalCache || writesGlobal || runsAsStandaloneProcess(context.physicalFilename)) return;
        if (isOneOffScript(sourceCode, context.filename)) return;
        for (const node of new Set(moduleLevelClients)) {
          if (!usesHttpAdapter(node)) context.report({ node, messageId: "missingGlobalCache" });
        }
      },
    };
  },
});

