/**
 * `eslint-disable*` and `/* eslint rule: ... *\/` comments of a non-JavaScript language (Prisma, SQL): the two
 * `SourceCode` methods ESLint calls for them, written once for every language of the plugin.
 */
import { ConfigCommentParser, Directive, type DirectiveType, type RulesConfig } from "@eslint/plugin-kit";
import type { FileProblem, SourceLocation } from "@eslint/core";

/** A comment as the languages hold it: its text without the delimiters, and where it is. */
export interface ConfigComment {
  value: string;
  loc: SourceLocation;
}

const commentParser = new ConfigCommentParser();

/** What `SourceCode#getDisableDirectives()` returns for these comments. */
export function disableDirectivesOf(comments: readonly ConfigComment[]): { problems: FileProblem[]; directives: Directive[] } {
  const problems: FileProblem[] = [];
  const directives: Directive[] = [];
  for (const comment of comments) {
    const parsed = commentParser.parseDirective(comment.value);
    if (!parsed) continue;
    const { label, value, justification } = parsed;
    if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) {
      problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
      continue;
    }
    switch (label) {
      case "eslint-disable":
      case "eslint-enable":
      case "eslint-disable-next-line":
      case "eslint-disable-line":
        directives.push(new Directive({ type: label.slice("eslint-".length) as DirectiveType, node: comment, value, justification }));
        break;
      default:
        break;
    }
  }
  return { problems, directives };
}

/** What `SourceCode#applyInlineConfig()` returns for these comments. */
export function inlineConfigsOf(comments: readonly ConfigComment[]): {
  problems: FileProblem[];
  configs: Array<{ config: { rules: RulesConfig }; loc: SourceLocation }>;
} {
  const problems: FileProblem[] = [];
  const configs: Array<{ config: { rules: RulesConfig }; loc: SourceLocation }> = [];
  for (const comment of comments) {
    const parsed = commentParser.parseDirective(comment.value);
    if (parsed?.label !== "eslint") continue;
    const result = commentParser.parseJSONLikeConfig(parsed.value);
    if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
    else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
  }
  return { problems, configs };
}
