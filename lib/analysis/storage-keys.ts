/**
 * Stable storage keys. An upload whose key is built only from constants and values the code already
 * holds (`invoices/${invoice.id}.pdf`), with nothing fresh per call (no `uuid()`, `Date.now()`,
 * `nanoid()`, file name), writes the same object every time it runs for the same row: the next upload
 * overwrites it, so a failed write after it leaves nothing that piles up.
 *
 * ```ts
 * stableKeyParts(context, upload)   // the values of the linted file the key is built from, or undefined
 * ```
 *
 * The key is read through `const`s, templates, `+`, `String()`, `encodeURIComponent()`, `path.join()`,
 * `[...].join()`, and through project functions (a storage wrapper such as `uploadInvoicePdf(invoice.id,
 * pdf)`, a key helper such as `invoiceKey(id)`), in the linted file or one import away, by binding their
 * parameters to the call's arguments. Module-level constants, imports and `process.env` are fixed.
 * Anything else (a call the code cannot follow, a reassigned variable) makes the key not stable.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, propertyName, type FunctionNode } from "../util/ast.js";
import { expressionNames, nameSegments } from "../util/names.js";
import { findVariable, unwrapExpression } from "../util/bindings.js";
import { definitionInFile, type ParsedFile } from "./resolve.js";
import type { DbQuery } from "./db-queries.js";
import { rowFilter } from "./row-filters.js";
import { recognizeStorageCall, syntacticBinder, wrapperFunction, wrapperNameKind, type Binder, type StorageCall } from "./storage.js";
import { objectProperty, staticKey } from "./value-flow.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where an expression is read: the linted file (scope-aware), or the body of a project function with bound parameters. */
interface Frame {
  /** Undefined for the linted file at the upload. */
  definition?: {
    file: ParsedFile;
    fn: FunctionNode;
    binder: Binder;
    /** Parameter name -> the argument bound to it, read in the caller's frame. */
    params: Map<string, Bound>;
  };
}

interface Bound {
  node: TSESTree.Node;
  frame: Frame;
}

const MAX_DEPTH = 12;
const MAX_CALL_DEPTH = 3;
/** Calls that hand their first argument on, text unchanged in what it identifies. */
const TRANSPARENT_FUNCTIONS = new Set(["String", "encodeURIComponent", "encodeURI"]);
const TRANSPARENT_METHODS = new Set(["toString", "toLowerCase", "toUpperCase", "trim", "normalize"]);
const PATH_MODULES = new Set(["path", "node:path", "path/posix", "node:path/posix"]);

const LINTED: Frame = {};

/**
 * The values of the linted file an upload's key is built from (`invoice.id`, `invoiceId`), when every
 * other part is fixed; an empty list for a constant key; undefined when the key has a fresh part or the
 * code cannot tell.
 */
export function stableKeyParts(context: Context, upload: StorageCall): TSESTree.Node[] | undefined {
  const parts: TSESTree.Node[] = [];
  if (upload.provider !== "project") {
    if (upload.keys.length === 0 || !overwrites(upload)) return undefined;
    for (const key of upload.keys) if (!readKey(context, key, LINTED, parts, 0, 0)) return undefined;
    return parts;
  }
  return readWrapperCall(context, upload.node, LINTED, parts, 0) ? parts : undefined;
}

/** Writes that change an existing row (an upsert too: it keeps the row its filter names). */
const UPDATE_OPERATIONS = new Set(["update", "updateMany", "updateManyAndReturn", "upsert", "updateTable"]);

/**
 * Does `write` update the row whose id the upload's key is built from, so that a failed write leaves the
 * object at the key that row owns, overwritten by the next upload for it? The key must be stable and made
 * of ids only (`invoices/${invoice.id}.pdf`, not `${user.id}/${file.name}`), and the write an update whose
 * filter picks the row by one of those ids (`where: { id: invoice.id }`). An upload that declares an
 * overwrite (`{ upsert: true }`) needs no filter: any write but a create.
 */
