/**
 * Who a request boundary authenticates: a user (a session, an API key of a user), a team (a wrapper,
 * safe-action client or tRPC procedure that loads the user's workspace), or a machine (a webhook
 * signature, a cron secret). Authorization rules need the answer: a machine has no user to own rows,
 * and an administrator may act on any row.
 *
 * ```ts
 * boundaryIdentity(context, boundary, config)   // BoundaryIdentity | undefined (not authenticated, or cannot tell)
 * ```
 *
 * Wrappers and safe-action clients are followed to their definitions (`resolve.ts`); names decide when a
 * definition cannot be read (`withWorkspace` from a package authenticates a team, `withAdmin` an admin).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberChainName } from "../util/ast.js";
import { nameSegments } from "../util/names.js";
import {
  analyzeAuth,
  authenticates,
  calleeName,
  isAuthCall,
  isAuthLikeName,
  isSignatureCheck,
  isThrowingAuthCall,
  readsCredentialHeader,
  type AuthConfig,
} from "./auth.js";
import { isMemoWrapper, type RequestBoundary } from "./request-boundary.js";
import { classifyAuthHelper, classifySafeActionClient, classifyWrapper } from "./resolve.js";
import { walk } from "./walk.js";

type Context = Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "filename" | "sourceCode" | "cwd">>;

export interface BoundaryIdentity {
  /** `user`: a signed-in user; `team`: a user authorized for a team or workspace; `machine`: a signed or secret-bearing request. */
  kind: "user" | "team" | "machine";
  /** A wrapper, client or procedure that admits only administrators (`withAdmin`, `adminProcedure`). */
  admin: boolean;
  /**
   * When the handler's own code authenticates: the calls that establish the user (`auth()`, `requireUser()`).
   * Code they do not precede in an enclosing block runs for anyone (another method's branch, before the check).
   */
  evidence?: readonly TSESTree.Node[];
}

/** Is the user known where `node` runs: authenticated by a wrapper or client, or after an auth call in an enclosing block? */
export function signedInAt(identity: BoundaryIdentity, node: TSESTree.Node): boolean {
  if (!identity.evidence) return true;
  return identity.evidence.some((call) => call.range[1] <= node.range[0] && blockOf(call).range[1] >= node.range[1]);
}

function blockOf(node: TSESTree.Node): TSESTree.Node {
  let current = node.parent;
  while (current && current.type !== AST_NODE_TYPES.BlockStatement && current.type !== AST_NODE_TYPES.Program && !isFunction(current)) current = current.parent;
  return current ?? node;
}

/** Words of wrapper, client and procedure names that speak of a team (the handler gets the authorized team). */
const TEAM_WORDS = new Set(["workspace", "workspaces", "team", "teams", "org", "orgs", "organization", "organisation", "tenant", "space", "project", "account"]);
const ADMIN_WORDS = new Set(["admin", "admins", "superadmin", "superuser", "staff", "sudo"]);
/** Wrapper names of machine-to-machine endpoints (`verifySignatureAppRouter`, `withCron`, `withQstash`). */
const MACHINE_NAME = /signature|cron|qstash|webhook|internal/iu;
/** Wrappers for errors, logging, CORS and tracing: they do not authenticate, whatever their definition shares. */
const INFRASTRUCTURE_WORDS = new Set(["error", "errors", "log", "logger", "logging", "trace", "tracing", "cors", "sentry", "telemetry", "metrics", "monitor", "monitoring"]);
const MACHINE_PATH = /(?:^|\/)(?:cron|crons|webhook|webhooks)(?:\/|\.|$)/u;

function namesTeam(name: string): boolean {
  return nameSegments(name).some((segment) => TEAM_WORDS.has(segment));
}

function namesAdmin(name: string): boolean {
  return nameSegments(name).some((segment) => ADMIN_WORDS.has(segment));
}

