/**
 * The reference for the schema parser: `@mrleebo/prisma-ast`'s chevrotain grammar, with the node model
 * built from its concrete syntax tree. This is the parser the language used before it got a hand-written
 * one (`prisma-lint/language/parser.ts`), kept as it was so that `parser-differential.test.ts` can check
 * that both give the same node model and the same syntax errors on real and mutated schemas.
 * Tests only: loading chevrotain and building its grammar costs start-up time the CLI should not pay.
 */
import { PrismaParser } from "@mrleebo/prisma-ast";
import type * as AST from "../../../prisma-lint/language/ast.js";
import { tokenize, type RawComment, type Token, type TokenKind } from "./reference-lexer.js";

export interface ParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult = { ok: true; ast: AST.Schema } | { ok: false; errors: [ParseError] };

// ---------------------------------------------------------------------------------------------
// The shared chevrotain parser
// ---------------------------------------------------------------------------------------------

interface ChevrotainTokenType {
  name: string;
  tokenTypeIdx: number;
}

interface CstToken {
  image: string;
  startOffset: number;
  /** Inclusive. */
  endOffset: number;
  tokenType: ChevrotainTokenType;
  tokenTypeIdx: number;
}

interface CstNode {
  name: string;
  children: Record<string, CstElement[] | undefined>;
}

type CstElement = CstNode | CstToken;

interface RecognitionException extends Error {
  token: CstToken;
  previousToken?: CstToken;
  context?: { ruleStack?: string[] };
}

interface SharedParser {
  parser: {
    input: CstToken[];
    errors: RecognitionException[];
    schema(): CstNode;
  };
  types: Record<TokenKind, ChevrotainTokenType>;
}

let shared: SharedParser | undefined;

/** Building a chevrotain parser runs its grammar analysis: do it once per process. */
function sharedParser(): SharedParser {
  if (!shared) {
    const parser = new PrismaParser({ nodeLocationTracking: "none" }) as unknown as SharedParser["parser"] & {
      tokensMap: Record<string, ChevrotainTokenType>;
    };
    shared = { parser, types: parser.tokensMap as SharedParser["types"] };
  }
  return shared;
}

function isToken(element: CstElement): element is CstToken {
  return "tokenType" in element;
}

// ---------------------------------------------------------------------------------------------
// Offsets to lines and columns
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
// Building the node model from the concrete syntax tree
// ---------------------------------------------------------------------------------------------

class SchemaSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BLOCK_TYPES: Record<string, AST.Block["type"]> = {
  datasource: "Datasource",
  generator: "Generator",
  model: "Model",
  view: "View",
  type: "CompositeType",
  enum: "Enum",
};

class Builder {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  loc(start: number, end: number): AST.SourceLocation {
    return { start: this.lines.position(start), end: this.lines.position(end) };
  }

  base(start: number, end: number): AST.NodeBase {
    return { range: [start, end], loc: this.loc(start, end) };
  }

  identifier(token: CstToken): AST.Identifier {
    return { type: "Identifier", name: token.image, ...this.base(token.startOffset, token.endOffset + 1) };
  }

  schema(cst: CstNode, comments: RawComment[]): AST.Schema {
    const body = children(cst, "list")
      .filter((item): item is CstNode => !isToken(item) && item.name === "component")
      .map((item) => this.block(item));
    return {
      type: "Schema",
      body,
      comments: comments.map((c) => ({ type: "Comment", kind: c.kind, value: c.value, ...this.base(c.start, c.end) })),
      ...this.base(0, this.text.length),
    };
  }

