import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { PRISMA_NON_DATA_KEYS, writtenValues, type DbQuery } from "../analysis/db-queries.js";
import {
  looksLikeStorageDelete,
  operationScope,
  type StorageCall,
  type StorageProvider,
} from "../analysis/storage.js";
import { overwritesRowObject } from "../analysis/storage-keys.js";
import { rangeContains } from "../analysis/value-flow.js";
import { isFunction, memberChainName, propertyName } from "../util/ast.js";
import { isOneOffScript } from "../analysis/scripts.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";

/** Test files by name (a fixture project under `tests/` is still an app). */
const TEST_FILES = ["**/*.{test,spec}.*", "**/__tests__/**", "**/e2e/**"];

export type Options = [
  {
    uploadFunctions?: string[];
    cleanupFunctions?: string[];
  },
];
export type MessageIds = "missingRollback";

/** How to delete what was uploaded, per provider. */
const DELETE_HINT: Readonly<Record<StorageProvider, string>> = {
  "vercel-blob": "`del(blob.url)`",
  s3: "`DeleteObjectCommand` with the same `Key`",
  r2: "`DeleteObjectCommand` with the same `Key`",
  gcs: "the storage client's delete",
  minio: "`removeObject` with the same name",
  supabase: "`storage.from(bucket).remove([path])`",
  uploadthing: "`utapi.deleteFiles(key)`",
  project: "your storage wrapper's delete",
};

/** A call that can undo an upload: a recognised delete, a configured cleanup function, or a delete-named helper. */
interface Cleanup {
  node: TSESTree.CallExpression;
  /** What it deletes: the keys of a recognised delete, the arguments otherwise. */
  targets: readonly TSESTree.Node[];
}

type Scope = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

const NO_SKIP: ReadonlySet<string> = new Set();