export function overwritesRowObject(context: Context, upload: StorageCall, write: DbQuery): boolean {
  if (write.kind !== "write" || !UPDATE_OPERATIONS.has(write.operation)) return false;
  const parts = stableKeyParts(context, upload);
  if (!parts || parts.length === 0 || !parts.every(isIdValue)) return false;
  if (declaresOverwrite(upload)) return true;
  const keyTexts = new Set(parts.map((part) => context.sourceCode.getText(part)));
  return filterValues(context, write).some((value) => {
    const valueParts: TSESTree.Node[] = [];
    if (!readKey(context, value, LINTED, valueParts, 0, MAX_CALL_DEPTH)) return false;
    return valueParts.length > 0 && valueParts.every((part) => keyTexts.has(context.sourceCode.getText(part)));
  });
}

/** `invoiceId`, `invoice.id`, `params.asset_id`: a value named as a row's id. */
function isIdValue(node: TSESTree.Node): boolean {
  const last = expressionNames(node)?.at(-1);
  return last !== undefined && nameSegments(last).at(-1) === "id";
}

/** Supabase `upload(path, file, { upsert: true })`: the upload says it replaces whatever is at the key. */
function declaresOverwrite(upload: StorageCall): boolean {
  return upload.provider === "supabase" && optionIs(upload, "upsert", true);
}

/**
 * Does a second upload at the same key replace the first? S3 and its kin always do. Supabase refuses
 * unless `upsert: true`; Vercel Blob adds a random suffix (before v1) or refuses (v1) unless
 * `allowOverwrite: true`.
 */
function overwrites(upload: StorageCall): boolean {
  switch (upload.provider) {
    case "s3":
    case "r2":
    case "minio":
    case "gcs":
      return true;
    case "supabase":
      return upload.operation !== "copy" && optionIs(upload, "upsert", true);
    case "vercel-blob":
      return upload.operation === "put" && optionIs(upload, "allowOverwrite", true) && !optionIs(upload, "addRandomSuffix", true);
    default:
      return false;
  }
}

/** The upload's options object (the third argument of `put`, `upload`) has `key: value` written out. */
function optionIs(upload: StorageCall, key: string, value: boolean): boolean {
  const options = upload.node.arguments[2];
  const option = options && objectProperty(unwrapExpression(options), key);
  return option?.type === AST_NODE_TYPES.Literal && option.value === value;
}

/** The values a write's filter compares columns with: Prisma and Drizzle filters, Supabase `.eq()`/`.match()`, Kysely `.where(col, op, value)`. */
function filterValues(context: Context, write: DbQuery): TSESTree.Node[] {
  const filter = rowFilter(write, context.sourceCode);
  if (filter) return filter.leaves.map((leaf) => leaf.value);
  const values: TSESTree.Node[] = [];
  for (const call of write.chain) {
    const method = call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined;
    if (method === "eq" && call.arguments[1]) values.push(call.arguments[1]);
    else if (method === "where" && call.arguments.length === 3) values.push(call.arguments[2]!);
    else if (method === "match" && call.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of call.arguments[0].properties) if (property.type === AST_NODE_TYPES.Property) values.push(property.value);
    }
  }
  return values;
}

/** The parts of a call to a project function that uploads: the keys of the uploads in its body, parameters bound. */
function readWrapperCall(context: Context, call: TSESTree.CallExpression, frame: Frame, parts: TSESTree.Node[], calls: number): boolean {
  if (calls >= MAX_CALL_DEPTH) return false;
  const target = resolveFunction(context, call, frame);
  if (!target) return false;
  const inner: Frame = { definition: { ...target, binder: syntacticBinder(target.file.imports, target.fn, target.file.locals), params: bindParams(target.fn, call, frame) } };
  let uploads = 0;
  let readable = true;
  visitCalls(target.fn.body, (node) => {
    if (!readable) return;
    const recognized = recognizeStorageCall(node, inner.definition!.binder);
    if (recognized?.kind === "upload") {
      uploads++;
      if (recognized.keys.length === 0 || !overwrites(recognized)) readable = false;
      for (const key of recognized.keys) if (!readKey(context, key, inner, parts, 0, calls + 1)) readable = false;
    } else if (!recognized && node.callee.type === AST_NODE_TYPES.Identifier && wrapperNameKind(node.callee.name) === "upload") {
      // a nested wrapper of the same file (`uploadFile` calling `putObject`)
      const before = parts.length;
      if (readWrapperCall(context, node, inner, parts, calls + 1)) uploads++;
      else parts.length = before;
    }
  });
  return readable && uploads > 0;
}

