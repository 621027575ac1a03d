import { createRule } from "../util/create-rule.js";
import { shareCallListener } from "../util/shared-calls.js";
import { fileFacts } from "../analysis/file-facts.js";
import { matchesAnyGlob } from "../util/file-match.js";
import { authConfig, type AuthConfig } from "../analysis/auth.js";
import { authorizedBefore } from "../analysis/authorization.js";
import { type DbQuery } from "../analysis/db-queries.js";
import { boundaryIdentity, signedInAt } from "../analysis/identity.js";
import { modelOf } from "../analysis/prisma-args.js";
import { getPrismaSchema, type PrismaSchemaInfo, type SchemaModel } from "../analysis/prisma-schema.js";
import type { RequestBoundary } from "../analysis/request-boundary.js";
import { createRequestValues, type RequestValues } from "../analysis/request-values.js";
import { rowFilter, type FilterLeaf } from "../analysis/row-filters.js";
import { getSettings } from "../analysis/settings.js";

export type Options = [{ tenantFields?: string[]; adminRoutes?: string[] }];
export type MessageIds = "missingTenantScope";

const OPERATIONS = new Set(["findMany", "findFirst", "findFirstOrThrow", "count", "aggregate", "groupBy", "updateMany", "deleteMany"]);
const DEFAULT_TENANT_FIELDS = ["organizationId", "orgId", "teamId", "workspaceId", "tenantId"];
const DEFAULT_ADMIN_ROUTES = ["**/admin/**"];
const MAX_RELATION_DEPTH = 4;

export default createRule<Options, MessageIds>({
  name: "require-tenant-scope",
  meta: {
    type: "problem",
    docs: {
      description: "Require list and bulk queries on tenant-owned Prisma models to filter on the tenant",
    },
    languages: ["js/js"],
    schema: [
      {
        type: "object",
        properties: {
          tenantFields: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Columns that make a model tenant-owned (the first one a model has is its tenant column).",
          },
          adminRoutes: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Globs of files whose handlers work across tenants on purpose (admin pages and APIs).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ tenantFields: DEFAULT_TENANT_FIELDS, adminRoutes: DEFAULT_ADMIN_ROUTES }],
    messages: {
      missingTenantScope:
        "`{{operation}}` does not filter on `{{column}}`, so it {{verb}} rows of every tenant. Add the signed-in user's tenant to the `where` (`{{column}}: session.user.{{column}}`), or a relation filter to it.",
    },
  },
  create(context, [{ tenantFields = DEFAULT_TENANT_FIELDS, adminRoutes = DEFAULT_ADMIN_ROUTES }]) {
    const { sourceCode } = context;
    const facts = fileFacts(context);
    // every finding is a Prisma query inside a request boundary: the shared pre-tests first, then this rule's globs
    if (!facts.mayQueryDatabase || !facts.mayHaveBoundaries || matchesAnyGlob(context, adminRoutes)) return {};
    const { boundaries } = facts;
    const queries = facts.queries;
    const candidates: { query: DbQuery; boundary: RequestBoundary }[] = [];
    let config: AuthConfig | undefined;

    function tenantColumn(model: SchemaModel): string | undefined {
      return tenantFields.find((field) => model.fields.get(field)?.kind === "scalar");
    }

    /** Does the path of a filter leaf reach a tenant column, directly or through relations? */
    function reachesTenant(model: SchemaModel, fields: readonly string[], schema: PrismaSchemaInfo): boolean {
      let current: SchemaModel | undefined = model;
      for (const [index, name] of fields.entries()) {
        if (!current || index > MAX_RELATION_DEPTH) return false;
        if (tenantFields.includes(name)) return true;
        const field = current.fields.get(name);
        if (field?.kind !== "relation") return false;
        // `team: { ... }`, `workspace: { is: { ... } }`: a relation to the tenant's own model
        if (field.relationFields.some((key) => tenantFields.includes(key))) return true;
        current = schema.byName.get(field.type);
      }
      return false;
    }

    /** Does the filter keep the rows inside a tenant or inside the user's own rows? */
    function isScoped(model: SchemaModel, leaves: readonly FilterLeaf[], boundary: RequestBoundary, values: RequestValues, schema: PrismaSchemaInfo): boolean {
      return leaves.some((leaf) => {
        if (leaf.fields[0] !== undefined && model.id.includes(leaf.fields[0])) return true; // one row by id: require-ownership-check's concern
        if (reachesTenant(model, leaf.fields, schema)) return true;
        const origin = values.originOf(leaf.value, boundary);
        // `userId: session.user.id`; a value the server computed (a parent row it read) is left to the code that read it
        return origin === undefined || origin.identity || origin.server;
      });
    }

    return shareCallListener(context, {
      CallExpression(node) {
        const query = queries.queryAt(node);
        if (query?.library !== "prisma" || !OPERATIONS.has(query.operation)) return;
        const boundary = boundaries.enclosingBoundary(node);
        if (boundary) candidates.push({ query, boundary });
      },
      "Program:exit"() {
        if (candidates.length === 0) return;
        const schema = getPrismaSchema(context);
        if (!schema) return;
        const settings = getSettings(context);
        config ??= authConfig(settings);
        const names = new Set(settings.authorizationFunctions);
        const values = createRequestValues(context, config);
        const identities = new Map<RequestBoundary, ReturnType<typeof boundaryIdentity>>();
        for (const { query, boundary } of candidates) {
          const model = modelOf(query, schema);
          const column = model && tenantColumn(model);
          if (!model || column === undefined) continue;
          if (!identities.has(boundary)) identities.set(boundary, boundaryIdentity(context, boundary, config));
          const identity = identities.get(boundary);
          // public endpoints, machines (cron, webhooks) that work across tenants by design, administrators
          if (!identity || identity.kind === "machine" || identity.admin) continue;
          if (!signedInAt(identity, query.node)) continue;
          const filter = rowFilter(query, sourceCode);
          if (!filter) continue; // a `where` built elsewhere
          if (!filter.absent && isScoped(model, filter.leaves, boundary, values, schema)) continue;
          const keys = filter.leaves.flatMap((leaf) => values.originOf(leaf.value, boundary)?.request ?? []);
          if (authorizedBefore({ boundary, identity, values, names, keys, until: query.node.range[0], query: query.node })) continue;
          const verb = query.operation === "updateMany" ? "changes" : query.operation === "deleteMany" ? "deletes" : "reads";
          context.report({
            node: query.node,
            messageId: "missingTenantScope",
            data: { operation: `${query.model}.${query.operation}`, column, verb },
          });
        }
      },
    });
  },
});
