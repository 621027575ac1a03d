import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts, mentions } from "../analysis/file-facts.js";
import { isFunction, propertyName } from "../util/ast.js";
import { findVariable, unwrapExpression } from "../util/bindings.js";
import { returnsToClient } from "../analysis/responses.js";
import { walk } from "../analysis/walk.js";

export type Options = [
  {
    allowInDevelopment?: boolean;
  },
];
export type MessageIds = "errorDetails";

/** Where an error value comes from. */
interface ErrorSource {
  /** A caught error (`catch (e)`, `.catch((e) => ...)`), or an error a database client returned (Supabase `{ error }`). */
  kind: "caught" | "db";
  variable: TSESLint.Scope.Variable;
  /** The catch clause or `.catch` callback that binds a caught error. */
  handler?: TSESTree.CatchClause | TSESTree.Node;
}

interface Leak {
  node: TSESTree.Node;
  source: ErrorSource;
  what: string;
}

const CAUGHT_DETAILS = new Set(["message", "stack", "cause"]);
const DB_DETAILS = new Set(["message", "details", "hint"]);
const STRING_METHODS = new Set([
  "toString",
  "slice",
  "substring",
  "substr",
  "trim",
  "replace",
  "replaceAll",
  "split",
  "toLowerCase",
  "toUpperCase",
  "concat",
]);
/**
 * A response body or returned value that can hold no error (absent, a literal, JSX: `findLeaks` finds
 * nothing in them) is not kept for the end of the file: most returns of a component file are JSX.
 */
function mayCarryError(value: TSESTree.Node | null | undefined): boolean {
  return value != null && value.type !== AST_NODE_TYPES.Literal && value.type !== AST_NODE_TYPES.JSXElement && value.type !== AST_NODE_TYPES.JSXFragment;
}

/** Calls that check a request's input and throw about it: schema parsing, validation, signature checks. */
const INPUT_CHECKS =
  /^(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|constructEvent|constructEventAsync|verify|handleUpload|(?:validate|assert|verify|check|parse)[A-Z]\w*)$/u;
/** SDKs whose errors carry their details in serializable fields (see `serializesDetails`). */
const DETAILED_ERROR_SDKS = new Set(["axios", "openai", "@anthropic-ai/sdk", "stripe"]);
const DEV_NAME = /^(?:is)?(?:dev|development|debug|prod|production|local)(?:mode|env)?$/iu;

/**
 * Pre-test: an error source is bound only by a catch clause, a `.catch(...)` callback or an `{ error }`
 * pattern (what `bindsErrors` below watches for), so a file without either word has nothing to report.
 */
const ERROR_BINDING_WORDS = ["catch", "error"];