/** Reads one key expression into `parts`; false when a part is fresh or unreadable. */
function readKey(context: Context, node: TSESTree.Node, frame: Frame, parts: TSESTree.Node[], depth: number, calls: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = unwrapExpression(node);
  const next = (child: TSESTree.Node, childFrame: Frame = frame): boolean => readKey(context, child, childFrame, parts, depth + 1, calls);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === "string" || typeof target.value === "number";
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.every((expression) => next(expression));
    case AST_NODE_TYPES.BinaryExpression:
      return target.operator === "+" && next(target.left) && next(target.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return next(target.consequent) && next(target.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return next(target.left) && next(target.right);
    case AST_NODE_TYPES.AwaitExpression:
      return next(target.argument);
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && next(element));
    case AST_NODE_TYPES.Identifier:
      return readIdentifier(context, target, frame, parts, next);
    case AST_NODE_TYPES.MemberExpression:
      return readMember(target, frame, parts, next);
    case AST_NODE_TYPES.CallExpression:
      return readCall(context, target, frame, parts, next, calls);
    default:
      return false;
  }
}

function readIdentifier(
  context: Context,
  id: TSESTree.Identifier,
  frame: Frame, parts: TSESTree.Node[], next: (node: TSESTree.Node, frame?: Frame) => boolean): boolean {
  const definition = frame.definition;
  if (definition) {
    const bound = definition.params.get(id.name);
    if (bound) return next(bound.node, bound.frame);
    if (isParamName(definition.fn, id.name)) return false; // a parameter the call does not bind
    const value = definition.binder.valueOf(id);
    if (value) return next(value);
    // an import or a top-level binding: one value per process
    return definition.file.imports.has(id.name) || definition.file.locals.has(id.name);
  }
  const variable = findVariable(context.sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1) return false;
  if (def.type === "ImportBinding") return true;
  if (def.type === "Parameter") {
    parts.push(id);
    return true;
  }
  if (def.type !== "Variable") return false;
  const reassigned = variable.references.some((ref) => ref.isWrite() && !ref.init);
  if (reassigned) return false;
  if (variable.scope.type === "module" || variable.scope.type === "global") return true;
  // `const { id } = await prisma.invoice.findUniqueOrThrow(...)`: a value the code holds
  if (def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) {
    parts.push(id);
    return true;
  }
  return next(def.node.init);
}

function readMember(member: TSESTree.MemberExpression, frame: Frame, parts: TSESTree.Node[], next: (node: TSESTree.Node, frame?: Frame) => boolean): boolean {
  if (isEnvRead(member)) return true;
  const definition = frame.definition;
  if (!definition) {
    // `invoice.id`, `input.invoiceId`: a value the code holds (whether it names a row is the caller's question)
    parts.push(member);
    return true;
  }
  // `params.key` where the call passed `{ key: ... }`
  const object = unwrapExpression(member.object);
  const name = propertyName(member);
  if (object.type === AST_NODE_TYPES.Identifier && name !== undefined) {
    const bound = definition.params.get(object.name);
    const literal = bound && unwrapExpression(bound.node);
    if (literal?.type === AST_NODE_TYPES.ObjectExpression) {
      const value = objectProperty(literal, name);
      return value !== undefined && next(value, bound!.frame);
    }
  }
  return false;
}

