import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { PRISMA_NON_DATA_KEYS, writtenValues } from "../analysis/db-queries.js";
import { type BlobUrl, type StorageProvider } from "../analysis/storage.js";
import { propertyName } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";

export type Options = [
  {
    uploadFunctions?: string[];
  },
];
export type MessageIds = "blobUrl" | "presignedUrl" | "usePathname";

/** What to store instead, per provider. */
const KEY_HINT: Readonly<Record<StorageProvider, string>> = {
  "vercel-blob": "the blob's `pathname`",
  s3: "the object `Key`",
  r2: "the object key",
  gcs: "the object name",
  minio: "the object name",
  supabase: "the storage path",
  uploadthing: "the file `key`",
  project: "the object key",
};

const NO_SKIP: ReadonlySet<string> = new Set();

export default createRule<Options, MessageIds>({
  name: "no-raw-blob-url",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow storing blob-storage URLs in the database instead of object keys",
      recommended: "recommended",
    },
    languages: ["js/js"],
    hasSuggestions: true,
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
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ uploadFunctions: [] }],
    messages: {
      blobUrl:
        "This writes a blob-storage URL to the database, which ties every row to one host, bucket and access mode. Store {{key}} and build the URL when reading.",
      presignedUrl:
        "This writes a presigned URL to the database; it expires, and every read after that fails. Store {{key}} and sign a fresh URL when reading.",
      usePathname: "Store `.pathname` (the blob's key) instead.",
    },
  },
  create(context, [{ uploadFunctions = [] }]) {
    const facts = fileFacts(context);
    // every finding is a value a database write stores
    if (!facts.mayQueryDatabase) return {};
    const queries = facts.queries;
    const storage = facts.storage({ uploadFunctions });
    const reported = new Set<TSESTree.Node>();

    /** `blob.url` / `blob?.downloadUrl` on a Vercel Blob result: the member whose property becomes `pathname`. */
    function pathnameTarget(leaf: TSESTree.Node): TSESTree.MemberExpression | undefined {
      const member = leaf.type === AST_NODE_TYPES.ChainExpression ? leaf.expression : leaf;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed) return undefined;
      const name = propertyName(member);
      if (name !== "url" && name !== "downloadUrl") return undefined;
      return storage.isVercelBlobResult(member.object) ? member : undefined;
    }

    function report(leaf: TSESTree.Node, url: BlobUrl): void {
      const target = url.provider === "vercel-blob" && !url.presigned ? pathnameTarget(leaf) : undefined;
      context.report({
        node: leaf,
        messageId: url.presigned ? "presignedUrl" : "blobUrl",
        data: { key: KEY_HINT[url.provider] },
        suggest: target
          ? [{ messageId: "usePathname", fix: (fixer) => fixer.replaceText(target.property, "pathname") }]
          : [],
      });
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query?.kind !== "write" || !storage.mayInvolveStorage()) return;
        const values = writtenValues(query);
        if (values.length === 0) return;
        const skip = query.library === "prisma" ? PRISMA_NON_DATA_KEYS : NO_SKIP;
        for (const leaf of storage.writtenLeaves(values, skip)) {
          if (reported.has(leaf)) continue;
          const url = storage.blobUrl(leaf);
          if (!url) continue;
          reported.add(leaf);
          report(leaf, url);
        }
      },
    });
  },
});
