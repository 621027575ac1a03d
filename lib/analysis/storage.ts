/**
 * Blob storage: what is an upload, a delete, a blob URL. One place for Vercel Blob, S3 (and R2,
 * MinIO, aws4fetch through the S3 API), Supabase Storage, UploadThing and project wrappers around them.
 *
 * Recognition is by provenance: a call is an upload when its function comes from a storage package
 * (`put` of `@vercel/blob`, `new PutObjectCommand()` of `@aws-sdk/client-s3` sent by a client, a
 * `supabase.storage.from(bucket)` bucket, `new UTApi()`), or from a project wrapper whose definition
 * uploads. A value is a blob URL when it provably comes from one: a result's `.url`, a presigned URL,
 * a `getPublicUrl(...)` result, or a literal whose host is a public storage host. A column named `url`
 * or a variable named `imageUrl` is never evidence by itself: short-link apps store destination URLs
 * all day. When the code cannot tell, the answer is "no".
 *
 * Values are followed within the file by `value-flow.ts`; this module says which sources are storage.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isFunction, memberChainName, propertyName, type FunctionNode } from "../util/ast.js";
import { createDbQueryDetector } from "./db-queries.js";
import { classifyDefinition, definitionInFile, definitionOf, type Definition, type ParsedFile } from "./resolve.js";
import { getSettings } from "./settings.js";
import {
  createValueFlow,
  ELEMENT_CALLBACKS,
  forEachNode,
  newTraceState,
  objectProperty,
  staticKey,
  unwrap,
  type Path,
  type TraceHandler,
  type TraceState,
} from "./value-flow.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type StorageProvider = "vercel-blob" | "s3" | "r2" | "gcs" | "supabase" | "uploadthing" | "minio" | "project";

export interface StorageCall {
  /** The call that performs the operation (`put(...)`, `s3.send(...)`, `upload.done()`, `bucket.upload(...)`). */
  node: TSESTree.CallExpression;
  /** "url": a call whose result is or holds a URL (`getSignedUrl`, `getPublicUrl`, `head`). */
  kind: "upload" | "delete" | "url";
  provider: StorageProvider;
  /** `put`, `PutObjectCommand`, `upload`, `remove`, `uploadFiles`, `getSignedUrl`, a wrapper's name... */
  operation: string;
  /** Expressions that name the stored object (key, path, pathname or URL), when the call shows them. */
  keys: TSESTree.Node[];
}

export interface BlobUrl {
  provider: StorageProvider;
  /** A presigned (expiring) URL. */
  presigned: boolean;
  /** The storage call the URL comes from; undefined for a literal with a storage host. */
  source: StorageCall | undefined;
}

/** How a URL is read from a call's result: property paths (`*` = any array element). */
interface UrlShape {
  paths: readonly (readonly string[])[];
  presigned: boolean;
}


export interface ImportRef {
  source: string;
  imported: string;
}

/**
 * What recognition needs to know about a name. The linted file answers with ESLint's scope manager;
 * a definition in another file (a project wrapper) answers syntactically.
 */
export interface Binder {
  /** The import an identifier names (not shadowed), `imported` = "*" for namespaces, "default". */
  importOf(id: TSESTree.Identifier): ImportRef | undefined;
  /** The one value a `const` (or never reassigned `let`) identifier holds. */
  valueOf(id: TSESTree.Identifier): TSESTree.Node | undefined;
  /** Whether the file imports the module. */
  importsModule(source: string): boolean;
}

// ---------------------------------------------------------------- knowledge

const VERCEL_BLOB = "@vercel/blob";
const VERCEL_BLOB_CLIENT = "@vercel/blob/client";
const S3_CLIENT = /^@aws-sdk\/client-s3$/u;
const S3_LIB_STORAGE = "@aws-sdk/lib-storage";
const PRESIGNERS = new Set(["@aws-sdk/s3-request-presigner", "@aws-sdk/cloudfront-signer"]);
const UPLOADTHING_SERVER = /^uploadthing(?:\/|$)/u;
/** Modules whose imports recognition depends on (the others need no shadowing check). */
const STORAGE_MODULE = /^(?:@vercel\/blob|@aws-sdk\/|uploadthing|minio$|aws-sdk$)/u;

const VERCEL_RESULT: UrlShape = { paths: [["url"], ["downloadUrl"]], presigned: false };
const PRESIGNED_VALUE: UrlShape = { paths: [[]], presigned: true };
const UPLOADTHING_RESULT: UrlShape = {
  paths: ["url", "ufsUrl", "appUrl"].flatMap((p) => [
    ["data", p],
    ["*", "data", p],
  ]),
  presigned: false,
};
const WRAPPER_RESULT: UrlShape = { paths: [["url"]], presigned: false };

const S3_UPLOAD_COMMANDS = new Set(["PutObjectCommand", "CopyObjectCommand", "CompleteMultipartUploadCommand"]);
const S3_DELETE_COMMANDS = new Set(["DeleteObjectCommand", "DeleteObjectsCommand"]);

