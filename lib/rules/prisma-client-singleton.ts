import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, skipTransparentParents, type FunctionNode } from "../util/ast.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { mentions } from "../analysis/file-facts.js";

export type Options = [
  {
    requireGlobalCache?: boolean;
    ignore?: string[];
  },
];
export type MessageIds = "clientPerCall" | "missingGlobalCache";

export const DEFAULT_IGNORE = [
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/scripts/**",
  "**/prisma/seed.*",
  "**/seed/**",
];

/** What happens to a freshly created client, as far as this file shows. */
type Fate = "cached" | "returned" | "unknown" | "discarded";

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
    if (!mentions(context, ["PrismaClient"]) || matchesAnyGlob(context, ignore)) return {};
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
      const scope = findVariable(id)?.scope;
      return scope?.type === "module" || scope?.type === "global";
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
          return isLongLivedTarget(parent.left) ? "cached" : "discarded";
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
      return fate === "discarded";
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
        if (createsPerCall(node, node, 0)) context.report({ node, messageId: "clientPerCall" });
      },
      "Program:exit"() {
        if (!requireGlobalCache || writesGlobal) return;
        for (const node of new Set(moduleLevelClients)) context.report({ node, messageId: "missingGlobalCache" });
      },
    };
  },
});

