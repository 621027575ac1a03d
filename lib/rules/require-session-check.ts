import path from "node:path";
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { fileFacts } from "../analysis/file-facts.js";
import { isFunction, memberChainName } from "../util/ast.js";
import { matchesAnyGlob } from "../util/file-match.js";
import {
  HTTP_METHODS,
  MUTATING_METHODS,
  isMemoWrapper,
  type RequestBoundary,
} from "../analysis/request-boundary.js";
import {
  analyzeAuth,
  authenticates,
  calleeName,
  isAuthCall,
  isAuthLikeName,
  isCheckedAt,
  isSignatureCheck,
  isThrowingAuthCall,
  type AuthAnalysis,
  type HelperAuth,
} from "../analysis/auth.js";
import { classifyAuthHelper, classifySafeActionClient, classifyWrapper, definitionOf, type AuthVerdict } from "../analysis/resolve.js";
import { constInitializer, unwrapExpression } from "../util/bindings.js";
import { validatorCall } from "../analysis/validation.js";
import { appRootOf, readMiddlewareFor, routePathOf } from "../analysis/middleware.js";
import {
  appliesIpRateLimit,
  forwardsPendingSignIn,
  isPublicActionClientName,
  isPublicWrapperName,
  isRateLimitMiddleware,
  signalTexts,
  supabaseCookieClients,
} from "../analysis/public-signals.js";
import { ASTUtils } from "@typescript-eslint/utils";
import { walk } from "../analysis/walk.js";

export interface PublicSignals {
  /** Sign-in steps that run before a session exists and forward a pending token to the identity provider. */
  pendingSignIn?: boolean;
  /** next-safe-action chains on a bare public client (`actionClient`, `publicActionClient`) whose definition does not authenticate. */
  publicActionClient?: boolean;
  /** Handlers that apply a rate limit keyed by the caller's IP address (or rate-limit middleware on the route). */
  ipRateLimit?: boolean;
  /** Reads through a Supabase client created with the user's cookies: row level security decides. */
  rlsClient?: boolean;
  /** Handlers wrapped by a `PublicEndpoint`-style wrapper that declares them public. */
  publicWrapper?: boolean;
}

export type Options = [
  {
    methods?: string[];
    publicRoutes?: string[];
    publicFunctions?: string[];
    trustUnresolvedWrappers?: boolean;
    publicSignals?: PublicSignals;
  },
];

const DEFAULT_PUBLIC_SIGNALS: Required<PublicSignals> = {
  pendingSignIn: true,
  publicActionClient: true,
  ipRateLimit: true,
  rlsClient: true,
  publicWrapper: true,
};
export type MessageIds = "noSessionCheck" | "sessionNotChecked" | "checkAfterQuery";

export const DEFAULT_PUBLIC_ROUTES = [
  "**/api/auth/**",
  "**/webhooks/**",
  "**/webhook/**",
  "**/webhooks.*",
  "**/webhook.*",
  "**/api/health/**",
  "**/api/health.*",
  "**/api/oauth/**",
];

/** Express `req.user`, `req.auth`, `req.session`; Hono `c.get("session")`, `c.var.user`: put there by router middleware. */
const CONTEXT_SESSION = /^(?:session|user|auth|userId|currentUser|viewer|principal|claims)$/u;

/** Inputs that are credentials themselves (an emailed token, a one-time code): the handler authenticates with them. */
const CREDENTIAL_INPUT = /^(?:token|[a-z]+Token|otp|secret|signature)$/u;

/** Names that say a function establishes (or ends) a session: public by definition. */
const PUBLIC_PREFIXES = [
  "signIn",
  "signUp",
  "signOut",
  "login",
  "logout",
  "register",
  "verifyOtp",
  "verifyEmail",
  "verifyCode",
  "verifyMagicLink",
  "verifyTwoFactor",
  "forgotPassword",
  "resetPassword",
  "requestPasswordReset",
  "requestMagicLink",
  "sendMagicLink",
  "sendOtp",
  "sendPasswordReset",
  "sendResetPassword",
  "sendVerification",
  "sendLoginLink",
  "resendVerification",
  "resendOtp",
  "resendCode",
  "authenticate",
  "verifyPassword",
  "checkPassword",
].map((p) => p.toLowerCase());
/** `register` alone is too broad (`registerDomain`): only these continuations. */
const REGISTER_REST = /^(?:|User|Account|Action|Form|Handler|With[A-Z]\w*)$/u;

