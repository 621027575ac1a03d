/**
 * `createSchemaRule`: the schema-rule twin of `lib/util/create-rule.ts`. typescript-eslint's
 * `RuleCreator` types its context and visitors for ESTree, so schema rules get their own five-line
 * creator with the same contract: it stamps `meta.docs.url` and hands `create` the options merged
 * with `meta.defaultOptions` (ESLint merges them into `context.options` since 9.15). It also applies the
 * `/// prisma-lint-ignore-*` comments of the npm package `prisma-lint` (see `ignore-comments.ts`), so a
 * rule reports as usual and a report in an ignored model, enum or field is dropped.
 */
import type { RuleContext, RuleDefinition, RulesMeta } from "@eslint/core";
import type { BackendArchitectDocs } from "../lib/util/create-rule.js";
import { REPO_URL } from "../lib/util/repo-url.js";
import { IgnoreComments } from "./ignore-comments.js";
import type { Node } from "./language/ast.js";
import type { PrismaLanguageOptions, PrismaSourceCode } from "./language/source-code.js";

type NodeOfType<T extends Node["type"]> = Extract<Node, { type: T }>;

/** Visitor methods by node type (`Model`, `Field`, `FieldAttribute`...), and `:exit` variants. */
export type PrismaRuleVisitor = {
  [K in Node["type"]]?: (node: NodeOfType<K>, parent: Node | undefined) => void;
} & {
  [K in Node["type"] as `${K}:exit`]?: (node: NodeOfType<K>, parent: Node | undefined) => void;
};

export type SchemaRuleContext<MessageIds extends string, Options extends unknown[]> = RuleContext<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RuleOptions: Options;
  Node: Node;
  MessageIds: MessageIds;
}>;

export interface SchemaRuleMeta<MessageIds extends string, Options extends unknown[]>
  extends RulesMeta<MessageIds, Options, BackendArchitectDocs> {
  docs: { description: string } & BackendArchitectDocs;
  languages: ["backend-architect/prisma"];
  messages: Record<MessageIds, string>;
  schema: NonNullable<RulesMeta["schema"]>;
}

export type SchemaRule<Options extends unknown[], MessageIds extends string> = RuleDefinition<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RuleOptions: Options;
  Visitor: PrismaRuleVisitor;
  Node: Node;
  MessageIds: MessageIds;
  ExtRuleDocs: BackendArchitectDocs;
}> & { meta: SchemaRuleMeta<MessageIds, Options> & { docs: { url: string } } };

export function createSchemaRule<Options extends unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: {
  name: string;
  meta: SchemaRuleMeta<MessageIds, Options>;
  create: (context: SchemaRuleContext<MessageIds, Options>, options: Options) => PrismaRuleVisitor;
}): SchemaRule<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: `${REPO_URL}/blob/main/docs/rules/${name}.md` } },
    create(context) {
      const ignores = IgnoreComments.of(context.sourceCode);
      const ruleContext = ignores ? withIgnoreComments(context, name, ignores) : context;
      return create(ruleContext, ruleContext.options);
    },
  };
}

/** The context with a `report` that drops what an ignore comment suppresses. */
function withIgnoreComments<C extends SchemaRuleContext<string, unknown[]>>(context: C, ruleId: string, ignores: IgnoreComments): C {
  const report: C["report"] = (descriptor) => {
    const { node, loc } = descriptor as { node?: Node; loc?: { line: number; column: number } | { start: { line: number; column: number } } };
    const offset = node ? node.range[0] : context.sourceCode.getIndexFromLoc(loc && "start" in loc ? loc.start : loc!);
    if (!ignores.suppresses(ruleId, offset)) context.report(descriptor);
  };
  // ESLint builds rule contexts the same way: an object on the frozen file context, with its own `report`
  return Object.freeze(Object.create(context, { report: { value: report, enumerable: true } }) as C);
}
