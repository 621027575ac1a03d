/**
 * The repository URL, in a module of its own: the `prisma-lint` CLI needs it (docs links) without
 * loading `@typescript-eslint/utils`, which costs more start-up time than ESLint itself.
 */
export const REPO_URL = "https://github.com/backend-architect/eslint-plugin-backend-architect";