const SUPABASE_BUCKET_METHODS: Readonly<Record<string, { kind: StorageCall["kind"]; key: number; shape?: UrlShape }>> = {
  upload: { kind: "upload", key: 0 },
  update: { kind: "upload", key: 0 },
  uploadToSignedUrl: { kind: "upload", key: 0 },
  copy: { kind: "upload", key: 1 },
  remove: { kind: "delete", key: 0 },
  getPublicUrl: { kind: "url", key: 0, shape: { paths: [["data", "publicUrl"]], presigned: false } },
  createSignedUrl: { kind: "url", key: 0, shape: { paths: [["data", "signedUrl"]], presigned: true } },
  createSignedUrls: { kind: "url", key: 0, shape: { paths: [["data", "*", "signedUrl"]], presigned: true } },
  createSignedUploadUrl: { kind: "url", key: 0, shape: { paths: [["data", "signedUrl"]], presigned: true } },
};

/** MinIO (`minioClient.putObject(bucket, name, ...)`) and the aggregated S3 clients (`s3.putObject({ Key })`). */
const OBJECT_CLIENT_METHODS: Readonly<Record<string, StorageCall["kind"]>> = {
  putObject: "upload",
  fPutObject: "upload",
  copyObject: "upload",
  removeObject: "delete",
  removeObjects: "delete",
  deleteObject: "delete",
  deleteObjects: "delete",
  presignedGetObject: "url",
  presignedPutObject: "url",
  presignedUrl: "url",
};
const S3_CLIENT_NAME = /^(?:s3|s3Client|s3client|r2|r2Client|\w*S3Client)$/u;
const MINIO_CLIENT_NAME = /^(?:minio\w*|\w*MinioClient|\w*minioClient)$/u;

/** Public storage hosts; `bucket` stands for a label computed at run time. */
const STORAGE_HOSTS: readonly [RegExp, StorageProvider][] = [
  [/^[^./]+\.(?:public\.)?blob\.vercel-storage\.com$/u, "vercel-blob"],
  [/^[^/]+\.r2\.(?:dev|cloudflarestorage\.com)$/u, "r2"],
  [/^(?:[^/]+\.)?s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/u, "s3"],
  [/^(?:[^/]+\.)?storage\.googleapis\.com$/u, "gcs"],
  [/^(?:utfs\.io|[^/]+\.ufs\.sh)$/u, "uploadthing"],
];


const WRAPPER_UPLOAD_NAME = /upload|^put(?:[A-Z_]|$)|^(?:save|store|persist)\w*(?:File|Image|Blob|Asset|Avatar|Logo|Photo|Media|Attachment)/u;
const WRAPPER_DELETE_NAME = /(?:^|[a-z])(?:delete|remove|destroy|purge|discard)|^(?:del|delete|remove)(?:[A-Z_]|$)|^(?:cleanup|cleanUp)/iu;
/**
 * Text that every file touching storage contains: a storage module, a storage host, an upload or put
 * call, a Supabase `.storage`, a signed URL. A file without any of it is skipped without analysis.
 */
export const STORAGE_TEXT =
  /@vercel\/blob|@aws-sdk\/|uploadthing|minio|aws4fetch|\.storage\b|upload|\bput(?:[A-Z_]\w*)?\s*\(|[Pp]resign|SignedUrl|vercel-storage\.com|\.r2\.|amazonaws\.com|storage\.googleapis|supabase\.co|utfs\.io|ufs\.sh/iu;

/**
 * `STORAGE_TEXT` for lower-cased text, without the `i` flag: V8 runs a case-sensitive alternation of words
 * with a fast first-character scan, while the `i` flag tries every alternative at every position (ten times
 * the cost, and this pre-test reads every file the storage rules lint). `uploadthing` is left out: `upload`
 * matches wherever it does.
 */
const STORAGE_TEXT_LOWER =
  /@vercel\/blob|@aws-sdk\/|minio|aws4fetch|\.storage\b|upload|\bput(?:[a-z_]\w*)?\s*\(|presign|signedurl|vercel-storage\.com|\.r2\.|amazonaws\.com|storage\.googleapis|supabase\.co|utfs\.io|ufs\.sh/u;
/**
 * The only characters that case-fold (`iu`) or lower-case to ASCII letters: `İ`, `ſ` and the Kelvin sign.
 * Every other character is matched by `STORAGE_TEXT` the same before and after `toLowerCase()`.
 */
const FOLDS_TO_ASCII = ["\u0130", "\u017f", "\u212a"];

/** `STORAGE_TEXT.test(text)`: the same answer for every text (`tests/analysis/storage-text.test.ts`), faster. */
export function mentionsStorage(text: string): boolean {
  if (FOLDS_TO_ASCII.some((c) => text.includes(c))) return STORAGE_TEXT.test(text);
  return STORAGE_TEXT_LOWER.test(text.toLowerCase());
}

function namesIn(text: string, names: readonly string[]): boolean {
  return names.some((name) => text.includes(name.split(".").at(-1)!));
}

const STORAGE_WORD = /file|image|blob|object|asset|upload|avatar|logo|photo|attachment|media|document|storage|bucket|s3|r2|minio|utapi/iu;

// ---------------------------------------------------------------- recognition (shared with project wrappers)

function importedCallee(callee: TSESTree.Node, binder: Binder): ImportRef | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return binder.importOf(callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    const ns = binder.importOf(callee.object);
    const name = propertyName(callee);
    if (ns && name && (ns.imported === "*" || ns.imported === "default")) return { source: ns.source, imported: name };
  }
  return undefined;
}

/** `new X(...)` an expression is, directly or through a `const`. */
function newExpressionOf(node: TSESTree.Node, binder: Binder, depth = 0): TSESTree.NewExpression | undefined {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.NewExpression) return value;
  if (value.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const init = binder.valueOf(value);
    return init ? newExpressionOf(init, binder, depth + 1) : undefined;
  }
  return undefined;
}

