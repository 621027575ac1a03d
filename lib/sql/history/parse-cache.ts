/**
 * Every SQL file a process parses, by path: ESLint's own parse of the linted file and the parses of
 * the other migrations of its folder are the same objects, so the history built while linting one
 * file serves every file of the folder. Entries are checked against the file's modification time
 * and size before reuse, at most once a second (a folder of 500 migrations would otherwise cost
 * 250,000 `stat` calls to lint); the text ESLint lints (an editor's unsaved buffer) always wins.
 */
import { readFileSync, statSync } from "node:fs";
import type { Script } from "../language/ast.js";
import { lex } from "../language/lexer.js";
import { parseSql, type ParseResult } from "../language/parser.js";

export interface ParsedFile {
  path: string;
  text: string;
  /** The statements; a file with a syntax error keeps the statements that parse on their own. */
  ast: Script;
  /** Texts of the statements PostgreSQL could not parse (their names are unknown to the history). */
  unparsed: string[];
}

interface Entry {
  text: string;
  result: ParseResult;
  file?: ParsedFile;
  mtimeMs?: number;
  size?: number;
  /** When the disk was last compared with this entry (`Date.now()`). */
  checkedAt?: number;
}

/** How long a comparison with the disk stays good. */
const RECHECK_MS = 1000;

const cache = new Map<string, Entry>();

/** ESLint's parse of a file: the cached one when the text is the same. */
export function parseText(path: string, text: string): ParseResult {
  const cached = cache.get(path);
  if (cached?.text === text) return cached.result;
  const result = parseSql(text);
  cache.set(path, { text, result });
  return result;
}

/** A migration file as the history reads it: from disk, or as last linted when the disk agrees. */
export function parsedFile(path: string): ParsedFile | undefined {
  const now = Date.now();
  const known = cache.get(path);
  if (known?.checkedAt !== undefined && now - known.checkedAt < RECHECK_MS) return fileOf(path, known);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  let entry = cache.get(path);
  if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
    let text: string;
    try {
      text = readFileSync(path, "utf8").replace(/^\uFEFF/u, "");
    } catch {
      return undefined;
    }
    if (entry?.text !== text) entry = { text, result: parseSql(text) };
    entry.mtimeMs = stat.mtimeMs;
    entry.size = stat.size;
    cache.set(path, entry);
  }
  entry.checkedAt = now;
  return fileOf(path, entry);
}

/** The linted file itself, from the parse ESLint made of its current text. */
export function lintedFile(path: string, text: string, ast: Script): ParsedFile {
  const entry = cache.get(path);
  if (entry?.text === text && entry.result.ok && entry.result.ast === ast) return fileOf(path, entry);
  return { path, text, ast, unparsed: [] };
}

function fileOf(path: string, entry: Entry): ParsedFile {
  if (!entry.file) {
    entry.file = entry.result.ok
      ? { path, text: entry.text, ast: entry.result.ast, unparsed: [] }
      : recover(path, entry.text);
  }
  return entry.file;
}

/**
 * A file with a syntax error, statement by statement: what parses is kept (PostgreSQL would apply
 * none of it, but the author meant all of it), what does not is kept as text. Rules never report in
 * another file, so the offsets of these statements (relative to their own text) are never used.
 */
function recover(path: string, text: string): ParsedFile {
  const body: Script["body"] = [];
  const unparsed: string[] = [];
  let start = 0;
  for (const end of statementEnds(text)) {
    const chunk = text.slice(start, end);
    const result = parseSql(chunk);
    if (result.ok) body.push(...result.ast.body);
    else unparsed.push(chunk);
    start = end;
  }
  const ast: Script = { type: "Script", body, range: [0, text.length], loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
  return { path, text, ast, unparsed };
}

/** Offsets just after each top-level `;`, and the end of the text. */
function statementEnds(text: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  for (const token of lex(text).tokens) {
    if (token.kind !== "punct") continue;
    const char = text[token.start];
    if (char === "(") depth++;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (char === ";" && depth === 0) ends.push(token.end);
  }
  if (ends.at(-1) !== text.length) ends.push(text.length);
  return ends;
}
