/**
 * Authorization: does code ask "may this user act on this row or team?" (after authentication asked "who is
 * this?"). Names decide, read on camelCase segments so that `cancelReminder` is not a `can*` check:
 *
 * ```ts
 * isAuthorizationName("canEditPost", extra)          // true
 * isAuthorizationName("assertTeamAccess", extra)     // true
 * isAuthorizationName("cancelReminder", extra)       // false
 * isAdminRoleCheck(call)                             // requireRole("ADMIN")
 * ```
 *
 * `extra` holds `settings["backend-architect"].authorizationFunctions` (exact names, or the last segment of a
 * member call's name).
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { nameSegments } from "../util/names.js";
import { calleeName } from "./auth.js";

/** Words that make `assert*`, `check*`, `verify*`, `ensure*`, `require*`, `has*`, `is*`, `throwIfNo*` an authorization check. */
const SUBJECT_WORDS = new Set([
  "access", "permission", "permissions", "permitted", "role", "roles", "owner", "owns", "ownership", "member", "membership",
  "authorized", "authorised", "authorization", "authorisation", "admin", "allowed", "rights", "privilege", "privileges", "can",
]);
/** Verbs that start an authorization check when a subject word follows. */
const CHECK_VERBS = new Set(["assert", "check", "verify", "ensure", "require", "has", "is", "validate", "throw", "guard", "enforce"]);
/** Verbs that are an authorization check by themselves (`can(user, "update", post)`, `authorize(...)`). */
const AUTHORIZE_VERBS = new Set(["can", "authorize", "authorise", "permit", "permits"]);

/** Is `name` (a function's name) an authorization check? */
export function isAuthorizationName(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name)) return true;
  const segments = nameSegments(name);
  const [first] = segments;
  if (first === undefined) return false;
  if (AUTHORIZE_VERBS.has(first)) return true;
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
