/**
 * Syntax errors a person understands, from what the parser knew when it stopped: the token it found,
 * the token before, the rules it was in and, for a missing token, the token it expected.
 */
import type { Token, TokenKind } from "./lexer.js";

/** The grammar's rules (prisma-ast's names), as they appear in the parser's rule stack. */
export type GrammarRule =
  | "schema"
  | "component"
  | "block"
  | "property"
  | "assignment"
  | "field"
  | "enum"
  | "fieldAttribute"
  | "blockAttribute"
  | "attributeArg"
  | "keyedArg"
  | "value"
  | "array"
  | "object"
  | "func";

/** Where and why the parser stopped (the kinds of error are chevrotain's). */
export interface SyntaxProblem {
  /** A required token was missing; no alternative fit; text after the last block. */
  exception: "MismatchedTokenException" | "NoViableAltException" | "NotAllInputParsedException";
  /** Index of the token found; the number of tokens for the end of the file. */
  found: number;
  /** The kind of the token before it. */
  previousKind: TokenKind | undefined;
  /** The rules the parser was in, innermost last (empty for text after the last block). */
  ruleStack: readonly GrammarRule[];
  /** The token a `MismatchedTokenException` expected. */
  expected: TokenKind | undefined;
}

/** A problem of the node model in text the grammar accepts (an unknown block keyword...). */
export class SchemaSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const EXPECTED_WORDS: Partial<Record<TokenKind, string>> = {
  LineBreak: "a line break",
  Identifier: "a name",
  StringLiteral: "a string",
  NumberLiteral: "a number",
  Dot: "`.`",
  QuestionMark: "`?`",
  LCurly: "`{`",
  RCurly: "`}`",
  LSquare: "`[`",
  RSquare: "`]`",
  LRound: "`(`",
  RRound: "`)`",
  Comma: "`,`",
  Colon: "`:`",
  Equals: "`=`",
  BlockAttribute: "`@@`",
  FieldAttribute: "`@`",
};

function describeToken(token: Token | undefined): string {
  if (!token) return "end of file";
  if (token.kind === "LineBreak") return "end of line";
  const image = token.image.length > 40 ? `${token.image.slice(0, 40)}...` : token.image;
  return `\`${image}\``;
}

interface OpenBlock {
  keyword: Token;
  name: Token;
}

/** The block (`model User {`) that is open at `offset`, from the tokens alone. */
function openBlockAt(tokens: Token[], offset: number): OpenBlock | undefined {
  let depth = 0;
  let current: OpenBlock | undefined;
  for (let i = 0; i < tokens.length && tokens[i]!.start < offset; i++) {
    const tok = tokens[i]!;
    if (tok.kind === "LCurly") {
      if (depth === 0) {
        const name = tokens[i - 1];
        const keyword = tokens[i - 2];
        current = name?.kind === "Identifier" && keyword?.kind === "Identifier" ? { keyword, name } : undefined;
      }
      depth++;
    } else if (tok.kind === "RCurly" && depth > 0) {
      depth--;
      if (depth === 0) current = undefined;
    }
  }
  return current;
}

/** The block keywords and the node types they make. */
export const BLOCK_TYPES: Record<string, "Datasource" | "Generator" | "Model" | "View" | "CompositeType" | "Enum"> = {
  datasource: "Datasource",
  generator: "Generator",
  model: "Model",
  view: "View",
  type: "CompositeType",
  enum: "Enum",
};
const BLOCK_LIST = "`model`, `enum`, `type`, `view`, `datasource` and `generator`";

