import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The variable an identifier refers to, searching outwards from its scope. */
export function findVariable(sourceCode: SourceCode, id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id); scope; scope = scope.upper) {
    const variable = scope.set.get(id.name);
    if (variable) return variable;
  }
  return undefined;
}

/** Strips `x as T`, `x!`, `x satisfies T`, `<T>x` and optional-chain wrappers. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * The initializer of a binding that is never reassigned (`const x = ...`, or a `let` with no write
 * after its declaration), unwrapped; undefined for parameters, imports, destructuring and reassigned bindings.
 */
export function constInitializer(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = findVariable(sourceCode, id);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== "Variable" || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  if (def.parent.kind !== "const" && variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
  return unwrapExpression(def.node.init) as TSESTree.Expression;
}

/** The module an identifier is imported from and the imported name (`"default"`, `"*"` for namespaces). */
export function importOf(
  sourceCode: SourceCode,
  id: TSESTree.Identifier,
): { source: string; imported: string } | undefined {
  const variable = findVariable(sourceCode, id);
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === "ImportBinding") {
    const declaration = def.parent as TSESTree.ImportDeclaration;
    const source = declaration.source.value;
    switch (def.node.type) {
      case AST_NODE_TYPES.ImportSpecifier:
        return {
          source,
          imported: def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value,
        };
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return { source, imported: "default" };
      default:
        return { source, imported: "*" };
    }
  }
  // const x = require("m"), const { a } = require("m")
  if (def.type === "Variable" && def.node.init) {
    const init = unwrapExpression(def.node.init);
    if (
      init.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === "require" &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      typeof init.arguments[0].value === "string"
    ) {
      const source = init.arguments[0].value;
      if (def.node.id.type === AST_NODE_TYPES.Identifier) return { source, imported: "*" };
      if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of def.node.id.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            property.value.type === AST_NODE_TYPES.Identifier &&
            property.value.name === id.name &&
            property.key.type === AST_NODE_TYPES.Identifier
          ) {
            return { source, imported: property.key.name };
          }
        }
      }
    }
  }
  return undefined;
}

/** True when no binding of this name is declared in scope (a global such as `cookies` in a snippet). */
export function isUnbound(sourceCode: SourceCode, id: TSESTree.Identifier): boolean {
  return findVariable(sourceCode, id) === undefined;
}
