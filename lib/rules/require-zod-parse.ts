import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { memberChainName, propertyName } from "../util/ast.js";
import { authConfig } from "../analysis/auth.js";
import { createInputFlow, type InputFlow, type InputFlowResult, type InputSink, type TrustedValue } from "../analysis/input-flow.js";
import { createRequestValues, type RequestValues } from "../analysis/request-values.js";
import { isMemoWrapper, type RequestBoundary } from "../analysis/request-boundary.js";
import { verifiedCallerAt } from "../analysis/validation.js";

export type Options = [
  {
    checkUrlParams?: boolean;
    reportUnknownCalls?: boolean;
    trustVerifiedCallers?: boolean;
  },
];
export type MessageIds = "unvalidated" | "actionInputInQuery" | "unvalidatedInHelper";

type SourceKind = "body" | "formData" | "query" | "action-param" | "url-param";

interface Source {
  /** The expression (or parameter) that brings untrusted input in; the report location. */
  node: TSESTree.Node;
  kind: SourceKind;
  /** How the message names it. */
  label: string;
  /** The expression to show inside `Schema.parse(...)` in the message. */
  example: string;
  /** Where the value starts flowing (the source expression, or the binding identifiers of a parameter). */
  starts: TSESTree.Node[];
}

/** A boundary that ESLint's traversal has entered and not yet left. */
interface OpenBoundary {
  /** The function node whose exit closes it. */
  node: TSESTree.Node;
  boundary: RequestBoundary;
  /** Whether its body is searched for request reads (not for server actions, safe actions, tRPC). */
  collects: boolean;
  sources: Source[];
  /** Calls in the handler that receive the request itself (`readBody(req)`, `handleCreate(c)`). */
  helperCalls: TSESTree.CallExpression[];
}

const BODY_METHODS = new Set(["json", "formData"]);