function readCall(
  context: Context,
  call: TSESTree.CallExpression,
  frame: Frame,
  parts: TSESTree.Node[],
  next: (node: TSESTree.Node, frame?: Frame) => boolean,
  calls: number,
): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && TRANSPARENT_FUNCTIONS.has(callee.name)) {
    return call.arguments[0] !== undefined && next(call.arguments[0]);
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    if (method !== undefined && TRANSPARENT_METHODS.has(method) && call.arguments.length === 0) return next(callee.object);
    // `[prefix, id].join("/")`, `path.join(prefix, id)`
    if (method === "join" && unwrapExpression(callee.object).type === AST_NODE_TYPES.ArrayExpression) {
      return next(callee.object) && call.arguments.every((arg) => next(arg));
    }
    if ((method === "join" || method === "posix") && isPathModule(context, callee.object, frame)) {
      return call.arguments.every((arg) => next(arg));
    }
  }
  if (calls >= MAX_CALL_DEPTH) return false;
  // a key helper of the project: `invoiceKey(invoiceId)` returning a template of its parameters
  const target = resolveFunction(context, call, frame);
  const returned = target && returnedExpression(target.fn);
  if (!target || !returned) return false;
  const inner: Frame = {
    definition: { ...target, binder: syntacticBinder(target.file.imports, target.fn, target.file.locals), params: bindParams(target.fn, call, frame) },
  };
  return readKey(context, returned, inner, parts, 0, calls + 1);
}

/** The project function a call runs, read from the linted file or from the body of another project function. */
function resolveFunction(context: Context, call: TSESTree.CallExpression, frame: Frame): { file: ParsedFile; fn: FunctionNode } | undefined {
  const definition = frame.definition;
  if (!definition) {
    const found = wrapperFunction(context, call);
    return found ? { file: found.definition.file, fn: found.fn } : undefined;
  }
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const found = definitionInFile(definition.file, callee.name);
  return found && isFunction(found.node) ? { file: found.file, fn: found.node } : undefined;
}

/** Parameters by name (also `{ key, body }` destructured from an object argument), bound to the call's arguments. */
function bindParams(fn: FunctionNode, call: TSESTree.CallExpression, frame: Frame): Map<string, Bound> {
  const params = new Map<string, Bound>();
  fn.params.forEach((param, index) => {
    const arg = call.arguments[index];
    const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
    if (pattern.type === AST_NODE_TYPES.Identifier) params.set(pattern.name, { node: arg, frame });
    else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      const object = unwrapExpression(arg);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = staticKey(property);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const argValue = key === undefined ? undefined : objectProperty(object, key);
        if (value.type === AST_NODE_TYPES.Identifier && argValue) params.set(value.name, { node: argValue, frame });
      }
    }
  });
  return params;
}

/** `(id) => \`a/${id}\``, `function key(id) { return \`a/${id}\`; }`: the one expression a helper returns. */
function returnedExpression(fn: FunctionNode): TSESTree.Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const statements = fn.body.body;
  const last = statements.at(-1);
  if (statements.length !== 1 || last?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  return last.argument ?? undefined;
}

function visitCalls(root: TSESTree.Node, visit: (call: TSESTree.CallExpression) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression) visit(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === "parent") continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === "object" && "type" in child) stack.push(child as TSESTree.Node);
      } else if (value && typeof value === "object" && "type" in value) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

function isParamName(fn: FunctionNode, name: string): boolean {
  return fn.params.some((param) => {
    const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return pattern.type === AST_NODE_TYPES.Identifier && pattern.name === name;
  });
}

/** `process.env.X`, `import.meta.env.X`: configuration, one value per deployment. */
function isEnvRead(member: TSESTree.MemberExpression): boolean {
  const object = unwrapExpression(member.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression || propertyName(object) !== "env") return false;
  const root = object.object;
  return (root.type === AST_NODE_TYPES.Identifier && root.name === "process") || root.type === AST_NODE_TYPES.MetaProperty;
}

function isPathModule(context: Context, node: TSESTree.Node, frame: Frame): boolean {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const source = frame.definition ? frame.definition.file.imports.get(target.name)?.source : importSource(context, target);
  return source !== undefined && PATH_MODULES.has(source);
}

function importSource(context: Context, id: TSESTree.Identifier): string | undefined {
  const def = findVariable(context.sourceCode, id)?.defs[0];
  return def?.type === "ImportBinding" ? (def.parent as TSESTree.ImportDeclaration).source.value : undefined;
}
