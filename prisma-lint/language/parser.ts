/**
 * `parseSchema(text)`: the schema's node model with exact ranges, or one syntax error a person
 * understands. Never throws.
 *
 * A hand-written recursive-descent parser over our own tokens (`./lexer.ts`) that builds the node model
 * directly. It accepts exactly the grammar of `@mrleebo/prisma-ast` (a chevrotain parser) and decides
 * like it, token for token: the same lookahead at every choice, the same first error. Building a
 * chevrotain parser and loading chevrotain cost more start-up time than a CLI run on a real schema, so
 * prisma-ast is only the reference now: `tests/prisma-lint/language/parser-differential.test.ts` parses
 * real and thousands of mutated schemas with both and compares node models and errors.
 */
import type * as AST from "./ast.js";
import { tokenize, type LexResult, type Token, type TokenKind } from "./lexer.js";
import { BLOCK_TYPES, SchemaSyntaxError, syntaxError, type GrammarRule, type SyntaxProblem } from "./syntax-errors.js";

export interface ParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult = { ok: true; ast: AST.Schema } | { ok: false; errors: [ParseError] };

// ---------------------------------------------------------------------------------------------
// Offsets to lines and columns, for syntax errors (the tokens know their own)
// ---------------------------------------------------------------------------------------------

