/**
 * `parseSql(text)`: a file's statements as PostgreSQL parses them, with character offsets, or the
 * one syntax error PostgreSQL reports. Never throws.
 */
import { convertNode, type Script, type SourceLocation, type Statement } from "./ast.js";
import { lex } from "./lexer.js";
import { parseRaw } from "./pg-parser.js";

export interface ParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult = { ok: true; ast: Script } | { ok: false; errors: [ParseError] };

interface RawStatement {
  stmt?: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

const NON_ASCII = /[^\x00-\x7f]/u;

export function parseSql(text: string): ParseResult {
  const lines = lineStarts(text);
  const raw = parseRaw(text);
  if (!raw.ok) {
    if ("unavailable" in raw) {
      return { ok: false, errors: [{ message: `Cannot run the PostgreSQL parser (${raw.unavailable}).`, line: 1, column: 1 }] };
    }
    const offset = raw.cursor > 0 ? codePointToOffset(text, raw.cursor - 1) : 0;
    const { line, column } = position(lines, offset);
    return { ok: false, errors: [{ message: raw.message, line, column }] };
  }

  const offset = NON_ASCII.test(text) ? byteToCharOffsets(text) : (byte: number) => byte;
  let parsed: { stmts?: RawStatement[] };
  try {
    parsed = JSON.parse(raw.json) as { stmts?: RawStatement[] };
  } catch {
    return { ok: false, errors: [{ message: "The PostgreSQL parser returned an unreadable tree.", line: 1, column: 1 }] };
  }
  const body: Statement[] = [];
  for (const rawStatement of parsed.stmts ?? []) {
    const node = rawStatement.stmt && convertNode(rawStatement.stmt, offset);
    if (!node) continue;
    const startByte = rawStatement.stmt_location ?? 0;
    const start = offset(startByte);
    // stmt_len 0 means "to the end of the text": the last statement without a `;`.
    const end = rawStatement.stmt_len ? offset(startByte + rawStatement.stmt_len) : lastTokenEnd(text, start);
    const statement = node as Statement;
    statement.range = [start, end];
    statement.loc = { start: position(lines, start), end: position(lines, end) };
    body.push(statement);
  }
  const loc: SourceLocation = { start: { line: 1, column: 1 }, end: position(lines, text.length) };
  return { ok: true, ast: { type: "Script", body, range: [0, text.length], loc } };
}

function lastTokenEnd(text: string, start: number): number {
  const { tokens } = lex(text, start);
  return tokens.at(-1)?.end ?? start;
}

/** Offsets where each line starts (`\r\n`, `\n` and `\r` end a line, as in ESLint). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function position(lines: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lines[low]! + 1 };
}

/** A function from UTF-8 byte offsets to UTF-16 offsets of `text`. */
function byteToCharOffsets(text: string): (byte: number) => number {
  const table: number[] = [];
  let char = 0;
  for (const symbol of text) {
    const codePoint = symbol.codePointAt(0)!;
    const bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) table.push(char);
    char += symbol.length;
  }
  table.push(char);
  return (byte) => table[byte] ?? char;
}

function codePointToOffset(text: string, index: number): number {
  if (!NON_ASCII.test(text)) return Math.min(index, text.length);
  let offset = 0;
  for (let i = 0; i < index && offset < text.length; i++) {
    offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}