/** `completeOAuthSignIn`, `finishSignUp`, `resendAuthCode`, `sendVerificationEmail`: steps of signing in. */
const SIGN_IN_STEP = /^(?:complete|finish|confirm|begin|start|handle|process|submit)\w*(?:SignIn|SignUp|LogIn|Login|Register)$|^(?:send|resend)\w*(?:Code|Otp|OTP|MagicLink|Verification\w*)$/u;

function isPublicByName(name: string): boolean {
  if (SIGN_IN_STEP.test(name)) return true;
  const bare = name.replace(/^(?:handle|on|do|submit|perform)(?=[A-Z])/u, "");
  const lower = bare.toLowerCase();
  for (const prefix of PUBLIC_PREFIXES) {
    if (!lower.startsWith(prefix)) continue;
    const rest = bare.slice(prefix.length);
    if (prefix === "register") {
      if (REGISTER_REST.test(rest)) return true;
      continue;
    }
    if (rest === "" || /^[A-Z_0-9]/u.test(rest)) return true;
  }
  return false;
}

/** Awaited calls that are not "work": reading the request, framework helpers, creating a client. */
const HARMLESS = new Set([
  "cookies",
  "headers",
  "draftMode",
  "redirect",
  "permanentRedirect",
  "notFound",
  "unauthorized",
  "forbidden",
  "revalidatePath",
  "revalidateTag",
  "connection",
  "after",
  "json",
  "formData",
  "text",
  "arrayBuffer",
  "blob",
  "clone",
  "createClient",
  "createServerClient",
  "createRouteHandlerClient",
  "createServerActionClient",
  "createServerComponentClient",
  "createSupabaseServerClient",
  "getTranslations",
  "getTranslation",
  "getTranslate",
  "getLocale",
  "getI18n",
  "getScopedI18n",
  "resolve",
  "all",
  "allSettled",
  "sleep",
  "delay",
  "wait",
]);

const KIND_TEXT: Record<RequestBoundary["kind"], string> = {
  "route-handler": "route handler",
  "pages-api": "API route",
  "server-action": "server action",
  "safe-action": "server action",
  trpc: "procedure",
  express: "route",
  hono: "route",
};

/** A database lookup keyed by a credential (`apiKey.findUnique({ where: { hashedKey } })`): authentication itself. */
const CREDENTIAL = /authorization|api[-_]?key|apikey|hashedKey|bearer|token|secret|signature/iu;

