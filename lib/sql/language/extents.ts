/**
 * Where a node ends. PostgreSQL records where a node starts; the end comes from the tokens of its
 * statement: a call ends at its `)`, a subquery (`in (select ...)`, `exists (...)`) at the `)` that
 * closes it, a table name after its last part, a column definition before the `,` or `)` that ends
 * it, a `REFERENCES t (c)` clause after the referenced columns. Anything else spans its first token.
 */
import type { SqlNode } from "./ast.js";
import { lex, type Token } from "./lexer.js";

/** The tokens of one window of the text (a statement with its `;`), and how to walk them. */
export class TokenWindow {
  readonly tokens: Token[];

  constructor(
    readonly text: string,
    start: number,
    end: number,
  ) {
    this.tokens = lex(text, start, end).tokens;
  }

  /** Index of the token that starts at or contains `offset`, or the next one; -1 past the end. */
  indexAt(offset: number): number {
    let low = 0;
    let high = this.tokens.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const token = this.tokens[mid]!;
      if (token.end <= offset) low = mid + 1;
      else if (token.start > offset) high = mid - 1;
      else return mid;
    }
    return low < this.tokens.length ? low : -1;
  }

  isPunct(index: number, char: string): boolean {
    const token = this.tokens[index];
    return token?.kind === "punct" && this.text[token.start] === char;
  }

  /** Index after a (schema-qualified) name starting at `index`: `public.profiles`, `"Post"."id"`. */
  skipName(index: number): number {
    let i = index + 1;
    while (this.isPunct(i, ".") && (this.tokens[i + 1]?.kind === "word" || this.tokens[i + 1]?.kind === "quoted")) i += 2;
    return i;
  }

  /** The next `char` at or after `index` in this statement, or -1. */
  findPunct(index: number, char: string): number {
    for (let i = index; i < this.tokens.length; i++) {
      if (this.isPunct(i, char)) return i;
      if (this.isPunct(i, ";")) return -1;
    }
    return -1;
  }

  /** End offset of the `)` matching the `(` at `open`. */
  closing(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      if (this.isPunct(i, "(")) depth++;
      else if (this.isPunct(i, ")") && --depth === 0) return this.tokens[i]!.end;
      else if (this.isPunct(i, ";")) return this.tokens[i - 1]!.end;
    }
    return this.tokens.at(-1)!.end;
  }

  /** End of a list item starting at `index`: before the `,` or `)` that ends it at its own depth. */
  listItemEnd(index: number): number {
    let depth = 0;
    let end = this.tokens[index]!.end;
    for (let i = index; i < this.tokens.length; i++) {
      if (this.isPunct(i, "(")) depth++;
      else if (this.isPunct(i, ")")) {
        if (depth === 0) break;
        depth--;
      } else if ((this.isPunct(i, ",") && depth === 0) || this.isPunct(i, ";")) break;
      end = this.tokens[i]!.end;
    }
    return end;
  }

  /** End offset of `node`, which starts at `start`. */
  nodeEnd(node: SqlNode, start: number): number {
    const index = this.indexAt(start);
    if (index === -1) return start;
    switch (node.type) {
      case "FuncCall": {
        const open = this.skipName(index);
        return this.isPunct(open, "(") ? this.closing(open) : this.tokens[open - 1]!.end;
      }
      case "SubLink": {
        const open = this.findPunct(index, "(");
        return open === -1 ? this.tokens[index]!.end : this.closing(open);
      }
      case "RangeVar":
      case "ColumnRef":
        return this.tokens[this.skipName(index) - 1]!.end;
      case "ColumnDef":
        return this.listItemEnd(index);
      case "Constraint":
        return this.#constraintEnd(node, index);
      default:
        return this.tokens[index]!.end;
    }
  }

  /** A foreign key ends after `REFERENCES table (columns)`; other constraints at their list item's end. */
  #constraintEnd(node: SqlNode, index: number): number {
    const pktable = node.pktable as SqlNode | undefined;
    if (node.contype === "CONSTR_FOREIGN" && typeof pktable?.location === "number" && pktable.location >= 0) {
      const afterName = this.skipName(this.indexAt(pktable.location));
      return this.isPunct(afterName, "(") ? this.closing(afterName) : this.tokens[afterName - 1]!.end;
    }
    return this.listItemEnd(index);
  }
}
