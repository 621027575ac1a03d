/**
 * What schema rules share: a model's fields, indexes and relations, the datasource, what a type name
 * refers to (also across the files of a multi-file schema), and fixers that insert text with the
 * model's own indentation and line endings. Schema rules never compute offsets themselves.
 */
import type { RuleTextEdit, RuleTextEditor } from "@eslint/core";
import type { Block, BlockAttribute, Enum, EnumValue, Field, FieldAttribute, Model, Value } from "./language/ast.js";
import type { PrismaSourceCode } from "./language/source-code.js";
import { findSchemaFolder, summarize, type FileSummary, type SchemaFolder } from "./schema-folder.js";
import { isValidIdentifier } from "./naming.js";
import { planRename, type RenameFix, type RenameTarget } from "./schema-rename.js";

export type { RenameFix, RenameTarget } from "./schema-rename.js";

/** Prisma's scalar types. `Unsupported(...)` fields are scalars too. */
export const SCALAR_TYPES = new Set([
  "String",
  "Boolean",
  "Int",
  "BigInt",
  "Float",
  "Decimal",
  "DateTime",
  "Json",
  "Bytes",
  "Unsupported",
]);

export type TypeKind = "scalar" | "model" | "view" | "enum" | "type" | "unknown";

export interface ModelIndex {
  kind: "id" | "unique" | "index";
  /** Column (field) names in index order. */
  fields: string[];
  node: FieldAttribute | BlockAttribute;
}

export interface Relation {
  /** The relation field (`author User @relation(...)`). */
  field: Field;
  /** Its `@relation(...)` attribute; absent on a back-relation field such as `posts Post[]`. */
  attribute: FieldAttribute | undefined;
  /** The related model's name. */
  target: string;
  /** `fields: [...]`: the foreign key's scalar fields, in order (empty on the back-relation side). */
  fields: string[];
  references: string[];
  onDelete: string | undefined;
  onUpdate: string | undefined;
}

export interface DatasourceInfo {
  provider: string | undefined;
  relationMode: string | undefined;
}

/** The minimal rule context this module needs (any language's context has these). */
interface ContextLike {
  sourceCode: PrismaSourceCode;
  filename: string;
  physicalFilename?: string;
  cwd: string;
  settings: Record<string, unknown>;
}

export type Fixer = Pick<RuleTextEditor, "insertTextAfterRange" | "insertTextBeforeRange" | "replaceTextRange">;

/** `[a, b(sort: Desc)]` -> ["a", "b"]; a bare `a` -> ["a"]. */
export function fieldNames(value: Value | undefined): string[] {
  if (!value) return [];
  if (value.type === "Identifier") return [value.name];
  if (value.type === "FunctionCall") return [value.name.name];
  if (value.type !== "ArrayExpression") return [];
  const names: string[] = [];
  for (const element of value.elements) {
    if (element.type === "Identifier") names.push(element.name);
    else if (element.type === "FunctionCall") names.push(element.name.name);
  }
  return names;
}

/** A named argument (`fields: [...]`), or the positional argument at `position`. */
export function argument(
  attribute: FieldAttribute | BlockAttribute,
  name: string,
  position?: number,
): Value | undefined {
  const named = attribute.args.find((arg) => arg.name?.name === name);
  if (named) return named.value;
  if (position === undefined) return undefined;
  return attribute.args.filter((arg) => !arg.name)[position]?.value;
}

export function fieldAttribute(field: Field, name: string): FieldAttribute | undefined {
  return field.attributes.find((attribute) => attribute.name === name);
}

export function blockAttributes(model: Model, name: string): BlockAttribute[] {
  return model.attributes.filter((attribute) => attribute.name === name);
}

/** The value of `@map("x")` / `@@map(name: "x")` (the name in the database), when it is a string. */
export function mappedName(node: Field | EnumValue | Model | Enum): string | undefined {
  const attribute = mapAttribute(node);
  const value = attribute && argument(attribute, "name", 0);
  return value?.type === "StringLiteral" ? value.value : undefined;
}

/** The model's table name: its `@@map`, or its own name. */
export function tableName(model: Model): string {
  return mappedName(model) ?? model.name.name;
}