export default createRule<Options, MessageIds>({
  name: "require-session-check",
  meta: {
    type: "problem",
    docs: {
      description: "Require server actions and mutating route handlers to check the session before they do work",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          methods: {
            type: "array",
            items: { type: "string", enum: [...HTTP_METHODS] },
            uniqueItems: true,
            description: "HTTP methods of route handlers (and Express/Hono routes) that must check the session.",
          },
          publicRoutes: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Globs (relative to the ESLint cwd) of files whose boundaries are public by design.",
          },
          publicFunctions: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Names of actions and handlers that are public by design, in addition to sign-in/sign-up style names.",
          },
          trustUnresolvedWrappers: {
            type: "boolean",
            description: "Trust wrappers and safe-action clients whose definition cannot be found (a package, a dynamic value).",
          },
          publicSignals: {
            type: "object",
            description: "Signals that an endpoint is public by design (each on by default); set one to false to report such endpoints again.",
            properties: {
              pendingSignIn: { type: "boolean", description: "Sign-in steps that forward a pending token to the identity provider." },
              publicActionClient: { type: "boolean", description: "next-safe-action chains on a bare public client whose definition does not authenticate." },
              ipRateLimit: { type: "boolean", description: "Handlers that apply a rate limit keyed by the caller's IP address." },
              rlsClient: { type: "boolean", description: "Reads through a Supabase client created with the user's cookies (row level security decides)." },
              publicWrapper: { type: "boolean", description: "Handlers wrapped by a `PublicEndpoint`-style wrapper." },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        methods: [...MUTATING_METHODS],
        publicRoutes: DEFAULT_PUBLIC_ROUTES,
        publicFunctions: [],
        trustUnresolvedWrappers: true,
      },
    ],
    messages: {
      noSessionCheck:
        "This {{kind}} `{{name}}` does work without checking the session. Call the auth function first (`const session = await auth()`) and return or throw when there is no user.",
      sessionNotChecked:
        "This {{kind}} `{{name}}` reads the session but never checks it, so a signed-out request passes. Return or throw when there is no user (`if (!session?.user) ...`) before doing work.",
      checkAfterQuery:
        "This {{kind}} `{{name}}` writes to the database before it checks the session. Move the session check before the first write.",
    },
  },
  create(
    context,
    [
      {
        methods = [...MUTATING_METHODS],
        publicRoutes = DEFAULT_PUBLIC_ROUTES,
        publicFunctions = [],
        trustUnresolvedWrappers = true,
        publicSignals = DEFAULT_PUBLIC_SIGNALS,
      },
    ],
  ) {
    const signals: Required<PublicSignals> = { ...DEFAULT_PUBLIC_SIGNALS, ...publicSignals };
    const facts = fileFacts(context);
    // every finding is a request boundary's; the shared pre-test first, then this rule's globs
    if (!facts.mayHaveBoundaries || matchesAnyGlob(context, publicRoutes)) return {};
    const { boundaries, settings, auth: config } = facts;
    const validators = new Set(settings.validators);
    const publicNames = new Set(publicFunctions);
    const checkedMethods = new Set(methods);
    const db = facts.queries;
    const helperCache = new Map<TSESTree.CallExpression, HelperAuth>();
    let fileMiddleware: Map<string, number> | undefined;

    const trusted = (verdict: AuthVerdict): boolean => verdict === "yes" || (verdict === "unknown" && trustUnresolvedWrappers);

    function isDbQuery(node: TSESTree.Node): boolean {
      return (
        (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) &&
        db.queryAt(node) !== undefined
      );
    }

    function isCredentialLookup(call: TSESTree.CallExpression): boolean {
      const query = db.getQuery(call);
      if (!query || query.node !== call || !query.readsOnly) return false;
      return query.args.some((argument) => CREDENTIAL.test(context.sourceCode.getText(argument)));
    }

    /** Project helpers, classified by their definitions; DB lookups by a credential count as auth calls. */
    function helper(call: TSESTree.CallExpression): HelperAuth {
      if (helperCache.has(call)) return helperCache.get(call);
      let result: HelperAuth;
      if (isCredentialLookup(call)) result = "returns-session";
      else if (call.callee.type === AST_NODE_TYPES.Identifier || call.callee.type === AST_NODE_TYPES.MemberExpression) {
        const { full } = calleeName(call);
        result = full !== undefined && !isDbQuery(call) ? classifyAuthHelper(context, call, config) : undefined;
        result ??= nestedHelperAuth(call);
      }
      helperCache.set(call, result);
      return result;
    }

    /** A helper declared inside an enclosing function (`function authedBody(schema, req, reply)` in `buildServer`), shared by several routes. */
    function nestedHelperAuth(call: TSESTree.CallExpression): HelperAuth {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(call), call.callee.name);
      const definition = variable?.defs[0]?.node;
      if (!definition || variable?.scope.type === "module" || variable?.scope.type === "global") return undefined;
      const fn =
        definition.type === AST_NODE_TYPES.FunctionDeclaration
          ? definition
          : definition.type === AST_NODE_TYPES.VariableDeclarator && definition.init && isFunction(definition.init)
            ? definition.init
            : undefined;
      if (!fn || fn.range[0] <= call.range[0] && call.range[1] <= fn.range[1]) return undefined;
      const analysis = analyzeAuth(fn, config);
      if (authenticates(analysis)) return "guards";
      return analysis.returnsAuth ? "returns-session" : undefined;
    }

    function isHarmless(call: TSESTree.CallExpression): boolean {
      const { last } = calleeName(call);
      if (last !== undefined && HARMLESS.has(last)) return true;
      // `setLastUsedOrgCookie(...)`, `getCookieInternal(name)`: request state, like `cookies()` itself
      if (last !== undefined && COOKIE_HELPER.test(last)) return true;
      // `supabase.auth.updateUser()`, better-auth `auth.api.changePassword({ headers })`: the auth provider checks the session itself
      const { object } = calleeName(call);
      if (object === "auth" || (object === "api" && /auth/iu.test(calleeName(call).full ?? ""))) return true;
      if (isAuthCall(call, config) || isThrowingAuthCall(call) || isSignatureCheck(call)) return true;
      if (validatorCall(call, validators) !== undefined) return true;
      if (helper(call) !== undefined) return true;
      return localHelperDoesNoWork(call);
    }

    /** `await readModifyWrite(...)`: a helper of this file that only reads and writes cookies does no work either. */
    /** Helpers already judged (a file calls the same cookie helper from every action), `undefined` while judging one. */
    const helperVerdicts = new Map<TSESTree.Node, boolean | undefined>();
    function localHelperDoesNoWork(call: TSESTree.CallExpression): boolean {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = definitionOf(context, call.callee);
      if (!definition || definition.imported || !isFunction(definition.node)) return false;
      const node = definition.node;
      if (helperVerdicts.has(node)) return helperVerdicts.get(node) ?? false; // recursion: not proven harmless
      if (boundaries.boundaryOf(node)) return false;
      helperVerdicts.set(node, undefined);
      const verdict = !workOf(node).doesWork();
      helperVerdicts.set(node, verdict);
      return verdict;
    }

    /**
     * Whether `fn` does any work, and its first database write (source order): a read before the check is
     * wasted but leaks nothing once the check stops the request; a write before it has already happened.
     * The queries come from one cheap walk; the other work (classifying every awaited helper, which follows
     * definitions into other files) is judged on demand, only where no query already answers.
     */
    function workOf(fn: TSESTree.Node): Work {
      let streams = false;
      const queries: TSESTree.Node[] = [];
      let firstQuery: TSESTree.Node | undefined;
      const calls: TSESTree.CallExpression[] = [];
      const awaited: TSESTree.CallExpression[] = [];
      const inputs = new Set(isFunction(fn) ? fn.params.flatMap((param) => bindingNames(param)) : []);
      walk(fn, (node) => {
        if (node !== fn && isFunction(node) && boundaries.boundaryOf(node)) return false;
        // `for await (const part of streamText(...).partialOutputStream)`: consuming a stream is work
        if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) streams = true;
        if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
          if (isDbQuery(node)) {
            if (!(node.type === AST_NODE_TYPES.CallExpression && isCredentialLookup(node))) {
              queries.push(node);
              const query = db.queryAt(node);
              if (query && !query.readsOnly && (!firstQuery || node.range[0] < firstQuery.range[0])) firstQuery = node;
            }
          } else if (node.type === AST_NODE_TYPES.CallExpression) {
            calls.push(node);
          }
        } else if (node.type === AST_NODE_TYPES.AwaitExpression) {
          let argument: TSESTree.Node = node.argument;
          while (argument.type === AST_NODE_TYPES.TSAsExpression || argument.type === AST_NODE_TYPES.TSNonNullExpression) {
            argument = argument.expression;
          }
          if (argument.type === AST_NODE_TYPES.CallExpression && !isDbQuery(argument)) awaited.push(argument);
        }
        return true;
      });
      let otherWork: boolean | undefined;
      const judgeOtherWork = (): boolean =>
        (otherWork ??= streams || calls.some((call) => passesInputOn(call, inputs)) || awaited.some((call) => !isHarmless(call)));
      return { queries, firstQuery, otherWork: judgeOtherWork, doesWork: () => queries.length > 0 || judgeOtherWork() };
    }

    /**
     * `return deleteProjectService(id)`, `handleRequest(req, res)`, `(c) => createItem(c)`: the inputs are handed
     * on (not awaited here) to a function that does the work.
     */
    function kindOf(node: TSESTree.Node): RequestBoundary["kind"] | undefined {
      return boundaries.enclosingBoundary(node)?.kind;
    }

    function passesInputOn(call: TSESTree.CallExpression, inputs: ReadonlySet<string>): boolean {
      const parent = call.parent;
      const statementLike =
        parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === call);
      if (!statementLike || inputs.size === 0) return false;
      const root = rootName(call.callee);
      if (root === undefined || inputs.has(root) || PASS_THROUGH_RECEIVERS.has(root)) return false;
      if (call.callee.type !== AST_NODE_TYPES.Identifier && call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const handsOn = call.arguments.some((argument) => {
        let found = false;
        walk(argument, (n) => {
          if (found || isFunction(n)) return false;
          if (n.type === AST_NODE_TYPES.Identifier && inputs.has(n.name)) found = true;
          return !found;
        });
        return found;
      });
      if (!handsOn) return false;
      // only functions of the project (`createNextApiHandler(...)` results, packages: their own business)
      const definition = definitionOf(context, call.callee);
      if (!definition || !(isFunction(definition.node) || isMemoCall(definition.node))) return false;
      // a route's dispatcher in another module decides per route; a local helper is part of the handler
      if (definition.imported && !actionKinds.has(kindOf(call))) return false;
      // last: classifying the helper follows its definition and the helpers it calls
      return !isHarmless(call);
    }

    /** `({ parsedInput: { token } })`, `const { token } = parsedInput`, `const { otp } = await req.json()`. */
    function takesCredentialInput(fn: TSESTree.Node): boolean {
      // `app/api/uploads/[token]/route.ts`: the URL carries the credential
      if (/\/\[(?:token|[a-z]+Token|otp|secret|signature)\]\//u.test(context.filename.replaceAll("\\", "/"))) return true;
      let found = false;
      const inputNames = /^(?:parsedInput|input|body|data|params|args)$/u;
      const check = (pattern: TSESTree.Node): void => {
        walk(pattern, (n) => {
          if (found || n.type === AST_NODE_TYPES.TSTypeAnnotation) return false;
          if (n.type === AST_NODE_TYPES.Identifier && CREDENTIAL_INPUT.test(n.name)) found = true;
          return !found;
        });
      };
      if (!isFunction(fn)) return false;
      for (const param of fn.params) check(param);
      walk(fn.body, (n) => {
        if (found) return false;
        if (n.type === AST_NODE_TYPES.VariableDeclarator && n.id.type === AST_NODE_TYPES.ObjectPattern && n.init) {
          let init: TSESTree.Node = n.init;
          while (init.type === AST_NODE_TYPES.AwaitExpression || init.type === AST_NODE_TYPES.TSAsExpression) {
            init = init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init.expression;
          }
          const text = init.type === AST_NODE_TYPES.Identifier ? init.name : init.type === AST_NODE_TYPES.CallExpression ? calleeName(init).last : undefined;
          if (text !== undefined && (inputNames.test(text) || text === "json" || text === "parse")) check(n.id);
        }
        return !found;
      });
      return found;
    }

    /**
     * `<form action={async () => { "use server"; await signIn("github"); }}>`, iron-session `session.save()`:
     * the boundary establishes (or ends) a session, so it is public by definition.
     */
    function callsSessionFunction(fn: TSESTree.Node): boolean {
      let found = false;
      walk(fn, (node) => {
        if (found) return false;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const { last, object } = calleeName(node);
          if (last !== undefined && /^(?:signIn|signOut|signUp|logIn|logOut|login|logout|sealData)(?:[A-Z]\w*)?$/u.test(last)) found = true;
          // iron-session style: `session.save()` / `session.destroy()` writes or clears the session cookie
          if ((last === "save" || last === "destroy") && object !== undefined && /session/iu.test(object)) found = true;
        }
        return !found;
      });
      return found;
    }

    function isPublicName(boundary: RequestBoundary): boolean {
      const { name } = boundary;
      if (publicNames.has(name) || isPublicByName(name)) return true;
      // Express/Hono: `POST /users/login`, `/auth/sign-up`
      if (boundary.route) {
        return name.split(/[\s/]/u).some((segment) => isPublicByName(segment.replace(/-([a-z])/gu, (_, c: string) => c.toUpperCase())));
      }
      return false;
    }

    /** Express/Hono: `router.use(requireAuth)` at module level before the route, or auth middleware in the route call. */
    function routeMiddlewareAuthenticates(boundary: RequestBoundary): boolean {
      const route = boundary.route!;
      if (route.middleware.some((m) => middlewareAuthenticates(m))) return true;
      if (chainUsesAuth(route.receiver, 0)) return true;
      fileMiddleware ??= collectFileMiddleware();
      const receiver = rootName(route.receiver);
      const position = receiver === undefined ? undefined : fileMiddleware.get(receiver);
      return position !== undefined && position < route.path.range[0];
    }

    /**
     * `new Hono().use(authMiddleware).get(...)`, or `const app = new Hono().use(withAuth)` and later
     * `app.post(...)`: middleware in the chain the route hangs off, or in the router's declaration.
     */
    function chainUsesAuth(receiver: TSESTree.Node, depth: number): boolean {
      let current: TSESTree.Node = unwrapExpression(receiver);
      while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
        if (calleeName(current).last === "use" && current.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && middlewareAuthenticates(a))) {
          return true;
        }
        current = unwrapExpression(current.callee.object);
      }
      if (current.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const init = constInitializer(context.sourceCode, current);
      return init !== undefined && chainUsesAuth(init, depth + 1);
    }

    function middlewareAuthenticates(node: TSESTree.Node): boolean {
      const target = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
      const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? memberChainName(target) : undefined;
      if (name !== undefined && (config.wrappers.has(name) || isAuthLikeName(name))) return true;
      if (isFunction(node)) return authenticates(analyzeAuth(node, config, helper, undefined, { untilChecked: true }));
      if (target.type === AST_NODE_TYPES.Identifier) {
        const definition = definitionOf(context, target);
        if (definition && isFunction(definition.node)) return authenticates(analyzeAuth(definition.node, config));
      }
      return false;
    }

    function collectFileMiddleware(): Map<string, number> {
      const result = new Map<string, number>();
      for (const statement of context.sourceCode.ast.body) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
        const call = statement.expression;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        if (calleeName(call).last !== "use") continue;
        const receiver = rootName(call.callee.object);
        if (receiver === undefined || result.has(receiver)) continue;
        if (call.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && middlewareAuthenticates(a))) {
          result.set(receiver, call.range[0]);
        }
      }
      return result;
    }

    /** The handler reads the session that router middleware (possibly in another file) put on the request or context. */
    function readsContextSession(boundary: RequestBoundary): boolean {
      const holder = boundary.bindings.honoContext ?? boundary.bindings.request;
      if (!holder) return false;
      let found = false;
      walk(boundary.fn.body, (node) => {
        if (found) return false;
        if (node.type === AST_NODE_TYPES.MemberExpression && rootName(node) === holder.name) {
          const key = !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
          const parent = node.parent;
          if (key !== undefined && CONTEXT_SESSION.test(key) && node.object.type === AST_NODE_TYPES.Identifier) found = true;
          // Hono: c.get("session"), c.var.user
          if (key === "get" && parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
            const first = parent.arguments[0];
            if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === "string" && CONTEXT_SESSION.test(first.value)) found = true;
          }
          if (key === "var" && node.parent.type === AST_NODE_TYPES.MemberExpression) {
            const inner = node.parent.property;
            if (inner.type === AST_NODE_TYPES.Identifier && CONTEXT_SESSION.test(inner.name)) found = true;
          }
        }
        return !found;
      });
      return found;
    }

    /** Per signal, the answer of its text pre-test for this file. */
    const signalTextAnswers = new Map<keyof typeof signalTexts, boolean>();
    function fileMayHold(signal: keyof typeof signalTexts): boolean {
      let answer = signalTextAnswers.get(signal);
      if (answer === undefined) {
        answer = signalTexts[signal](context.sourceCode.text);
        signalTextAnswers.set(signal, answer);
      }
      return answer;
    }

    /** Public by design (each signal behind `publicSignals`): see `public-signals.ts`. */
    function publicByDesign(boundary: RequestBoundary, { queries, otherWork }: Work): boolean {
      if (signals.publicWrapper && boundary.wrappers.some((w) => isPublicWrapperName(calleeName(w).last ?? ""))) return true;
      if (signals.pendingSignIn && fileMayHold("pendingSignIn") && forwardsPendingSignIn(boundary.fn)) return true;
      if (signals.ipRateLimit && fileMayHold("ipRateLimit")) {
        if (appliesIpRateLimit(boundary.fn, context.sourceCode)) return true;
        if (boundary.route?.middleware.some((m) => isRateLimitMiddleware(m))) return true;
        if (boundary.safeAction?.middleware.some((m) => appliesIpRateLimit(m, context.sourceCode))) return true;
      }
      if (signals.rlsClient && queries.length > 0 && fileMayHold("cookieClient")) {
        const clients = supabaseCookieClients(boundary.fn, context.sourceCode);
        const readsThroughRls = queries.every((node) => {
          const query = db.queryAt(node as TSESTree.CallExpression);
          return query?.library === "supabase" && query.readsOnly && clients.has(rootName(query.client) ?? "");
        });
        // only now: judging other work classifies every awaited helper
        if (readsThroughRls && !otherWork()) return true;
      }
      return false;
    }

    function wrappedByAuth(boundary: RequestBoundary): boolean {
      return boundary.wrappers.some((wrapper) => !isMemoWrapper(wrapper) && trusted(classifyWrapper(context, wrapper, config)));
    }

    /**
     * The app's Next.js middleware refuses signed-out requests to the URL this boundary serves (a route
     * handler's or Pages API route's path; the page folder a server action module sits in).
     */
    function protectedByMiddleware(boundary: RequestBoundary): boolean {
      if (boundary.kind === "express" || boundary.kind === "hono" || boundary.kind === "trpc") return false;
      const reading = readMiddlewareFor(context, settings.middleware, config);
      if (!reading) return false;
      const file = path.resolve(context.cwd, context.filename);
      const root = appRootOf(file);
      const urlPath = root === undefined ? undefined : routePathOf(file, root);
      if (urlPath === undefined) return false;
      const methods = boundary.kind === "route-handler" ? boundary.methods.filter((m) => checkedMethods.has(m)) : ["POST"];
      return methods.length > 0 && methods.every((method) => reading.protects(urlPath, method));
    }

    function check(boundary: RequestBoundary): void {
      // every exit is independent of the others: the cheap ones first, then those that walk the handler, then
      // those that classify helpers (following definitions into other files)
      if (boundary.kind === "trpc") return; // protectedProcedure authenticates; publicProcedure is an explicit choice
      if (boundary.kind === "route-handler" || boundary.kind === "express" || boundary.kind === "hono") {
        if (!boundary.methods.some((m) => checkedMethods.has(m))) return;
      }
      if (isPublicName(boundary)) return;
      if (wrappedByAuth(boundary)) return;
      if (boundary.safeAction) {
        const { middleware, client } = boundary.safeAction;
        if (middleware.some((m) => middlewareAuthenticates(m))) return;
        if (trusted(classifySafeActionClient(context, client, config))) return;
        // `actionClient` next to the app's `authActionClient`: public by choice, like tRPC's publicProcedure
        const clientName = boundary.safeAction.clientName?.split(".").at(-1);
        if (signals.publicActionClient && clientName !== undefined && isPublicActionClientName(clientName)) return;
      }
      if (boundary.route && (routeMiddlewareAuthenticates(boundary) || readsContextSession(boundary))) return;
      if (callsSessionFunction(boundary.fn)) return;
      const work = workOf(boundary.fn);
      if (publicByDesign(boundary, work)) return;
      if (takesCredentialInput(boundary.fn)) return;
      if (protectedByMiddleware(boundary)) return;
      // `untilChecked`: below, only `checkedAt`, `isCheckedAt` and (when nothing authenticates) `authCalls` are read, all exact
      const analysis = analyzeAuth(boundary.fn, config, helper, (call) => isDbQuery(call), { untilChecked: true });
      const messageId = problemOf(analysis, work.firstQuery);
      // last: judging whether a handler without queries does work classifies every awaited helper, and the
      // analysis stops at the check, so a handler that checks first never has its later helpers followed
      if (messageId === undefined || !work.doesWork()) return;
      context.report({ loc: boundary.loc, messageId, data: { kind: KIND_TEXT[boundary.kind], name: boundary.name } });
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

/** What is wrong with a boundary that does work, given where it authenticates; undefined when nothing is. */
function problemOf(analysis: AuthAnalysis, firstQuery: TSESTree.Node | undefined): MessageIds | undefined {
  // `if (session) { ... }` alone: a public endpoint with an optional session, by choice
  if (analysis.checkedAt === undefined && analysis.guarded.length > 0) return undefined;
  if (authenticates(analysis)) {
    return firstQuery && !isCheckedAt(analysis, firstQuery.range[0]) ? "checkAfterQuery" : undefined;
  }
  return analysis.authCalls.length > 0 ? "sessionNotChecked" : "noSessionCheck";
}

/** What a function does (see `workOf`): its queries from one walk, the rest judged on demand. */
interface Work {
  /** Database queries other than credential lookups, in source order. */
  readonly queries: readonly TSESTree.Node[];
  /** The first query that writes. */
  readonly firstQuery: TSESTree.Node | undefined;
  /** Work other than queries: a stream consumed, inputs handed on, an awaited call that is not harmless. */
  readonly otherWork: () => boolean;
  readonly doesWork: () => boolean;
}

const COOKIE_HELPER = /^(?:get|set|delete|clear|remove|read|write)\w*Cookies?(?:Internal|Value|Data)?$/u;
const actionKinds: ReadonlySet<string | undefined> = new Set(["server-action", "safe-action"]);

/** Receivers whose calls only answer or log (`res.json(data)`, `console.log(id)`, `NextResponse.json(body)`). */
const PASS_THROUGH_RECEIVERS = new Set([
  "console",
  "JSON",
  "Math",
  "Object",
  "Array",
  "Promise",
  "String",
  "Number",
  "Boolean",
  "Response",
  "NextResponse",
  "logger",
  "log",
  "redirect",
  "permanentRedirect",
  "notFound",
  "next",
  "resolve",
  "reject",
  "callback",
  "done",
  "cb",
]);

/** `cache(async (id) => ...)`: a memoized function. */
function isMemoCall(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && isMemoWrapper(node) && node.arguments.some((a) => isFunction(a));
}

function bindingNames(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(pattern, (n) => {
    if (n.type === AST_NODE_TYPES.TSTypeAnnotation) return false;
    if (n.type === AST_NODE_TYPES.Property) {
      names.push(...bindingNames(n.value));
      return false;
    }
    if (n.type === AST_NODE_TYPES.AssignmentPattern) {
      names.push(...bindingNames(n.left));
      return false;
    }
    if (n.type === AST_NODE_TYPES.Identifier) names.push(n.name);
    return true;
  });
  return names;
}

function rootName(node: TSESTree.Node): string | undefined {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression) {
    current = current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee;
  }
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}
