/**
 * The suppression comments of the npm package `prisma-lint` (loop-payments), read as they are so that a
 * schema written for it keeps its exceptions, under our CLI and under ESLint alike:
 *
 * - `/// prisma-lint-ignore-model` inside a model: no rule reports in it;
 * - `/// prisma-lint-ignore-model <rule>`: that rule does not report in it;
 * - `/// prisma-lint-ignore-model <rule> a,b`: that rule ignores the fields `a` and `b` (for `require-field`,
 *   it no longer requires them); `/// prisma-lint-ignore-enum` works the same inside an enum, with values;
 * - `/// prisma-lint-ignore-field [rules]` in the `///` lines right above a field (or a block): the rules
 *   (separated by spaces or commas; none = every rule) do not report on it.
 *
 * A rule is named by its id here or by its name there (`require-field-index`). The comments are parsed
 * once per file, and only in files that mention `prisma-lint-ignore` at all.
 */
import type { Block, Comment, Enum, Model, Node } from "./language/ast.js";
import type { PrismaSourceCode } from "./language/source-code.js";
import { ourRuleId } from "./prismalint-rules.js";

const PREFIX = "prisma-lint-ignore-";

interface BlockIgnores {
  /** `/// prisma-lint-ignore-model` alone. */
  all: boolean;
  /** Rules ignored in the whole block (our ids). */
  rules: Set<string>;
  /** Names (fields, enum values) a rule ignores, by our rule id. */
  names: Map<string, Set<string>>;
}

interface FieldIgnore {
  /** The line of the field (or block) the comment stands above. */
  line: number;
  /** Our rule ids; undefined = every rule. */
  rules: Set<string> | undefined;
}

type Member = Extract<Node, { type: "Field" | "EnumValue" | "BlockAttribute" }>;

export class IgnoreComments {
  readonly #sourceCode: PrismaSourceCode;
  readonly #blocks = new Map<Block, BlockIgnores>();
  readonly #fields: FieldIgnore[] = [];

  private constructor(sourceCode: PrismaSourceCode) {
    this.#sourceCode = sourceCode;
    for (const comment of sourceCode.comments) {
      if (comment.kind !== "doc" || !comment.value.trimStart().startsWith(PREFIX)) continue;
      this.#read(comment);
    }
  }

  /** The file's ignore comments; undefined when it has none (the common case, decided by a text search). */
  static of(sourceCode: PrismaSourceCode): IgnoreComments | undefined {
    let found = cache.get(sourceCode);
    if (found === undefined) {
      found = sourceCode.text.includes(PREFIX) ? new IgnoreComments(sourceCode) : null;
      cache.set(sourceCode, found);
    }
    return found ?? undefined;
  }

  #read(comment: Comment): void {
    const words = comment.value.trim().split(/\s+/u);
    const kind = words[0]!.slice(PREFIX.length);
    if (kind === "field") {
      const rules = words
        .slice(1)
        .join(" ")
        .split(/[\s,]+/u)
        .filter(Boolean)
        .map(ourRuleId);
      this.#fields.push({ line: this.#lineBelow(comment), rules: rules.length > 0 ? new Set(rules) : undefined });
      return;
    }
    if (kind !== "model" && kind !== "enum") return;
    const block = this.#blockAt(comment.range[0]);
    if (!block || (kind === "enum") !== (block.type === "Enum")) return;
    const ignores = this.#blocks.get(block) ?? { all: false, rules: new Set(), names: new Map() };
    this.#blocks.set(block, ignores);
    if (words.length === 1) {
      ignores.all = true;
      return;
    }
    const rule = ourRuleId(words[1]!);
    if (words.length === 2) {
      ignores.rules.add(rule);
      return;
    }
    const names = ignores.names.get(rule) ?? new Set<string>();
    for (const name of words.slice(2).join(",").split(",")) if (name.trim()) names.add(name.trim());
    ignores.names.set(rule, names);
  }

  /** The first line after the run of `///` lines the comment is part of. */
  #lineBelow(comment: Comment): number {
    const lines = this.#sourceCode.lines;
    let line = comment.loc.start.line + 1;
    while (line <= lines.length && lines[line - 1]!.trimStart().startsWith("///")) line++;
    return line;
  }

  #blockAt(offset: number): Block | undefined {
    return this.#sourceCode.ast.body.find((block) => block.openBrace < offset && offset < block.closeBrace);
  }

  /** Is a report of rule `ruleId` starting at `offset` suppressed by a comment? */
  suppresses(ruleId: string, offset: number): boolean {
    const block = this.#sourceCode.ast.body.find((b) => b.range[0] <= offset && offset < b.range[1]);
    const member = block && "members" in block ? memberAt(block.members, offset) : undefined;
    const ignores = block && this.#blocks.get(block);
    if (ignores) {
      if (ignores.all || ignores.rules.has(ruleId)) return true;
      if (member && member.type !== "BlockAttribute" && ignores.names.get(ruleId)?.has(member.name.name)) return true;
    }
    if (this.#fields.length === 0) return false;
    const line = (member ?? block)?.loc.start.line ?? this.#sourceCode.getLocFromIndex(offset).line;
    return this.#fields.some((f) => f.line === line && (f.rules === undefined || f.rules.has(ruleId)));
  }

  /** The names `/// prisma-lint-ignore-model <rule> a,b` lists for this rule in this model (or enum). */
  ignoredNames(block: Model | Enum, ruleId: string): ReadonlySet<string> {
    return this.#blocks.get(block)?.names.get(ruleId) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const cache = new WeakMap<PrismaSourceCode, IgnoreComments | null>();

function memberAt(members: readonly Member[], offset: number): Member | undefined {
  return members.find((m) => m.range[0] <= offset && offset < m.range[1]);
}

/** The names a rule must not require or report in this model or enum (empty when the file has no comments). */
export function ignoredNames(sourceCode: PrismaSourceCode, block: Model | Enum, ruleId: string): ReadonlySet<string> {
  return IgnoreComments.of(sourceCode)?.ignoredNames(block, ruleId) ?? EMPTY;
}
