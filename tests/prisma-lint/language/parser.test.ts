import { describe, expect, it } from "vitest";
import {
  parseSchema,
  type Field,
  type FieldAttribute,
  type Model,
  type Schema,
  type Datasource,
  type Enum,
  type BlockAttribute,
} from "../../../prisma-lint/language/index.js";

function parseOk(text: string): Schema {
  const result = parseSchema(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${JSON.stringify(result.errors)}`);
  return result.ast;
}

function errorOf(text: string): { message: string; line: number; column: number } {
  const result = parseSchema(text);
  if (result.ok) throw new Error("expected a parse error");
  expect(result.errors).toHaveLength(1);
  return result.errors[0];
}

/** The source text a node covers. */
function slice(text: string, node: { range: [number, number] }): string {
  return text.slice(node.range[0], node.range[1]);
}

const SCHEMA = `generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider     = "mysql"
  url          = env("DATABASE_URL")
  relationMode = "prisma"
}

/// A person who signs in.
model User {
  id        String   @id @default(uuid(7)) @db.Uuid
  email     String   @unique // login
  name      String?
  posts     Post[]
  createdAt DateTime @default(now()) @map("created_at")
  geo       Unsupported("geometry")?

  @@index([email(sort: Desc), name], map: "user_email_idx")
  @@map("users")
}

enum Role {
  ADMIN
  MEMBER @map("member")

  @@map("roles")
}

view ActiveUser {
  id String @unique
}

type Address {
  street String
}
`;

describe("parseSchema: node model", () => {
  const ast = parseOk(SCHEMA);

  it("covers the whole text with the Schema node", () => {
    expect(ast.type).toBe("Schema");
    expect(ast.range).toEqual([0, SCHEMA.length]);
    expect(ast.loc.start).toEqual({ line: 1, column: 1 });
    expect(ast.body.map((b) => `${b.type} ${b.name.name}`)).toEqual([
      "Generator client",
      "Datasource db",
      "Model User",
      "Enum Role",
      "View ActiveUser",
      "CompositeType Address",
    ]);
  });

  it("gives blocks the range from keyword to closing brace, and their braces", () => {
    const user = ast.body[2] as Model;
    expect(slice(SCHEMA, user).startsWith("model User {")).toBe(true);
    expect(slice(SCHEMA, user).endsWith('@@map("users")\n}')).toBe(true);
    expect(SCHEMA[user.openBrace]).toBe("{");
    expect(SCHEMA[user.closeBrace]).toBe("}");
    expect(user.loc).toEqual({ start: { line: 12, column: 1 }, end: { line: 22, column: 2 } });
    expect(slice(SCHEMA, user.name)).toBe("User");
    expect(user.name.loc).toEqual({ start: { line: 12, column: 7 }, end: { line: 12, column: 11 } });
  });

  it("reads the datasource provider and relation mode", () => {
    const db = ast.body[1] as Datasource;
    expect(db.provider).toBe("mysql");
    expect(db.relationMode).toBe("prisma");
    const url = db.assignments.find((a) => a.key.name === "url")!;
    expect(url.value.type).toBe("FunctionCall");
    expect(slice(SCHEMA, url)).toBe('url          = env("DATABASE_URL")');
  });

  it("builds fields with type, modifiers and attributes, without the trailing comment", () => {
    const user = ast.body[2] as Model;
    expect(user.fields.map((f) => f.name.name)).toEqual(["id", "email", "name", "posts", "createdAt", "geo"]);
    const [id, email, name, posts, createdAt, geo] = user.fields as [Field, Field, Field, Field, Field, Field];
    expect(slice(SCHEMA, id)).toBe("id        String   @id @default(uuid(7)) @db.Uuid");
    expect(id.attributes.map((a) => a.name)).toEqual(["id", "default", "db.Uuid"]);
    expect(slice(SCHEMA, id.attributes[1]!)).toBe("@default(uuid(7))");
    expect(slice(SCHEMA, email)).toBe("email     String   @unique");
    expect(name.fieldType).toMatchObject({ name: "String", optional: true, list: false });
    expect(slice(SCHEMA, name.fieldType)).toBe("String?");
    expect(posts.fieldType).toMatchObject({ name: "Post", optional: false, list: true });
    expect(slice(SCHEMA, posts.fieldType)).toBe("Post[]");
    const map = createdAt.attributes[1] as FieldAttribute;
    expect(map.args[0]!.value).toMatchObject({ type: "StringLiteral", value: "created_at", raw: '"created_at"' });
    expect(geo.fieldType).toMatchObject({ name: "Unsupported", unsupported: "geometry", optional: true });
    expect(slice(SCHEMA, geo.fieldType)).toBe('Unsupported("geometry")?');
  });

  it("gives exact ranges to values inside block attributes", () => {
    const user = ast.body[2] as Model;
    const index = user.attributes[0] as BlockAttribute;
    expect(index.name).toBe("index");
    expect(slice(SCHEMA, index)).toBe('@@index([email(sort: Desc), name], map: "user_email_idx")');
    const [fields, map] = index.args;
    expect(fields!.name).toBeUndefined();
    expect(fields!.value.type).toBe("ArrayExpression");
    const elements = fields!.value.type === "ArrayExpression" ? fields!.value.elements : [];
    expect(elements.map((e) => slice(SCHEMA, e))).toEqual(["email(sort: Desc)", "name"]);
    expect(elements[0]).toMatchObject({ type: "FunctionCall", name: { name: "email" } });
    expect(elements[1]).toMatchObject({ type: "Identifier", name: "name" });
    expect(map!.name?.name).toBe("map");
    expect(slice(SCHEMA, map!)).toBe('map: "user_email_idx"');
    expect(user.members.map((m) => m.type)).toEqual([...Array(6).fill("Field"), "BlockAttribute", "BlockAttribute"]);
  });

  it("builds enums with values and block attributes", () => {
    const role = ast.body[3] as Enum;
    expect(role.values.map((v) => v.name.name)).toEqual(["ADMIN", "MEMBER"]);
    expect(slice(SCHEMA, role.values[1]!)).toBe('MEMBER @map("member")');
    expect(role.attributes.map((a) => a.name)).toEqual(["map"]);
  });

  it("keeps line, doc and block comments with their ranges", () => {
    const text = `/* header\n   block */\nmodel A { // after the brace\n  /// doc\n  id Int @id /* inline */\n}\n`;
    const schema = parseOk(text);
    expect(schema.comments.map((c) => [c.kind, c.value, slice(text, c)])).toEqual([
      ["block", " header\n   block ", "/* header\n   block */"],
      ["line", " after the brace", "// after the brace"],
      ["doc", " doc", "/// doc"],
      ["block", " inline ", "/* inline */"],
    ]);
    expect(schema.comments[0]!.loc).toEqual({ start: { line: 1, column: 1 }, end: { line: 2, column: 12 } });
    const model = schema.body[0] as Model;
    expect(slice(text, model.fields[0]!)).toBe("id Int @id");
  });

  it("accepts trailing whitespace, tabs, CRLF and a missing final newline", () => {
    const text = "model A { \r\n\tid\tInt\t@id   \r\n  b  String  \r\n}";
    const model = parseOk(text).body[0] as Model;
    expect(model.fields.map((f) => f.name.name)).toEqual(["id", "b"]);
    expect(model.fields[1]!.loc.start).toEqual({ line: 3, column: 3 });
    expect(slice(text, model)).toBe(text);
  });

  it("reads string escapes, numbers, booleans and null", () => {
    const text = `model A {\n  id Int @id @default(-1)\n  s String @default("a\\"b\\\\c\\n")\n  b Boolean @default(false)\n  n Float @default(1.5e3)\n  j Json @default(null)\n}\n`;
    const model = parseOk(text).body[0] as Model;
    const defaults = model.fields.map((f) => f.attributes.find((a) => a.name === "default")!.args[0]!.value);
    expect(defaults.map((d) => d.type)).toEqual(["NumberLiteral", "StringLiteral", "BooleanLiteral", "NumberLiteral", "NullLiteral"]);
    expect(defaults[0]).toMatchObject({ value: -1 });
    expect(defaults[1]).toMatchObject({ value: 'a"b\\c\n' });
    expect(defaults[2]).toMatchObject({ value: false });
    expect(defaults[3]).toMatchObject({ value: 1500 });
  });

  it("reads names that are also names of Object.prototype's members as names", () => {
    const ast = parseOk(
      "model constructor {\n  toString  String @id\n  valueOf   Int    @default(0)\n  isPrototypeOf Json\n  hasOwnProperty Boolean\n}\n",
    );
    const model = ast.body[0] as Model;
    expect(model.name.name).toBe("constructor");
    expect(model.fields.map((f) => [f.name.name, f.fieldType.name])).toEqual([
      ["toString", "String"],
      ["valueOf", "Int"],
      ["isPrototypeOf", "Json"],
      ["hasOwnProperty", "Boolean"],
    ]);
    expect(errorOf("constructor A {\n  id Int @id\n}\n").message).toContain("Unknown block type `constructor`");
    expect(errorOf("toString A\n").message).toContain("Unknown block type `toString`");
  });

  it("reads Object.prototype names as plain identifiers, and never as block keywords", () => {
    const text = "model toString {\n  id          Int    @id\n  constructor String\n  hasOwnProperty Int\n  valueOf     Boolean @default(true)\n}\n";
    const model = parseOk(text).body[0] as Model;
    expect(model.name.name).toBe("toString");
    expect(model.fields.map((f) => f.name.name)).toEqual(["id", "constructor", "hasOwnProperty", "valueOf"]);
    expect(errorOf("constructor X {\n}\n").message).toContain("Unknown block type `constructor`");
    expect(errorOf("hasOwnProperty\n").message).toContain("Unknown block type `hasOwnProperty`");
  });

  it("parses an empty file and a file of comments", () => {
    expect(parseOk("").body).toEqual([]);
    expect(parseOk("// nothing here\n/* or here */\n").comments).toHaveLength(2);
  });
});