/** The field's column name: its `@map`, or its own name. */
export function columnName(field: Field): string {
  return mappedName(field) ?? field.name.name;
}

/** The `@map` / `@@map` attribute of a field, enum value, model or enum. */
export function mapAttribute(node: Field | EnumValue | Model | Enum): FieldAttribute | BlockAttribute | undefined {
  return (node.attributes as Array<FieldAttribute | BlockAttribute>).find((a) => a.name === "map");
}

/** A string literal as Prisma writes it. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** `@@ignore`d models are outside every model rule. */
export function isIgnored(model: Model): boolean {
  return model.attributes.some((attribute) => attribute.name === "ignore");
}

/** Every index of a model: `@id`, `@unique`, `@@id`, `@@unique`, `@@index` (not `@@fulltext`). */
export function modelIndexes(model: Model): ModelIndex[] {
  const indexes: ModelIndex[] = [];
  for (const field of model.fields) {
    for (const attribute of field.attributes) {
      if (attribute.name === "id") indexes.push({ kind: "id", fields: [field.name.name], node: attribute });
      else if (attribute.name === "unique") indexes.push({ kind: "unique", fields: [field.name.name], node: attribute });
    }
  }
  for (const attribute of model.attributes) {
    const kind = attribute.name === "id" ? "id" : attribute.name === "unique" ? "unique" : attribute.name === "index" ? "index" : undefined;
    if (!kind) continue;
    const fields = fieldNames(argument(attribute, "fields", 0));
    if (fields.length > 0) indexes.push({ kind, fields, node: attribute });
  }
  return indexes;
}

/** The fields of the primary key (`@id` or `@@id`). */
export function idFields(model: Model): string[] {
  return modelIndexes(model).find((index) => index.kind === "id")?.fields ?? [];
}

function identifierValue(value: Value | undefined): string | undefined {
  return value?.type === "Identifier" ? value.name : undefined;
}

/** The relation a `@relation(...)` field declares, read from its attribute. */
export function relationOf(field: Field): Relation | undefined {
  const attribute = fieldAttribute(field, "relation");
  if (!attribute) return undefined;
  return {
    field,
    attribute,
    target: field.fieldType.name,
    fields: fieldNames(argument(attribute, "fields")),
    references: fieldNames(argument(attribute, "references")),
    onDelete: identifierValue(argument(attribute, "onDelete")),
    onUpdate: identifierValue(argument(attribute, "onUpdate")),
  };
}

/** Is this `DateTime` default a creation time: `now()` or `dbgenerated("now()")`-like SQL? */
export function isCreationDefault(attribute: FieldAttribute | undefined): boolean {
  const value = attribute && argument(attribute, "value", 0);
  if (!value || value.type !== "FunctionCall") return false;
  if (value.name.name === "now") return true;
  if (value.name.name !== "dbgenerated") return false;
  const sql = value.args[0]?.value;
  return (
    sql?.type === "StringLiteral" &&
    /\bnow\(\)|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp|getdate\(\)|getutcdate\(\)|sysdatetime|sysdate|utc_timestamp/iu.test(
      sql.value,
    )
  );
}

export class SchemaContext {
  readonly sourceCode: PrismaSourceCode;
  readonly #context: ContextLike;
  readonly #own: FileSummary;
  #folder: SchemaFolder | undefined | null = null;
  #documentedViews: Set<Model> | undefined;
  readonly #eol: string;

  constructor(context: ContextLike) {
    this.#context = context;
    this.sourceCode = context.sourceCode;
    this.#own = summarize(context.sourceCode.ast);
    this.#eol = /\r\n/u.test(context.sourceCode.text) ? "\r\n" : "\n";
  }

  /**
   * Is this model outside the model rules? `@@ignore`d models are, and so are models documented as
   * database views with a `/// @view` comment above them (the convention of schemas written before
   * Prisma's `view` blocks, which their migration tooling skips).
   */
  isExcluded(model: Model): boolean {
    if (isIgnored(model)) return true;
    this.#documentedViews ??= this.#findDocumentedViews();
    return this.#documentedViews.has(model);
  }