class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 10) this.#starts.push(i + 1);
      else if (char === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.#starts.push(i + 1);
      }
    }
  }

  position(offset: number): AST.Position {
    const starts = this.#starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// The grammar (prisma-ast's), one method per rule
// ---------------------------------------------------------------------------------------------

/** The tokens a value can start with (prisma-ast's `value` rule). */
const VALUE_START = new Set<TokenKind | undefined>(["StringLiteral", "NumberLiteral", "LSquare", "LCurly", "Identifier", "True", "False", "Null"]);

/** Thrown at the first syntax error: chevrotain, without error recovery, stops there too. */
class ParseFailure {
  constructor(readonly problem: SyntaxProblem) {}
}

/** Where a token starts. */
function startOf(token: Token): AST.Position {
  return { line: token.line, column: token.column };
}

/** Where a token ends (a token other than a line break never spans lines). */
function endOf(token: Token): AST.Position {
  return { line: token.line, column: token.column + token.end - token.start };
}

/** The location from the start of one token to the end of another. */
function tokenLoc(first: Token, last: Token): AST.SourceLocation {
  return { start: startOf(first), end: endOf(last) };
}

/** The location from the start of one node to the end of another (nodes share their position objects). */
function nodeLoc(first: AST.NodeBase, last: AST.NodeBase): AST.SourceLocation {
  return { start: first.loc.start, end: last.loc.end };
}

function identifier(token: Token): AST.Identifier {
  return { type: "Identifier", name: token.image, range: [token.start, token.end], loc: tokenLoc(token, token) };
}

class Parser {
  readonly #tokens: Token[];
  #pos = 0;
  /** The rules entered, innermost last (chevrotain's rule stack, which error messages read). */
  readonly #rules: GrammarRule[] = [];
  /** The first problem the node model has that the grammar accepts (an unknown block keyword...). */
  #modelError: SchemaSyntaxError | undefined;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  get modelError(): SchemaSyntaxError | undefined {
    return this.#modelError;
  }

  // --- tokens -----------------------------------------------------------------------------

  /** The kind of the token `ahead` tokens on (1 = the next one); undefined at the end. */
  #la(ahead = 1): TokenKind | undefined {
    return this.#tokens[this.#pos + ahead - 1]?.kind;
  }

  #next(): Token {
    return this.#tokens[this.#pos++]!;
  }

  #fail(exception: SyntaxProblem["exception"], expected?: TokenKind): never {
    throw new ParseFailure({
      exception,
      found: this.#pos,
      previousKind: this.#tokens[this.#pos - 1]?.kind,
      ruleStack: exception === "NotAllInputParsedException" ? [] : [...this.#rules],
      expected,
    });
  }

  #consume(kind: TokenKind): Token {
    if (this.#la() !== kind) this.#fail("MismatchedTokenException", kind);
    return this.#next();
  }

  #enter(rule: GrammarRule): void {
    this.#rules.push(rule);
  }

  /** Leaving a rule normally; after a failure the stack stays as it was, like chevrotain's report. */
  #leave(): void {
    this.#rules.pop();
  }

  #modelProblem(message: string, offset: number): void {
    this.#modelError ??= new SchemaSyntaxError(message, offset);
  }

  // --- rules ------------------------------------------------------------------------------

  schema(lexed: LexResult, length: number): AST.Schema {
    this.#enter("schema");
    const body: AST.Block[] = [];
    for (;;) {
      const kind = this.#la();
      if (kind === "Identifier") {
        const block = this.#component();
        if (block) body.push(block);
      } else if (kind === "LineBreak") {
        this.#pos++; // prisma-ast's `break` (two line breaks) or a single one: nothing to keep
      } else {
        break;
      }
    }
    this.#leave();
    if (this.#pos < this.#tokens.length) this.#fail("NotAllInputParsedException");
    return {
      type: "Schema",
      body,
      comments: lexed.comments.map((c) => ({
        type: "Comment",
        kind: c.kind,
        value: c.value,
        range: [c.start, c.end],
        loc: { start: { line: c.startLine, column: c.startColumn }, end: { line: c.endLine, column: c.endColumn } },
      })),
      range: [0, length],
      loc: { start: { line: 1, column: 1 }, end: { line: lexed.endLine, column: lexed.endColumn } },
    };
  }

  /** `model User {`: keyword, optional `group.`, name, block. Undefined for an unknown keyword. */
  #component(): AST.Block | undefined {
    this.#enter("component");
    const keyword = this.#next();
    let group: Token | undefined;
    let nameToken: Token;
    if (this.#la() === "Identifier" && this.#la(2) === "Dot") {
      group = this.#next();
      this.#pos++;
      nameToken = this.#consume("Identifier");
    } else if (this.#la() === "Identifier") {
      nameToken = this.#next();
    } else {
      this.#fail("NoViableAltException");
    }
    const blockType = Object.hasOwn(BLOCK_TYPES, keyword.image) ? BLOCK_TYPES[keyword.image] : undefined;
    if (!blockType) {
      this.#modelProblem(
        `Unknown block type \`${keyword.image}\`: a schema holds \`model\`, \`enum\`, \`type\`, \`view\`, \`datasource\` and \`generator\` blocks.`,
        keyword.start,
      );
    }
    const block = this.#block(keyword, group, nameToken, blockType);
    this.#leave();
    return block;
  }

  #block(keyword: Token, group: Token | undefined, nameToken: Token, blockType: AST.Block["type"] | undefined): AST.Block | undefined {
    this.#enter("block");
    const isEnum = keyword.image === "enum";
    const isObject = keyword.image === "model" || keyword.image === "view" || keyword.image === "type";
    const open = this.#consume("LCurly");
    this.#consume("LineBreak");
    const members: Array<AST.Field | AST.BlockAttribute | AST.EnumValue | AST.Assignment> = [];
    for (;;) {
      const kind = this.#la();
      if (kind !== "Identifier" && kind !== "BlockAttribute" && kind !== "LineBreak") break;
      const second = this.#la(2);
      if (isObject && kind === "Identifier" && second === "Equals" && VALUE_START.has(this.#la(3))) {
        this.#keyValue("property"); // `key = value` in a model: accepted by the grammar, not part of the model
      } else if (kind === "BlockAttribute") {
        members.push(this.#attribute("blockAttribute"));
      } else if (isObject && kind === "Identifier" && VALUE_START.has(second)) {
        members.push(this.#field());
      } else if (isEnum && kind === "Identifier") {
        members.push(this.#enumValue());
      } else if (!isObject && kind === "Identifier" && second === "Equals" && VALUE_START.has(this.#la(3))) {
        members.push(this.#keyValue("assignment"));
      } else if (kind === "LineBreak") {
        this.#pos++;
      } else {
        this.#fail("NoViableAltException");
      }
    }
    const close = this.#consume("RCurly");
    this.#leave();
    if (!blockType) return undefined;

    const name: AST.Identifier = group
      ? { type: "Identifier", name: `${group.image}.${nameToken.image}`, range: [group.start, nameToken.end], loc: tokenLoc(group, nameToken) }
      : identifier(nameToken);
    const common = { name, openBrace: open.start, closeBrace: close.start, range: [keyword.start, close.end] as [number, number], loc: tokenLoc(keyword, close) };
    if (blockType === "Datasource" || blockType === "Generator") {
      const assignments = members.filter((m): m is AST.Assignment => m.type === "Assignment");
      if (blockType === "Generator") return { type: "Generator", assignments, ...common };
      const stringValue = (key: string): string | undefined => {
        const value = assignments.find((a) => a.key.name === key)?.value;
        return value?.type === "StringLiteral" ? value.value : undefined;
      };
      return { type: "Datasource", assignments, provider: stringValue("provider"), relationMode: stringValue("relationMode"), ...common };
    }
    if (blockType === "Enum") {
      const enumMembers = members as Array<AST.EnumValue | AST.BlockAttribute>;
      return {
        type: "Enum",
        members: enumMembers,
        values: enumMembers.filter((m): m is AST.EnumValue => m.type === "EnumValue"),
        attributes: enumMembers.filter((m): m is AST.BlockAttribute => m.type === "BlockAttribute"),
        ...common,
      };
    }
    const objectMembers = members as Array<AST.Field | AST.BlockAttribute>;
    return {
      type: blockType,
      members: objectMembers,
      fields: objectMembers.filter((m): m is AST.Field => m.type === "Field"),
      attributes: objectMembers.filter((m): m is AST.BlockAttribute => m.type === "BlockAttribute"),
      ...common,
    };
  }

  /** `key = value`: an `assignment` in datasource and generator blocks, a `property` elsewhere. */
  #keyValue(rule: "assignment" | "property"): AST.Assignment {
    this.#enter(rule);
    const key = identifier(this.#next());
    this.#pos++; // `=`, seen by the caller's lookahead
    const value = this.#value();
    this.#leave();
    return { type: "Assignment", key, value, range: [key.range[0], value.range[1]], loc: nodeLoc(key, value) };
  }

  #enumValue(): AST.EnumValue {
    this.#enter("enum");
    const name = identifier(this.#next());
    const attributes: AST.FieldAttribute[] = [];
    while (this.#la() === "FieldAttribute") attributes.push(this.#attribute("fieldAttribute"));
    this.#leave();
    const last = attributes.at(-1) ?? name;
    return { type: "EnumValue", name, attributes, range: [name.range[0], last.range[1]], loc: nodeLoc(name, last) };
  }

  #field(): AST.Field {
    this.#enter("field");
    const name = identifier(this.#next());
    const typeValue = this.#value();
    // where the type ends: after `[]` or `?` when there is one
    let modifier: Token | undefined;
    let optional = false;
    let list = false;
    if (this.#la() === "LSquare") {
      this.#pos++;
      modifier = this.#consume("RSquare");
      list = true;
    } else if (this.#la() === "QuestionMark") {
      modifier = this.#next();
      optional = true;
    }
    const attributes: AST.FieldAttribute[] = [];
    while (this.#la() === "FieldAttribute") attributes.push(this.#attribute("fieldAttribute"));
    this.#leave();

    let typeName = "";
    let unsupported: string | undefined;
    if (typeValue.type === "FunctionCall") {
      typeName = typeValue.name.name;
      const arg = typeValue.args[0]?.value;
      if (arg?.type === "StringLiteral") unsupported = arg.value;
    } else if (typeValue.type === "Identifier") {
      typeName = typeValue.name;
    } else {
      this.#modelProblem(`Expected the type of field \`${name.name}\`.`, typeValue.range[0]);
    }
    const typeEnd: AST.NodeBase = modifier ? { range: [modifier.start, modifier.end], loc: tokenLoc(modifier, modifier) } : typeValue;
    const typeRange: [number, number] = [typeValue.range[0], typeEnd.range[1]];
    const fieldType: AST.FieldType =
      unsupported === undefined
        ? { type: "FieldType", name: typeName, optional, list, range: typeRange, loc: nodeLoc(typeValue, typeEnd) }
        : { type: "FieldType", name: typeName, optional, list, unsupported, range: typeRange, loc: nodeLoc(typeValue, typeEnd) };
    const last = attributes.at(-1) ?? typeEnd;
    return { type: "Field", name, fieldType, attributes, range: [name.range[0], last.range[1]], loc: nodeLoc(name, last) };
  }

  /** `@name`, `@group.name(args)`, `@@name(args)`. */
  #attribute(rule: "fieldAttribute"): AST.FieldAttribute;
  #attribute(rule: "blockAttribute"): AST.BlockAttribute;
  #attribute(rule: "fieldAttribute" | "blockAttribute"): AST.FieldAttribute | AST.BlockAttribute {
    this.#enter(rule);
    const at = this.#next();
    let name: string;
    let end: Token;
    if (this.#la() === "Identifier" && this.#la(2) === "Dot") {
      const group = this.#next();
      this.#pos++;
      end = this.#consume("Identifier");
      name = `${group.image}.${end.image}`;
    } else if (this.#la() === "Identifier") {
      end = this.#next();
      name = end.image;
    } else {
      this.#fail("NoViableAltException");
    }
    const args: AST.Argument[] = [];
    if (this.#la() === "LRound") {
      this.#pos++;
      if (this.#la() === "Identifier" || VALUE_START.has(this.#la())) {
        args.push(this.#attributeArg());
        while (this.#la() === "Comma") {
          this.#pos++;
          args.push(this.#attributeArg());
        }
      }
      end = this.#consume("RRound");
    }
    this.#leave();
    const type = rule === "fieldAttribute" ? "FieldAttribute" : "BlockAttribute";
    return { type, name, args, range: [at.start, end.end], loc: tokenLoc(at, end) };
  }

  #attributeArg(): AST.Argument {
    this.#enter("attributeArg");
    const argument = this.#argument();
    this.#leave();
    return argument;
  }

  /** A named (`fields: [a]`) or positional argument: `attributeArg`, and the arguments of `func`. */
  #argument(): AST.Argument {
    if (this.#la() === "Identifier" && this.#la(2) === "Colon") return this.#keyedArg();
    if (!VALUE_START.has(this.#la())) this.#fail("NoViableAltException");
    const value = this.#value();
    return { type: "Argument", name: undefined, value, range: [value.range[0], value.range[1]], loc: nodeLoc(value, value) };
  }

  #keyedArg(): AST.Argument {
    this.#enter("keyedArg");
    const name = identifier(this.#consume("Identifier"));
    this.#consume("Colon");
    const value = this.#value();
    this.#leave();
    return { type: "Argument", name, value, range: [name.range[0], value.range[1]], loc: nodeLoc(name, value) };
  }

  #value(): AST.Value {
    this.#enter("value");
    let value: AST.Value;
    switch (this.#la()) {
      case "StringLiteral": {
        const token = this.#next();
        value = { type: "StringLiteral", value: unescape(token.image), raw: token.image, range: [token.start, token.end], loc: tokenLoc(token, token) };
        break;
      }
      case "NumberLiteral": {
        const token = this.#next();
        value = { type: "NumberLiteral", value: Number(token.image), raw: token.image, range: [token.start, token.end], loc: tokenLoc(token, token) };
        break;
      }
      case "LSquare":
        value = this.#array();
        break;
      case "LCurly":
        value = this.#object();
        break;
      case "True":
      case "False": {
        const token = this.#next();
        value = { type: "BooleanLiteral", value: token.kind === "True", range: [token.start, token.end], loc: tokenLoc(token, token) };
        break;
      }
      case "Null": {
        const token = this.#next();
        value = { type: "NullLiteral", range: [token.start, token.end], loc: tokenLoc(token, token) };
        break;
      }
      case "Identifier":
        value = this.#la(2) === "LRound" ? this.#func() : identifier(this.#next());
        break;
      default:
        this.#fail("NoViableAltException");
    }
    this.#leave();
    return value;
  }

  #array(): AST.ArrayExpression {
    this.#enter("array");
    const open = this.#next();
    const elements: AST.Value[] = [];
    if (VALUE_START.has(this.#la())) {
      elements.push(this.#value());
      while (this.#la() === "Comma") {
        this.#pos++;
        elements.push(this.#value());
      }
    }
    const close = this.#consume("RSquare");
    this.#leave();
    return { type: "ArrayExpression", elements, range: [open.start, close.end], loc: tokenLoc(open, close) };
  }

  #object(): AST.ObjectExpression {
    this.#enter("object");
    const open = this.#next();
    const properties: AST.Argument[] = [];
    if (this.#la() === "Identifier") {
      properties.push(this.#keyedArg());
      while (this.#la() === "Comma") {
        this.#pos++;
        properties.push(this.#keyedArg());
      }
    }
    const close = this.#consume("RCurly");
    this.#leave();
    return { type: "ObjectExpression", properties, range: [open.start, close.end], loc: tokenLoc(open, close) };
  }

  #func(): AST.FunctionCall {
    this.#enter("func");
    const nameToken = this.#next();
    const name = identifier(nameToken);
    this.#pos++; // `(`, seen by the caller's lookahead
    const args: AST.Argument[] = [];
    if (VALUE_START.has(this.#la())) {
      args.push(this.#argument());
      while (this.#la() === "Comma") {
        this.#pos++;
        args.push(this.#argument());
      }
    }
    const close = this.#consume("RRound");
    this.#leave();
    return { type: "FunctionCall", name, args, range: [nameToken.start, close.end], loc: tokenLoc(nameToken, close) };
  }
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };

function unescape(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/gu, (_, escaped: string) =>
    escaped.length === 5 ? String.fromCharCode(Number.parseInt(escaped.slice(1), 16)) : (ESCAPES[escaped] ?? escaped),
  );
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** A syntax error at `offset`; lines and columns are counted only now, when there is an error. */
function failure(text: string, message: string, offset: number): ParseResult {
  const position = new LineIndex(text).position(Math.max(0, Math.min(offset, text.length)));
  return { ok: false, errors: [{ message, line: position.line, column: position.column }] };
}

/** Parses a Prisma schema. Never throws: a syntax error comes back as `{ ok: false, errors: [...] }`. */
export function parseSchema(text: string): ParseResult {
  try {
    if (typeof text !== "string") return failure("", "Expected the schema as text.", 0);
    const lexed = tokenize(text);
    if (lexed.error) return failure(text, lexed.error.message, lexed.error.offset);
    const parser = new Parser(lexed.tokens);
    let ast: AST.Schema;
    try {
      ast = parser.schema(lexed, text.length);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      const { message, offset } = syntaxError(error.problem, lexed.tokens, text);
      return failure(text, message, offset);
    }
    if (parser.modelError) return failure(text, parser.modelError.message, parser.modelError.offset);
    return { ok: true, ast };
  } catch (error) {
    const reason = error instanceof RangeError ? "it is nested too deeply" : String((error as Error)?.message ?? error);
    return failure(typeof text === "string" ? text : "", `Could not parse the schema: ${reason}.`, 0);
  }
}