  block(cst: CstNode): AST.Block {
    const keyword = token(cst, "type");
    const nameToken = token(cst, "componentName");
    const group = children(cst, "groupName")[0];
    const blockType = BLOCK_TYPES[keyword.image];
    if (!blockType) {
      throw new SchemaSyntaxError(
        `Unknown block type \`${keyword.image}\`: a schema holds \`model\`, \`enum\`, \`type\`, \`view\`, \`datasource\` and \`generator\` blocks.`,
        keyword.startOffset,
      );
    }
    const body = node(cst, "block");
    const open = token(body, "LCurly");
    const close = token(body, "RCurly");
    const name = this.identifier(nameToken);
    if (group && isToken(group)) {
      name.name = `${group.image}.${nameToken.image}`;
      name.range = [group.startOffset, nameToken.endOffset + 1];
      name.loc = this.loc(group.startOffset, nameToken.endOffset + 1);
    }
    const common = {
      name,
      openBrace: open.startOffset,
      closeBrace: close.startOffset,
      ...this.base(keyword.startOffset, close.endOffset + 1),
    };
    const items = children(body, "list").filter((item): item is CstNode => !isToken(item));

    if (blockType === "Datasource" || blockType === "Generator") {
      const assignments = items.filter((item) => item.name === "assignment").map((item) => this.assignment(item));
      if (blockType === "Generator") return { type: "Generator", assignments, ...common };
      const stringValue = (key: string): string | undefined => {
        const value = assignments.find((a) => a.key.name === key)?.value;
        return value?.type === "StringLiteral" ? value.value : undefined;
      };
      return {
        type: "Datasource",
        assignments,
        provider: stringValue("provider"),
        relationMode: stringValue("relationMode"),
        ...common,
      };
    }

    if (blockType === "Enum") {
      const members: Array<AST.EnumValue | AST.BlockAttribute> = [];
      for (const item of items) {
        if (item.name === "enum") members.push(this.enumValue(item));
        else if (item.name === "blockAttribute") members.push(this.attribute(item, "BlockAttribute"));
      }
      return {
        type: "Enum",
        members,
        values: members.filter((m): m is AST.EnumValue => m.type === "EnumValue"),
        attributes: members.filter((m): m is AST.BlockAttribute => m.type === "BlockAttribute"),
        ...common,
      };
    }

    const members: Array<AST.Field | AST.BlockAttribute> = [];
    for (const item of items) {
      if (item.name === "field") members.push(this.field(item));
      else if (item.name === "blockAttribute") members.push(this.attribute(item, "BlockAttribute"));
    }
    return {
      type: blockType,
      members,
      fields: members.filter((m): m is AST.Field => m.type === "Field"),
      attributes: members.filter((m): m is AST.BlockAttribute => m.type === "BlockAttribute"),
      ...common,
    };
  }

  assignment(cst: CstNode): AST.Assignment {
    const key = this.identifier(token(cst, "assignmentName"));
    const value = this.value(node(cst, "assignmentValue"));
    return { type: "Assignment", key, value, ...this.base(key.range[0], value.range[1]) };
  }

  enumValue(cst: CstNode): AST.EnumValue {
    const name = this.identifier(token(cst, "enumName"));
    const attributes = nodes(cst, "attributeList").map((a) => this.attribute(a, "FieldAttribute"));
    const end = attributes.at(-1)?.range[1] ?? name.range[1];
    return { type: "EnumValue", name, attributes, ...this.base(name.range[0], end) };
  }

  field(cst: CstNode): AST.Field {
    const name = this.identifier(token(cst, "fieldName"));
    const typeValue = this.value(node(cst, "fieldType"));
    const optional = children(cst, "optional")[0];
    const list = children(cst, "array");
    const modifierEnd = Math.max(
      typeValue.range[1],
      ...[optional, ...list].filter((t): t is CstToken => t !== undefined && isToken(t)).map((t) => t.endOffset + 1),
    );
    let typeName: string;
    let unsupported: string | undefined;
    if (typeValue.type === "FunctionCall") {
      typeName = typeValue.name.name;
      const arg = typeValue.args[0]?.value;
      if (arg?.type === "StringLiteral") unsupported = arg.value;
    } else if (typeValue.type === "Identifier") {
      typeName = typeValue.name;
    } else {
      throw new SchemaSyntaxError(`Expected the type of field \`${name.name}\`.`, typeValue.range[0]);
    }
    const fieldType: AST.FieldType = {
      type: "FieldType",
      name: typeName,
      optional: optional !== undefined,
      list: list.length > 0,
      ...(unsupported === undefined ? {} : { unsupported }),
      ...this.base(typeValue.range[0], modifierEnd),
    };
    const attributes = nodes(cst, "attributeList").map((a) => this.attribute(a, "FieldAttribute"));
    const end = attributes.at(-1)?.range[1] ?? modifierEnd;
    return { type: "Field", name, fieldType, attributes, ...this.base(name.range[0], end) };
  }

  attribute<T extends "FieldAttribute" | "BlockAttribute">(
    cst: CstNode,
    type: T,
  ): T extends "FieldAttribute" ? AST.FieldAttribute : AST.BlockAttribute {
    const at = token(cst, type === "FieldAttribute" ? "fieldAttribute" : "blockAttribute");
    const nameToken = token(cst, "attributeName");
    const group = children(cst, "groupName")[0];
    const name = group && isToken(group) ? `${group.image}.${nameToken.image}` : nameToken.image;
    const close = children(cst, "RRound")[0];
    const end = close && isToken(close) ? close.endOffset + 1 : nameToken.endOffset + 1;
    const args = nodes(cst, "attributeArg").map((arg) => this.argument(node(arg, "value")));
    return { type, name, args, ...this.base(at.startOffset, end) } as never;
  }

