/**
 * A small tokenizer for PostgreSQL text, run lazily and only for what the parse tree does not carry:
 * comments (for `-- eslint-disable-next-line` directives) and token ends (the tree gives a node's
 * start offset only, so a report's end is found here: the end of a name, the `)` that closes a call).
 *
 * It follows PostgreSQL's scanner (`scan.l`) where it matters for finding comments and brackets:
 * `--` and nested `/* *\/` comments, `'...'` strings with `''` (and backslash escapes in `E'...'`),
 * `"..."` identifiers, `$tag$...$tag$` bodies, and `$` inside identifiers. Everything else is a
 * one-character punctuation or operator token; nothing here ever throws.
 */

export type TokenKind = "word" | "quoted" | "string" | "number" | "param" | "punct" | "comment";

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset after the last character. */
  end: number;
}

export interface CommentToken extends Token {
  kind: "comment";
  block: boolean;
}

export interface LexResult {
  /** Every token but comments, in source order. */
  tokens: Token[];
  comments: CommentToken[];
}

const CODE_0 = 48;
const CODE_9 = 57;

function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= CODE_0 && code <= CODE_9) || code === 36; // $
}

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/uy;

/** Tokens and comments of `text` between `from` and `to`. */
export function lex(text: string, from = 0, to = text.length): LexResult {
  const tokens: Token[] = [];
  const comments: CommentToken[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12) {
      i++;
    } else if (code === 45 && next === 45) {
      // -- line comment
      let end = i + 2;
      while (end < to && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      comments.push({ kind: "comment", block: false, start: i, end });
      i = end;
    } else if (code === 47 && next === 42) {
      const end = blockCommentEnd(text, i, to);
      comments.push({ kind: "comment", block: true, start: i, end });
      i = end;
    } else if (code === 39) {
      const end = stringEnd(text, i, to, false);
      tokens.push({ kind: "string", start: i, end });
      i = end;
    } else if (code === 34) {
      const end = quotedEnd(text, i, to, 34);
      tokens.push({ kind: "quoted", start: i, end });
      i = end;
    } else if (code === 36) {
      if (next >= CODE_0 && next <= CODE_9) {
        let end = i + 1;
        while (end < to && text.charCodeAt(end) >= CODE_0 && text.charCodeAt(end) <= CODE_9) end++;
        tokens.push({ kind: "param", start: i, end });
        i = end;
        continue;
      }
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(text);
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const end = close === -1 || close >= to ? to : close + tag[0].length;
        tokens.push({ kind: "string", start: i, end });
        i = end;
      } else {
        tokens.push({ kind: "punct", start: i, end: i + 1 });
        i++;
      }
    } else if (isIdentStart(code)) {
      let end = i + 1;
      while (end < to && isIdentPart(text.charCodeAt(end))) end++;
      const quote = text.charCodeAt(end);
      // E'...' (escapes), and B'', X'', N'', U&'' / U&"" prefixes: one token with their string.
      if (quote === 39 && end - i === 1) {
        const escapes = code === 69 || code === 101;
        const stringClose = stringEnd(text, end, to, escapes);
        tokens.push({ kind: "string", start: i, end: stringClose });
        i = stringClose;
      } else if ((code === 85 || code === 117) && end === i + 1 && quote === 38) {
        const after = text.charCodeAt(end + 1);
        if (after === 39 || after === 34) {
          const close = after === 39 ? stringEnd(text, end + 1, to, false) : quotedEnd(text, end + 1, to, 34);
          tokens.push({ kind: after === 39 ? "string" : "quoted", start: i, end: close });
          i = close;
        } else {
          tokens.push({ kind: "word", start: i, end });
          i = end;
        }
      } else {
        tokens.push({ kind: "word", start: i, end });
        i = end;
      }
    } else if ((code >= CODE_0 && code <= CODE_9) || (code === 46 && next >= CODE_0 && next <= CODE_9)) {
      let end = i + 1;
      while (end < to) {
        const c = text.charCodeAt(end);
        if (isIdentPart(c) || c === 46) end++;
        else if ((c === 43 || c === 45) && /[eE]/u.test(text[end - 1]!)) end++;
        else break;
      }
      tokens.push({ kind: "number", start: i, end });
      i = end;
    } else {
      tokens.push({ kind: "punct", start: i, end: i + 1 });
      i++;
    }
  }
  return { tokens, comments };
}

function blockCommentEnd(text: string, start: number, to: number): number {
  let depth = 0;
  let i = start;
  while (i < to) {
    if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return to;
}

function stringEnd(text: string, quote: number, to: number, escapes: boolean): number {
  let i = quote + 1;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (escapes && code === 92) {
      i += 2;
    } else if (code === 39) {
      if (text.charCodeAt(i + 1) === 39) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return to;
}

function quotedEnd(text: string, quote: number, to: number, delimiter: number): number {
  let i = quote + 1;
  while (i < to) {
    if (text.charCodeAt(i) === delimiter) {
      if (text.charCodeAt(i + 1) === delimiter) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return to;
}