/** The class a `new` expression constructs, as an import (`PutObjectCommand` of `@aws-sdk/client-s3`). */
function constructedClass(expr: TSESTree.NewExpression, binder: Binder): ImportRef | undefined {
  return importedCallee(expr.callee, binder);
}

/** The object literal an expression is, directly or through a `const`. */
function objectOf(node: TSESTree.Node | undefined, binder: Binder, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const init = binder.valueOf(value);
    return init ? objectOf(init, binder, depth + 1) : undefined;
  }
  return undefined;
}

/** `supabase.storage.from(bucket)`, directly or through a `const`. */
function isSupabaseBucket(node: TSESTree.Node, binder: Binder, depth = 0): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = depth < 3 ? binder.valueOf(value) : undefined;
    return init !== undefined && isSupabaseBucket(init, binder, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (propertyName(value.callee) !== "from") return false;
  const storage = unwrap(value.callee.object);
  return storage.type === AST_NODE_TYPES.MemberExpression && propertyName(storage) === "storage";
}

function isClientOf(receiver: TSESTree.Node, binder: Binder, namePattern: RegExp, isClass: (ref: ImportRef) => boolean): boolean {
  const name = memberChainName(unwrap(receiver))?.split(".").at(-1);
  if (name !== undefined && namePattern.test(name)) return true;
  const created = newExpressionOf(receiver, binder);
  const ref = created && constructedClass(created, binder);
  return ref !== undefined && isClass(ref);
}

function s3InputKeys(input: TSESTree.ObjectExpression | undefined): TSESTree.Node[] {
  if (!input) return [];
  const key = objectProperty(input, "Key") ?? objectProperty(input, "Delete");
  return key ? [key] : [];
}

/**
 * Recognises a storage call by what its callee is. `binder` answers questions about names, so the
 * same recognition runs on the linted file and on a wrapper's definition in another file.
 */
export function recognizeStorageCall(call: TSESTree.CallExpression, binder: Binder): StorageCall | undefined {
  const callee = call.callee;
  const args = call.arguments;
  const fn = importedCallee(callee, binder);
  if (fn) {
    if (fn.source === VERCEL_BLOB) {
      if (fn.imported === "put") return { node: call, kind: "upload", provider: "vercel-blob", operation: "put", keys: args.slice(0, 1) };
      if (fn.imported === "copy") return { node: call, kind: "upload", provider: "vercel-blob", operation: "copy", keys: args.slice(1, 2) };
      if (fn.imported === "del") return { node: call, kind: "delete", provider: "vercel-blob", operation: "del", keys: args.slice(0, 1) };
      if (fn.imported === "head") return { node: call, kind: "url", provider: "vercel-blob", operation: "head", keys: args.slice(0, 1) };
    }
    if (fn.source === VERCEL_BLOB_CLIENT && fn.imported === "upload") {
      return { node: call, kind: "upload", provider: "vercel-blob", operation: "upload", keys: args.slice(0, 1) };
    }
    if (PRESIGNERS.has(fn.source) && fn.imported === "getSignedUrl") {
      return { node: call, kind: "url", provider: "s3", operation: "getSignedUrl", keys: [] };
    }
    return undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined) return undefined;
  const receiver = callee.object;

  if (method === "send" && args[0]) {
    const command = newExpressionOf(args[0], binder);
    const ref = command && constructedClass(command, binder);
    if (!ref || !S3_CLIENT.test(ref.source)) return undefined;
    const input = objectOf(command.arguments[0], binder);
    if (S3_UPLOAD_COMMANDS.has(ref.imported)) return { node: call, kind: "upload", provider: "s3", operation: ref.imported, keys: s3InputKeys(input) };
    if (S3_DELETE_COMMANDS.has(ref.imported)) return { node: call, kind: "delete", provider: "s3", operation: ref.imported, keys: s3InputKeys(input) };
    return undefined;
  }
  if (method === "done") {
    const upload = newExpressionOf(receiver, binder);
    const ref = upload && constructedClass(upload, binder);
    if (!upload || ref?.source !== S3_LIB_STORAGE || ref.imported !== "Upload") return undefined;
    const params = objectOf(objectProperty(objectOf(upload.arguments[0], binder), "params"), binder);
    return { node: call, kind: "upload", provider: "s3", operation: "Upload", keys: s3InputKeys(params) };
  }
  const bucketMethod = SUPABASE_BUCKET_METHODS[method];
  if (bucketMethod && Object.hasOwn(SUPABASE_BUCKET_METHODS, method) && isSupabaseBucket(receiver, binder)) {
    const key = args[bucketMethod.key];
    return { node: call, kind: bucketMethod.kind, provider: "supabase", operation: method, keys: key ? [key] : [] };
  }
  if (method === "uploadFiles" || method === "uploadFilesFromUrl" || method === "deleteFiles") {
    const isUtapi = isClientOf(receiver, binder, /^utapi$/iu, (ref) => UPLOADTHING_SERVER.test(ref.source) && ref.imported === "UTApi");
    if (!isUtapi) return undefined;
    const kind = method === "deleteFiles" ? "delete" : "upload";
    return { node: call, kind, provider: "uploadthing", operation: method, keys: kind === "delete" ? args.slice(0, 1) : [] };
  }
  const objectKind = Object.hasOwn(OBJECT_CLIENT_METHODS, method) ? OBJECT_CLIENT_METHODS[method] : undefined;
  if (objectKind) {
    if (isClientOf(receiver, binder, MINIO_CLIENT_NAME, (ref) => ref.source === "minio")) {
      return { node: call, kind: objectKind, provider: "minio", operation: method, keys: args.slice(1, 2) };
    }
    if (
      method !== "presignedUrl" &&
      isClientOf(receiver, binder, S3_CLIENT_NAME, (ref) => (S3_CLIENT.test(ref.source) && ref.imported === "S3") || ref.source === "aws-sdk")
    ) {
      return { node: call, kind: objectKind, provider: "s3", operation: method, keys: s3InputKeys(objectOf(args[0], binder)) };
    }
    return undefined;
  }
  // aws4fetch (R2 and S3 through signed fetch): `client.fetch(url, { method: "PUT" })`
  if (method === "fetch" && binder.importsModule("aws4fetch")) {
    const httpMethod = objectProperty(objectOf(args[1], binder), "method");
    const verb = httpMethod?.type === AST_NODE_TYPES.Literal && typeof httpMethod.value === "string" ? httpMethod.value.toUpperCase() : undefined;
    if (verb === "PUT") return { node: call, kind: "upload", provider: "s3", operation: "fetch", keys: args.slice(0, 1) };
    if (verb === "DELETE") return { node: call, kind: "delete", provider: "s3", operation: "fetch", keys: args.slice(0, 1) };
  }
  return undefined;
}

