import { parseArgs } from "node:util";
import { UserError } from "./errors.js";
import { translateTheirFlags } from "./prismalint-args.js";

export const FORMATS = ["stylish", "json", "sarif", "github", "filepath", "none"] as const;
export type FormatName = (typeof FORMATS)[number];

/** The command line, parsed and checked. */
export interface CliOptions {
  paths: string[];
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  config: string | undefined;
  rules: string[];
  maxWarnings: number | undefined;
  quiet: boolean;
  outputFile: string | undefined;
  /** `true` (--color), `false` (--no-color) or `undefined` (decide from NO_COLOR and the terminal). */
  color: boolean | undefined;
  /** Print the config in force as a `prisma-lint.config.json` and exit. */
  printConfig: boolean;
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  format: { type: "string", short: "f" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  config: { type: "string", short: "c" },
  rule: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean" },
  "output-file": { type: "string", short: "o" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "print-config": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export const HELP = `Usage: prisma-lint [options] [paths...]

Lints a Prisma schema with the schema rules of eslint-plugin-backend-architect.

Paths are schema files, folders (a folder is a multi-file schema: every .prisma file in it)
or globs. Without a path the schema is found the way Prisma finds it: the "schema" field of
prisma.config.ts, package.json#prisma.schema, prisma/schema.prisma, schema.prisma, prisma/schema/.

Options:
  -f, --format <name>     stylish (default), json, sarif, github, filepath (one line per file) or none
  -c, --config <file>     use this config file instead of searching for prisma-lint.config.{js,mjs,json}
                          or package.json#prisma-lint from the schema's folder upward
      --rule <id:level>   set a rule's severity (off, warn, error), e.g. --rule require-uuid-id:error;
                          repeatable; JSON works too: --rule 'require-timestamps:["error",{"ignoreModels":["Log"]}]'
      --fix               apply automatic fixes to the schema files (each file is replaced atomically)
      --fix-dry-run       compute fixes without writing them; prints the results with their "output" as JSON
      --print-config      print the rules in force as a prisma-lint.config.json and exit
      --max-warnings <n>  exit with 1 when there are more than n warnings
      --quiet             report errors only (rules set to "warn" do not run)
  -o, --output-file <f>   write the report to a file instead of standard output
      --no-color          no colours (also NO_COLOR=1, or when standard output is not a terminal)
      --color             colours even when standard output is not a terminal
  -h, --help              show this help
  -v, --version           show the version

Coming from the npm package prisma-lint: its configs (.prismalintrc.json and the other cosmiconfig
"prismalint" files) are read and translated when there is no config of ours, its /// prisma-lint-ignore-*
comments are honoured, and -o/--output-format simple|contextual|json|filepath|none still work.

Exit codes: 0 no errors (warnings within --max-warnings), 1 lint errors or too many warnings,
2 usage, config, file or schema syntax errors.

Examples:
  prisma-lint                                   lint the project's schema, found like Prisma does
  prisma-lint prisma/schema.prisma              lint one schema file
  prisma-lint prisma/schema/                    lint a multi-file schema
  prisma-lint --fix                             add the missing foreign-key indexes
  prisma-lint --rule require-uuid-id:error      turn on a strict rule for this run
  prisma-lint -f sarif -o prisma-lint.sarif     a SARIF report for GitHub code scanning
  prisma-lint -f github                         annotations in a GitHub Actions log
  prisma-lint --max-warnings 0                  fail on warnings too

Docs: https://github.com/backend-architect/eslint-plugin-backend-architect/blob/main/docs/prisma-lint.md
`;

/** Turns Node's parseArgs errors into one line a person understands. */
function parseError(error: unknown): UserError {
  const { code, message } = error as { code?: string; message: string };
  const flag = /'([^']+)'/u.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return new UserError(`unknown option ${flag ?? ""}`.trim(), "run prisma-lint --help for the options");
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = flag?.split(/,\s*/u).at(-1)?.split(" ")[0];
    if (message.includes("does not take an argument")) return new UserError(`option ${name} takes no value`, name);
    return new UserError(`option ${name ?? ""} needs a value`.replace("  ", " "), name);
  }
  return new UserError(message.split("\n", 1)[0]!);
}

/** Parses the command line (without `node` and the script). Throws a {@link UserError} on bad input. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: translateTheirFlags(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw parseError(error);
  }
  const { values, positionals } = parsed;

  // --fix-dry-run prints the would-be results as JSON, like ESLint, unless a format is named.
  const format = values.format ?? (values["fix-dry-run"] ? "json" : "stylish");
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`unknown format "${format}"; use one of ${FORMATS.join(", ")}`, "--format");
  }
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    const raw = values["max-warnings"];
    if (!/^\d+$/u.test(raw)) throw new UserError(`--max-warnings needs a whole number >= 0, got "${raw}"`, "--max-warnings");
    maxWarnings = Number(raw);
  }
  if (values.fix && values["fix-dry-run"]) {
    throw new UserError("--fix and --fix-dry-run cannot be used together", "--fix");
  }
  if (values.color && values["no-color"]) {
    throw new UserError("--color and --no-color cannot be used together", "--color");
  }
  if (values.config === "") throw new UserError("--config needs a file name", "--config");
  if (values["output-file"] === "") throw new UserError("--output-file needs a file name", "--output-file");

  return {
    paths: positionals,
    format: format as FormatName,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    config: values.config,
    rules: values.rule ?? [],
    maxWarnings,
    quiet: values.quiet ?? false,
    outputFile: values["output-file"],
    color: values.color ? true : values["no-color"] ? false : undefined,
    printConfig: values["print-config"] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
