/**
 * The static DDL inside a PL/pgSQL `DO` block. Migrations wrap statements in `DO` blocks to make them
 * idempotent: Drizzle Kit (before 0.30) writes every foreign key as
 * `DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ...; EXCEPTION WHEN duplicate_object THEN null; END $$;`,
 * and hand-written migrations guard `CREATE POLICY` with `IF NOT EXISTS (...) THEN`. The block's
 * control words (`BEGIN`, `IF ... THEN`, `EXCEPTION WHEN ... THEN`, `FOR ... LOOP`, `END IF`) are
 * peeled off each `;`-separated piece, and pieces that then start a DDL command are parsed as SQL, as
 * are constant strings run with `EXECUTE '...'` (a common way to guard DDL). Pieces that build
 * their SQL at run time (`EXECUTE format(...)`, `EXECUTE 'alter table ' || name`) are returned as
 * text: the history cannot know what they do.
 */
import type { SqlNode, Statement } from "../language/ast.js";
import { lex, type Token } from "../language/lexer.js";
import { parseSql } from "../language/parser.js";
import { stringsOf } from "./names.js";

export interface EmbeddedCode {
  statements: EmbeddedStatement[];
  /** Pieces that run SQL built at run time. */
  dynamic: string[];
}

export interface EmbeddedStatement {
  /** Offset of the statement's text in the block's body. */
  offset: number;
  length: number;
  /** The statement, with locations relative to its own text. */
  statements: Statement[];
}

const DDL = new Set(["alter", "create", "drop", "comment"]);
/** Control words that open a piece, and the word that ends their condition. */
const CONDITION_END: ReadonlyMap<string, string> = new Map([
  ["if", "then"],
  ["elsif", "then"],
  ["elseif", "then"],
  ["when", "then"],
  ["for", "loop"],
  ["foreach", "loop"],
  ["while", "loop"],
]);
const SKIPPED_WORDS = new Set(["begin", "else", "loop", "exception", "declare"]);

export function embeddedStatements(body: string): EmbeddedCode {
  const { tokens } = lex(body);
  const word = (token: Token | undefined): string | undefined =>
    token?.kind === "word" ? body.slice(token.start, token.end).toLowerCase() : undefined;
  const punct = (token: Token | undefined): string | undefined =>
    token?.kind === "punct" ? body[token.start] : undefined;

  const result: EmbeddedStatement[] = [];
  const dynamic: string[] = [];
  let depth = 0;
  let pieceStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const char = punct(tokens[i]);
    if (char === "(") depth++;
    else if (char === ")") depth = Math.max(0, depth - 1);
    if (i < tokens.length && !(char === ";" && depth === 0)) continue;
    let first = pieceStart;
    pieceStart = i + 1;
    // Peel control words off the front of the piece.
    for (;;) {
      const keyword = word(tokens[first]);
      if (keyword === undefined) {
        if (punct(tokens[first]) === "<" && punct(tokens[first + 1]) === "<") {
          first = skipLabel(tokens, first, punct, i);
          continue;
        }
        break;
      }
      if (SKIPPED_WORDS.has(keyword)) {
        first++;
      } else if (CONDITION_END.get(keyword)) {
        first = skipCondition(tokens, first + 1, CONDITION_END.get(keyword)!, word, punct, i);
      } else {
        break;
      }
    }
    if (first >= i) continue;
    const command = word(tokens[first]);
    if (command === "execute") {
      const literal = tokens[first + 1];
      const text = first + 2 === i && literal?.kind === "string" ? stringValue(body.slice(literal.start, literal.end)) : undefined;
      const parsed = text === undefined ? undefined : parseSql(text);
      if (parsed?.ok && parsed.ast.body.length > 0) {
        const offset = literal!.start + (body[literal!.start] === "$" ? body.indexOf("$", literal!.start + 1) + 1 - literal!.start : 1);
        result.push({ offset, length: text!.length, statements: parsed.ast.body });
      } else {
        dynamic.push(body.slice(tokens[first]!.start, tokens[i - 1]!.end));
      }
      continue;
    }
    if (!DDL.has(command ?? "")) continue;
    const offset = tokens[first]!.start;
    const end = tokens[i - 1]!.end;
    const parsed = parseSql(body.slice(offset, end));
    if (parsed.ok && parsed.ast.body.length > 0) {
      result.push({ offset, length: end - offset, statements: parsed.ast.body });
    }
  }
  return { statements: result, dynamic };
}

/** The text of a `'...'` or `$tag$...$tag$` literal; `undefined` for escape strings and other prefixes. */
function stringValue(literal: string): string | undefined {
  if (literal.startsWith("'") && literal.endsWith("'") && literal.length >= 2) return literal.slice(1, -1).replaceAll("''", "'");
  const tag = /^\$[^$]*\$/u.exec(literal)?.[0];
  if (tag && literal.endsWith(tag) && literal.length >= tag.length * 2) return literal.slice(tag.length, -tag.length);
  return undefined;
}

/** Index after the word that ends a condition (`THEN`, `LOOP`) at depth 0, or `limit`. */
function skipCondition(
  tokens: Token[],
  from: number,
  end: string,
  word: (token: Token | undefined) => string | undefined,
  punct: (token: Token | undefined) => string | undefined,
  limit: number,
): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const char = punct(tokens[i]);
    if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (depth === 0 && word(tokens[i]) === end) return i + 1;
  }
  return limit;
}

function skipLabel(tokens: Token[], from: number, punct: (token: Token | undefined) => string | undefined, limit: number): number {
  for (let i = from + 2; i < limit - 1; i++) {
    if (punct(tokens[i]) === ">" && punct(tokens[i + 1]) === ">") return i + 2;
  }
  return limit;
}

/** The code of a `DO` block (`args`) or a function (`options`, the `as` definition). */
export function codeOf(list: unknown, defname = "as"): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list as SqlNode[]) {
    if (item?.type !== "DefElem" || item.defname !== defname) continue;
    const arg = item.arg as SqlNode | undefined;
    if (arg?.type === "String") return String(arg.sval);
    if (arg?.type === "List") return stringsOf(arg.items).join("\n");
  }
  return undefined;
}

// A DO block's statements, parsed once per block node (block nodes live as long as their file's parse).
export interface EmbeddedBlocks {
  blocks: Array<{ range: [number, number]; statements: Statement[] }>;
  dynamic: string[];
}
const embeddedCache = new WeakMap<SqlNode, EmbeddedBlocks>();

export function embeddedOf(node: SqlNode, body: string, top: Statement, text: string): EmbeddedBlocks {
  let cached = embeddedCache.get(node);
  if (!cached) {
    const bodyStart = text.indexOf(body, top.range[0]);
    const { statements, dynamic } = embeddedStatements(body);
    const blocks = statements.map((embedded) => {
      if (bodyStart === -1) return { range: top.range, statements: embedded.statements };
      const start = bodyStart + embedded.offset;
      for (const statement of embedded.statements) shiftLocations(statement, start);
      return { range: [start, start + embedded.length] as [number, number], statements: embedded.statements };
    });
    cached = { blocks, dynamic };
    embeddedCache.set(node, cached);
  }
  return cached;
}

/** Moves a statement parsed on its own to where it sits in the file. */
function shiftLocations(node: SqlNode, by: number): void {
  if (by === 0) return;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.location === "number" && record.location >= 0) record.location += by;
      for (const key in record) {
        if (key !== "location" && key !== "loc" && key !== "range") visit(record[key]);
      }
    }
  };
  visit(node);
}
