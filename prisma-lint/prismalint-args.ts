/**
 * The output flags of the npm package `prisma-lint`, so that a script written for it keeps working:
 * `-o, --output-format <simple|contextual|json|filepath|none>` become `--format stylish|stylish|json|filepath|none`.
 * Our `-o` is ESLint's `--output-file`: `-o` followed by one of their format names is read as their flag,
 * anything else stays a file name (`--output-file json` writes a file named `json`).
 */
const THEIR_FORMATS: Readonly<Record<string, string>> = {
  simple: "stylish",
  contextual: "stylish",
  json: "json",
  filepath: "filepath",
  none: "none",
};

export function translateTheirFlags(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      result.push(...argv.slice(i));
      break;
    }
    const short = /^-o=?(\w+)$/u.exec(arg);
    if (short && Object.hasOwn(THEIR_FORMATS, short[1]!)) {
      result.push("--format", THEIR_FORMATS[short[1]!]!);
      continue;
    }
    const inline = /^--output-format=(.*)$/su.exec(arg);
    if (arg === "--output-format" || inline) {
      const value = inline ? inline[1]! : argv[i + 1];
      if (!inline) i++;
      result.push("--format", value === undefined ? "" : (THEIR_FORMATS[value] ?? value));
      continue;
    }
    if (arg === "-o" && argv[i + 1] !== undefined && Object.hasOwn(THEIR_FORMATS, argv[i + 1]!)) {
      result.push("--format", THEIR_FORMATS[argv[++i]!]!);
      continue;
    }
    result.push(arg);
  }
  return result;
}