describe("parseSchema: syntax errors a person understands", () => {
  const cases: Array<[string, string, string, number, number]> = [
    ["unclosed block", "model User {\n  id Int @id\n", "The `model User` block is never closed: add `}` at its end.", 1, 7],
    ["unknown block keyword", "modle User {\n  id Int @id\n}\n", "Unknown block type `modle`", 1, 1],
    ["stray word at top level", "hello\n", "Unknown block type `hello`", 1, 1],
    ["missing block name", "model {\n}\n", "Expected a name after `model`, found `{`.", 1, 7],
    ["missing brace", "model User\n  id Int\n}\n", "Expected `{` after `model User` on the same line, found end of line.", 1, 11],
    ["stray closing brace", "model A {\n  id Int @id\n}\n}\n", "Unexpected `}` outside of a block", 4, 1],
    ["field on the brace line", "model A { id Int @id\n}\n", "Start a new line after `{`", 1, 11],
    ["field without type", "model A {\n  id Int @id\n  name\n}\n", "The field `name` in `model A` has no type.", 3, 3],
    ["unclosed attribute", "model A {\n  id Int @id @default(\n}\n", "Unexpected end of line inside an attribute in `model A`: close it with `)`. Prisma expects an attribute to end on the line where it starts.", 2, 23],
    ["unexpected character", "model A {\n  id Int @id $\n}\n", "Unexpected character `$`.", 2, 14],
    ["control character", "\u0000", "Unexpected character U+0000.", 1, 1],
    ["unterminated string", 'model A {\n  id String @default("abc\n}\n', 'Unterminated string: close it with `"` on the same line.', 2, 22],
    ["unterminated block comment", "/* never closed\nmodel A {\n}\n", "Unterminated block comment: close it with `*/`.", 1, 1],
    ["unexpected token inside a model", "model A {\n  id Int @id\n  = 1\n}\n", "Unexpected `=` in `model A`: expected a field, a block attribute (`@@...`) or `}`.", 3, 3],
    ["unexpected token inside an enum", "enum Role {\n  ADMIN\n  \"x\"\n}\n", "Unexpected `\"x\"` in `enum Role`: expected an enum value, a block attribute or `}`.", 3, 3],
    ["multi-line attribute arguments", "model A {\n  id Int @id\n  @@index([\n    id\n  ])\n}\n", "Unexpected end of line inside an attribute in `model A`: close it with `]`.", 3, 12],
  ];
  for (const [name, text, message, line, column] of cases) {
    it(name, () => {
      const error = errorOf(text);
      expect(error.message).toContain(message);
      expect(error.message).toMatch(/\.$/u);
      expect(error.message).not.toMatch(/-->|<--|Expecting/u);
      expect([error.line, error.column]).toEqual([line, column]);
    });
  }
});