export default createRule<Options, MessageIds>({
  name: "require-zod-parse",
  meta: {
    type: "problem",
    docs: {
      description: "Require request bodies, form data and server action arguments to be validated with a schema before use",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          checkUrlParams: {
            type: "boolean",
            description: "Also require route params, search params, `req.params` and Hono `c.req.param()`/`c.req.query()` to be validated.",
          },
          reportUnknownCalls: {
            type: "boolean",
            description: "Also report an unvalidated value passed to a function whose definition cannot be found.",
          },
          trustVerifiedCallers: {
            type: "boolean",
            description:
              "Trust input that arrives after the caller proved a shared secret or a signature (webhooks, cron jobs, internal endpoints).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkUrlParams: false, reportUnknownCalls: false, trustVerifiedCallers: true }],
    messages: {
      unvalidated:
        "Untrusted input ({{source}}) is used without schema validation, so any shape a client sends reaches your code. Parse it first: `const data = Schema.parse({{example}})`.",
      unvalidatedInHelper:
        "The request body that `{{helper}}` reads from the request is used without schema validation, so any shape a client sends reaches your code. Parse it where it is read: `const data = Schema.parse(await req.json())`.",
      actionInputInQuery:
        "Server action argument `{{name}}` reaches a database query without schema validation: a client can send an object (`{ not: \"\" }`) where a string is typed, or extra columns (mass assignment). Parse it first: `const data = Schema.parse({{name}})`.",
    },
  },
  create(context, [{ checkUrlParams = false, reportUnknownCalls = false, trustVerifiedCallers = true }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    // every finding is a request boundary's
    if (!facts.mayHaveBoundaries) return {};
    const { boundaries, settings } = facts;
    // built on the first boundary: most files have none
    let inputFlow: InputFlow | undefined;
    const flow = (): InputFlow => (inputFlow ??= createInputFlow(context, { validators: new Set(settings.validators), reportUnknownCalls }));
    let values: RequestValues | undefined;
    /** The boundaries ESLint's traversal is inside, innermost last, with what was collected in each so far. */
    const open: OpenBoundary[] = [];

    /** `if (userId !== session.user.id) throw ...`: the value is pinned to the signed-in identity. */
    function identityOf(boundary: RequestBoundary): TrustedValue {
      return (node) => {
        values ??= createRequestValues(context, authConfig(settings));
        const origin = values.originOf(node, boundary);
        return origin !== undefined && origin.identity && origin.request.length === 0;
      };
    }

    function references(pattern: TSESTree.Node, declaration: TSESTree.Node): TSESTree.Identifier[] {
      const result: TSESTree.Identifier[] = [];
      for (const variable of sourceCode.getDeclaredVariables(declaration)) {
        if (!variable.defs.some((d) => d.name.range[0] >= pattern.range[0] && d.name.range[1] <= pattern.range[1])) continue;
        for (const reference of variable.references) {
          if (reference.init || !reference.isRead()) continue;
          result.push(reference.identifier as TSESTree.Identifier);
        }
      }
      return result;
    }

    function paramLoc(param: TSESTree.Node): TSESTree.SourceLocation {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target.type === AST_NODE_TYPES.Identifier) {
        return { start: target.loc.start, end: { line: target.loc.start.line, column: target.loc.start.column + target.name.length } };
      }
      const annotation = "typeAnnotation" in target ? target.typeAnnotation : undefined;
      if (annotation) {
        return { start: target.loc.start, end: sourceCode.getLocFromIndex(annotation.range[0]) };
      }
      return target.loc;
    }

    function isRequestRead(node: TSESTree.Node, request: TSESTree.Identifier): boolean {
      // `req`, `req.clone()`, `c.req`
      let current = node;
      while (
        current.type === AST_NODE_TYPES.CallExpression &&
        current.callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(current.callee) === "clone"
      ) {
        current = current.callee.object;
      }
      return current.type === AST_NODE_TYPES.Identifier && current.name === request.name;
    }

    /**
     * Pages Router `req.query` also carries the dynamic segments of the file path (`[teamId].ts`): those are
     * route params (checked with `checkUrlParams`, like App Router `params`); the rest is the query string.
     */
    function queryStarts(query: TSESTree.MemberExpression, boundary: RequestBoundary): TSESTree.Node[] {
      if (boundary.kind !== "pages-api") return [query];
      const segments = new Set([...context.filename.replaceAll("\\", "/").matchAll(/\[(?:\.\.\.)?(\w+)\]/gu)].map((m) => m[1]!));
      if (segments.size === 0) return [query];
      let node: TSESTree.Node = query;
      while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
        node = node.parent;
      }
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const key = propertyName(parent);
        return key !== undefined && segments.has(key) ? [] : [query];
      }
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        const starts: TSESTree.Node[] = [];
        for (const property of parent.id.properties) {
          const key = property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
          if (key !== undefined && segments.has(key)) continue;
          starts.push(...references(property, parent));
        }
        return starts;
      }
      return [query];
    }

    /**
     * Is `node` the request's URL (`req.nextUrl`, `new URL(req.url)`, a `const url = ...` of either)? A URL
     * built from anything else (a validated body field, a constant) carries no request search params.
     */
    function isRequestUrl(node: TSESTree.Node, request: TSESTree.Identifier, depth: number): boolean {
      if (depth > 3) return false;
      let target = node;
      while (target.type === AST_NODE_TYPES.TSAsExpression || target.type === AST_NODE_TYPES.TSNonNullExpression || target.type === AST_NODE_TYPES.ChainExpression) {
        target = target.expression;
      }
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(target);
        return (name === "nextUrl" || name === "url") && isRequestRead(target.object, request);
      }
      if (target.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === "URL") {
        const first = target.arguments[0];
        return first !== undefined && isRequestUrl(first, request, depth + 1);
      }
      if (target.type === AST_NODE_TYPES.Identifier) {
        if (target.name === request.name) return false;
        const def = findDefinition(target);
        return def !== undefined && isRequestUrl(def, request, depth + 1);
      }
      return false;
    }

    function findDefinition(id: TSESTree.Identifier): TSESTree.Node | undefined {
      for (let scope: ReturnType<typeof sourceCode.getScope> | null = sourceCode.getScope(id); scope; scope = scope.upper) {
        const variable = scope.set.get(id.name);
        if (!variable) continue;
        const def = variable.defs[0];
        return def?.type === "Variable" && def.node.id === def.name && def.node.init ? def.node.init : undefined;
      }
      return undefined;
    }

    /** Source text for messages: one line, without type arguments (`c.req.json<{ ... }>()` -> `c.req.json()`). */
    function sourceText(node: TSESTree.Node): string {
      if (node.type === AST_NODE_TYPES.CallExpression && node.typeArguments) {
        return `${sourceCode.getText(node.callee).replace(/\s+/gu, " ")}(${node.arguments.map((a) => sourceCode.getText(a)).join(", ")})`;
      }
      return sourceCode.getText(node).replace(/\s+/gu, " ");
    }

    /** The untrusted inputs of a server action: its arguments. */
    function actionSources(boundary: RequestBoundary): Source[] {
      const sources: Source[] = [];
      // `validatedAction(schema, async (data, formData) => ...)`: the wrapper supplies the arguments
      if (boundary.wrappers.some((w) => !isMemoWrapper(w))) return sources;
      for (const param of boundary.bindings.inputs) {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target.type === AST_NODE_TYPES.TSParameterProperty) continue;
      const annotation = "typeAnnotation" in target ? target.typeAnnotation : undefined;
      const name =
        target.type === AST_NODE_TYPES.Identifier
          ? target.name
          : sourceCode.text
              .slice(target.range[0], annotation ? annotation.range[0] : target.range[1])
              .replace(/\s+/gu, " ")
              .replace(/,? \}$/u, " }")
              .trim();
      sources.push({ node: param, kind: "action-param", label: `server action argument \`${name}\``, example: name, starts: [target] });
    }
      return sources;
    }

    /**
     * Collects, during ESLint's own traversal, the request reads of the innermost open boundary and the calls
     * in it that receive the request itself (`readBody(req)`, `handleCreate(c)`): walking each handler again
     * was most of this rule's cost in the editor.
     */
    function collect(node: TSESTree.CallExpression | TSESTree.MemberExpression): void {
      const scan = open.at(-1);
      if (!scan?.collects) return;
      const { boundary, sources, helperCalls } = scan;
      const body = boundary.fn.body;
      // the handler's body only, as its parameters are not request reads
      if (node.range[0] < body.range[0] || node.range[1] > body.range[1]) return;
      const { bindings } = boundary;
      const request = bindings.request;
      const hono = bindings.honoContext;
      if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => isRequestArgument(argument, boundary))) {
        helperCalls.push(node);
      }
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(node.callee);
        const object = node.callee.object;
        if (method !== undefined && BODY_METHODS.has(method) && request && isRequestRead(object, request)) {
          const text = sourceText(node);
          sources.push({
            node,
            kind: method === "formData" ? "formData" : "body",
            label: `the request body \`${text}\``,
            example: `await ${text}`,
            starts: [node],
          });
        } else if (hono && object.type === AST_NODE_TYPES.MemberExpression && memberChainName(object) === `${hono.name}.req`) {
          if (method === "json" || method === "parseBody" || method === "formData") {
            const text = sourceText(node);
            sources.push({ node, kind: "body", label: `the request body \`${text}\``, example: `await ${text}`, starts: [node] });
          } else if (checkUrlParams && (method === "param" || method === "query" || method === "queries")) {
            const text = sourceText(node);
            sources.push({ node, kind: "url-param", label: `\`${text}\``, example: text, starts: [node] });
          }
        }
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && request && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === request.name) {
        const name = propertyName(node);
        const isPagesOrExpress = boundary.kind === "pages-api" || boundary.kind === "express";
        if (isPagesOrExpress && (name === "body" || name === "query")) {
          const text = sourceText(node);
          const starts = name === "query" && !checkUrlParams ? queryStarts(node, boundary) : [node];
          if (starts.length > 0) {
            sources.push({ node, kind: name === "body" ? "body" : "query", label: `\`${text}\``, example: text, starts });
          }
        } else if (checkUrlParams && boundary.kind === "express" && name === "params") {
          const text = sourceText(node);
          sources.push({ node, kind: "url-param", label: `\`${text}\``, example: text, starts: [node] });
        }
      }
      if (checkUrlParams && node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === "searchParams" && request && isRequestUrl(node.object, request, 0)) {
        if (!(node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node && propertyName(node.parent) === "set")) {
          const text = sourceText(node);
          sources.push({ node, kind: "url-param", label: `\`${text}\``, example: `Object.fromEntries(${text})`, starts: [node] });
        }
      }
    }

    /** Route params (`params`, `context.params`) of a route handler or Pages API route, with `checkUrlParams`. */
    function paramSources(boundary: RequestBoundary): Source[] {
      const sources: Source[] = [];
      const { fn, bindings } = boundary;
      if (checkUrlParams && (boundary.kind === "route-handler" || boundary.kind === "pages-api")) {
        const params = bindings.params;
        if (params?.via === "binding") {
          sources.push({
            node: params.node,
            kind: "url-param",
            label: "route params `params`",
            example: "await params",
            starts: references(params.node, params.node.parent?.type === AST_NODE_TYPES.Property ? fn : fn),
          });
        } else if (params?.via === "context") {
          for (const ref of references(params.node, fn)) {
            const member = ref.parent;
            if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref && propertyName(member) === "params") {
              const text = sourceText(member);
              sources.push({ node: member, kind: "url-param", label: `route params \`${text}\``, example: `await ${text}`, starts: [member] });
            }
          }
        } else if (bindings.paramPattern) {
          sources.push({
            node: bindings.paramPattern,
            kind: "url-param",
            label: "route params",
            example: "await params",
            starts: references(bindings.paramPattern, fn),
          });
        }
      }
      return sources;
    }

    function check({ boundary, sources: reads, helperCalls }: OpenBoundary): void {
      if (boundary.kind === "safe-action" || boundary.kind === "trpc") return; // validated by construction
      const sources = boundary.kind === "server-action" ? actionSources(boundary) : [...reads, ...paramSources(boundary)];
      // verify, then use: what runs after the caller proved a shared secret is trusted (looked for only
      // when an unvalidated input reaches a sink: most handlers validate, and the search walks the handler)
      let verifiedAt: { at: number | undefined } | undefined;
      const verifiedCaller = (): number | undefined =>
        (verifiedAt ??= { at: trustVerifiedCallers ? verifiedCallerAt(boundary.fn, boundary.wrappers) : undefined }).at;
      const reaches = (result: InputFlowResult): InputSink[] =>
        result.validated ? [] : result.sinks.filter((sink) => verifiedCaller() === undefined || sink.node.range[0] < verifiedCaller()!);
      for (const group of groupSources(sources)) {
        const source = group[0]!;
        // a route segment or search param is a string (or null): as a bound equality key it only picks rows
        const sinks = reaches(flow().follow(group.flatMap((s) => s.starts), boundary.fn, identityOf(boundary))).filter(
          (sink) => source.kind !== "url-param" || !sink.equalityKey,
        );
        if (sinks.length === 0) continue;
        if (source.kind === "action-param") {
          const loc = paramLoc(source.node);
          if (sinks.some((sink) => sink.kind !== "call")) {
            context.report({ loc, messageId: "actionInputInQuery", data: { name: source.example } });
          } else {
            context.report({ loc, messageId: "unvalidated", data: { source: source.label, example: source.example } });
          }
        } else {
          context.report({ loc: source.node.loc, messageId: "unvalidated", data: { source: source.label, example: source.example } });
        }
      }
      for (const call of helperCalls) {
        const index = call.arguments.findIndex((argument) => isRequestArgument(argument, boundary));
        const helper = flow().throughRequestHelper(call, index, trustVerifiedCallers);
        if (!helper.reads) continue;
        // `const body = await readBody(req)`: what the helper returns is the body
        const sinks = [...reaches(helper), ...(helper.returned && !helper.validated ? reaches(flow().follow([call], boundary.fn)) : [])];
        if (sinks.length === 0) continue;
        context.report({ loc: call.loc, messageId: "unvalidatedInHelper", data: { helper: `${sourceText(call.callee)}(...)` } });
      }
    }

    function isRequestArgument(argument: TSESTree.Node, boundary: RequestBoundary): boolean {
      const { request, honoContext } = boundary.bindings;
      if (argument.type !== AST_NODE_TYPES.Identifier) return false;
      return argument.name === request?.name || argument.name === honoContext?.name;
    }

    /** `req.body` read in three places is one input: reported once, validated once. */
    function groupSources(sources: Source[]): Source[][] {
      const groups = new Map<string, Source[]>();
      for (const source of sources) {
        const key = source.kind === "action-param" ? `param:${source.node.range[0]}` : `${source.kind}:${source.label}`;
        const group = groups.get(key);
        if (group) group.push(source);
        else groups.set(key, [source]);
      }
      return [...groups.values()];
    }

    function onFunction(node: TSESTree.Node): void {
      const boundary = boundaries.boundaryOf(node);
      if (!boundary) return;
      // safe actions and tRPC procedures are validated by construction; server actions take their arguments
      const collects = boundary.kind !== "server-action" && boundary.kind !== "safe-action" && boundary.kind !== "trpc";
      open.push({ node, boundary, collects, sources: [], helperCalls: [] });
    }

    function onFunctionExit(node: TSESTree.Node): void {
      if (open.at(-1)?.node === node) check(open.pop()!);
    }

    return shareCallListener(context, {
      FunctionDeclaration: onFunction,
      FunctionExpression: onFunction,
      ArrowFunctionExpression: onFunction,
      CallExpression: collect,
      MemberExpression: collect,
      "FunctionDeclaration:exit": onFunctionExit,
      "FunctionExpression:exit": onFunctionExit,
      "ArrowFunctionExpression:exit": onFunctionExit,
    });
  },
});