/** How a URL is read from a recognised call's result. */
function urlShapeOf(call: StorageCall): UrlShape | undefined {
  switch (call.provider) {
    case "vercel-blob":
      return call.kind === "delete" ? undefined : VERCEL_RESULT;
    case "supabase":
      return SUPABASE_BUCKET_METHODS[call.operation]?.shape;
    case "uploadthing":
      return call.kind === "upload" ? UPLOADTHING_RESULT : undefined;
    case "minio":
      return call.kind === "url" ? PRESIGNED_VALUE : undefined;
    case "s3":
      if (call.operation === "getSignedUrl") return PRESIGNED_VALUE;
      if (call.operation === "Upload") return { paths: [["Location"]], presigned: false };
      return undefined;
    case "project":
      return call.kind === "upload" ? WRAPPER_RESULT : undefined;
    default:
      return undefined;
  }
}

function pathMatches(shape: readonly string[], path: Path): boolean {
  if (shape.length !== path.length) return false;
  return shape.every((segment, i) => {
    const actual = path[i]!;
    if (segment === "*") return actual === "*" || /^\d+$/u.test(actual);
    return segment === actual;
  });
}

/** A binder for a definition in another file: its imports, and `const` declarations in `root` or at top level. */
export function syntacticBinder(
  imports: ReadonlyMap<string, ImportRef>,
  root: TSESTree.Node,
  topLevel?: ReadonlyMap<string, TSESTree.Node>,
): Binder {
  let declarations: Map<string, TSESTree.Node> | undefined;
  const sources = new Set([...imports.values()].map((ref) => ref.source));
  return {
    importOf: (id) => imports.get(id.name),
    importsModule: (source) => sources.has(source),
    valueOf(id) {
      if (!declarations) {
        declarations = new Map();
        forEachNode(root, (node) => {
          if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
            if (!declarations!.has(node.id.name)) declarations!.set(node.id.name, node.init);
          }
        });
      }
      const local = declarations.get(id.name);
      if (local) return local;
      const top = topLevel?.get(id.name);
      return top?.type === AST_NODE_TYPES.VariableDeclarator ? (top.init ?? undefined) : undefined;
    },
  };
}

/** What a function body does with storage: scans its calls with `binder` (and `classify` for nested wrapper calls). */
export function storageEffects(
  fn: TSESTree.Node,
  binder: Binder,
  classify?: (call: TSESTree.CallExpression) => StorageCall["kind"] | undefined,
): { uploads: boolean; deletes: boolean } {
  let uploads = false;
  let deletes = false;
  forEachNode(fn, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const kind = recognizeStorageCall(node, binder)?.kind ?? classify?.(node);
    if (kind === "upload") uploads = true;
    else if (kind === "delete") deletes = true;
  });
  return { uploads, deletes };
}

/** Is `name` (the last segment of a callee) one a project wrapper around uploads or deletes could have? */
export function wrapperNameKind(name: string): "upload" | "delete" | undefined {
  if (WRAPPER_UPLOAD_NAME.test(name)) return "upload";
  if (WRAPPER_DELETE_NAME.test(name)) return "delete";
  return undefined;
}