describe("parseSchema: no input crashes it", () => {
  it("survives every truncation of a real-looking schema", () => {
    for (let end = 0; end <= SCHEMA.length; end++) {
      const result = parseSchema(SCHEMA.slice(0, end));
      if (!result.ok) {
        const [error] = result.errors;
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
        expect(error.message.length).toBeGreaterThan(0);
      }
    }
  });

  it("survives binary input", () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: 1 + (random() % 300) }, () => random() % 256);
      const text = new TextDecoder().decode(bytes);
      expect(() => parseSchema(text)).not.toThrow();
    }
  });

  it("survives deep nesting and non-string input", () => {
    const deep = `model A {\n  id Int @default(${"[".repeat(20_000)}${"]".repeat(20_000)})\n}\n`;
    const result = parseSchema(deep);
    expect(typeof result.ok).toBe("boolean");
    expect(parseSchema(undefined as unknown as string).ok).toBe(false);
  });

  it("parses a very large schema", () => {
    const models = Array.from(
      { length: 4000 },
      (_, i) =>
        `model M${i} {\n  id String @id @default(cuid())\n  parentId String?\n  parent M${i} @relation(fields: [parentId], references: [id])\n  createdAt DateTime @default(now())\n  @@index([parentId])\n}\n`,
    );
    const ast = parseOk(`datasource db {\n  provider = "postgresql"\n}\n\n${models.join("\n")}`);
    expect(ast.body).toHaveLength(4001);
    expect((ast.body[4000] as Model).attributes[0]!.name).toBe("index");
  });
});
