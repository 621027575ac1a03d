import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createDbQueryDetector, type DbQuery } from "../analysis/db-queries.js";
import {
  createStorageAnalysis,
  looksLikeStorageDelete,
  operationScope,
  rangeContains,
  type StorageCall,
  type StorageProvider,
} from "../analysis/storage.js";
import { memberChainName, propertyName } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
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
    schema: [],
    defaultOptions: [],
    messages: {
      missingRollback:
        "This upload is followed by a database write that can fail, and nothing deletes the uploaded file when it does, so every failure leaves an orphaned file in storage. Wrap the write in `try`/`catch` and delete the upload in the `catch` ({{hint}}), or write the row first.",
    },
  },
  create(context) {
    const queries = createDbQueryDetector(context);
    const storage = createStorageAnalysis(context);
    const uploads: StorageCall[] = [];
    const writes: DbQuery[] = [];
    const cleanups: Cleanup[] = [];

    function isWrite(query: DbQuery | undefined): query is DbQuery {
      return query !== undefined && (query.kind === "write" || (query.kind === "raw" && !query.readsOnly));
    }

    /** Whether `b` can run after `a` ran: not in another branch, and `a`'s block does not end first. */
    function exclusive(a: TSESTree.Node, b: TSESTree.Node): boolean {
      let child: TSESTree.Node = a;
      let node: TSESTree.Node | undefined = a.parent;
      while (node && !rangeContains(node, b)) {
        if (exitsAfter(node, child)) return true;
        child = node;
        node = node.parent;
      }
      if (!node) return false;
      const branchOf = (n: TSESTree.Node): TSESTree.Node | undefined => {
        if (node!.type === AST_NODE_TYPES.IfStatement || node!.type === AST_NODE_TYPES.ConditionalExpression) {
          for (const branch of [node!.consequent, node!.alternate]) if (branch && rangeContains(branch, n)) return branch;
        }
        if (node!.type === AST_NODE_TYPES.SwitchStatement) return node!.cases.find((c) => rangeContains(c, n));
        return undefined;
      };
      const branchA = branchOf(a);
      const branchB = branchOf(b);
      if (branchA && branchB && branchA !== branchB) return true;
      return exitsBetween(node, child, b);
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

    /** A write in a `catch` whose `try` contains the upload runs when the upload failed. */
    function onUploadErrorPath(write: TSESTree.Node, upload: TSESTree.Node): boolean {
      for (let node = write.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.CatchClause && rangeContains(node.parent.block, upload)) return true;
      }
      return false;
    }

    /** Does this cleanup undo this upload? Unknown relations count (when the code cannot tell, stay silent). */
    function undoes(cleanup: Cleanup, upload: StorageCall): boolean {
      if (relates(cleanup, upload)) return true;
      return !uploads.some((other) => other !== upload && relates(cleanup, other));
    }

    function relates(cleanup: Cleanup, upload: StorageCall): boolean {
      const uploadKeys = new Set(upload.keys.map((k) => context.sourceCode.getText(k)));
      const uploadVariables = new Set<TSLintVariable>();
      for (const key of upload.keys) for (const v of storage.variablesIn(key)) uploadVariables.add(v);
      for (const target of cleanup.targets) {
        if (uploadKeys.has(context.sourceCode.getText(target))) return true;
        for (const variable of storage.variablesIn(target)) {
          if (uploadVariables.has(variable)) return true;
          const id = variable.references[0]?.identifier;
          if (id && variable.defs.some((d) => d.type === "Variable") && storage.derivesFrom(id, upload.node)) return true;
        }
      }
      return false;
    }

    /** Something deletes the upload when `write` fails: `catch`/`finally`, `.catch(...)`, or an `if` after the write. */
    function covered(write: DbQuery, upload: StorageCall, scope: Scope): boolean {
      const writeNode = write.node;
      return cleanups.some((cleanup) => {
        const node = cleanup.node;
        if (!rangeContains(scope, node) || !undoes(cleanup, upload)) return false;
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
        const member = writeNode.parent;
        if (
          member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === writeNode &&
          (propertyName(member) === "catch" || propertyName(member) === "then") &&
          member.parent.type === AST_NODE_TYPES.CallExpression &&
          member.parent.arguments.some((arg) => rangeContains(arg, node))
        ) {
          return true;
        }
        // const { error } = await supabase.from("t").insert(row); if (error) await bucket.remove([path]);
        if (node.range[0] > writeNode.range[1]) {
          for (let n: TSESTree.Node | undefined = node.parent; n && n !== scope; n = n.parent) {
            if (n.type === AST_NODE_TYPES.IfStatement && n.range[0] > writeNode.range[1]) return true;
          }
        }
        return false;
      });
    }

    function check(upload: StorageCall): void {
      const scope = operationScope(upload.node);
      const inScope = writes.filter((w) => rangeContains(scope, w.node) && !exclusive(w.node, upload.node) && !exclusive(upload.node, w.node));
      // row first: a row written before the upload can be cleaned up later
      if (inScope.some((w) => w.node.range[1] <= upload.node.range[0])) return;
      const after = inScope
        .filter((w) => w.node.range[0] >= upload.node.range[1] && !onUploadErrorPath(w.node, upload.node))
        .sort((a, b) => a.node.range[0] - b.node.range[0]);
      const first = after[0];
      if (!first || covered(first, upload, scope)) return;
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
      if (name !== undefined && looksLikeStorageDelete(name) && !queries.getQuery(node) && !storage.isResolvedCallee(node)) {
        cleanups.push({ node, targets: node.arguments });
      }
    }

    return {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query) {
          if (isWrite(query)) writes.push(query);
          return;
        }
        const call = storage.storageCall(node);
        if (call?.kind === "upload") uploads.push(call);
        noteCleanup(node, call);
      },
      TaggedTemplateExpression(node) {
        const query = queries.queryAt(node);
        if (isWrite(query)) writes.push(query);
      },
      "Program:exit"() {
        for (const upload of uploads) check(upload);
      },
    };
  },
});

type TSLintVariable = TSESLint.Scope.Variable;