/** A call whose name says it deletes stored files (`deleteFile(key)`, `storage.delete(...)`, `removeObjects(...)`). */
export function looksLikeStorageDelete(chainName: string): boolean {
  const last = chainName.split(".").at(-1)!;
  return WRAPPER_DELETE_NAME.test(last) && STORAGE_WORD.test(chainName);
}

// ---------------------------------------------------------------- hosts

/** The provider of a URL skeleton's host (`\0` marks a part computed at run time), or undefined. */
export function storageHostProvider(skeleton: string): StorageProvider | undefined {
  const match = /^https?:\/\/([^/?#]*)(\/[^?#]*)?/u.exec(skeleton);
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  // a run-time label is fine as a bucket name, never as the whole host
  if (host.startsWith("\0") && !/^\0\.[a-z]/u.test(host)) return undefined;
  const concrete = host.replaceAll("\0", "bucket");
  if (/^[^/]+\.supabase\.co$/u.test(concrete)) {
    return (match[2] ?? "").startsWith("/storage/v1/object/") ? "supabase" : undefined;
  }
  for (const [pattern, provider] of STORAGE_HOSTS) if (pattern.test(concrete)) return provider;
  return undefined;
}

// ---------------------------------------------------------------- the per-file analysis

export interface StorageAnalysis {
  /** The storage operation a call performs (cached), including configured and same-file wrappers. */
  storageCall(call: TSESTree.CallExpression): StorageCall | undefined;
  /** Whether `expr`'s value is a blob URL, and where it comes from. */
  blobUrl(expr: TSESTree.Node): BlobUrl | undefined;
  /** For `x.url` / `x.downloadUrl`: is `x` a Vercel Blob result, so `x.pathname` is its key? */
  isVercelBlobResult(expr: TSESTree.Node): boolean;
  /** Whether `expr`'s value comes from `call`'s result (any part of it). */
  derivesFrom(expr: TSESTree.Node, call: TSESTree.CallExpression): boolean;
  /** The leaf values of written data (object literals and the variables holding them opened up). */
  writtenLeaves(data: readonly TSESTree.Node[], skipKeys?: ReadonlySet<string>): TSESTree.Node[];
  /** The function-local variables and parameters an expression reads (deep). */
  variablesIn(expr: TSESTree.Node): Set<TSESLint.Scope.Variable>;
  /** `settings.cleanupFunctions` names this call. */
  isCleanupFunction(call: TSESTree.CallExpression): boolean;
  /** Whether the callee's definition was found (a function of this file, or a resolved project wrapper). */
  isResolvedCallee(call: TSESTree.CallExpression): boolean;
  /** False when the file's text mentions nothing storage-like: every other answer is "no" then. */
  mayInvolveStorage(): boolean;
}

type WrapperVerdict = StorageCall["kind"] | "none";

/** The function a member names on a resolved value: a class instance's method, an object literal's property. */
function memberFunction(file: ParsedFile, value: TSESTree.Node, member: string): TSESTree.Node | undefined {
  let owner: TSESTree.Node | undefined = value;
  if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
    owner = definitionInFile(file, value.callee.name, false)?.node;
  }
  if (owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression) {
    for (const element of owner.body.body) {
      if (
        (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
        staticKey(element) === member &&
        element.value &&
        isFunction(element.value)
      ) {
        return element.value;
      }
    }
    return undefined;
  }
  if (owner?.type === AST_NODE_TYPES.ObjectExpression) {
    const property = objectProperty(owner, member);
    return property && isFunction(property) ? property : undefined;
  }
  return undefined;
}

/** Uploads or deletes in a definition's function, following calls to functions of its own file (one level). */
function classifyFunction(file: ParsedFile, fn: TSESTree.Node, depth: number): WrapperVerdict {
  const binder = syntacticBinder(file.imports, fn, file.locals);
  const effects = storageEffects(fn, binder, (call) => {
    if (depth > 0) return undefined;
    const callee = call.callee;
    let target: TSESTree.Node | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) target = definitionInFile(file, callee.name, false)?.node;
    else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(callee);
      let cls: TSESTree.Node | undefined = fn.parent;
      while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
      target = name && cls ? memberFunction(file, cls.parent!, name) : undefined;
    }
    if (!target || !isFunction(target) || target === fn) return undefined;
    const verdict = classifyFunction(file, target, depth + 1);
    return verdict === "none" ? undefined : verdict;
  });
  return effects.uploads ? "upload" : effects.deletes ? "delete" : "none";
}

/**
 * A call to a project wrapper (`uploadFile(...)` of `@/lib/storage`, `storage.upload(...)` on an instance
 * of a class there), found by following the definition one import hop: "upload" or "delete" when its
 * definition does that, "none" when it does neither, undefined when the definition cannot be found.
 */
function importedWrapperKind(context: Context, call: TSESTree.CallExpression): WrapperVerdict | undefined {
  const wrapper = wrapperFunction(context, call);
  if (!wrapper) return undefined;
  const { definition, member, fn } = wrapper;
  return classifyDefinition(definition, `storage:${member ?? ""}`, () => classifyFunction(definition.file, fn, 0), "none");
}

/**
 * The function a call runs, when the project defines it: a top-level function of the linted file or of a
 * module it imports (`uploadFile(...)`), or a method of a class instance or object there (`storage.upload(...)`).
 */