export default createRule<Options, MessageIds>({
  name: "require-upload-rollback",
  meta: {
    type: "problem",
    docs: {
      description: "Require deleting an uploaded file when the database write that references it fails",
      recommended: "recommended",
      severity: "warn",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          uploadFunctions: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Project functions that upload to blob storage (`uploadToBucket`, `storage.upload`), added to `settings[\"backend-architect\"].uploadFunctions`.",
          },
          cleanupFunctions: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Functions that delete or queue the deletion of an upload; a call in the `catch` is a rollback. Added to `settings[\"backend-architect\"].cleanupFunctions`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ uploadFunctions: [], cleanupFunctions: [] }],
    messages: {
      missingRollback:
        "This upload is followed by a database write that can fail, and nothing deletes the uploaded file when it does, so every failure leaves an orphaned file in storage. Wrap the write in `try`/`catch` and delete the upload in the `catch` ({{hint}}), or write the row first.",
    },
  },
  create(context, [{ uploadFunctions = [], cleanupFunctions = [] }]) {
    const facts = fileFacts(context);
    // every finding is an upload followed by a database write
    if (!facts.mayQueryDatabase) return {};
    // tests upload mocks to test buckets, seeds fill a development bucket: an orphan there costs nothing
    if (matchesAnyGlob(context, TEST_FILES) || isOneOffScript(context.sourceCode, context.filename)) return {};
    const queries = facts.queries;
    const storage = facts.storage({ uploadFunctions, cleanupFunctions });
    const uploads: StorageCall[] = [];
    const writes: DbQuery[] = [];
    const cleanups: Cleanup[] = [];

    function isWrite(query: DbQuery | undefined): query is DbQuery {
      return query !== undefined && (query.kind === "write" || (query.kind === "raw" && !query.readsOnly));
    }

    /** Whether `b` can run after `a` ran: not in another branch, and no `return`/`throw` of `a`'s function in between. */
    function canFollow(a: TSESTree.Node, b: TSESTree.Node): boolean {
      let child: TSESTree.Node = a;
      let node: TSESTree.Node | undefined = a.parent;
      let crossedFunction = false;
      while (node && !rangeContains(node, b)) {
        if (!crossedFunction && exitsAfter(node, child)) return false;
        if (isFunction(node)) crossedFunction = true;
        child = node;
        node = node.parent;
      }
      if (!node) return true;
      const lca = node;
      const branchOf = (n: TSESTree.Node): TSESTree.Node | undefined => {
        if (lca.type === AST_NODE_TYPES.IfStatement || lca.type === AST_NODE_TYPES.ConditionalExpression) {
          for (const branch of [lca.consequent, lca.alternate]) if (branch && rangeContains(branch, n)) return branch;
        }
        if (lca.type === AST_NODE_TYPES.SwitchStatement) return lca.cases.find((c) => rangeContains(c, n));
        return undefined;
      };
      const branchA = branchOf(a);
      const branchB = branchOf(b);
      if (branchA && branchB && branchA !== branchB) return false;
      return crossedFunction || !exitsBetween(lca, child, b);
    }

    function statementsOf(node: TSESTree.Node): readonly TSESTree.Node[] | undefined {
      if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program) return node.body;
      if (node.type === AST_NODE_TYPES.SwitchCase) return node.consequent;
      return undefined;
    }

    function isExit(statement: TSESTree.Node): boolean {
      return statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement;
    }

    /** A `return`/`throw` follows `child` in the block `node`. */
    function exitsAfter(node: TSESTree.Node, child: TSESTree.Node): boolean {
      const statements = statementsOf(node);
      if (!statements) return false;
      const index = statements.indexOf(child);
      return index >= 0 && statements.slice(index + 1).some(isExit);
    }

    /** A `return`/`throw` stands between `child` and the statement containing `b` in the block `node`. */
    function exitsBetween(node: TSESTree.Node, child: TSESTree.Node, b: TSESTree.Node): boolean {
      const statements = statementsOf(node);
      if (!statements) return false;
      const from = statements.indexOf(child);
      const to = statements.findIndex((s) => rangeContains(s, b));
      return from >= 0 && to > from && statements.slice(from + 1, to).some(isExit);
    }

    /** A write in a `catch` whose `try` contains the upload, or in `upload.catch(...)`, runs when the upload failed. */
    function onUploadErrorPath(write: TSESTree.Node, upload: TSESTree.CallExpression): boolean {
      for (let node = write.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.CatchClause && rangeContains(node.parent.block, upload)) return true;
      }
      const handler = rejectionHandler(upload);
      return handler !== undefined && rangeContains(handler, write);
    }

    /** `call.catch(fn)` / `call.then(ok, fn)`: the function that runs when `call` rejects. */
    function rejectionHandler(call: TSESTree.CallExpression): TSESTree.Node | undefined {
      const member = call.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== call) return undefined;
      const outer = member.parent;
      if (outer.type !== AST_NODE_TYPES.CallExpression || outer.callee !== member) return undefined;
      const method = propertyName(member);
      if (method === "catch") return outer.arguments[0];
      if (method === "then") return outer.arguments[1];
      return undefined;
    }

    /** The outermost function around a node: a row written anywhere before the upload in it counts as row-first. */
    function outermostFunction(node: TSESTree.Node): TSESTree.Node {
      let result: TSESTree.Node = context.sourceCode.ast;
      for (let n = node.parent; n; n = n.parent) if (isFunction(n)) result = n;
      return result;
    }

    /** A cleanup we cannot relate to any upload: in a `catch`, it may well be the rollback (the code cannot tell). */
    function unrelatedToAll(cleanup: Cleanup): boolean {
      return !uploads.some((other) => relates(cleanup, other));
    }

    function relates(cleanup: Cleanup, upload: StorageCall): boolean {
      const uploadKeys = new Set(upload.keys.map((k) => context.sourceCode.getText(k)));
      if (cleanup.targets.some((target) => uploadKeys.has(context.sourceCode.getText(target)))) return true;
      return valuesFromUpload(cleanup.targets, upload);
    }

    const keyVariableCache = new Map<StorageCall, Set<Variable>>();

    /** The variables the upload's key is built from (`key`, `path`, `userId`...). */
    function keyVariables(upload: StorageCall): Set<Variable> {
      let result = keyVariableCache.get(upload);
      if (!result) {
        result = new Set();
        for (const key of upload.keys) for (const variable of storage.variablesIn(key)) result.add(variable);
        keyVariableCache.set(upload, result);
      }
      return result;
    }

    /** Do these expressions use the upload's result (`blob.url`, `{ url }`) or the variables of its key? */
    function valuesFromUpload(nodes: readonly TSESTree.Node[], upload: StorageCall): boolean {
      const keys = keyVariables(upload);
      return nodes.some((node) => {
        if (storage.derivesFrom(node, upload.node)) return true;
        for (const variable of storage.variablesIn(node)) {
          if (keys.has(variable)) return true;
          const id = variable.references[0]?.identifier;
          if (id && variable.defs.some((d) => d.type === "Variable") && storage.derivesFrom(id, upload.node)) return true;
        }
        return false;
      });
    }

    /** Does the write store something of this upload (its URL or result, or a value its key is built from)? */
    function writeRelates(write: DbQuery, upload: StorageCall): boolean {
      let nodes: readonly TSESTree.Node[];
      if (write.kind === "raw") nodes = write.node.type === AST_NODE_TYPES.TaggedTemplateExpression ? [write.node.quasi] : write.args;
      else nodes = storage.writtenLeaves(writtenValues(write), write.library === "prisma" ? PRISMA_NON_DATA_KEYS : NO_SKIP);
      return valuesFromUpload(nodes, upload);
    }

    /** Something deletes the upload when `write` fails: `catch`/`finally`, `.catch(...)`, or an `if` after the write. */
    function covered(write: DbQuery, upload: StorageCall, scope: Scope): boolean {
      const writeNode = write.node;
      return cleanups.some((cleanup) => {
        const node = cleanup.node;
        if (!rangeContains(scope, node)) return false;
        const related = relates(cleanup, upload);
        if (!related && !unrelatedToAll(cleanup)) return false;
        // try { write } catch { delete } / finally { delete }
        for (let n: TSESTree.Node | undefined = node.parent; n && n !== scope; n = n.parent) {
          if (n.type === AST_NODE_TYPES.CatchClause && rangeContains(n.parent.block, writeNode)) return true;
          if (
            n.type === AST_NODE_TYPES.BlockStatement &&
            n.parent.type === AST_NODE_TYPES.TryStatement &&
            n.parent.finalizer === n &&
            rangeContains(n.parent.block, writeNode)
          ) {
            return true;
          }
        }
        // write.catch(async () => { await del(url) })
        const handler = writeNode.type === AST_NODE_TYPES.CallExpression ? rejectionHandler(writeNode) : undefined;
        if (handler && rangeContains(handler, node)) return true;
        // const { error } = await supabase.from("t").insert(row); if (error) await bucket.remove([path]);
        if (related && node.range[0] > writeNode.range[1]) {
          for (let n: TSESTree.Node | undefined = node.parent; n && n !== scope; n = n.parent) {
            if (n.type === AST_NODE_TYPES.IfStatement && n.range[0] > writeNode.range[1]) return true;
          }
        }
        return false;
      });
    }

    function check(upload: StorageCall): void {
      const scope = operationScope(upload.node);
      // row first: a row written before the upload can be cleaned up later
      const outer = outermostFunction(upload.node);
      if (writes.some((w) => rangeContains(outer, w.node) && w.node.range[1] <= upload.node.range[0] && canFollow(w.node, upload.node))) return;
      const inScope = writes.filter((w) => rangeContains(scope, w.node));
      const after = inScope
        .filter(
          (w) =>
            // after the upload, or around it (`data: { key: await upload(file) }` uploads before the write runs)
            (w.node.range[0] >= upload.node.range[1] || rangeContains(w.node, upload.node)) &&
            canFollow(upload.node, w.node) &&
            !onUploadErrorPath(w.node, upload.node),
        )
        .sort((a, b) => a.node.range[0] - b.node.range[0]);
      // the writes up to the first one that stores something of the upload; unrelated writes alone cannot tell
      const related = after.findIndex((w) => writeRelates(w, upload));
      if (related < 0 || after.slice(0, related + 1).every((w) => covered(w, upload, scope))) return;
      // `invoices/${invoice.id}.pdf`, then an update of that invoice: the file sits at the key its row owns,
      // and the next upload for the row overwrites it; nothing is left that nobody can find
      if (overwritesRowObject(context, upload, after[related]!)) return;
      context.report({ node: upload.node, messageId: "missingRollback", data: { hint: DELETE_HINT[upload.provider] } });
    }

    function noteCleanup(node: TSESTree.CallExpression, call: StorageCall | undefined): void {
      if (call?.kind === "delete") {
        cleanups.push({ node, targets: call.keys.length > 0 ? call.keys : node.arguments });
        return;
      }
      if (call) return;
      if (storage.isCleanupFunction(node)) {
        cleanups.push({ node, targets: node.arguments });
        return;
      }
      // a delete-named helper we cannot follow (a package, a dynamic value): the code cannot tell
      const name = memberChainName(node.callee);
      if (name !== undefined && looksLikeStorageDelete(name) && !storage.isResolvedCallee(node)) {
        cleanups.push({ node, targets: node.arguments });
      }
    }

    /** Calls that are not queries: classified at the end, and only in functions that write (most files never do). */
    const calls: TSESTree.CallExpression[] = [];

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query) {
          if (isWrite(query)) writes.push(query);
        } else if (!queries.getQuery(node)) {
          calls.push(node);
        }
      },
      TaggedTemplateExpression(node) {
        const query = queries.queryAt(node);
        if (isWrite(query)) writes.push(query);
      },
      "Program:exit"() {
        if (writes.length === 0 || !storage.mayInvolveStorage()) return;
        const writing = new Set(writes.map((w) => outermostFunction(w.node)));
        for (const node of calls) {
          if (!writing.has(outermostFunction(node))) continue;
          const call = storage.storageCall(node);
          if (call?.kind === "upload") uploads.push(call);
          noteCleanup(node, call);
        }
        for (const upload of uploads) check(upload);
      },
    });
  },
});
