/**
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
  /** 1-based line of the first character (a token other than a line break never spans lines). */
  line: number;
  /** 1-based column of the first character. */
  column: number;
}

export interface RawComment {
  kind: "line" | "doc" | "block";
  start: number;
  end: number;
  value: string;
  /** 1-based lines and columns of the first character and after the last one. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface LexError {
  offset: number;
  message: string;
}

export interface LexResult {
  tokens: Token[];
  comments: RawComment[];
  error: LexError | undefined;
  /** 1-based line and column after the last character. */
  endLine: number;
  endColumn: number;
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

const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map([["true", "True"], ["false", "False"], ["null", "Null"]]);

/** `[A-Za-z]`: what an identifier starts with. */
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** `[\w-]`: what an identifier goes on with. */
function isWordOrDash(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45;
}

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
  // lines and columns as they go: a line ends at \n, \r\n or a lone \r
  let line = 1;
  let lineStart = 0;

  const result = (error: LexError | undefined): LexResult => ({ tokens, comments, error, endLine: line, endColumn: length - lineStart + 1 });
  const push = (kind: TokenKind, start: number, end: number, image: string): void => {
    tokens.push({ kind, start, end, image, line, column: start - lineStart + 1 });
  };

  while (i < length) {
    const char = text[i]!;

    if (char === "\n" || char === "\r") {
      const end = char === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      push("LineBreak", i, end, text.slice(i, end));
      i = end;
      line++;
      lineStart = end;
      continue;
    }

    if (char === " " || char === "\t") {
      i++;
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
      const column = i - lineStart + 1;
      comments.push({
        kind: doc ? "doc" : "line",
        start: i,
        end,
        value: text.slice(i + (doc ? 3 : 2), end),
        startLine: line,
        startColumn: column,
        endLine: line,
        endColumn: column + end - i,
      });
      i = end;
      continue;
    }

    if (char === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return result({ offset: i, message: "Unterminated block comment: close it with `*/`." });
      const startLine = line;
      const startColumn = i - lineStart + 1;
      for (let j = i + 2; j < close; j++) {
        const c = text.charCodeAt(j);
        if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) {
          line++;
          lineStart = j + 1;
        }
      }
      comments.push({
        kind: "block",
        start: i,
        end: close + 2,
        value: text.slice(i + 2, close),
        startLine,
        startColumn,
        endLine: line,
        endColumn: close + 2 - lineStart + 1,
      });
      i = close + 2;
      continue;
    }

    if (char === "@") {
      const block = text[i + 1] === "@";
      const end = block ? i + 2 : i + 1;
      push(block ? "BlockAttribute" : "FieldAttribute", i, end, block ? "@@" : "@");
      i = end;
      continue;
    }

    const punctuation = PUNCTUATION[char];
    if (punctuation) {
      push(punctuation, i, i + 1, char);
      i++;
      continue;
    }

    if (char === '"') {
      let end = i + 1;
      while (end < length && text[end] !== '"' && text[end] !== "\n" && text[end] !== "\r") {
        end += text[end] === "\\" && end + 1 < length && text[end + 1] !== "\n" && text[end + 1] !== "\r" ? 2 : 1;
      }
      if (end >= length || text[end] !== '"') {
        return result({ offset: i, message: 'Unterminated string: close it with `"` on the same line.' });
      }
      push("StringLiteral", i, end + 1, text.slice(i, end + 1));
      i = end + 1;
      continue;
    }

    if (isLetter(text.charCodeAt(i))) {
      let end = i + 1;
      while (end < length && isWordOrDash(text.charCodeAt(end))) end++;
      const image = text.slice(i, end);
      push(KEYWORDS.get(image) ?? "Identifier", i, end, image);
      i = end;
      continue;
    }

    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      const end = NUMBER.lastIndex;
      push("NumberLiteral", i, end, text.slice(i, end));
      i = end;
      continue;
    }

    return result({ offset: i, message: `Unexpected character ${describeChar(String.fromCodePoint(text.codePointAt(i) ?? 0))}.` });
  }

  return result(undefined);
}
