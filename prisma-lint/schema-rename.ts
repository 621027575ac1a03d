/**
 * Renaming a model, enum, field or enum value inside one schema file: the declaration, every reference
 * (field types, index field lists, `@relation(fields/references)`, enum `@default`s), and a `@map`/`@@map`
 * that keeps the database name when there is none, so the suggestion changes the client API only.
 * Used through `SchemaContext.rename`, which first makes sure no other file of the schema can refer to it.
 */
import type { RuleTextEdit } from "@eslint/core";
import type { Block, Enum, EnumValue, Field, Identifier, Model, Value } from "./language/ast.js";
import { argument, mapAttribute, quote, type Fixer, type SchemaContext } from "./schema-context.js";

export type RenameTarget =
  | { kind: "model"; model: Model }
  | { kind: "enum"; enum: Enum }
  | { kind: "field"; model: Model; field: Field }
  | { kind: "enumValue"; enum: Enum; value: EnumValue };

const INDEX_ATTRIBUTES = new Set(["id", "unique", "index", "fulltext"]);

type ObjectBlock = Extract<Block, { fields: Field[] }>;

function objectBlocks(schema: SchemaContext): ObjectBlock[] {
  return schema.blocks().filter((b): b is ObjectBlock => "fields" in b);
}

/** Identifiers named `name` in a field list: `[a, b(sort: Desc)]` or a bare `a`. */
function namesIn(value: Value | undefined, name: string): Identifier[] {
  if (!value) return [];
  const elements = value.type === "ArrayExpression" ? value.elements : [value];
  const found: Identifier[] = [];
  for (const element of elements) {
    if (element.type === "Identifier" && element.name === name) found.push(element);
    else if (element.type === "FunctionCall" && element.name.name === name) found.push(element.name);
  }
  return found;
}

export type RenameFix = (fixer: Fixer) => RuleTextEdit[];

/** The fix that renames `target` to `newName`, or undefined when that is not safe. */
export function planRename(schema: SchemaContext, target: RenameTarget, newName: string): RenameFix | undefined {
  switch (target.kind) {
    case "model":
      return renameType(schema, target.model, newName);
    case "enum":
      return renameType(schema, target.enum, newName);
    case "field":
      return renameField(schema, target.model, target.field, newName);
    case "enumValue":
      return renameEnumValue(schema, target.enum, target.value, newName);
  }
}

/** An implicit many-to-many relation's join table (`_CategoryToPost`) is named after both models. */
function hasImplicitManyToMany(schema: SchemaContext, model: Model): boolean {
  const blocks = new Map(objectBlocks(schema).map((b) => [b.name.name, b]));
  return model.fields.some((field) => {
    if (!field.fieldType.list) return false;
    const other = blocks.get(field.fieldType.name);
    if (other?.type !== "Model") return false;
    return other.fields.some((f) => f.fieldType.list && f.fieldType.name === model.name.name && f !== field);
  });
}

function renameType(schema: SchemaContext, block: Model | Enum, newName: string): RenameFix | undefined {
  const oldName = block.name.name;
  if (schema.blocks().some((b) => b.name.name === newName)) return undefined;
  if (block.type === "Model" && hasImplicitManyToMany(schema, block)) return undefined;
  return (fixer) => {
    const edits = [schema.replace(fixer, block.name, newName)];
    for (const other of objectBlocks(schema)) {
      for (const field of other.fields) {
        if (field.fieldType.name !== oldName) continue;
        const start = field.fieldType.range[0];
        edits.push(fixer.replaceTextRange([start, start + oldName.length], newName));
      }
    }
    if (!mapAttribute(block)) edits.push(schema.insertBlockAttribute(fixer, block, `@@map(${quote(oldName)})`));
    return edits;
  };
}

function renameField(schema: SchemaContext, model: Model, field: Field, newName: string): RenameFix | undefined {
  const oldName = field.name.name;
  if (model.fields.some((f) => f.name.name === newName)) return undefined;
  const kind = schema.typeKind(field.fieldType.name);
  if (kind === "unknown") return undefined;
  return (fixer) => {
    const edits = [schema.replace(fixer, field.name, newName)];
    if (kind !== "model" && !mapAttribute(field)) edits.push(schema.appendToField(fixer, field, ` @map(${quote(oldName)})`));
    for (const attribute of model.attributes) {
      if (!INDEX_ATTRIBUTES.has(attribute.name)) continue;
      for (const id of namesIn(argument(attribute, "fields", 0), oldName)) edits.push(schema.replace(fixer, id, newName));
    }
    for (const sibling of model.fields) {
      const relation = sibling.attributes.find((a) => a.name === "relation");
      if (relation) for (const id of namesIn(argument(relation, "fields"), oldName)) edits.push(schema.replace(fixer, id, newName));
    }
    for (const other of objectBlocks(schema)) {
      for (const relationField of other.fields) {
        if (relationField.fieldType.name !== model.name.name) continue;
        const relation = relationField.attributes.find((a) => a.name === "relation");
        if (relation) for (const id of namesIn(argument(relation, "references"), oldName)) edits.push(schema.replace(fixer, id, newName));
      }
    }
    return edits;
  };
}

function renameEnumValue(schema: SchemaContext, enumBlock: Enum, value: EnumValue, newName: string): RenameFix | undefined {
  const oldName = value.name.name;
  if (enumBlock.values.some((v) => v.name.name === newName)) return undefined;
  return (fixer) => {
    const edits = [schema.replace(fixer, value.name, newName)];
    if (!mapAttribute(value)) edits.push(schema.appendToEnumValue(fixer, value, ` @map(${quote(oldName)})`));
    for (const block of objectBlocks(schema)) {
      for (const field of block.fields) {
        if (field.fieldType.name !== enumBlock.name.name) continue;
        const defaultAttribute = field.attributes.find((a) => a.name === "default");
        if (defaultAttribute) {
          for (const id of namesIn(argument(defaultAttribute, "value", 0), oldName)) edits.push(schema.replace(fixer, id, newName));
        }
      }
    }
    return edits;
  };
}
