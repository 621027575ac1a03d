/**
 * Authorization: does code ask "may this user act on this row or team?" (after authentication asked "who is
 * this?"). Names decide, read on camelCase segments so that `cancelReminder` is not a `can*` check:
 *
 * ```ts
 * isAuthorizationName("canEditPost", extra)          // true
 * isAuthorizationName("assertTeamAccess", extra)     // true
 * isAuthorizationName("cancelReminder", extra)       // false
 * authorizedBefore({ boundary, identity, values, names, keys, until, query })   // a check runs before `until`
 * ```
 *
 * `extra` holds `settings["backend-architect"].authorizationFunctions` (exact names, or the last segment of a
 * member call's name).
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName } from "../util/ast.js";
import { nameSegments } from "../util/names.js";
import { calleeName, exits } from "./auth.js";
import type { BoundaryIdentity } from "./identity.js";
import type { RequestBoundary } from "./request-boundary.js";
import { covers, valueLeaves, type RequestValues } from "./request-values.js";
import { walk } from "./walk.js";

/** Words that make `assert*`, `check*`, `verify*`, `ensure*`, `require*`, `has*`, `is*`, `throwIfNo*` an authorization check. */
const SUBJECT_WORDS = new Set([
  "access", "permission", "permissions", "permitted", "role", "roles", "owner", "owns", "ownership", "member", "membership",
  "authorized", "authorised", "authorization", "authorisation", "admin", "allowed", "rights", "privilege", "privileges", "can",
]);
/** Verbs that start an authorization check when a subject word follows. */
const CHECK_VERBS = new Set(["assert", "check", "verify", "ensure", "require", "has", "is", "validate", "throw", "guard", "enforce"]);
/** Verbs that are an authorization check by themselves (`can(user, "update", post)`, `authorize(...)`). */
const AUTHORIZE_VERBS = new Set(["can", "authorize", "authorise", "permit", "permits"]);
const AUTHORIZED_WORDS = new Set(["authorize", "authorise", "authorized", "authorised"]);

/** Is `name` (a function's name) an authorization check? */
export function isAuthorizationName(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name)) return true;
  const segments = nameSegments(name);
  const [first] = segments;
  if (first === undefined) return false;
  if (AUTHORIZE_VERBS.has(first)) return true;
  // `getAuthorizedOrganizationAdminMembership`, `isAuthorized`
  if (segments.some((segment) => AUTHORIZED_WORDS.has(segment))) return true;
  if (!CHECK_VERBS.has(first)) return false;
  return segments.slice(1).some((segment) => SUBJECT_WORDS.has(segment));
}

const GUARD_VERBS = new Set(["assert", "check", "verify", "ensure", "require", "validate", "throw", "guard", "enforce"]);

/** A call named as a guard that throws or exits (`assertE2EWorkspace`, `ensurePlan`): about authorization when it takes the authorized team. */
export function isGuardCall(call: TSESTree.CallExpression): boolean {
  const first = nameSegments(calleeName(call).last ?? "")[0];
  return first !== undefined && GUARD_VERBS.has(first);
}

/** Is this call an authorization check (by its callee's name)? */
export function isAuthorizationCall(call: TSESTree.CallExpression, extra: ReadonlySet<string>): boolean {
  const { full, last } = calleeName(call);
  if (full !== undefined && extra.has(full)) return true;
  return last !== undefined && isAuthorizationName(last, extra);
}

const ADMIN_LITERAL = /^(?:admin|administrator|superadmin|super_admin|superuser|owner|staff)$/iu;

/** Does this node compare with, or pass, an administrator role literal (`"ADMIN"`, `Role.ADMIN`)? */
export function mentionsAdminRole(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === "string" && ADMIN_LITERAL.test(node.value);
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return ADMIN_LITERAL.test(node.property.name);
  }
  return false;
}

const EQUALITY = new Set(["===", "!==", "==", "!="]);
const MEMBERSHIP_METHODS = new Set(["includes", "some", "every", "has", "find", "findIndex", "indexOf"]);

export interface AuthorizationQuestion {
  boundary: RequestBoundary;
  identity: BoundaryIdentity;
  values: RequestValues;
  /** `settings["backend-architect"].authorizationFunctions`. */
  names: ReadonlySet<string>;
  /** Request keys of the values that pick the rows (a lookup taking one of them and the identity is a check). */
  keys: readonly string[];
  /** Checks must end before this position (the query; for a read, where its row leaves for the client). */
  until: number;
  /** The query itself, never its own check. */
  query: TSESTree.Node;
}

/**
 * Does something in the boundary, before `until`, authorize acting on the rows: an authorization call, a
 * condition that exits and compares with the identity or an administrator role, a lookup that takes the client's
 * value with the identity or with a value already tied to it (`findFirst({ where: { id, userId } })`), or, for a boundary that authorized
 * a team, a guard on that team (`assertE2EWorkspace(workspace)`)?
 */
