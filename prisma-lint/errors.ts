/**
 * Errors a user can cause (a bad flag, a missing file, a broken config). The CLI prints each as one line,
 * `prisma-lint: <what> (<where>)`, and exits with 2; it never prints a stack trace for them.
 */
export class UserError extends Error {
  /** Where the problem is: a file, a flag, a directory. */
  readonly where: string | undefined;

  constructor(what: string, where?: string) {
    super(what);
    this.name = "UserError";
    this.where = where;
  }

  /** The line the CLI prints, without the `prisma-lint: ` prefix. */
  get line(): string {
    return this.where === undefined ? this.message : `${this.message} (${this.where})`;
  }
}

/** Several problems found at once (every problem of a config file), each printed on its own line. */
export class UserErrors extends Error {
  readonly errors: readonly UserError[];

  constructor(errors: readonly UserError[]) {
    super(errors.map((e) => e.line).join("\n"));
    this.name = "UserErrors";
    this.errors = errors;
  }
}

/** The short reason behind a Node.js file system error (`ENOENT` → "no such file or directory"). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    default:
      return firstLine(error instanceof Error ? error.message : String(error));
  }
}

/** The first line of a message (ESLint and Node.js errors often carry more lines). */
export function firstLine(message: string): string {
  return message.split("\n", 1)[0]!.trim();
}
