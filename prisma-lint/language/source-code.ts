import {
  ConfigCommentParser,
  Directive,
  TextSourceCodeBase,
  VisitNodeStep,
  type DirectiveType,
  type RulesConfig,
} from "@eslint/plugin-kit";
import type { FileProblem, SourceLocation as EslintSourceLocation } from "@eslint/core";
import { visitorKeys, type Comment, type Node, type Schema } from "./ast.js";

const commentParser = new ConfigCommentParser();

/** `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line`, `eslint-disable-next-line`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

class PrismaTraversalStep extends VisitNodeStep {
  declare target: Node;

  constructor({ target, phase, args }: { target: Node; phase: 1 | 2; args: unknown[] }) {
    super({ target, phase, args });
    this.target = target;
  }
}

export interface PrismaLanguageOptions {
  [key: string]: unknown;
}

/**
 * The `SourceCode` of a `.prisma` file: text, node model, comments, a cached traversal with parents,
 * and inline configuration (`// eslint-disable-next-line ...`, `/* eslint ... *\/`).
 */
export class PrismaSourceCode extends TextSourceCodeBase<{
  LangOptions: PrismaLanguageOptions;
  RootNode: Schema;
  SyntaxElementWithLoc: Node;
  ConfigNode: Comment;
}> {
  declare ast: Schema;
  /** Every comment of the file, in source order. */
  readonly comments: Comment[];
  #steps: PrismaTraversalStep[] | undefined;
  #parents = new WeakMap<Node, Node>();
  #inlineConfigComments: Comment[] | undefined;

  constructor({ text, ast }: { text: string; ast: Schema }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = ast.comments;
  }

  getAllComments(): Comment[] {
    return this.comments;
  }

  getInlineConfigNodes(): Comment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(
            new Directive({
              type: label.slice("eslint-".length) as DirectiveType,
              node: comment,
              value,
              justification,
            }),
          );
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): {
    problems: FileProblem[];
    configs: Array<{ config: { rules: RulesConfig }; loc: EslintSourceLocation }>;
  } {
    const problems: FileProblem[] = [];
    const configs: Array<{ config: { rules: RulesConfig }; loc: EslintSourceLocation }> = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { problems, configs };
  }

  override getParent(node: Node): Node | undefined {
    if (!this.#steps) this.traverse();
    return this.#parents.get(node);
  }

  override traverse(): Iterable<PrismaTraversalStep> {
    if (this.#steps) return this.#steps.values();
    const steps: PrismaTraversalStep[] = [];
    const visit = (node: Node, parent: Node | undefined): void => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new PrismaTraversalStep({ target: node, phase: 1, args: [node, parent] }));
      const keys = visitorKeys[node.type as keyof typeof visitorKeys] ?? [];
      for (const key of keys) {
        const child = (node as unknown as Record<string, Node | Node[] | undefined>)[key];
        if (Array.isArray(child)) for (const item of child) visit(item, node);
        else if (child) visit(child, node);
      }
      steps.push(new PrismaTraversalStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps.values();
  }
}