export function authorizedBefore(question: AuthorizationQuestion): boolean {
  const { boundary, identity, values, names, keys, until, query } = question;
  const takesIdentity = (call: TSESTree.CallExpression): boolean =>
    call.arguments.some((argument) => !isFunction(argument) && values.originOf(argument, boundary)?.identity === true);

  // Request values a lookup tied to the identity, or to a value already tied: `team.findUnique({ where: { id: teamId,
  // users: { some: { userId } } } })` ties `teamId`; then `dataroom.findUnique({ where: { id: dataroomId, teamId } })` ties `dataroomId`.
  // a procedure, client or wrapper that authorizes a team checks the team id the client sent (`protectedProjectProcedure`
  // with `input.projectId`, `withWorkspace` with `workspaceId`)
  const tied: string[] = identity.kind === "team" ? keys.filter((key) => TEAM_ID.test(key.split(".").at(-1) ?? "")) : [];
  const isTied = (key: string): boolean => tied.some((t) => covers(t, key));
  const tiesValues = (call: TSESTree.CallExpression): void => {
    let identityArgument = false;
    const requestKeys: string[] = [];
    for (const leaf of valueLeaves(call.arguments)) {
      if (isRequestObject(leaf, boundary)) continue; // `getServerSession(req, res)` takes the request, not a value of it
      const origin = values.originOf(leaf, boundary);
      if (!origin) continue;
      if (origin.identity) identityArgument = true;
      requestKeys.push(...origin.request);
    }
    if (requestKeys.length === 0) return;
    // an authenticating helper that takes the client's value: `getAuthenticatedAdmin(teamId)`, `requireTeamMember(teamId)`
    if (identityArgument || requestKeys.some(isTied) || namesSession(call) || values.originOf(call, boundary)?.identity === true) tied.push(...requestKeys);
  };

  // `post.authorId !== session.user.id`, `user.role !== "ADMIN"`, `!(await isMember(teamId, user.id))`
  // `members.includes(user.id)`, `isMember(teamId, user.id)`; not a lookup of the user alone (`findUnique({ where: { id: user.id } })`)
  const relatesIdentity = (call: TSESTree.CallExpression): boolean => {
    if (call.callee.type === AST_NODE_TYPES.MemberExpression && MEMBERSHIP_METHODS.has(propertyName(call.callee) ?? "")) return true;
    return valueLeaves(call.arguments).some((leaf) => {
      const origin = values.originOf(leaf, boundary);
      return origin !== undefined && !origin.identity && (origin.request.length > 0 || origin.server);
    });
  };

  // and through the local it was computed into: `const isMember = users.some((u) => u.userId === user.id); if (!isMember) ...`
  const initializers = new Map<string, TSESTree.Expression>();
  walk(boundary.fn, (node) => {
    if (node.range[0] >= until) return false;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) initializers.set(node.id.name, node.init);
    return true;
  });
  const comparesIdentity = (test: TSESTree.Node, depth = 0): boolean => {
    let found = false;
    walk(test, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
        const init = initializers.get(node.name);
        if (init && comparesIdentity(init, depth + 1)) found = true;
        return !found;
      }
      if (node.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(node.operator)) {
        const sides = [node.left, node.right];
        if (sides.some(mentionsAdminRole)) found = true;
        else if (sides.every((side) => !isNullish(side)) && sides.some((side) => values.originOf(side, boundary)?.identity === true)) found = true;
      } else if (node.type === AST_NODE_TYPES.CallExpression && takesIdentity(node) && relatesIdentity(node)) {
        found = true;
      }
      return !found;
    });
    return found;
  };

  let found = false;
  walk(boundary.fn, (node) => {
    if (found || node.range[0] >= until) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node !== query && node.range[1] <= until) {
      if (isAuthorizationCall(node, names)) found = true;
      else if (identity.kind === "team" && isGuardCall(node) && takesIdentity(node)) found = true;
      else tiesValues(node);
    } else if (node.type === AST_NODE_TYPES.IfStatement && node.range[1] <= until && exits(node.consequent) && comparesIdentity(node.test)) {
      found = true;
    }
    return !found;
  });
  return found || keys.some(isTied);
}

const TEAM_ID = /^(?:team|workspace|project|org|organization|organisation|tenant|space|account)(?:Id|Slug)$/u;
const SESSION_WORDS = new Set(["session", "auth", "authenticated", "authed"]);

/** `getDataroomSession(req, linkId)`, `authenticateLinkViewer(linkId)`: a session scoped to the client's value. */
function namesSession(call: TSESTree.CallExpression): boolean {
  return nameSegments(calleeName(call).last ?? "").some((segment) => SESSION_WORDS.has(segment));
}

/** The bound request or response object itself (`req`, `res`, `request`). */
function isRequestObject(node: TSESTree.Node, boundary: RequestBoundary): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const { request, response } = boundary.bindings;
  return node.name === request?.name || node.name === response?.name;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined");
}