export function wrapperFunction(
  context: Context,
  call: TSESTree.CallExpression,
): { definition: Definition; member: string | undefined; fn: FunctionNode } | undefined {
  const callee = call.callee;
  let definition: Definition | undefined;
  let member: string | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) definition = definitionOf(context, callee);
  else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    definition = definitionOf(context, callee);
    if (!definition) {
      definition = definitionOf(context, callee.object);
      member = propertyName(callee);
      if (member === undefined) return undefined;
    }
  }
  if (!definition) return undefined;
  const fn = member === undefined ? definition.node : memberFunction(definition.file, definition.node, member);
  return fn && isFunction(fn) ? { definition, member, fn } : undefined;
}


/** Names a rule's options add to `settings["backend-architect"]`. */
export interface StorageNames {
  uploadFunctions?: readonly string[];
  cleanupFunctions?: readonly string[];
}

/**
 * One analysis per file and names, shared by the rules that lint it (both storage rules ask the same
 * questions). Keyed by the file's AST, so it lives exactly as long as the lint of that file.
 */
const analysisCache = new WeakMap<TSESTree.Program, Map<string, StorageAnalysis>>();

/** Cheap to call in `create()`: the analysis is built on first use (most files never ask). */
export function createStorageAnalysis(context: Context, extra: StorageNames = {}): StorageAnalysis {
  let analysis: StorageAnalysis | undefined;
  const get = (): StorageAnalysis => (analysis ??= sharedAnalysis(context, extra));
  return {
    storageCall: (call) => get().storageCall(call),
    blobUrl: (expr) => get().blobUrl(expr),
    isVercelBlobResult: (expr) => get().isVercelBlobResult(expr),
    derivesFrom: (expr, call) => get().derivesFrom(expr, call),
    writtenLeaves: (data, skipKeys) => get().writtenLeaves(data, skipKeys),
    variablesIn: (expr) => get().variablesIn(expr),
    isCleanupFunction: (call) => get().isCleanupFunction(call),
    isResolvedCallee: (call) => get().isResolvedCallee(call),
    // the pre-test needs none of the analysis: a file that fails it never builds one
    mayInvolveStorage: () => analysis?.mayInvolveStorage() ?? mayInvolveStorage(context, extra),
  };
}

/** Per file: the storage rules ask with different names, the text is the same. */
const storageMentions = new WeakMap<Readonly<TSESLint.SourceCode>, boolean>();

/** `StorageAnalysis.mayInvolveStorage()` of the analysis for `extra`, without building it. */
function mayInvolveStorage(context: Context, extra: StorageNames): boolean {
  const { sourceCode } = context;
  let mentioned = storageMentions.get(sourceCode);
  if (mentioned === undefined) {
    mentioned = mentionsStorage(sourceCode.text);
    storageMentions.set(sourceCode, mentioned);
  }
  if (mentioned) return true;
  const { text } = sourceCode;
  return namesIn(text, getSettings(context).uploadFunctions) || namesIn(text, extra.uploadFunctions ?? []);
}

function sharedAnalysis(context: Context, extra: StorageNames): StorageAnalysis {
  const program = context.sourceCode.ast;
  let byNames = analysisCache.get(program);
  if (!byNames) {
    byNames = new Map();
    analysisCache.set(program, byNames);
  }
  const key = JSON.stringify([extra.uploadFunctions ?? [], extra.cleanupFunctions ?? []]);
  let analysis = byNames.get(key);
  if (!analysis) {
    analysis = buildStorageAnalysis(context, extra);
    byNames.set(key, analysis);
  }
  return analysis;
}