  #findDocumentedViews(): Set<Model> {
    const views = new Set<Model>();
    const comments = this.sourceCode.comments.filter((c) => c.kind === "doc" && /^\s*@view\b/u.test(c.value));
    if (comments.length === 0) return views;
    let previousEnd = 0;
    for (const block of this.sourceCode.ast.body) {
      const start = block.range[0];
      if (block.type === "Model" && comments.some((c) => c.range[0] >= previousEnd && c.range[1] <= start)) {
        views.add(block);
      }
      previousEnd = block.range[1];
    }
    return views;
  }

  /** Other files of a multi-file schema, found on first use. */
  folder(): SchemaFolder | undefined {
    if (this.#folder === null) {
      const settings = this.#context.settings?.["backend-architect"] as { schema?: unknown } | undefined;
      try {
        this.#folder = findSchemaFolder(
          this.#context.physicalFilename ?? this.#context.filename,
          this.#context.cwd,
          this.#own,
          settings?.schema,
        );
      } catch {
        this.#folder = undefined;
      }
    }
    return this.#folder;
  }

  /**
   * The datasource's provider and relation mode: from this file, or from the one file of a
   * multi-file schema that declares the datasource. `undefined` when nobody can tell.
   */
  datasource(): DatasourceInfo | undefined {
    if (this.#own.datasource) return this.#own.datasource;
    const found = (this.folder()?.summaries ?? []).filter((s) => s.datasource).map((s) => s.datasource!);
    return found.length === 1 ? found[0] : undefined;
  }

  /** What a field's type name refers to, in this file or another file of the schema. */
  typeKind(name: string): TypeKind {
    if (SCALAR_TYPES.has(name)) return "scalar";
    const kind = kindIn(this.#own, name);
    if (kind) return kind;
    for (const summary of this.folder()?.summaries ?? []) {
      const other = kindIn(summary, name);
      if (other) return other;
    }
    return "unknown";
  }

  // -------------------------------------------------------------------------------------------
  // Fixers: text goes where `prisma format` would put it, in the model's indentation
  // -------------------------------------------------------------------------------------------

  /**
   * Is this file a schema of its own, so that every reference to a name is in it? False for a file of a
   * multi-file schema (another file may use a model or field a fix would rename).
   */
  isStandalone(): boolean {
    const others = this.folder()?.summaries ?? [];
    return others.length === 0 || (this.#own.datasource !== undefined && others.every((s) => s.datasource));
  }

  /** Model names in the other files of the schema (they may own table names too). */
  otherModelNames(): string[] {
    return (this.folder()?.summaries ?? []).flatMap((s) => s.models);
  }

  /** Every block of this file. */
  blocks(): readonly Block[] {
    return this.sourceCode.ast.body;
  }

  /** Appends a block attribute (`@@index([a, b])`, `@@map("x")`) after the block's last member. */
  insertBlockAttribute(fixer: Fixer, model: Model | Enum, text: string): RuleTextEdit {
    const last = model.members.at(-1);
    const indent = this.#indentation(model);
    const blank = last?.type === "Field" || last?.type === "EnumValue" ? this.#eol : "";
    return this.#insertAfterLine(fixer, model, last?.range[1] ?? model.openBrace + 1, `${blank}${indent}${text}`);
  }

  /** Adds a field after the model's last field, aligned with the other fields' columns. */
  insertField(fixer: Fixer, model: Model, name: string, type: string, attributes: string): RuleTextEdit {
    const fields = model.fields;
    const last = fields.at(-1);
    const typeColumn = sameOffset(fields.map((f) => f.fieldType.range[0] - f.range[0]));
    const withAttributes = fields.filter((f) => f.attributes.length > 0);
    const attributeColumn = sameOffset(withAttributes.map((f) => f.attributes[0]!.range[0] - f.range[0]));
    const namePart = name.padEnd(Math.max(typeColumn ?? 0, name.length + 1));
    const typePart = type.padEnd(Math.max((attributeColumn ?? 0) - namePart.length, type.length + 1));
    const line = `${this.#indentation(model)}${namePart}${typePart}${attributes}`.trimEnd();
    return this.#insertAfterLine(fixer, model, last?.range[1] ?? model.openBrace + 1, line);
  }

  /** Appends text to a field's last attribute or type (` @updatedAt`), before any trailing comment. */
  appendToField(fixer: Fixer, field: Field, text: string): RuleTextEdit {
    return fixer.insertTextAfterRange(field.range, text);
  }

  /** Adds an argument to an attribute: `@relation(fields: [a], references: [id])` + `onDelete: Cascade`. */
  addArgument(fixer: Fixer, attribute: FieldAttribute | BlockAttribute, text: string): RuleTextEdit {
    const source = this.sourceCode.text;
    const end = attribute.range[1];
    if (source[end - 1] !== ")") return fixer.insertTextAfterRange(attribute.range, `(${text})`);
    return fixer.insertTextBeforeRange([end - 1, end], attribute.args.length > 0 ? `, ${text}` : text);
  }

  /** Adds an attribute after an enum value's name and attributes (` @map("OLD")`). */
  appendToEnumValue(fixer: Fixer, value: EnumValue, text: string): RuleTextEdit {
    return fixer.insertTextAfterRange(value.range, text);
  }

  /** Replaces a node's text (a name, an argument's value). */
  replace(fixer: Fixer, node: { range: [number, number] }, text: string): RuleTextEdit {
    return fixer.replaceTextRange(node.range, text);
  }

  /**
   * The fix that renames a model, enum, field or enum value everywhere this file uses it, keeping its database name
   * with `@map`/`@@map` where it has none. Undefined when that cannot be done safely: another file of the
   * schema may use the name, the new name is taken, or the rename would change an implicit
   * many-to-many join table.
   */
  rename(target: RenameTarget, newName: string): RenameFix | undefined {
    if (!isValidIdentifier(newName) || !this.isStandalone()) return undefined;
    return planRename(this, target, newName);
  }

  /** The indentation of the model's members (two spaces for an empty model). */
  #indentation(model: Model | Enum): string {
    const first = model.members[0];
    if (!first) return "  ";
    const text = this.sourceCode.text;
    let start = first.range[0];
    while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
    const indent = text.slice(start, first.range[0]);
    return /^[ \t]*$/u.test(indent) ? indent : "  ";
  }

  /** Inserts `line` on a new line after the line where `offset` is (after its trailing comment). */
  #insertAfterLine(fixer: Fixer, model: Model | Enum, offset: number, line: string): RuleTextEdit {
    const end = this.#lineEnd(offset);
    if (end >= model.closeBrace) {
      return fixer.insertTextBeforeRange([model.closeBrace, model.closeBrace + 1], `${this.#eol}${line}${this.#eol}`);
    }
    return fixer.insertTextAfterRange([end, end], `${this.#eol}${line}`);
  }

  /** The end of the line `offset` is on, past any block comment that starts on it. */
  #lineEnd(offset: number): number {
    const text = this.sourceCode.text;
    const comments = this.sourceCode.comments;
    // comments are in source order: start at the first one at or after `offset` (a fix per model must
    // not scan every comment of the file, or fixing every model of a large schema grows quadratically)
    let low = 0;
    let high = comments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (comments[mid]!.range[0] < offset) low = mid + 1;
      else high = mid;
    }
    let end = offset;
    for (;;) {
      while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
      let comment: (typeof comments)[number] | undefined;
      for (let i = low; i < comments.length && comments[i]!.range[0] < end; i++) {
        if (comments[i]!.range[1] > end) {
          comment = comments[i];
          break;
        }
      }
      if (!comment) return end;
      end = comment.range[1];
    }
  }
}

function kindIn(summary: FileSummary, name: string): TypeKind | undefined {
  if (summary.models.includes(name)) return "model";
  if (summary.enums.includes(name)) return "enum";
  if (summary.types.includes(name)) return "type";
  if (summary.views.includes(name)) return "view";
  return undefined;
}

/** The common value of a list of numbers, if they are all the same. */
function sameOffset(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}

const contexts = new WeakMap<PrismaSourceCode, SchemaContext>();

/** The schema context of the file being linted (one per file, shared by all schema rules). */
export function getSchemaContext(context: ContextLike): SchemaContext {
  let schema = contexts.get(context.sourceCode);
  if (!schema) {
    schema = new SchemaContext(context);
    contexts.set(context.sourceCode, schema);
  }
  return schema;
}
