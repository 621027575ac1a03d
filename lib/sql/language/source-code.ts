import { TextSourceCodeBase, VisitNodeStep, type Directive, type RulesConfig } from "@eslint/plugin-kit";
import type { FileProblem, SourceLocation as EslintSourceLocation } from "@eslint/core";
import { childNodes, type Comment, type Node, type Script, type SourceLocation, type SqlNode } from "./ast.js";
import { TokenWindow } from "./extents.js";
import { lex, type Token } from "./lexer.js";
import { lineStarts, position } from "./parser.js";
import { disableDirectivesOf, inlineConfigsOf } from "../../util/config-comments.js";

/** `eslint`, `eslint-enable`, `eslint-disable`, `eslint-disable-line`, `eslint-disable-next-line`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

class SqlTraversalStep extends VisitNodeStep {
  declare target: Node;

  constructor({ target, phase, args }: { target: Node; phase: 1 | 2; args: unknown[] }) {
    super({ target, phase, args });
    this.target = target;
  }
}

export interface SqlLanguageOptions {
  /** `"drizzle"`: lint only the migrations Drizzle Kit wrote (see `SqlLanguage.validateLanguageOptions`). */
  migrationTool?: "drizzle";
  [key: string]: unknown;
}

/**
 * The `SourceCode` of a PostgreSQL file: text, PostgreSQL's parse tree, comments, tokens (both lexed
 * on first use), a cached traversal with parents, and inline configuration
 * (`-- eslint-disable-next-line backend-architect/require-rls -- reason`).
 */
export class SqlSourceCode extends TextSourceCodeBase<{
  LangOptions: SqlLanguageOptions;
  RootNode: Script;
  SyntaxElementWithLoc: Node | Comment;
  ConfigNode: Comment;
}> {
  declare ast: Script;
  /** The file's path as ESLint gave it (absolute when linting files; may be virtual). */
  readonly path: string | undefined;
  #lineStarts: number[] | undefined;
  #lexed: { tokens: Token[]; comments: Comment[] } | undefined;
  #steps: SqlTraversalStep[] | undefined;
  #parents = new WeakMap<object, Node>();
  #inlineConfigComments: Comment[] | undefined;
  #windows = new Map<number, TokenWindow>();

  constructor({ text, ast, path }: { text: string; ast: Script; path?: string }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.path = path;
  }

  /** Every token but comments, in source order. */
  get tokens(): Token[] {
    return this.#lex().tokens;
  }

  getAllComments(): Comment[] {
    return this.#lex().comments;
  }

  #lex(): { tokens: Token[]; comments: Comment[] } {
    if (this.#lexed) return this.#lexed;
    const { tokens, comments } = lex(this.text);
    this.#lexed = {
      tokens,
      comments: comments.map((comment) => {
        const range: [number, number] = [comment.start, comment.end];
        const value = comment.block
          ? this.text.slice(comment.start + 2, Math.max(comment.start + 2, comment.end - 2))
          : this.text.slice(comment.start + 2, comment.end);
        return { type: "Comment", block: comment.block, value, range, loc: this.#locOf(range) };
      }),
    };
    return this.#lexed;
  }

  #locOf([start, end]: [number, number]): SourceLocation {
    this.#lineStarts ??= lineStarts(this.text);
    return { start: position(this.#lineStarts, start), end: position(this.#lineStarts, end) };
  }

  getInlineConfigNodes(): Comment[] {
    // Most files have no directive: skip lexing them for one.
    if (!this.text.includes("eslint")) return [];
    this.#inlineConfigComments ??= this.getAllComments().filter((comment) => INLINE_CONFIG.test(comment.value));
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

  /**
   * The node's exact range. Statements carry theirs; for other nodes PostgreSQL records the start
   * only, and the end comes from the tokens of the node's statement (`extents.ts`).
   */
  override getRange(node: Node | Comment): [number, number] {
    if ("range" in node && Array.isArray(node.range)) return node.range as [number, number];
    const sqlNode = node as SqlNode;
    const start = this.#startOf(sqlNode);
    const window = this.#windowAt(start);
    return [start, window ? window.nodeEnd(sqlNode, start) : start];
  }

  override getLoc(node: Node | Comment): SourceLocation {
    if ("loc" in node && node.loc) return node.loc as SourceLocation;
    return this.#locOf(this.getRange(node));
  }

  /** `[start, end]` as `loc`, for reports on a part of a node. */
  locOf(range: [number, number]): SourceLocation {
    return this.#locOf(range);
  }

  /**
   * The tokens of the statement that contains `offset`, from its first token to the next statement
   * (its `;` and the comments after it included); lexed on first use, one statement at a time.
   */
  statementTokens(offset: number): TokenWindow | undefined {
    return this.#windowAt(offset);
  }

  #windowAt(offset: number): TokenWindow | undefined {
    const body = this.ast.body;
    let low = 0;
    let high = body.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (body[mid]!.range[0] <= offset) low = mid;
      else high = mid - 1;
    }
    if (body.length === 0 || body[low]!.range[0] > offset) return undefined;
    let window = this.#windows.get(low);
    if (!window) {
      window = new TokenWindow(this.text, body[low]!.range[0], body[low + 1]?.range[0] ?? this.text.length);
      this.#windows.set(low, window);
    }
    return window;
  }

  #startOf(node: SqlNode): number {
    if (typeof node.location === "number" && node.location >= 0) return node.location;
    // No location of its own: the closest ancestor with one.
    for (let parent = this.getParent(node); parent; parent = this.getParent(parent)) {
      if ("range" in parent && Array.isArray(parent.range)) return parent.range[0] as number;
      const location = (parent as SqlNode).location;
      if (typeof location === "number" && location >= 0) return location;
    }
    return 0;
  }

  override getParent(node: Node): Node | undefined {
    if (!this.#steps) this.traverse();
    return this.#parents.get(node);
  }

  override traverse(): Iterable<SqlTraversalStep> {
    if (this.#steps) return this.#steps.values();
    const steps: SqlTraversalStep[] = [];
    const visit = (node: Node, parent: Node | undefined): void => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new SqlTraversalStep({ target: node, phase: 1, args: [node, parent] }));
      const children = node.type === "Script" ? (node as Script).body : childNodes(node as SqlNode);
      for (const child of children) visit(child, node);
      steps.push(new SqlTraversalStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps.values();
  }
}