function buildStorageAnalysis(context: Context, extra: StorageNames): StorageAnalysis {
  const { sourceCode } = context;
  const settings = getSettings(context);
  const uploadFunctions = [...settings.uploadFunctions, ...(extra.uploadFunctions ?? [])];
  const cleanupFunctions = [...settings.cleanupFunctions, ...(extra.cleanupFunctions ?? [])];
  const callCache = new Map<TSESTree.CallExpression, StorageCall | null>();
  const effectsCache = new Map<TSESTree.Node, { uploads: boolean; deletes: boolean }>();
  const flow = createValueFlow(context);
  const { variableOf, localFunction, writtenLeaves, variablesIn } = flow;
  const trace = <T>(node: TSESTree.Node, path: Path, handler: TraceHandler<T>, state: TraceState): T | undefined =>
    flow.trace(node, path, handler, state);
  let queryDetector: ReturnType<typeof createDbQueryDetector> | undefined;
  const queries = {
    queryAt: (node: TSESTree.CallExpression) => (queryDetector ??= createDbQueryDetector(context)).queryAt(node),
  };

  // imports of the file, by local name (top-level statements only)
  const imports = new Map<string, ImportRef>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const spec of statement.specifiers) {
      const imported =
        spec.type === AST_NODE_TYPES.ImportSpecifier
          ? spec.imported.type === AST_NODE_TYPES.Identifier
            ? spec.imported.name
            : spec.imported.value
          : spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier
            ? "*"
            : "default";
      imports.set(spec.local.name, { source: statement.source.value, imported });
    }
  }
  const importedModules = new Set([...imports.values()].map((ref) => ref.source));
  const hasDynamicImport = sourceCode.text.includes("import(");
  let mayInvolve: boolean | undefined;

  /** `const { put } = await import("@vercel/blob")` */
  function dynamicImportOf(id: TSESTree.Identifier, def: TSESLint.Scope.Definition): ImportRef | undefined {
    if (def.type !== "Variable" || !def.node.init) return undefined;
    const init = unwrap(def.node.init);
    if (init.type !== AST_NODE_TYPES.ImportExpression || init.source.type !== AST_NODE_TYPES.Literal) return undefined;
    const source = init.source.value;
    if (typeof source !== "string") return undefined;
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return { source, imported: "*" };
    const property = def.name.parent;
    if (property.type === AST_NODE_TYPES.Property && property.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = staticKey(property);
      return key ? { source, imported: key } : undefined;
    }
    return undefined;
  }

  const binder: Binder = {
    importOf(id) {
      const ref = imports.get(id.name);
      // only storage modules matter: skip the scope lookup for everything else
      if (ref ? !STORAGE_MODULE.test(ref.source) : !hasDynamicImport) return ref;
      const variable = variableOf(id);
      const def = variable?.defs[0];
      if (!def) return undefined;
      if (def.type === "ImportBinding") return ref;
      return dynamicImportOf(id, def);
    },
    valueOf(id) {
      const variable = variableOf(id);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== "Variable") return undefined;
      if (def.node.id !== def.name || !def.node.init) return undefined;
      if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
      return def.node.init;
    },
    importsModule: (source) => importedModules.has(source),
  };

  function matchesName(call: TSESTree.CallExpression, names: readonly string[]): boolean {
    if (names.length === 0) return false;
    const chain = memberChainName(call.callee);
    if (chain === undefined) return false;
    return names.some((name) => chain === name || chain.endsWith(`.${name}`));
  }

  /**
   * What a function of this file does with storage. A function that also writes to the database is
   * not a wrapper: it is judged on its own (its upload and its write are in one function).
   */
  function localEffects(fn: FunctionNode, depth: number): { uploads: boolean; deletes: boolean } {
    let effects = effectsCache.get(fn);
    if (effects) return effects;
    effectsCache.set(fn, { uploads: false, deletes: false }); // recursion guard
    let uploads = false;
    let deletes = false;
    let writes = false;
    forEachNode(fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const query = queries.queryAt(node);
      if (query) {
        if (query.kind !== "read" && !query.readsOnly) writes = true;
        return;
      }
      const kind = recognizeStorageCall(node, binder)?.kind ?? (depth < 2 ? wrapperKind(node, depth + 1) : undefined);
      if (kind === "upload") uploads = true;
      else if (kind === "delete") deletes = true;
    });
    effects = writes ? { uploads: false, deletes: false } : { uploads, deletes };
    effectsCache.set(fn, effects);
    return effects;
  }

  /** A same-file function or a project wrapper (configured, or resolved one import away) that uploads or deletes. */
  function wrapperKind(call: TSESTree.CallExpression, depth: number): StorageCall["kind"] | undefined {
    if (matchesName(call, uploadFunctions)) return "upload";
    const local = localFunction(call.callee);
    if (local) {
      const effects = localEffects(local, depth);
      return effects.uploads ? "upload" : effects.deletes ? "delete" : undefined;
    }
    const last = memberChainName(call.callee)?.split(".").at(-1);
    if (!last || !wrapperNameKind(last)) return undefined;
    const verdict = importedWrapperKind(context, call);
    return verdict === "none" ? undefined : verdict;
  }

  function storageCall(call: TSESTree.CallExpression): StorageCall | undefined {
    const cached = callCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    let result = recognizeStorageCall(call, binder);
    if (!result) {
      const kind = wrapperKind(call, 0);
      if (kind) {
        const name = memberChainName(call.callee) ?? "wrapper";
        result = { node: call, kind, provider: "project", operation: name, keys: [...call.arguments] };
      }
    }
    callCache.set(call, result ?? null);
    return result;
  }

  // ------------------------------------------------------------ blob URLs

  /** `handleUpload({ onUploadCompleted: ({ blob }) => ... })` and UploadThing `.onUploadComplete(({ file }) => ...)`. */
  function callbackUrl(fn: FunctionNode, index: number, path: Path): BlobUrl | undefined {
    if (index !== 0) return undefined;
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.Property && staticKey(parent) === "onUploadCompleted") {
      const call = parent.parent.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression) {
        const ref = importedCallee(call.callee, binder);
        if (ref?.source === VERCEL_BLOB_CLIENT && ref.imported === "handleUpload" && (pathMatches(["blob", "url"], path) || pathMatches(["blob", "downloadUrl"], path))) {
          return { provider: "vercel-blob", presigned: false, source: undefined };
        }
      }
    }
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(parent.callee) === "onUploadComplete" &&
      isUploadthingRouter(parent.callee.object) &&
      path.length === 2 &&
      path[0] === "file" &&
      (path[1] === "url" || path[1] === "ufsUrl" || path[1] === "appUrl")
    ) {
      return { provider: "uploadthing", presigned: false, source: undefined };
    }
    return undefined;
  }

  /** `f({ image: { maxFileSize: "4MB" } }).middleware(...)` where `const f = createUploadthing()`. */
  function isUploadthingRouter(node: TSESTree.Node): boolean {
    let current = node;
    for (let i = 0; i < 8; i++) {
      if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
      else if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
      else break;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return false;
    const init = binder.valueOf(current);
    if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
    const ref = importedCallee(init.callee, binder);
    return ref !== undefined && UPLOADTHING_SERVER.test(ref.source) && ref.imported === "createUploadthing";
  }

  /** The static text of a URL expression, `\0` for parts computed at run time. */
  function skeleton(node: TSESTree.Node, depth: number): string {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === "string" ? value.value : "\0";
    if (value.type === AST_NODE_TYPES.TemplateLiteral) {
      let text = "";
      value.quasis.forEach((quasi, i) => {
        text += quasi.value.cooked ?? "";
        const expression = value.expressions[i];
        if (expression) text += depth < 3 ? skeleton(expression, depth + 1) : "\0";
      });
      return text;
    }
    if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === "+") {
      return skeleton(value.left, depth + 1) + skeleton(value.right, depth + 1);
    }
    if (value.type === AST_NODE_TYPES.Identifier && depth < 3) {
      const init = binder.valueOf(value);
      return init ? skeleton(init, depth + 1) : "\0";
    }
    return "\0";
  }

  /** The expression a string built by concatenation starts with, when it does not start with text. */
  function leadingExpression(node: TSESTree.Node): TSESTree.Node | undefined {
    if (node.type === AST_NODE_TYPES.TemplateLiteral) {
      return node.quasis[0]?.value.cooked === "" ? node.expressions[0] : undefined;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") {
      const left = node.left;
      if (left.type === AST_NODE_TYPES.Literal || left.type === AST_NODE_TYPES.TemplateLiteral) return leadingExpression(left);
      if (left.type === AST_NODE_TYPES.BinaryExpression) return leadingExpression(left) ?? undefined;
      return left;
    }
    return undefined;
  }

  function blobUrlHandler(state: TraceState): TraceHandler<BlobUrl> {
    const handler: TraceHandler<BlobUrl> = {
      terminal(node, path) {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const call = storageCall(node);
          const shape = call && urlShapeOf(call);
          if (!call || !shape || !shape.paths.some((p) => pathMatches(p, path))) return undefined;
          return { provider: call.provider, presigned: shape.presigned, source: call };
        }
        if (path.length > 0) return undefined;
        if (
          node.type === AST_NODE_TYPES.Literal ||
          node.type === AST_NODE_TYPES.TemplateLiteral ||
          (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+")
        ) {
          const leading = leadingExpression(node);
          if (leading) {
            const found = trace(leading, [], handler, state);
            if (found) return found;
          }
          const provider = storageHostProvider(skeleton(node, 0));
          return provider ? { provider, presigned: false, source: undefined } : undefined;
        }
        return undefined;
      },
      param: callbackUrl,
    };
    return handler;
  }

  function blobUrl(expr: TSESTree.Node): BlobUrl | undefined {
    const state = newTraceState();
    return trace(expr, [], blobUrlHandler(state), state);
  }

  function isVercelBlobResult(expr: TSESTree.Node): boolean {
    const state = newTraceState();
    const found = trace<true>(expr, [], {
      terminal(node, path) {
        if (path.length > 0 || node.type !== AST_NODE_TYPES.CallExpression) return undefined;
        const call = storageCall(node);
        return call?.provider === "vercel-blob" && call.kind !== "delete" ? true : undefined;
      },
      param(fn, index, path) {
        return callbackUrl(fn, index, [...path, "url"])?.provider === "vercel-blob" ? true : undefined;
      },
    }, state);
    return found === true;
  }

  function derivesFrom(expr: TSESTree.Node, call: TSESTree.CallExpression): boolean {
    const state = newTraceState();
    const found = trace<true>(expr, [], { terminal: (node) => (node === call ? true : undefined) }, state);
    return found === true;
  }

  return {
    storageCall,
    blobUrl,
    isVercelBlobResult,
    derivesFrom,
    writtenLeaves,
    variablesIn,
    isCleanupFunction: (call) => matchesName(call, cleanupFunctions),
    isResolvedCallee: (call) => localFunction(call.callee) !== undefined || importedWrapperKind(context, call) !== undefined,
    mayInvolveStorage: () => (mayInvolve ??= mayInvolveStorage(context, extra)),
  };
}

/** The function whose body an operation belongs to: array callbacks and `Promise.all` elements count as their caller. */
export function operationScope(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  let current: TSESTree.Node = node;
  for (;;) {
    let fn: TSESTree.Node | undefined = current.parent;
    while (fn && !isFunction(fn) && fn.type !== AST_NODE_TYPES.Program) fn = fn.parent;
    if (!fn || fn.type === AST_NODE_TYPES.Program) return fn ?? (node as TSESTree.Program);
    const call = fn.parent;
    if (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(fn as TSESTree.CallExpressionArgument) &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      ELEMENT_CALLBACKS.has(propertyName(call.callee) ?? "")
    ) {
      current = call;
      continue;
    }
    return fn as FunctionNode;
  }
}
