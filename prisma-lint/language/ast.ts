/**
 * The node model of a Prisma schema as rules see it. Every node has an exact `range` (offsets into
 * the original text, end exclusive) and `loc` (1-based lines and columns, end exclusive), so reports
 * and fixes never compute offsets themselves.
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

export interface NodeBase {
  range: [number, number];
  loc: SourceLocation;
}

/** The whole file. `comments` are not traversed; they carry inline ESLint directives. */
export interface Schema extends NodeBase {
  type: "Schema";
  body: Block[];
  comments: Comment[];
}

export type Block = Datasource | Generator | Model | View | CompositeType | Enum;

/** `// text` (kind "line"), `/// text` (kind "doc", Prisma's documentation comment) or `/* text *\/`. */
export interface Comment extends NodeBase {
  type: "Comment";
  kind: "line" | "doc" | "block";
  /** The text between the delimiters (`//`, `///`, `/*` and `*\/` removed). */
  value: string;
}

/** A name: of a block, field, attribute argument key, or a bare reference such as `[userId]` or `Cascade`. */
export interface Identifier extends NodeBase {
  type: "Identifier";
  name: string;
}

interface BlockBase extends NodeBase {
  name: Identifier;
  /** Offset of the block's `{`. */
  openBrace: number;
  /** Offset of the block's `}`. */
  closeBrace: number;
}

export interface Datasource extends BlockBase {
  type: "Datasource";
  assignments: Assignment[];
  /** The `provider` value when it is a string literal (`"postgresql"`). */
  provider: string | undefined;
  /** The `relationMode` value when it is a string literal (`"prisma"`, `"foreignKeys"`). */
  relationMode: string | undefined;
}

export interface Generator extends BlockBase {
  type: "Generator";
  assignments: Assignment[];
}

/** `key = value` inside `datasource` and `generator`. */
export interface Assignment extends NodeBase {
  type: "Assignment";
  key: Identifier;
  value: Value;
}

interface ObjectBlockBase extends BlockBase {
  /** Fields and block attributes in source order (what traversal visits). */
  members: Array<Field | BlockAttribute>;
  fields: Field[];
  attributes: BlockAttribute[];
}

export interface Model extends ObjectBlockBase {
  type: "Model";
}

export interface View extends ObjectBlockBase {
  type: "View";
}

/** `type Address { ... }` (MongoDB composite types). */
export interface CompositeType extends ObjectBlockBase {
  type: "CompositeType";
}

export interface Enum extends BlockBase {
  type: "Enum";
  members: Array<EnumValue | BlockAttribute>;
  values: EnumValue[];
  attributes: BlockAttribute[];
}

export interface EnumValue extends NodeBase {
  type: "EnumValue";
  name: Identifier;
  attributes: FieldAttribute[];
}

export interface Field extends NodeBase {
  type: "Field";
  name: Identifier;
  fieldType: FieldType;
  attributes: FieldAttribute[];
}

/** `String`, `DateTime?`, `Post[]`, `Unsupported("geometry")?`. */
export interface FieldType extends NodeBase {
  type: "FieldType";
  /** The type's name without modifiers: `String`, `Post`, `Unsupported`. */
  name: string;
  optional: boolean;
  list: boolean;
  /** The argument of `Unsupported("...")`. */
  unsupported?: string;
}

/** `@id`, `@default(now())`, `@relation(fields: [userId], references: [id])`, `@db.Uuid`. */
export interface FieldAttribute extends NodeBase {
  type: "FieldAttribute";
  /** Without `@`, with the group: `id`, `default`, `db.Uuid`. */
  name: string;
  args: Argument[];
}

/** `@@id([a, b])`, `@@unique(...)`, `@@index(...)`, `@@map("x")`, `@@ignore`, `@@schema("x")`. */
export interface BlockAttribute extends NodeBase {
  type: "BlockAttribute";
  /** Without `@@`: `index`, `unique`, `id`, `map`, `ignore`. */
  name: string;
  args: Argument[];
}

/** A positional (`[a, b]`) or named (`fields: [a]`) argument. */
export interface Argument extends NodeBase {
  type: "Argument";
  /** The key of a named argument. */
  name: Identifier | undefined;
  value: Value;
}

export type Value =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ArrayExpression
  | FunctionCall
  | ObjectExpression
  | Identifier;

export interface StringLiteral extends NodeBase {
  type: "StringLiteral";
  /** The unescaped value. */
  value: string;
  raw: string;
}

export interface NumberLiteral extends NodeBase {
  type: "NumberLiteral";
  value: number;
  raw: string;
}

export interface BooleanLiteral extends NodeBase {
  type: "BooleanLiteral";
  value: boolean;
}

export interface NullLiteral extends NodeBase {
  type: "NullLiteral";
}

export interface ArrayExpression extends NodeBase {
  type: "ArrayExpression";
  elements: Value[];
}

/** `now()`, `uuid(7)`, `env("DATABASE_URL")`, `dbgenerated("gen_random_uuid()")`, `title(sort: Desc)`. */
export interface FunctionCall extends NodeBase {
  type: "FunctionCall";
  name: Identifier;
  args: Argument[];
}

export interface ObjectExpression extends NodeBase {
  type: "ObjectExpression";
  properties: Argument[];
}

export type Node =
  | Schema
  | Block
  | Assignment
  | Field
  | FieldType
  | FieldAttribute
  | BlockAttribute
  | EnumValue
  | Argument
  | Value
  | Comment;

/** What traversal visits, per node type (comments are not traversed). */
export const visitorKeys: Record<Exclude<Node["type"], "Comment">, string[]> = {
  Schema: ["body"],
  Datasource: ["name", "assignments"],
  Generator: ["name", "assignments"],
  Assignment: ["key", "value"],
  Model: ["name", "members"],
  View: ["name", "members"],
  CompositeType: ["name", "members"],
  Enum: ["name", "members"],
  EnumValue: ["name", "attributes"],
  Field: ["name", "fieldType", "attributes"],
  FieldType: [],
  FieldAttribute: ["args"],
  BlockAttribute: ["args"],
  Argument: ["name", "value"],
  StringLiteral: [],
  NumberLiteral: [],
  BooleanLiteral: [],
  NullLiteral: [],
  ArrayExpression: ["elements"],
  FunctionCall: ["name", "args"],
  ObjectExpression: ["properties"],
  Identifier: [],
};
