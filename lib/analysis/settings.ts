import type { TSESLint } from "@typescript-eslint/utils";

/**
 * `settings["backend-architect"]`: project knowledge shared by every rule.
 * Each list extends the rule's built-in defaults; rule options may override.
 */
export interface BackendArchitectSettings {
  /** Extra names (or dotted receiver chains like `ctx.database`) that are database clients. */
  dbClients: readonly string[];
  /** Functions that authenticate a request (return a session/user or throw). */
  authFunctions: readonly string[];
  /** Wrappers (`withAuth(handler)`) and safe-action clients that authenticate. */
  authWrappers: readonly string[];
  /** Functions that validate their argument against a schema. */
  validators: readonly string[];
  /** Functions that clean up orphaned uploads (queued cleanup). */
  cleanupFunctions: readonly string[];
  /** Project wrappers that upload to blob storage. */
  uploadFunctions: readonly string[];
  /** The Prisma schema file or folder; found by Prisma's conventions when absent. */
  schema: string | undefined;
  /**
   * The Next.js middleware to read (`require-session-check`): a file relative to the ESLint cwd, `false` to
   * not read any; found at the app root (`middleware.ts`, `src/middleware.ts`, `proxy.ts`) when absent.
   */
  middleware: string | false | undefined;
}

const LIST_KEYS = [
  "dbClients",
  "authFunctions",
  "authWrappers",
  "validators",
  "cleanupFunctions",
  "uploadFunctions",
] as const;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Reads and normalizes `settings["backend-architect"]`; malformed entries are ignored, never thrown on. */
export function getSettings(
  context: Readonly<Pick<TSESLint.RuleContext<string, readonly unknown[]>, "settings">>,
): BackendArchitectSettings {
  const raw = (context.settings as Record<string, unknown> | undefined)?.["backend-architect"];
  const obj = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const middleware = obj.middleware === false ? false : typeof obj.middleware === "string" ? obj.middleware : undefined;
  const result = { schema: typeof obj.schema === "string" ? obj.schema : undefined, middleware } as {
    -readonly [K in keyof BackendArchitectSettings]: BackendArchitectSettings[K];
  };
  for (const key of LIST_KEYS) result[key] = stringList(obj[key]);
  return result;
}
