/**
 * GitHub Actions workflow commands: one annotation per problem,
 * `::error file=<path>,line=<l>,col=<c>,endLine=<l>,endColumn=<c>,title=<rule>::<message>`.
 */
import path from "node:path";
import type { ESLint } from "eslint";
import type { FormatContext } from "./index.js";

/** Escapes a message (`%`, CR, LF) the way the Actions runner unescapes it. */
export function escapeData(value: string): string {
  return value.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

/** Escapes a property value: the message escapes plus `:` and `,`, which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}

/** A path relative to the base folder with forward slashes, as GitHub matches annotations to files. */
export function reportPath(file: string, baseDir: string): string {
  const relative = path.relative(baseDir, file);
  const shown = relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}

export function formatGithub(results: readonly ESLint.LintResult[], context: Pick<FormatContext, "baseDir">): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = reportPath(result.filePath, context.baseDir);
    for (const message of result.messages) {
      const command = message.fatal || message.severity === 2 ? "error" : "warning";
      const properties = [`file=${escapeProperty(file)}`];
      if (message.line) properties.push(`line=${message.line}`);
      if (message.column) properties.push(`col=${message.column}`);
      if (message.endLine) properties.push(`endLine=${message.endLine}`);
      if (message.endColumn) properties.push(`endColumn=${message.endColumn}`);
      const title = message.ruleId ?? (message.fatal ? "syntax error" : "prisma-lint");
      properties.push(`title=${escapeProperty(title)}`);
      lines.push(`::${command} ${properties.join(",")}::${escapeData(message.message)}`);
    }
  }
  return lines.join("\n");
}
