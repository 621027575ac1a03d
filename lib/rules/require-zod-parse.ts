import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isFunction, memberChainName, propertyName } from "../util/ast.js";
import { isMemoWrapper, type RequestBoundary } from "../analysis/request-boundary.js";
import { helperValidates, isSchemaDefinition } from "../analysis/resolve.js";
import { isValidatedSink, validatorCall } from "../analysis/validation.js";
import { walk } from "../analysis/walk.js";

export type Options = [
  {
    checkUrlParams?: boolean;
    reportUnknownCalls?: boolean;
  },
];
export type MessageIds = "unvalidated" | "actionInputInQuery";

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

/** `unknown-call`: handed to a function the rule cannot see (neutral unless `reportUnknownCalls`). */
type Use = "validated" | "query" | "member" | "cast" | "call" | "unknown-call" | "neutral";

/** Calls that hand their argument on unchanged (as far as validation goes). */
const TRANSPARENT_CALLS = new Set([
  "String",
  "Number",
  "BigInt",
  "JSON.parse",
  "JSON.stringify",
  "structuredClone",
  "Object.fromEntries",
  "Object.assign",
  "decodeURIComponent",
  "encodeURIComponent",
  "parseInt",
  "parseFloat",
]);
/** Calls that only look at a value (logging, responses, type checks): a use that is not a risk. */
const NEUTRAL_CALLS = /^(?:console\.\w+|logger\.\w+|log\.\w+|\w*[Ll]ogger\.\w+|NextResponse\.json|Response\.json|Array\.isArray|Boolean|Object\.keys|Object\.values|Object\.entries|isNaN|Number\.isNaN|Number\.isInteger|Number\.isFinite|captureException|Sentry\.\w+)$/u;
const FORM_METHODS = new Set(["get", "getAll"]);
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
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkUrlParams: false, reportUnknownCalls: false }],
    messages: {
      unvalidated:
        "Untrusted input ({{source}}) is used without schema validation, so any shape a client sends reaches your code. Parse it first: `const data = Schema.parse({{example}})`.",
      actionInputInQuery:
        "Server action argument `{{name}}` reaches a database query without schema validation: a client can send an object (`{ not: \"\" }`) where a string is typed, or extra columns (mass assignment). Parse it first: `const data = Schema.parse({{name}})`.",
    },
  },
  create(context, [{ checkUrlParams = false, reportUnknownCalls = false }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    const { boundaries, settings } = facts;
    const validators = new Set(settings.validators);
    const db = facts.queries;
    const isKnownSchema = (id: TSESTree.Identifier): boolean => isSchemaDefinition(context, id);

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

    function findVariable(id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id); scope; scope = scope.upper) {
        const variable = scope.set.get(id.name);
        if (variable) return variable;
      }
      return undefined;
    }

    /** Is `node` among the nodes the validator call validates (allowing wrappers such as `await`, objects, arrays)? */
    function validatedBy(call: TSESTree.CallExpression, node: TSESTree.Node): boolean {
      const validated = validatorCall(call, validators, isKnownSchema);
      if (!validated) return false;
      return validated.some((argument) => argument.range[0] <= node.range[0] && node.range[1] <= argument.range[1]);
    }

    function calleeText(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
      return memberChainName(call.callee);
    }

    /** Where the value of `node` goes: every use, following bindings within the function. */
    function usesOf(node: TSESTree.Node, kind: SourceKind, seen: Set<TSESTree.Node>, depth: number): Use[] {
      if (depth > 12 || seen.has(node)) return [];
      seen.add(node);
      const parent = node.parent;
      if (!parent) return ["neutral"];
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) return ["neutral"];
          return usesOf(parent, kind, seen, depth + 1);
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSTypeAssertion: {
          const uses = usesOf(parent, kind, seen, depth + 1);
          // a cast on the way into a function the rule cannot see is that function's business
          if (uses.length > 0 && uses.every((u) => u === "unknown-call")) return uses;
          return uses.includes("validated") ? uses : [...uses, "cast"];
        }
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.operator === "&&" && parent.left === node) return ["neutral"];
          return usesOf(parent, kind, seen, depth + 1);
        case AST_NODE_TYPES.Property:
          if (parent.value !== node) return ["neutral"];
          return parent.parent.type === AST_NODE_TYPES.ObjectExpression ? usesOf(parent.parent, kind, seen, depth + 1) : ["neutral"];
        case AST_NODE_TYPES.SpreadElement:
          if (parent.parent.type === AST_NODE_TYPES.CallExpression || parent.parent.type === AST_NODE_TYPES.NewExpression) {
            return callUses(parent.parent, parent, kind, seen, depth);
          }
          return usesOf(parent.parent, kind, seen, depth + 1);
        case AST_NODE_TYPES.ArrayExpression:
        case AST_NODE_TYPES.TemplateLiteral:
          if (parent.type === AST_NODE_TYPES.TemplateLiteral && parent.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) {
            return db.getQuery(parent.parent) ? ["query"] : ["neutral"];
          }
          return parent.type === AST_NODE_TYPES.ArrayExpression ? usesOf(parent, kind, seen, depth + 1) : ["neutral"];
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          if (parent.callee === node) return ["neutral"];
          return callUses(parent, node, kind, seen, depth);
        case AST_NODE_TYPES.MemberExpression:
          if (parent.object !== node) return ["neutral"];
          return memberUses(parent, kind, seen, depth);
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init !== node) return ["neutral"];
          return bindingUses(parent.id, parent, kind, seen, depth);
        case AST_NODE_TYPES.AssignmentExpression: {
          if (parent.right !== node || parent.left.type !== AST_NODE_TYPES.Identifier) return ["neutral"];
          const variable = findVariable(parent.left);
          if (!variable) return ["neutral"];
          return variable.references
            .filter((r) => r.isRead() && r.identifier.range[0] > parent.range[0])
            .flatMap((r) => usesOf(r.identifier as TSESTree.Identifier, kind, seen, depth + 1));
        }
        default:
          return ["neutral"];
      }
    }

    function bindingUses(pattern: TSESTree.Node, declaration: TSESTree.Node, kind: SourceKind, seen: Set<TSESTree.Node>, depth: number): Use[] {
      const refs = references(pattern, declaration);
      if (refs.length === 0) return ["neutral"];
      return refs.flatMap((ref) => usesOf(ref, kind, seen, depth + 1));
    }

    /** `typeof x.y === "string"` in a condition that guards `node` (a run-time type check written by hand). */
    function typeCheckedBy(node: TSESTree.Node, text: string): boolean {
      const isTypeofCheck = (test: TSESTree.Node): boolean => {
        let found = false;
        walk(test, (n) => {
          if (found || isFunction(n)) return false;
          if (n.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/u.test(n.operator)) {
            for (const side of [n.left, n.right]) {
              if (side.type === AST_NODE_TYPES.UnaryExpression && side.operator === "typeof" && sourceCode.getText(side.argument) === text) {
                found = true;
              }
            }
          }
          return !found;
        });
        return found;
      };
      for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (isFunction(parent)) return false;
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && isTypeofCheck(parent.test)) return true;
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === child && isTypeofCheck(parent.test)) return true;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && parent.right === child && isTypeofCheck(parent.left)) return true;
      }
      return false;
    }

    function memberUses(member: TSESTree.MemberExpression, kind: SourceKind, seen: Set<TSESTree.Node>, depth: number): Use[] {
      const name = propertyName(member);
      // `typeof req.query.path === "string"`: a hand-written run-time check, not a use
      if (member.parent.type === AST_NODE_TYPES.UnaryExpression && member.parent.operator === "typeof") return ["neutral"];
      if (typeCheckedBy(member, sourceCode.getText(member))) return ["neutral"];
      const call = member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : undefined;
      // FormData / URLSearchParams: `.get("x")` is the value itself
      if (call && name !== undefined && (FORM_METHODS.has(name) || name === "entries" || name === "values")) {
        return usesOf(call, kind, seen, depth + 1);
      }
      if (call && name !== undefined && /^(?:has|keys|forEach|toString)$/u.test(name)) return ["neutral"];
      const derived = call ?? member;
      const uses = usesOf(derived, kind, seen, depth + 1);
      return uses.includes("validated") ? uses : [...uses, "member"];
    }

    function callUses(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      argument: TSESTree.Node,
      kind: SourceKind,
      seen: Set<TSESTree.Node>,
      depth: number,
    ): Use[] {
      const name = calleeText(call);
      if (call.type === AST_NODE_TYPES.NewExpression) return reportUnknownCalls ? ["call"] : ["unknown-call"];
      if (name !== undefined && TRANSPARENT_CALLS.has(name)) return usesOf(call, kind, seen, depth + 1);
      if (validatedBy(call, argument) || isValidatedSink(call)) return ["validated"];
      if (db.getQuery(call)) return ["query"];
      if (name !== undefined && NEUTRAL_CALLS.test(name)) return ["neutral"];
      const callee = call.callee;
      if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) {
        const verdict = helperValidates(context, callee, validators);
        if (verdict === true) return ["validated"];
        if (verdict === false) return ["call"];
      }
      return reportUnknownCalls ? ["call"] : ["unknown-call"];
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

    /** Source text for messages: one line, without type arguments (`c.req.json<{ ... }>()` -> `c.req.json()`). */
    function sourceText(node: TSESTree.Node): string {
      if (node.type === AST_NODE_TYPES.CallExpression && node.typeArguments) {
        return `${sourceCode.getText(node.callee).replace(/\s+/gu, " ")}(${node.arguments.map((a) => sourceCode.getText(a)).join(", ")})`;
      }
      return sourceCode.getText(node).replace(/\s+/gu, " ");
    }

    /** The untrusted inputs of a boundary. */
    function sourcesOf(boundary: RequestBoundary): Source[] {
      const sources: Source[] = [];
      const { fn, bindings } = boundary;
      if (boundary.kind === "server-action") {
        // `validatedAction(schema, async (data, formData) => ...)`: the wrapper supplies the arguments
        if (boundary.wrappers.some((w) => !isMemoWrapper(w))) return sources;
        for (const param of bindings.inputs) {
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
          const starts = references(target, fn);
          sources.push({ node: param, kind: "action-param", label: `server action argument \`${name}\``, example: name, starts });
        }
        return sources;
      }
      const request = bindings.request;
      const hono = bindings.honoContext;
      walk(fn.body, (node) => {
        if (node !== fn && isFunction(node) && boundaries.boundaryOf(node)) return false;
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
        if (checkUrlParams && node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === "searchParams") {
          if (!(node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node && propertyName(node.parent) === "set")) {
            const text = sourceText(node);
            sources.push({ node, kind: "url-param", label: `\`${text}\``, example: `Object.fromEntries(${text})`, starts: [node] });
          }
        }
        return true;
      });
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

    function check(boundary: RequestBoundary): void {
      if (boundary.kind === "safe-action" || boundary.kind === "trpc") return; // validated by construction
      for (const source of sourcesOf(boundary)) {
        const seen = new Set<TSESTree.Node>();
        const uses = source.starts.flatMap((start) => usesOf(start, source.kind, seen, 0));
        if (uses.includes("validated")) continue;
        const reportable = uses.includes("query") ? "query" : uses.find((u) => u === "member" || u === "cast" || u === "call");
        if (!reportable) continue;
        const loc = source.kind === "action-param" ? paramLoc(source.node) : source.node.loc;
        if (source.kind === "action-param" && reportable === "query") {
          context.report({ loc, messageId: "actionInputInQuery", data: { name: source.example } });
        } else {
          context.report({ loc, messageId: "unvalidated", data: { source: source.label, example: source.example } });
        }
      }
    }

    function onFunction(node: TSESTree.Node): void {
      const boundary = boundaries.boundaryOf(node);
      if (boundary) check(boundary);
    }

    return {
      "FunctionDeclaration:exit": onFunction,
      "FunctionExpression:exit": onFunction,
      "ArrowFunctionExpression:exit": onFunction,
    };
  },
});
