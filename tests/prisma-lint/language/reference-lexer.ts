/**
 * The tokenizer as it was when the reference parser (`reference-parser.ts`) was the language's parser,
 * kept as it was so that the differential test also checks today's tokenizer.
 *
 * A small hand-written tokenizer for Prisma schemas. It replaces `@mrleebo/prisma-ast`'s lexer, whose
 * whitespace token swallows line breaks after trailing spaces and which knows neither `/* *\/`
 * comments nor comments after `{`. Comments never reach the parser (they are returned apart, with
 * their exact ranges), so a comment is fine anywhere Prisma accepts one. Offsets are those of the
 * original text: nothing is blanked or shifted.
 */

export type TokenKind =
  | "LineBreak"
  | "BlockAttribute"
  | "FieldAttribute"
  | "Dot"
  | "QuestionMark"
  | "LCurly"
  | "RCurly"
  | "LSquare"
  | "RSquare"
  | "LRound"
  | "RRound"
  | "Comma"
  | "Colon"
  | "Equals"
  | "True"
  | "False"
  | "Null"
  | "StringLiteral"
  | "NumberLiteral"
  | "Identifier";

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
  image: string;
}

export interface RawComment {
  kind: "line" | "doc" | "block";
  start: number;
  end: number;
  value: string;
}

export interface LexError {
  offset: number;
  message: string;
}

export interface LexResult {
  tokens: Token[];
  comments: RawComment[];
  error: LexError | undefined;
}

const PUNCTUATION: Record<string, TokenKind> = {
  ".": "Dot",
  "?": "QuestionMark",
  "{": "LCurly",
  "}": "RCurly",
  "[": "LSquare",
  "]": "RSquare",
  "(": "LRound",
  ")": "RRound",
  ",": "Comma",
  ":": "Colon",
  "=": "Equals",
};

const KEYWORDS: Record<string, TokenKind> = { true: "True", false: "False", null: "Null" };

const IDENTIFIER = /[A-Za-z][\w-]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HORIZONTAL_SPACE = /[ \t\f\v\u00a0\ufeff\u2000-\u200b\u2028\u2029\u3000]+/y;

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfffd) {
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return char === "`" ? "'`'" : `\`${char}\``;
}

export function tokenize(text: string): LexResult {
  const tokens: Token[] = [];
  const comments: RawComment[] = [];
  const length = text.length;
  let i = 0;

  const fail = (offset: number, message: string): LexResult => ({ tokens, comments, error: { offset, message } });

  while (i < length) {
    const char = text[i]!;

    if (char === "\n" || char === "\r") {
      const end = char === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      tokens.push({ kind: "LineBreak", start: i, end, image: text.slice(i, end) });
      i = end;
      continue;
    }

    HORIZONTAL_SPACE.lastIndex = i;
    if (HORIZONTAL_SPACE.test(text)) {
      i = HORIZONTAL_SPACE.lastIndex;
      continue;
    }

    if (char === "/" && text[i + 1] === "/") {
      let end = i + 2;
      while (end < length && text[end] !== "\n" && text[end] !== "\r") end++;
      const doc = text[i + 2] === "/";
      comments.push({ kind: doc ? "doc" : "line", start: i, end, value: text.slice(i + (doc ? 3 : 2), end) });
      i = end;
      continue;
    }

    if (char === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return fail(i, "Unterminated block comment: close it with `*/`.");
      comments.push({ kind: "block", start: i, end: close + 2, value: text.slice(i + 2, close) });
      i = close + 2;
      continue;
    }

    if (char === "@") {
      const block = text[i + 1] === "@";
      const end = block ? i + 2 : i + 1;
      tokens.push({ kind: block ? "BlockAttribute" : "FieldAttribute", start: i, end, image: text.slice(i, end) });
      i = end;
      continue;
    }

    const punctuation = PUNCTUATION[char];
    if (punctuation) {
      tokens.push({ kind: punctuation, start: i, end: i + 1, image: char });
      i++;
      continue;
    }

    if (char === '"') {
      let end = i + 1;
      while (end < length && text[end] !== '"' && text[end] !== "\n" && text[end] !== "\r") {
        end += text[end] === "\\" && end + 1 < length && text[end + 1] !== "\n" && text[end + 1] !== "\r" ? 2 : 1;
      }
      if (end >= length || text[end] !== '"') {
        return fail(i, 'Unterminated string: close it with `"` on the same line.');
      }
      tokens.push({ kind: "StringLiteral", start: i, end: end + 1, image: text.slice(i, end + 1) });
      i = end + 1;
      continue;
    }

    IDENTIFIER.lastIndex = i;
    if (IDENTIFIER.test(text)) {
      const end = IDENTIFIER.lastIndex;
      const image = text.slice(i, end);
      tokens.push({ kind: KEYWORDS[image] ?? "Identifier", start: i, end, image });
      i = end;
      continue;
    }

    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      const end = NUMBER.lastIndex;
      tokens.push({ kind: "NumberLiteral", start: i, end, image: text.slice(i, end) });
      i = end;
      continue;
    }

    return fail(i, `Unexpected character ${describeChar(String.fromCodePoint(text.codePointAt(i) ?? 0))}.`);
  }

  return { tokens, comments, error: undefined };
}
