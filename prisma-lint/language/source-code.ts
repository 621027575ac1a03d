import { TextSourceCodeBase, type Directive, type RulesConfig } from "@eslint/plugin-kit";
import type { FileProblem, SourceLocation as EslintSourceLocation, VisitTraversalStep } from "@eslint/core";
import { disableDirectivesOf, inlineConfigsOf } from "../../lib/util/config-comments.js";
import { visitorKeys, type Comment, type Node, type Schema } from "./ast.js";

/** `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line`, `eslint-disable-next-line`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

/** A visit of a node on the way down (phase 1) or up (phase 2): what `VisitNodeStep` holds, as a plain object. */
interface PrismaTraversalStep extends VisitTraversalStep {
  type: "visit";
  target: Node;
  args: [Node, Node | undefined];
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
  #parents: WeakMap<Node, Node> | undefined;
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
    return disableDirectivesOf(this.getInlineConfigNodes());
  }

  applyInlineConfig(): {
    problems: FileProblem[];
    configs: Array<{ config: { rules: RulesConfig }; loc: EslintSourceLocation }>;
  } {
    return inlineConfigsOf(this.getInlineConfigNodes());
  }

  override getParent(node: Node): Node | undefined {
    if (!this.#parents) {
      // built on first use only: linting never asks, and a large schema has hundreds of thousands of nodes
      const parents = new WeakMap<Node, Node>();
      const visit = (parent: Node): void => {
        for (const child of children(parent)) {
          parents.set(child, parent);
          visit(child);
        }
      };
      visit(this.ast);
      this.#parents = parents;
    }
    return this.#parents.get(node);
  }

  override traverse(): Iterable<PrismaTraversalStep> {
    if (this.#steps) return this.#steps.values();
    const steps: PrismaTraversalStep[] = [];
    const visit = (node: Node, parent: Node | undefined): void => {
      const args: [Node, Node | undefined] = [node, parent];
      steps.push({ type: "visit", kind: 1, target: node, phase: 1, args });
      const keys = visitorKeys[node.type as keyof typeof visitorKeys];
      if (keys) {
        for (const key of keys) {
          const child = (node as unknown as Record<string, Node | Node[] | undefined>)[key];
          if (Array.isArray(child)) for (const item of child) visit(item, node);
          else if (child) visit(child, node);
        }
      }
      steps.push({ type: "visit", kind: 1, target: node, phase: 2, args });
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps.values();
  }
}

/** A node's children in traversal order. */
function children(node: Node): Node[] {
  const keys = visitorKeys[node.type as keyof typeof visitorKeys];
  if (!keys) return [];
  const result: Node[] = [];
  for (const key of keys) {
    const child = (node as unknown as Record<string, Node | Node[] | undefined>)[key];
    if (Array.isArray(child)) result.push(...child);
    else if (child) result.push(child);
  }
  return result;
}