/** The message for a top-level problem: an unknown keyword, a header without name or `{`, stray text. */
function topLevelError(tokens: Token[], index: number, found: string): { message: string; offset: number } {
  let first = index;
  while (first > 0 && tokens[first - 1]!.kind !== "LineBreak" && tokens[first - 1]!.kind !== "RCurly") first--;
  const keyword = tokens[first];
  if (!keyword || keyword.kind !== "Identifier") {
    return { message: `Unexpected ${found} outside of a block: a schema holds ${BLOCK_LIST} blocks and comments.`, offset: tokens[index]?.start ?? 0 };
  }
  if (!Object.hasOwn(BLOCK_TYPES, keyword.image)) {
    return { message: `Unknown block type \`${keyword.image}\`: a schema holds ${BLOCK_LIST} blocks.`, offset: keyword.start };
  }
  const name = tokens[first + 1];
  if (!name || name.kind !== "Identifier") {
    return { message: `Expected a name after \`${keyword.image}\`, found ${found}.`, offset: tokens[index]?.start ?? keyword.end };
  }
  return {
    message: `Expected \`{\` after \`${keyword.image} ${name.image}\` on the same line, found ${found}.`,
    offset: tokens[index]?.start ?? name.end,
  };
}

/** The message and offset for the place where the parser stopped. */
export function syntaxError(problem: SyntaxProblem, tokens: Token[], text: string): { message: string; offset: number } {
  const foundToken = tokens[problem.found];
  const offset = foundToken ? foundToken.start : text.length;
  const index = problem.found;
  const described = describeToken(foundToken);
  const block = openBlockAt(tokens, foundToken ? offset : Number.POSITIVE_INFINITY);
  const innermost = problem.ruleStack.at(-1);
  const expected = problem.exception === "MismatchedTokenException" && problem.expected ? EXPECTED_WORDS[problem.expected] : undefined;

  if (!block) {
    const stray = problem.exception === "NotAllInputParsedException" && foundToken?.kind !== "Identifier";
    if (stray) return { message: `Unexpected ${described} outside of a block: a schema holds ${BLOCK_LIST} blocks and comments.`, offset };
    return topLevelError(tokens, Math.max(0, index), described);
  }
  const label = `${block.keyword.image} ${block.name.image}`;
  if (!Object.hasOwn(BLOCK_TYPES, block.keyword.image)) {
    return { message: `Unknown block type \`${block.keyword.image}\`: a schema holds ${BLOCK_LIST} blocks.`, offset: block.keyword.start };
  }
  if (!foundToken) {
    return { message: `The \`${label}\` block is never closed: add \`}\` at its end.`, offset: block.name.start };
  }
  if (innermost === "block" && problem.previousKind === "LCurly" && expected === "a line break") {
    return {
      message: `Start a new line after \`{\`: Prisma expects every field and attribute on its own line, found ${described}.`,
      offset,
    };
  }
  const next = tokens[index + 1];
  if (
    foundToken.kind === "Identifier" &&
    (!next || next.kind === "LineBreak") &&
    (block.keyword.image === "model" || block.keyword.image === "view" || block.keyword.image === "type")
  ) {
    return { message: `The field \`${foundToken.image}\` in \`${label}\` has no type.`, offset };
  }
  const inAttribute = problem.ruleStack.includes("fieldAttribute") || problem.ruleStack.includes("blockAttribute");
  if (foundToken.kind === "LineBreak" && inAttribute) {
    const closing = expected ? `: close it with ${expected}` : "";
    return {
      message: `Unexpected end of line inside an attribute in \`${label}\`${closing}. Prisma expects an attribute to end on the line where it starts.`,
      offset,
    };
  }
  if (innermost === "block") {
    const keyword = block.keyword.image;
    const members =
      keyword === "enum"
        ? "an enum value, a block attribute or `}`"
        : keyword === "datasource" || keyword === "generator"
          ? "a `key = value` line or `}`"
          : "a field, a block attribute (`@@...`) or `}`";
    return { message: `Unexpected ${described} in \`${label}\`: expected ${members}.`, offset };
  }
  const expectation = expected ? `, expected ${expected}` : "";
  return { message: `Unexpected ${described}${expectation} in \`${label}\`.`, offset };
}