  /** A `keyedArg` (`fields: [a]`) or a plain `value`. */
  argument(cst: CstNode): AST.Argument {
    if (cst.name === "keyedArg") {
      const name = this.identifier(token(cst, "keyName"));
      const value = this.value(node(cst, "value"));
      return { type: "Argument", name, value, ...this.base(name.range[0], value.range[1]) };
    }
    const value = this.value(cst);
    return { type: "Argument", name: undefined, value, ...this.base(value.range[0], value.range[1]) };
  }

  value(cst: CstNode): AST.Value {
    const inner = children(cst, "value")[0];
    if (!inner) throw new SchemaSyntaxError("Expected a value.", 0);
    if (isToken(inner)) return this.literal(inner);
    switch (inner.name) {
      case "array": {
        const open = token(inner, "LSquare");
        const close = token(inner, "RSquare");
        const elements = nodes(inner, "value").map((v) => this.value(v));
        return { type: "ArrayExpression", elements, ...this.base(open.startOffset, close.endOffset + 1) };
      }
      case "func": {
        const name = this.identifier(token(inner, "funcName"));
        const close = token(inner, "RRound");
        const args = [...nodes(inner, "value"), ...nodes(inner, "keyedArg")]
          .map((arg) => this.argument(arg))
          .sort((a, b) => a.range[0] - b.range[0]);
        return { type: "FunctionCall", name, args, ...this.base(name.range[0], close.endOffset + 1) };
      }
      case "object": {
        const open = token(inner, "LCurly");
        const close = token(inner, "RCurly");
        const properties = nodes(inner, "keyedArg").map((p) => this.argument(p));
        return { type: "ObjectExpression", properties, ...this.base(open.startOffset, close.endOffset + 1) };
      }
      default:
        throw new SchemaSyntaxError("Expected a value.", 0);
    }
  }

  literal(tok: CstToken): AST.Value {
    const base = this.base(tok.startOffset, tok.endOffset + 1);
    switch (tok.tokenType.name) {
      case "StringLiteral":
        return { type: "StringLiteral", value: unescape(tok.image), raw: tok.image, ...base };
      case "NumberLiteral":
        return { type: "NumberLiteral", value: Number(tok.image), raw: tok.image, ...base };
      case "True":
      case "False":
        return { type: "BooleanLiteral", value: tok.tokenType.name === "True", ...base };
      case "Null":
        return { type: "NullLiteral", ...base };
      default:
        return { type: "Identifier", name: tok.image, ...base };
    }
  }
}

function children(cst: CstNode, label: string): CstElement[] {
  return cst.children[label] ?? [];
}

function token(cst: CstNode, label: string): CstToken {
  const element = children(cst, label)[0];
  if (!element || !isToken(element)) throw new Error(`prisma-lint: no token "${label}" in ${cst.name}`);
  return element;
}

function node(cst: CstNode, label: string): CstNode {
  const element = children(cst, label)[0];
  if (!element || isToken(element)) throw new Error(`prisma-lint: no node "${label}" in ${cst.name}`);
  return element;
}

function nodes(cst: CstNode, label: string): CstNode[] {
  return children(cst, label).filter((element): element is CstNode => !isToken(element));
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
// Syntax errors a person understands
// ---------------------------------------------------------------------------------------------

const TOKEN_WORDS: Record<string, string> = {
  LineBreak: "a line break",
  Identifier: "a name",
  StringLiteral: "a string",
  NumberLiteral: "a number",
  EOF: "the end of the file",
};

function describeToken(tok: CstToken): string {
  const name = tok.tokenType.name;
  if (name === "EOF" || Number.isNaN(tok.startOffset)) return "end of file";
  if (name === "LineBreak") return "end of line";
  const image = tok.image.length > 40 ? `${tok.image.slice(0, 40)}...` : tok.image;
  return `\`${image}\``;
}

/** `Expecting --> '}' <-- but found ...` -> "`}`". */
function expectedFrom(message: string): string | undefined {
  const match = /-->\s*(.+?)\s*<--/u.exec(message);
  if (!match) return undefined;
  const label = match[1]!;
  const quoted = /^'(.*)'$/u.exec(label);
  if (quoted) return `\`${quoted[1]}\``;
  return TOKEN_WORDS[label] ?? label;
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
        current =
          name?.kind === "Identifier" && keyword?.kind === "Identifier" ? { keyword, name } : undefined;
      }
      depth++;
    } else if (tok.kind === "RCurly" && depth > 0) {
      depth--;
      if (depth === 0) current = undefined;
    }
  }
  return current;
}

const BLOCK_LIST = "`model`, `enum`, `type`, `view`, `datasource` and `generator`";

