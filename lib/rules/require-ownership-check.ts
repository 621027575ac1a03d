import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { nameSegments } from "../util/names.js";
import { authConfig, type AuthConfig } from "../analysis/auth.js";
import { authorizedBefore } from "../analysis/authorization.js";
import { trackToClient } from "../analysis/client-flow.js";
import { type DbQuery } from "../analysis/db-queries.js";
import { boundaryIdentity, signedInAt } from "../analysis/identity.js";
import type { RequestBoundary } from "../analysis/request-boundary.js";
import { createRequestValues, type RequestValues } from "../analysis/request-values.js";
import { rowFilter, type FilterLeaf } from "../analysis/row-filters.js";
import { getSettings } from "../analysis/settings.js";

export type Options = [];
export type MessageIds = "missingOwnershipCheck";

const PRISMA_WRITES = new Set(["update", "delete", "upsert", "updateMany", "deleteMany"]);
const PRISMA_SINGLE_READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow"]);
const DRIZZLE_WRITES = new Set(["update", "delete"]);
/** Columns whose value is a secret the client holds (an invite or reset token): knowing it is the authorization. */
const CAPABILITY_WORDS = new Set(["token", "secret", "hash", "hashed", "otp", "nonce", "code", "password"]);
/** Admin pages and APIs: their authorization is the admin check, usually in middleware or a layout. */
const ADMIN_PATH = /(?:^|\/)(?:admin|\(admin\)|superadmin|backoffice|internal)\//u;

export default createRule<Options, MessageIds>({
  name: "require-ownership-check",
  meta: {
    type: "problem",
    docs: {
      description: "Require queries on a row the client names to check that it belongs to the signed-in user or their team",
    },
    languages: ["js/js"],
    schema: [],
    messages: {
      missingOwnershipCheck:
        "`{{operation}}` acts on the row the client names, but nothing checks that it belongs to the signed-in user or their team: any signed-in user can {{verb}} any {{noun}}. Add the owner to the filter (`where: { id, userId: session.user.id }`) or check permissions first.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    if (ADMIN_PATH.test(context.filename.replaceAll("\\", "/"))) return {};
    const facts = fileFacts(context);
    // every finding is a query inside a request boundary
    if (!facts.mayQueryDatabase || !facts.mayHaveBoundaries) return {};
    const { boundaries } = facts;
    const queries = facts.queries;
    const candidates: { query: DbQuery; boundary: RequestBoundary }[] = [];
    let config: AuthConfig | undefined;
    let authorizationNames: ReadonlySet<string> = new Set();

    function isCandidate(query: DbQuery): boolean {
      if (query.library === "prisma") return PRISMA_WRITES.has(query.operation) || PRISMA_SINGLE_READS.has(query.operation);
      return query.library === "drizzle" && query.kind === "write" && DRIZZLE_WRITES.has(query.operation);
    }

    /** The filter's values the client chose (by request key), unless the filter also names the identity. */
    function clientChosenKeys(query: DbQuery, boundary: RequestBoundary, values: RequestValues): string[] | undefined {
      const filter = rowFilter(query, sourceCode);
      if (!filter || filter.absent) return undefined;
      const keys: string[] = [];
      for (const leaf of filter.leaves) {
        const origin = values.originOf(leaf.value, boundary);
        if (!origin) continue;
        // `where: { id, userId: session.user.id }`, `team: { members: { some: { userId } } }`
        if (origin.identity) return undefined;
        if (origin.request.length > 0 && !isCapability(leaf)) keys.push(...origin.request);
      }
      return keys.length > 0 ? keys : undefined;
    }

    function report(query: DbQuery): void {
      const deletes = query.operation.startsWith("delete");
      const reads = query.operation.startsWith("find");
      const table = query.library === "prisma" ? query.model : query.model?.replace(/^.*\./u, "");
      const operation = query.library === "prisma" ? `${query.model ?? "model"}.${query.operation}` : `${query.operation}(${query.model ?? "table"})`;
      const noun = table === undefined ? "row" : singular(nameSegments(table).join(" "));
      context.report({
        node: query.node,
        messageId: "missingOwnershipCheck",
        data: { operation, verb: deletes ? "delete" : reads ? "read" : "change", noun },
      });
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (!query || !isCandidate(query)) return;
        const boundary = boundaries.enclosingBoundary(node);
        if (boundary) candidates.push({ query, boundary });
      },
      "Program:exit"() {
        if (candidates.length === 0) return;
        const settings = getSettings(context);
        config ??= authConfig(settings);
        authorizationNames = new Set(settings.authorizationFunctions);
        const values = createRequestValues(context, config);
        const responses = fileFacts(context).responses;
        const identities = new Map<RequestBoundary, ReturnType<typeof boundaryIdentity>>();
        for (const { query, boundary } of candidates) {
          // first what the client chose: most queries pick rows by the caller's own identity or by nothing the
          // client sent, and the boundary's identity may follow auth helpers into other files
          const keys = clientChosenKeys(query, boundary, values);
          if (!keys) continue;
          if (!identities.has(boundary)) identities.set(boundary, boundaryIdentity(context, boundary, config));
          const identity = identities.get(boundary);
          // not signed in (require-session-check's concern), a machine (no user to own rows), an administrator
          if (!identity || identity.kind === "machine" || identity.admin) continue;
          // before the handler's own session check the code runs for anyone: not a signed-in user's act
          if (!signedInAt(identity, query.node)) continue;
          // a read matters where its row reaches the client; a check between the read and there protects it
          let until = query.node.range[0];
          if (PRISMA_SINGLE_READS.has(query.operation)) {
            const exits = trackToClient(query.node, boundary, sourceCode, responses);
            if (exits.length === 0) continue;
            until = Math.min(...exits.map((exit) => exit.node.range[0]));
          }
          if (authorizedBefore({ boundary, identity, values, names: authorizationNames, keys, until, query: query.node })) continue;
          report(query);
        }
      },
    });
  },
});

function isCapability(leaf: FilterLeaf): boolean {
  const column = leaf.fields.at(-1);
  return column !== undefined && nameSegments(column).some((segment) => CAPABILITY_WORDS.has(segment));
}

function singular(noun: string): string {
  return noun.endsWith("ies") ? `${noun.slice(0, -3)}y` : noun.endsWith("s") && !noun.endsWith("ss") ? noun.slice(0, -1) : noun;
}