export default createRule<Options, MessageIds>({
  name: "no-error-details-in-response",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow sending caught errors, their messages or stacks to the client",
      recommended: "recommended",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          allowInDevelopment: {
            type: "boolean",
            description:
              "Allow details behind a development check (`process.env.NODE_ENV === \"development\" ? err.message : undefined`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowInDevelopment: true }],
    messages: {
      errorDetails:
        "This response sends {{what}} to the client, which can expose internals such as SQL, file paths, stack traces or third-party messages. Log the error on the server and respond with a generic message (`{ error: \"Something went wrong\" }`).",
    },
  },
  create(context, [{ allowInDevelopment = true }]) {
    const facts = fileFacts(context);
    // every finding leaves through a request boundary; other rules of the config have usually asked already
    if (!facts.mayHaveBoundaries || !mentions(context, ERROR_BINDING_WORDS)) return {};
    const { sourceCode } = context;
    const sources = new Map<TSESLint.Scope.Variable, ErrorSource | null>();
    const reported = new Set<TSESTree.Node>();
    let detailedErrorsFile: boolean | undefined;

    /** Is this variable a caught error, or the `error` a Supabase query returned? */
    function sourceOfVariable(variable: TSESLint.Scope.Variable): ErrorSource | undefined {
      const known = sources.get(variable);
      if (known !== undefined) return known ?? undefined;
      const result = classifyVariable(variable);
      sources.set(variable, result ?? null);
      return result;
    }

    function classifyVariable(variable: TSESLint.Scope.Variable): ErrorSource | undefined {
      const def = variable.defs[0];
      if (!def || variable.defs.length !== 1) return undefined;
      if (def.type === "CatchClause" && def.name.parent === def.node) {
        return { kind: "caught", variable, handler: def.node };
      }
      if (def.type === "Parameter" && isFunction(def.node) && def.node.params[0] === def.name) {
        const fn = def.node;
        const call = fn.parent;
        if (
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.arguments[0] === fn &&
          call.callee.type === AST_NODE_TYPES.MemberExpression &&
          !call.callee.computed &&
          call.callee.property.type === AST_NODE_TYPES.Identifier &&
          call.callee.property.name === "catch"
        ) {
          return { kind: "caught", variable, handler: fn };
        }
      }
      if (def.type === "Variable" && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init) {
        // const { data, error } = await supabase.from("posts").select()
        const property = def.name.parent;
        if (property?.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) return undefined;
        if (property.key.name !== "error" || property.parent !== def.node.id) return undefined;
        let init: TSESTree.Node = unwrapExpression(def.node.init);
        if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrapExpression(init.argument);
        if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
        const query = facts.queries.getQuery(init);
        if (query?.library === "supabase" && query.node === init) return { kind: "db", variable };
      }
      return undefined;
    }

    /** The error source an expression is (the error itself, also through `const e = err as Error`). */
    function errorValue(node: TSESTree.Node, depth = 0): ErrorSource | undefined {
      const target = unwrapExpression(node);
      if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode, target);
      if (!variable) return undefined;
      const source = sourceOfVariable(variable);
      if (source) return source;
      const def = variable.defs[0];
      if (depth < 2 && variable.defs.length === 1 && def?.type === "Variable" && def.node.id === def.name && def.node.init) {
        if (def.parent.kind === "const") return errorValue(def.node.init, depth + 1);
      }
      return undefined;
    }

    /** `const { message } = err`: a detail destructured from an error. */
    function destructuredDetail(variable: TSESLint.Scope.Variable): { source: ErrorSource; key: string } | undefined {
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || !def) return undefined;
      // catch ({ message }) { ... }
      if (def.type === "CatchClause") {
        const property = def.name.parent;
        if (property?.type !== AST_NODE_TYPES.Property || property.parent !== def.node.param) return undefined;
        if (property.key.type !== AST_NODE_TYPES.Identifier || !CAUGHT_DETAILS.has(property.key.name)) return undefined;
        return { source: { kind: "caught", variable, handler: def.node }, key: property.key.name };
      }
      if (def.type !== "Variable" || def.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
      const property = def.name.parent;
      if (property?.type !== AST_NODE_TYPES.Property || property.parent !== def.node.id) return undefined;
      if (property.key.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
      const source = errorValue(def.node.init);
      if (!source) return undefined;
      const key = property.key.name;
      return (source.kind === "caught" ? CAUGHT_DETAILS : DB_DETAILS).has(key) ? { source, key } : undefined;
    }

    function describe(source: ErrorSource, detail?: string): string {
      const owner = source.kind === "caught" ? "the caught error" : "the database error";
      return detail ? `${owner}'s \`${detail}\`` : owner;
    }

    /**
     * Errors of some SDKs serialize their details: Axios through `toJSON()` (message, stack, request headers),
     * OpenAI, Anthropic and Stripe errors through own fields (status, response headers, the provider's error body).
     */
    function serializesDetails(): boolean {
      detailedErrorsFile ??= sourceCode.ast.body.some(
        (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && DETAILED_ERROR_SDKS.has(String(statement.source.value)),
      );
      return detailedErrorsFile;
    }

    /** `process.env.NODE_ENV === "development"`, `isDev`: details meant for development only. */
    function isDevGuard(test: TSESTree.Node): boolean {
      if (!allowInDevelopment) return false;
      let found = false;
      walk(test, (n) => {
        if (found) return false;
        if (n.type === AST_NODE_TYPES.Identifier && (n.name === "NODE_ENV" || n.name === "VERCEL_ENV" || DEV_NAME.test(n.name))) found = true;
        return !found;
      });
      return found;
    }

    /**
     * Collects the expressions in a response body that carry an error or its details. `asValue`: the expression is
     * a property or element of an object the response serializes (JSON, a server action's result), where a whole
     * `Error` keeps only its enumerable fields: its message and stack are dropped.
     */
    function findLeaks(node: TSESTree.Node | undefined, out: Leak[], depth = 0, asValue = false): void {
      if (!node || depth > 8) return;
      const target = unwrapExpression(node);
      const source = errorValue(target);
      if (source) {
        if (asValue && source.kind === "caught" && !serializesDetails()) return;
        out.push({ node: target, source, what: describe(source) });
        return;
      }
      switch (target.type) {
        case AST_NODE_TYPES.AwaitExpression:
          findLeaks(target.argument, out, depth + 1);
          return;
        case AST_NODE_TYPES.Identifier: {
          const variable = findVariable(sourceCode, target);
          if (!variable) return;
          const detail = destructuredDetail(variable);
          if (detail) {
            out.push({ node: target, source: detail.source, what: describe(detail.source, detail.key) });
            return;
          }
          const def = variable.defs[0];
          if (variable.defs.length !== 1 || def?.type !== "Variable" || def.node.id !== def.name || !def.node.init) return;
          if (def.parent.kind !== "const") return;
          const inner: Leak[] = [];
          findLeaks(def.node.init, inner, depth + 1, asValue);
          // `const message = err.message; return json({ message })`: report where it enters the response
          if (inner[0]) out.push({ node: target, source: inner[0].source, what: inner[0].what });
          return;
        }
        case AST_NODE_TYPES.MemberExpression: {
          if (target.computed || target.property.type !== AST_NODE_TYPES.Identifier) return;
          const owner = errorValue(target.object);
          const key = target.property.name;
          if (owner && (owner.kind === "caught" ? CAUGHT_DETAILS : DB_DETAILS).has(key)) {
            out.push({ node: target, source: owner, what: describe(owner, key) });
          }
          return;
        }
        case AST_NODE_TYPES.CallExpression: {
          const callee = unwrapExpression(target.callee);
          if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "String") {
            findLeaks(target.arguments[0], out, depth + 1);
          } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
            const method = callee.property.name;
            const object = unwrapExpression(callee.object);
            if (method === "stringify" && object.type === AST_NODE_TYPES.Identifier && object.name === "JSON") {
              findLeaks(target.arguments[0], out, depth + 1, true);
            } else if (STRING_METHODS.has(method)) {
              findLeaks(callee.object, out, depth + 1);
            }
          }
          return;
        }
        case AST_NODE_TYPES.TemplateLiteral:
          for (const expression of target.expressions) findLeaks(expression, out, depth + 1);
          return;
        case AST_NODE_TYPES.BinaryExpression:
          if (target.operator === "+") {
            findLeaks(target.left, out, depth + 1);
            findLeaks(target.right, out, depth + 1);
          }
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          if (isDevGuard(target.test)) return;
          findLeaks(target.consequent, out, depth + 1, asValue);
          findLeaks(target.alternate, out, depth + 1, asValue);
          return;
        case AST_NODE_TYPES.LogicalExpression:
          if (isDevGuard(target.left)) return;
          findLeaks(target.left, out, depth + 1, asValue);
          findLeaks(target.right, out, depth + 1, asValue);
          return;
        case AST_NODE_TYPES.ObjectExpression:
          for (const property of target.properties) {
            if (property.type === AST_NODE_TYPES.Property) {
              findLeaks(property.value, out, depth + 1, true);
            } else {
              // `{ ...error }` copies a Supabase error's fields; an Error's message and stack are not enumerable
              const spread = errorValue(property.argument);
              if (spread?.kind === "db") out.push({ node: property.argument, source: spread, what: describe(spread) });
              else if (!spread) findLeaks(property.argument, out, depth + 1);
            }
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const element of target.elements) if (element) findLeaks(element, out, depth + 1, true);
          return;
        default:
          return;
      }
    }

    /** `if (err instanceof AppError)`-narrowed (any class but `Error`): its messages are meant for users. */
    function isNarrowedToAppError(node: TSESTree.Node, source: ErrorSource, stop: TSESTree.Node): boolean {
      for (let current: TSESTree.Node = node; current.parent && current !== stop; current = current.parent) {
        const parent: TSESTree.Node = current.parent;
        if (
          (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current) ||
          (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === current) ||
          (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === "&&" && parent.right === current)
        ) {
          const test = parent.type === AST_NODE_TYPES.LogicalExpression ? parent.left : parent.test;
          if (testsAppErrorClass(test, source, false)) return true;
        }
        // `if (!(err instanceof AppError)) throw err;` earlier in the same block
        if (parent.type === AST_NODE_TYPES.BlockStatement) {
          for (const statement of parent.body) {
            if (statement === current) break;
            if (statement.type === AST_NODE_TYPES.IfStatement && testsAppErrorClass(statement.test, source, true) && exitsAlways(statement.consequent)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    function testsAppErrorClass(test: TSESTree.Node, source: ErrorSource, negated: boolean): boolean {
      let target = unwrapExpression(test);
      if (negated) {
        if (target.type !== AST_NODE_TYPES.UnaryExpression || target.operator !== "!") return false;
        target = unwrapExpression(target.argument);
      }
      if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator === "&&" && !negated) {
        return testsAppErrorClass(target.left, source, false) || testsAppErrorClass(target.right, source, false);
      }
      if (!negated && inspectsMessage(target, source)) return true;
      if (target.type !== AST_NODE_TYPES.BinaryExpression || target.operator !== "instanceof") return false;
      if (errorValue(target.left)?.variable !== source.variable) return false;
      const right = unwrapExpression(target.right);
      const className = right.type === AST_NODE_TYPES.Identifier ? right.name : right.type === AST_NODE_TYPES.MemberExpression && right.property.type === AST_NODE_TYPES.Identifier ? right.property.name : undefined;
      return className !== undefined && className !== "Error";
    }

    /**
     * `err.message === "MOVE_INVALID_PARENT"`, `err.message.startsWith("DUPLICATE:")`: the code compares the
     * message with its own text, so it knows what the message says (the app threw it).
     */
    function inspectsMessage(test: TSESTree.Node, source: ErrorSource): boolean {
      const isMessage = (node: TSESTree.Node): boolean => {
        const target = unwrapExpression(node);
        return (
          target.type === AST_NODE_TYPES.MemberExpression &&
          !target.computed &&
          target.property.type === AST_NODE_TYPES.Identifier &&
          target.property.name === "message" &&
          errorValue(target.object)?.variable === source.variable
        );
      };
      if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "===" || test.operator === "==")) {
        return (isMessage(test.left) && test.right.type === AST_NODE_TYPES.Literal) || (isMessage(test.right) && test.left.type === AST_NODE_TYPES.Literal);
      }
      if (test.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrapExpression(test.callee);
        return (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          !callee.computed &&
          callee.property.type === AST_NODE_TYPES.Identifier &&
          ["startsWith", "endsWith", "includes", "match", "test"].includes(callee.property.name) &&
          (isMessage(callee.object) || test.arguments.some(isMessage)) &&
          test.arguments.some((a) => a.type === AST_NODE_TYPES.Literal || a.type === AST_NODE_TYPES.TemplateLiteral || isMessage(a))
        );
      }
      return false;
    }

    /**
     * `try { event = stripe.webhooks.constructEvent(...) } catch (err) { return 400 }`: a try block that only
     * checks its input (schema parse, validation, signature verification) throws errors about that input.
     */
    function onlyChecksInput(handler: TSESTree.Node): boolean {
      if (handler.type !== AST_NODE_TYPES.CatchClause) return false;
      const block = handler.parent.block.body;
      if (block.length === 0) return false;
      return block.every((statement) => {
        // guards (`if (!sig) return ...`) and logging do not throw about anything else
        if (statement.type === AST_NODE_TYPES.IfStatement) return !statement.alternate && exitsAlways(statement.consequent);
        if (statement.type === AST_NODE_TYPES.ExpressionStatement && isLogCall(statement.expression)) return true;
        let expression: TSESTree.Node | null | undefined;
        if (statement.type === AST_NODE_TYPES.ExpressionStatement) expression = statement.expression;
        else if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) expression = statement.declarations[0]!.init;
        else return false;
        if (!expression) return false;
        let target = unwrapExpression(expression);
        if (target.type === AST_NODE_TYPES.AssignmentExpression) target = unwrapExpression(target.right);
        if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
        if (target.type !== AST_NODE_TYPES.CallExpression) return false;
        const callee = unwrapExpression(target.callee);
        const name =
          callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
              ? callee.property.name
              : undefined;
        return name !== undefined && INPUT_CHECKS.test(name);
      });
    }

    function isLogCall(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrapExpression(node.callee);
      const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : callee;
      return root.type === AST_NODE_TYPES.Identifier && /^(?:console|log|logger)$/u.test(root.name);
    }

    function exitsAlways(statement: TSESTree.Statement): boolean {
      if (statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement) return true;
      if (statement.type === AST_NODE_TYPES.BlockStatement) {
        const last = statement.body.at(-1);
        return last !== undefined && exitsAlways(last);
      }
      return false;
    }

    /** Inside `if (process.env.NODE_ENV === "development") { ... }` up to the boundary function. */
    function underDevGuard(node: TSESTree.Node, stop: TSESTree.Node): boolean {
      for (let current: TSESTree.Node = node; current.parent && current !== stop; current = current.parent) {
        const parent: TSESTree.Node = current.parent;
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== current && isDevGuard(parent.test)) return true;
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current && isDevGuard(parent.test)) return true;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current && isDevGuard(parent.left)) return true;
      }
      return false;
    }

    function check(response: TSESTree.Node, body: TSESTree.Node | undefined, status: number | "unknown"): void {
      if (!body) return;
      const boundary = facts.boundaries.enclosingBoundary(response);
      if (!boundary) return;
      const leaks: Leak[] = [];
      // `Response.json(err)`, `res.json(err)`, `c.json(err)`: the body is serialized as JSON
      findLeaks(body, leaks, 0, isJsonResponse(response));
      const serverError = typeof status === "number" && status >= 500 && status < 600;
      const groups = new Set<TSESTree.Node>();
      for (const leak of leaks) {
        if (reported.has(leak.node)) continue;
        if (leak.source.kind === "db" && !serverError) continue;
        if (leak.source.kind === "caught" && !serverError) {
          if (isNarrowedToAppError(response, leak.source, boundary.fn)) continue;
          if (isClientError(status) && leak.source.handler && onlyChecksInput(leak.source.handler)) continue;
        }
        const group = leakGroup(leak.node, body);
        if (groups.has(group)) continue;
        groups.add(group);
        if (underDevGuard(response, boundary.fn)) continue;
        reported.add(leak.node);
        context.report({ node: leak.node, messageId: "errorDetails", data: { what: leak.what } });
      }
    }

    function isJsonResponse(response: TSESTree.Node): boolean {
      if (response.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrapExpression(response.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === "json";
    }

    function isClientError(status: number | "unknown"): boolean {
      return typeof status === "number" && status >= 400 && status < 500;
    }

    /** `err instanceof Error ? err.message : String(err)` is one leak: group by the outermost expression of a value. */
    function leakGroup(node: TSESTree.Node, body: TSESTree.Node): TSESTree.Node {
      let group = node;
      for (let current = node.parent; current && current !== body.parent; current = current.parent) {
        if (
          current.type === AST_NODE_TYPES.ConditionalExpression ||
          current.type === AST_NODE_TYPES.LogicalExpression ||
          current.type === AST_NODE_TYPES.TemplateLiteral ||
          current.type === AST_NODE_TYPES.BinaryExpression
        ) {
          group = current;
        }
        if (current.type === AST_NODE_TYPES.Property || current === body) break;
      }
      return group;
    }

    function checkReturn(fn: TSESTree.Node, value: TSESTree.Node | null | undefined, at: TSESTree.Node): void {
      if (!value) return;
      const boundary = facts.boundaries.boundaryOf(fn);
      if (!boundary || !returnsToClient(boundary)) return;
      check(at, value, 200);
    }

    /** The places a response may leave, kept until the traversal knows whether the file holds an error at all. */
    const exits: (() => void)[] = [];
    /** A catch clause, a `.catch(...)` call or an `{ error }` pattern: the only places an error source is bound. */
    let bindsErrors = false;

    function checkResponse(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const response = facts.responses.responseOf(node);
      if (response) check(node, response.body, response.status);
    }

    return shareCallListener(context, {
      CatchClause() {
        bindsErrors = true;
      },
      ObjectPattern(node) {
        if (!bindsErrors) bindsErrors = node.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === "error");
      },
      CallExpression(node) {
        if (!bindsErrors && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === "catch") bindsErrors = true;
        // a plain function's call is no response (`responseOf` needs a method or a class)
        if (node.callee.type !== AST_NODE_TYPES.Identifier && mayCarryError(node.arguments[0])) exits.push(() => checkResponse(node));
      },
      NewExpression(node) {
        if (mayCarryError(node.arguments[0])) exits.push(() => checkResponse(node));
      },
      ReturnStatement(node) {
        if (!mayCarryError(node.argument)) return;
        for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
          if (isFunction(current)) {
            const fn = current;
            exits.push(() => checkReturn(fn, node.argument, node));
            return;
          }
        }
      },
      "ArrowFunctionExpression[expression=true]"(node: TSESTree.ArrowFunctionExpression) {
        if (mayCarryError(node.body)) exits.push(() => checkReturn(node, node.body, node.body));
      },
      // in the traversal's order, as before: which leak of a group is reported depends on it
      "Program:exit"() {
        if (!bindsErrors) return;
        for (const exit of exits) exit();
      },
    });
  },
});