/** The message for a top-level problem: an unknown keyword, a header without name or `{`, stray text. */
function topLevelError(tokens: Token[], index: number, found: string): { message: string; offset: number } {
  let first = index;
  while (first > 0 && tokens[first - 1]!.kind !== "LineBreak" && tokens[first - 1]!.kind !== "RCurly") first--;
  const keyword = tokens[first];
  if (!keyword || keyword.kind !== "Identifier") {
    return { message: `Unexpected ${found} outside of a block: a schema holds ${BLOCK_LIST} blocks and comments.`, offset: tokens[index]?.start ?? 0 };
  }
  if (!(keyword.image in BLOCK_TYPES)) {
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

function syntaxError(
  exception: RecognitionException,
  tokens: Token[],
  text: string,
): { message: string; offset: number } {
  const found = exception.token;
  const atEnd = found.tokenType.name === "EOF" || Number.isNaN(found.startOffset);
  const offset = atEnd ? text.length : found.startOffset;
  const index = atEnd ? tokens.length : tokens.findIndex((t) => t.start === offset);
  const described = describeToken(found);
  const block = openBlockAt(tokens, atEnd ? Number.POSITIVE_INFINITY : offset);
  const innermost = exception.context?.ruleStack?.at(-1);
  const expected = exception.name === "MismatchedTokenException" ? expectedFrom(exception.message) : undefined;

  if (!block) {
    const stray = exception.name === "NotAllInputParsedException" && found.tokenType.name !== "Identifier";
    if (stray) return { message: `Unexpected ${described} outside of a block: a schema holds ${BLOCK_LIST} blocks and comments.`, offset };
    return topLevelError(tokens, Math.max(0, index), described);
  }
  const label = `${block.keyword.image} ${block.name.image}`;
  if (!(block.keyword.image in BLOCK_TYPES)) {
    return { message: `Unknown block type \`${block.keyword.image}\`: a schema holds ${BLOCK_LIST} blocks.`, offset: block.keyword.start };
  }
  if (atEnd) {
    return { message: `The \`${label}\` block is never closed: add \`}\` at its end.`, offset: block.name.start };
  }
  if (innermost === "block" && exception.previousToken?.tokenType.name === "LCurly" && expected === "a line break") {
    return {
      message: `Start a new line after \`{\`: Prisma expects every field and attribute on its own line, found ${described}.`,
      offset,
    };
  }
  const next = tokens[index + 1];
  if (
    found.tokenType.name === "Identifier" &&
    (!next || next.kind === "LineBreak") &&
    (block.keyword.image === "model" || block.keyword.image === "view" || block.keyword.image === "type")
  ) {
    return { message: `The field \`${found.image}\` in \`${label}\` has no type.`, offset };
  }
  const ruleStack = exception.context?.ruleStack ?? [];
  const inAttribute = ruleStack.includes("fieldAttribute") || ruleStack.includes("blockAttribute");
  if (found.tokenType.name === "LineBreak" && inAttribute) {
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

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

function failure(text: string, lines: LineIndex | undefined, message: string, offset: number): ParseResult {
  const position = (lines ?? new LineIndex(text)).position(Math.max(0, Math.min(offset, text.length)));
  return { ok: false, errors: [{ message, line: position.line, column: position.column }] };
}

/** Parses a Prisma schema. Never throws: a syntax error comes back as `{ ok: false, errors: [...] }`. */
export function referenceParseSchema(text: string): ParseResult {
  let lines: LineIndex | undefined;
  try {
    if (typeof text !== "string") return failure("", undefined, "Expected the schema as text.", 0);
    lines = new LineIndex(text);
    const lexed = tokenize(text);
    if (lexed.error) return failure(text, lines, lexed.error.message, lexed.error.offset);

    const { parser, types } = sharedParser();
    parser.input = lexed.tokens.map((t) => {
      const tokenType = types[t.kind];
      return {
        image: t.image,
        startOffset: t.start,
        endOffset: t.end - 1,
        tokenType,
        tokenTypeIdx: tokenType.tokenTypeIdx,
      };
    });
    let cst: CstNode;
    try {
      cst = parser.schema();
      const [error] = parser.errors;
      if (error) {
        const { message, offset } = syntaxError(error, lexed.tokens, text);
        return failure(text, lines, message, offset);
      }
    } finally {
      parser.input = [];
    }
    return { ok: true, ast: new Builder(text, lines).schema(cst, lexed.comments) };
  } catch (error) {
    if (error instanceof SchemaSyntaxError) return failure(text, lines, error.message, error.offset);
    const reason = error instanceof RangeError ? "it is nested too deeply" : String((error as Error)?.message ?? error);
    return failure(typeof text === "string" ? text : "", lines, `Could not parse the schema: ${reason}.`, 0);
  }
}
