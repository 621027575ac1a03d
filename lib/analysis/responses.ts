/**
 * HTTP responses: which calls send a response to the client, what body they send and with which status.
 *
 * Public API:
 *
 * ```ts
 * const responses = createResponseDetector(context);   // once per file in create()
 * responses.responseOf(node)   // HttpResponse | undefined for a CallExpression / NewExpression
 * ```
 *
 * Recognised, without type information:
 * - `NextResponse.json(body, init)`, `Response.json(body, init)`, `new Response(body, init)`,
 *   `new NextResponse(body, init)`; the status is `init.status`.
 * - Express / Pages API / Fastify: `res.json(body)`, `res.send(body)`, `res.end(body)`, after
 *   `res.status(500)` / `reply.code(500)` in the same chain; the receiver is a response binding of a
 *   boundary or named `res` / `response` / `reply`.
 * - Hono: `c.json(body, status)`, `c.text(body, status)`, `c.body(body, status)` in a file that imports Hono.
 *
 * Server actions, next-safe-action and tRPC procedures respond with their return value; rules read
 * those from `RequestBoundary.kind` (see `returnsToClient`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import type { RequestBoundary } from "./request-boundary.js";

export interface HttpResponse {
  /** The call that sends the response. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The body expression, when there is one. */
  body: TSESTree.Node | undefined;
  /** The status code when the code says it (a number literal), `"unknown"` when computed, 200 when absent. */
  status: number | "unknown";
}

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "sourceCode">>;

const RESPONSE_CLASSES = new Set(["NextResponse", "Response"]);
const BODY_METHODS = new Set(["json", "send", "end"]);
const STATUS_METHODS = new Set(["status", "code"]);
const HONO_METHODS = new Set(["json", "text", "body", "html"]);
const RESPONSE_NAME = /^(?:res|response|reply)$/u;

/** Boundaries whose function's return value is what the client receives. */
export function returnsToClient(boundary: RequestBoundary): boolean {
  return boundary.kind === "server-action" || boundary.kind === "safe-action" || boundary.kind === "trpc";
}

export function createResponseDetector(context: Context): {
  responseOf(node: TSESTree.Node): HttpResponse | undefined;
} {
  const program = context.sourceCode.ast;
  let honoFile: boolean | undefined;

  function importsHono(): boolean {
    honoFile ??= program.body.some(
      (statement) =>
        statement.type === AST_NODE_TYPES.ImportDeclaration &&
        (statement.source.value === "hono" || statement.source.value.startsWith("hono/") || statement.source.value.startsWith("@hono/")),
    );
    return honoFile;
  }

  function statusOf(node: TSESTree.Node | undefined): number | "unknown" {
    if (!node) return 200;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === "number") return target.value;
    return "unknown";
  }

  /** `{ status: 500, headers }` -> 500; no `status` -> 200; anything the code cannot tell -> "unknown". */
  function initStatus(init: TSESTree.Node | undefined): number | "unknown" {
    if (!init) return 200;
    const target = unwrap(init);
    if (target.type !== AST_NODE_TYPES.ObjectExpression) return "unknown";
    let status: number | "unknown" = 200;
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        status = "unknown";
        continue;
      }
      if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === "status") {
        status = statusOf(property.value);
      }
    }
    return status;
  }

  function responseOf(node: TSESTree.Node): HttpResponse | undefined {
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (node.callee.type !== AST_NODE_TYPES.Identifier || !RESPONSE_CLASSES.has(node.callee.name)) return undefined;
      return { node, body: node.arguments[0], status: initStatus(node.arguments[1]) };
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
      return undefined;
    }
    const method = callee.property.name;
    const receiver = unwrap(callee.object);
    // NextResponse.json(body, init), Response.json(body, init)
    if (method === "json" && receiver.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(receiver.name)) {
      return { node, body: node.arguments[0], status: initStatus(node.arguments[1]) };
    }
    // res.status(500).json(body), res.json(body), reply.code(500).send(body)
    if (BODY_METHODS.has(method)) {
      let status: number | "unknown" = 200;
      let root: TSESTree.Node = receiver;
      while (root.type === AST_NODE_TYPES.CallExpression) {
        const inner = unwrap(root.callee);
        if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.property.type !== AST_NODE_TYPES.Identifier) break;
        if (STATUS_METHODS.has(inner.property.name)) status = statusOf(root.arguments[0]);
        else if (inner.property.name !== "setHeader" && inner.property.name !== "header" && inner.property.name !== "type") break;
        root = unwrap(inner.object);
      }
      if (root.type === AST_NODE_TYPES.Identifier && RESPONSE_NAME.test(root.name)) {
        return { node, body: node.arguments[0], status };
      }
    }
    // Hono: c.json(body, 500)
    if (
      HONO_METHODS.has(method) &&
      receiver.type === AST_NODE_TYPES.Identifier &&
      (receiver.name === "c" || receiver.name === "ctx") &&
      importsHono()
    ) {
      return { node, body: node.arguments[0], status: statusOf(node.arguments[1]) };
    }
    return undefined;
  }

  return { responseOf };
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}