/** What authenticates `boundary`, or undefined when nothing does (or the code cannot tell). */
export function boundaryIdentity(context: Context, boundary: RequestBoundary, config: AuthConfig): BoundaryIdentity | undefined {
  const names: string[] = [];
  let authenticated = false;

  for (const wrapper of boundary.wrappers) {
    if (isMemoWrapper(wrapper)) continue;
    const name = calleeName(wrapper).last ?? "";
    names.push(name);
    const verdict = classifyWrapper(context, wrapper, config);
    // `withError` that shares a `withMiddleware` with `withAuth`: an infrastructure wrapper does not sign anyone in
    if (verdict === "yes" && !nameSegments(name).some((segment) => INFRASTRUCTURE_WORDS.has(segment))) authenticated = true;
    else if (verdict === "unknown" && (isAuthLikeName(name) || namesTeam(name) || namesAdmin(name))) authenticated = true;
  }
  if (boundary.trpc) {
    if (boundary.trpc.procedureName !== undefined) names.push(boundary.trpc.procedureName.split(".").at(-1)!);
    if (!boundary.trpc.isPublic) authenticated = true;
  }
  if (boundary.safeAction) {
    const clientName = boundary.safeAction.clientName?.split(".").at(-1);
    if (clientName !== undefined) names.push(clientName);
    const verdict = classifySafeActionClient(context, boundary.safeAction.client, config);
    if (verdict === "yes" || (verdict === "unknown" && clientName !== undefined && (isAuthLikeName(clientName) || namesTeam(clientName)))) {
      authenticated = true;
    }
    if (boundary.safeAction.middleware.some((m) => isFunction(m) && authenticates(analyzeAuth(m, config)))) authenticated = true;
  }
  if (boundary.route) {
    for (const middleware of boundary.route.middleware) {
      const name = memberChainName(middleware.type === AST_NODE_TYPES.CallExpression ? middleware.callee : middleware);
      if (name === undefined) continue;
      names.push(name);
      if (config.wrappers.has(name) || isAuthLikeName(name)) authenticated = true;
    }
  }

  const file = context.filename.replaceAll("\\", "/");
  if (names.some((name) => MACHINE_NAME.test(name)) || MACHINE_PATH.test(file)) return { kind: "machine", admin: false };

  let evidence: TSESTree.Node[] | undefined;
  if (!authenticated) {
    const body = bodyEvidence(context, boundary, config);
    if (body.kind === "machine") return { kind: "machine", admin: false };
    if (body.kind !== "user") return undefined;
    evidence = body.evidence;
  }
  const handlerKeys = handlerParamNames(boundary);
  return {
    kind: names.some(namesTeam) || handlerKeys.some(namesTeam) ? "team" : "user",
    admin: names.some(namesAdmin),
    evidence,
  };
}

/**
 * What the handler's own code authenticates: `user` when it checks a session (or an API key), `machine`
 * when it only verifies a signature or compares a secret from the environment.
 */
function bodyEvidence(context: Context, boundary: RequestBoundary, config: AuthConfig): { kind: "user" | "machine" | undefined; evidence: TSESTree.Node[] } {
  let machine = false;
  const userCalls: TSESTree.Node[] = [];
  const helperCalls: TSESTree.Node[] = [];
  walk(boundary.fn, (node) => {
    if (node !== boundary.fn && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (isSignatureCheck(node)) machine = true;
      else if (isAuthCall(node, config) || isThrowingAuthCall(node)) userCalls.push(node);
      else if (readsCredentialHeader(node)) {
        const header = node.arguments[0];
        if (header?.type === AST_NODE_TYPES.Literal && typeof header.value === "string" && /signature|secret/iu.test(header.value)) machine = true;
        else helperCalls.push(node);
      } else if (isAuthLikeName(calleeName(node).last ?? "")) helperCalls.push(node);
    } else if (node.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/u.test(node.operator) && (readsEnv(node.left) || readsEnv(node.right))) {
      machine = true;
    }
    return true;
  });
  const helper = (call: TSESTree.CallExpression) =>
    call.callee.type === AST_NODE_TYPES.Identifier || call.callee.type === AST_NODE_TYPES.MemberExpression ? classifyAuthHelper(context, call, config) : undefined;
  const analysis = analyzeAuth(boundary.fn, config, helper);
  if (!authenticates(analysis) || analysis.checkedAt === undefined) return { kind: machine ? "machine" : undefined, evidence: [] };
  const calls = [...userCalls, ...analysis.authCalls];
  if (calls.length > 0) return { kind: "user", evidence: calls };
  if (machine) return { kind: "machine", evidence: [] };
  // a throwing helper of the project (`await requireTeamMember(teamId)`) or an API key read from a header;
  // a helper whose name says nothing of auth (`trackSale`) may authenticate by accident of its definition
  return { kind: helperCalls.length > 0 ? "user" : undefined, evidence: helperCalls };
}

function readsEnv(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberChainName(n.object);
      if (name === "process.env" || name === "env" || name === "import.meta.env") found = true;
    }
    return !found;
  });
  return found;
}

/** The names a handler destructures from its wrapper's argument (`({ workspace, params }) => ...`). */
function handlerParamNames(boundary: RequestBoundary): string[] {
  const names: string[] = [];
  if (boundary.wrappers.length === 0) return names;
  for (const param of boundary.fn.params) {
    if (param.type === AST_NODE_TYPES.Identifier) names.push(param.name);
    if (param.type !== AST_NODE_TYPES.ObjectPattern) continue;
    for (const property of param.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier) names.push(property.key.name);
    }
  }
  return names.filter((name) => name !== "params" && name !== "searchParams");
}
