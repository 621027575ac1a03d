/**
 * `createSqlRule`: the SQL twin of `createSchemaRule` (`prisma-lint/create-schema-rule.ts`): it stamps
 * `meta.docs.url` and hands `create` the options merged with `meta.defaultOptions`.
 */
import type { RuleContext, RuleDefinition, RulesMeta } from "@eslint/core";
import type { BackendArchitectDocs } from "../util/create-rule.js";
import { REPO_URL } from "../util/repo-url.js";
import type { Node, Script, SqlNode } from "./language/ast.js";
import type { SqlLanguageOptions, SqlSourceCode } from "./language/source-code.js";

/** Visitor methods by node type (`Script`, `CreateStmt`, `FuncCall`...), and `:exit` variants. */
export type SqlRuleVisitor = {
  Script?: (node: Script) => void;
  "Script:exit"?: (node: Script) => void;
} & Record<string, ((node: SqlNode, parent: Node | undefined) => void) | undefined>;

export type SqlRuleContext<MessageIds extends string, Options extends unknown[]> = RuleContext<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RuleOptions: Options;
  Node: Node;
  MessageIds: MessageIds;
}>;

export interface SqlRuleMeta<MessageIds extends string, Options extends unknown[]>
  extends RulesMeta<MessageIds, Options, BackendArchitectDocs> {
  docs: { description: string } & BackendArchitectDocs;
  languages: ["backend-architect/sql"];
  messages: Record<MessageIds, string>;
  schema: NonNullable<RulesMeta["schema"]>;
}

export type SqlRule<Options extends unknown[], MessageIds extends string> = RuleDefinition<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RuleOptions: Options;
  Visitor: SqlRuleVisitor;
  Node: Node;
  MessageIds: MessageIds;
  ExtRuleDocs: BackendArchitectDocs;
}> & { meta: SqlRuleMeta<MessageIds, Options> & { docs: { url: string } } };

export function createSqlRule<Options extends unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: {
  name: string;
  meta: SqlRuleMeta<MessageIds, Options>;
  create: (context: SqlRuleContext<MessageIds, Options>, options: Options) => SqlRuleVisitor;
}): SqlRule<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: `${REPO_URL}/blob/main/docs/rules/${name}.md` } },
    create(context) {
      return create(context, context.options);
    },
  };
}
