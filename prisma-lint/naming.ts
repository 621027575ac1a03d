/**
 * Names: splitting them into words (with `change-case`), converting between cases, checking a case
 * style, grammatical number (with `pluralize`), and the name patterns rule options take: an exact name,
 * or a regular expression written as a string (`"/^tmp_/i"`), since ESLint options are JSON.
 *
 * Pure functions of their arguments: nothing here keeps state between files (`pluralize`'s own rule
 * tables are never changed; irregular plurals are looked up by the caller's options instead).
 */
import { split, splitSeparateNumbers } from "change-case";
import { pluralize } from "./lazy-packages.js";

// ---------------------------------------------------------------------------------------------
// Name patterns
// ---------------------------------------------------------------------------------------------

const REGEXP_STRING = /^\/(.+)\/([dgimsuvy]*)$/su;

/** Is this option value a regular expression written as a string (`"/Id$/"`)? */
export function isRegExpString(value: string): boolean {
  return REGEXP_STRING.test(value);
}

/** `"/Id$/i"` -> /Id$/i; throws a clear error for an invalid expression (a config mistake). */
export function toRegExp(value: string, option: string): RegExp {
  const match = REGEXP_STRING.exec(value)!;
  try {
    return new RegExp(match[1]!, match[2]!.replace(/[gy]/gu, ""));
  } catch (error) {
    throw new Error(`Invalid regular expression ${value} in option "${option}": ${(error as Error).message}`, { cause: error });
  }
}

/** A test for names: each entry is an exact name or a `"/regex/flags"` string. */
export function nameMatcher(entries: readonly string[] | undefined, option: string): (name: string) => boolean {
  if (!entries || entries.length === 0) return () => false;
  const exact = new Set(entries.filter((e) => !isRegExpString(e)));
  const patterns = entries.filter(isRegExpString).map((e) => toRegExp(e, option));
  return (name) => exact.has(name) || patterns.some((pattern) => pattern.test(name));
}

/** Removes the first prefix that applies: a string the name starts with, or what a `"/regex/"` matches. */
export function trimPrefix(name: string, prefixes: string | readonly string[] | undefined, option = "trimPrefix"): string {
  for (const prefix of typeof prefixes === "string" ? [prefixes] : (prefixes ?? [])) {
    if (isRegExpString(prefix)) {
      const pattern = toRegExp(prefix, option);
      if (pattern.test(name)) return name.replace(pattern, "");
    } else if (prefix !== "" && name.startsWith(prefix)) {
      return name.slice(prefix.length);
    }
  }
  return name;
}

/** `prefix + converted` when `rest` is what `trimPrefix` left of the end of `name`; else undefined. */
export function keepPrefix(name: string, rest: string, converted: string): string | undefined {
  return name.endsWith(rest) ? name.slice(0, name.length - rest.length) + converted : undefined;
}

// ---------------------------------------------------------------------------------------------
// Words and cases
// ---------------------------------------------------------------------------------------------

export interface WordOptions {
  /** Words kept whole (`GraphQL` is one word, not `Graph` + `QL`). */
  compoundWords?: readonly string[];
  /** Digits as words of their own (`address1` -> `address`, `1`). */
  separateNumbers?: boolean;
}

/** The words of a name: `userID` -> user, ID; `graphQLId` with the compound word `GraphQL` -> graphQL, Id. */
export function words(name: string, { compoundWords = [], separateNumbers = false }: WordOptions = {}): string[] {
  const splitter = separateNumbers ? splitSeparateNumbers : split;
  const result: string[] = [];
  let rest = name;
  while (rest.length > 0) {
    const found = findCompound(rest, compoundWords);
    if (!found) {
      result.push(...splitter(rest));
      break;
    }
    result.push(...splitter(rest.slice(0, found.index)), rest.slice(found.index, found.index + found.word.length));
    rest = rest.slice(found.index + found.word.length);
  }
  return result;
}

/** The leftmost (then longest) compound word in `text`; at the start of a name its first letter may be lower case. */
function findCompound(text: string, compoundWords: readonly string[]): { index: number; word: string } | undefined {
  let best: { index: number; word: string } | undefined;
  for (const word of compoundWords) {
    if (word === "") continue;
    let index = text.indexOf(word);
    const lowered = word[0]!.toLowerCase() + word.slice(1);
    if (text.startsWith(lowered)) index = 0;
    if (index < 0) continue;
    if (!best || index < best.index || (index === best.index && word.length > best.word.length)) best = { index, word };
  }
  return best;
}

function capitalize(word: string, compound: boolean): string {
  return compound ? word[0]!.toUpperCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

function isCompound(word: string, options: WordOptions): boolean {
  return (options.compoundWords ?? []).some((c) => c.toLowerCase() === word.toLowerCase());
}

export function toSnakeCase(name: string, options: WordOptions & { upper?: boolean } = {}): string {
  const snake = words(name, options)
    .map((w) => w.toLowerCase())
    .join("_");
  return options.upper ? snake.toUpperCase() : snake;
}

export function toPascalCase(name: string, options: WordOptions = {}): string {
  return words(name, options)
    .map((w) => capitalize(w, isCompound(w, options)))
    .join("");
}

export function toCamelCase(name: string, options: WordOptions = {}): string {
  const [first, ...rest] = words(name, options);
  if (first === undefined) return "";
  const head = isCompound(first, options) ? first : first.toLowerCase();
  return head + rest.map((w) => capitalize(w, isCompound(w, options))).join("");
}

/**
 * Both ways of writing digits in snake case are accepted: `address1` maps to `address1` or `address_1`.
 */
export function snakeCaseVariants(name: string, options: WordOptions & { upper?: boolean } = {}): string[] {
  const joined = toSnakeCase(name, { ...options, separateNumbers: false });
  const separated = toSnakeCase(name, { ...options, separateNumbers: true });
  return joined === separated ? [joined] : [joined, separated];
}

export type CaseStyle = "snake" | "upper-snake" | "camel" | "pascal";

/** Compound words stand for one capitalized word (`Xx`), so `GraphQL` does not count as two capitals. */
function withoutCompounds(name: string, compoundWords: readonly string[]): string {
  let result = "";
  let rest = name;
  for (;;) {
    const found = findCompound(rest, compoundWords);
    if (!found) return result + rest;
    const atStart = result === "" && found.index === 0;
    result += rest.slice(0, found.index) + (atStart && /^[a-z]/u.test(rest) ? "xx" : "Xx");
    rest = rest.slice(found.index + found.word.length);
  }
}

/**
 * Is the name written in this style? camelCase and PascalCase allow no two capitals in a row (`userID` is
 * not camelCase: write `userId`, or list `ID` as a compound word); digits may follow any word.
 */
export function isCaseStyle(name: string, style: CaseStyle, compoundWords: readonly string[] = []): boolean {
  switch (style) {
    case "snake":
      return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/u.test(name);
    case "upper-snake":
      return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/u.test(name);
    case "camel": {
      const plain = withoutCompounds(name, compoundWords);
      return /^[a-z][a-zA-Z0-9]*$/u.test(plain) && !/[A-Z]{2}/u.test(plain);
    }
    case "pascal": {
      const plain = withoutCompounds(name, compoundWords);
      return /^[A-Z][a-zA-Z0-9]*$/u.test(plain) && !/[A-Z]{2}/u.test(plain);
    }
  }
}

/** The name written in this style. */
export function toCaseStyle(name: string, style: CaseStyle, compoundWords: readonly string[] = []): string {
  switch (style) {
    case "snake":
      return toSnakeCase(name, { compoundWords });
    case "upper-snake":
      return toSnakeCase(name, { compoundWords, upper: true });
    case "camel":
      return toCamelCase(name, { compoundWords });
    case "pascal":
      return toPascalCase(name, { compoundWords });
  }
}

/** Can this be a Prisma name (of a model, field, enum or enum value)? */
export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/u.test(name);
}

// ---------------------------------------------------------------------------------------------
// Grammatical number
// ---------------------------------------------------------------------------------------------

export type GrammaticalNumber = "singular" | "plural";

/** Version tags after the noun: `answersV2`. */
const VERSION_TAG = /^v?\d+$/iu;

/** A name that ends in a preposition is a phrase, not a noun: `createdBy`, `memberOf`. */
const PREPOSITION = /^(?:by|of|for|to|in|on|at|from|with|as|via)$/iu;

/** Nouns that name a collection whatever their number: `allowList`, `activityHistory`. */
const COLLECTIVE = /^(?:list|set|history|collection|queue|array|group|batch|pool|stack|log|index|map|series)$/iu;

/** Plurals of acronyms that `pluralize` takes for singular words (`redirectUris`, like `iris`). */
const ACRONYM_PLURALS = /^(?:uri|url|id|api|sku|ip|kpi|faq|cta|jwt|cdn|dns)s$/iu;

function numberOf(word: string): GrammaticalNumber | undefined {
  if (ACRONYM_PLURALS.test(word)) return "plural";
  const plural = pluralize().isPlural(word);
  if (plural === pluralize().isSingular(word)) return undefined;
  return plural ? "plural" : "singular";
}

/**
 * The grammatical number of a name, read from its head word: the last word, past a version tag (`answersV2`).
 * Undefined when nobody can tell: the word is both singular and plural (`news`, `information`, `media`:
 * uncountable) or neither; the name ends in a preposition (`watchedBy`); it ends in a collective noun
 * after other words (`allowList`, `activityHistory`); or the head is singular but another word is
 * plural (`invitesAccepted`, `mediaIdsCache`: a plural noun with a qualifier after it).
 */
export function grammaticalNumber(name: string): GrammaticalNumber | undefined {
  const all = words(name).filter((w) => /[a-z]/iu.test(w));
  let head = all.length - 1;
  while (head > 0 && VERSION_TAG.test(all[head]!)) head--;
  const word = all[head];
  if (word === undefined || VERSION_TAG.test(word) || PREPOSITION.test(word)) return undefined;
  if (COLLECTIVE.test(word) && all.length > 1) return undefined;
  const number = numberOf(word);
  if (number === "singular" && all.slice(0, head).some((w) => numberOf(w) === "plural")) return undefined;
  return number;
}

/** The name with its last word made singular or plural (`UserSettings` -> `UserSetting`). */
export function withGrammaticalNumber(name: string, number: GrammaticalNumber): string {
  const match = /^(.*?)([A-Za-z]+)([0-9_]*)$/su.exec(name);
  if (!match) return name;
  const [, head, tail, digits] = match;
  const all = words(tail!);
  const last = all.at(-1) ?? tail!;
  const start = tail!.length - last.length;
  const converted = number === "plural" ? pluralize().plural(last) : pluralize().singular(last);
  return head! + tail!.slice(0, start) + converted + digits!;
}

/** Plural of a snake_case name (its last word), with the caller's irregular plurals first. */
export function pluralizeSnake(snake: string, irregularPlurals: Readonly<Record<string, string>> = {}): string {
  if (Object.hasOwn(irregularPlurals, snake)) return irregularPlurals[snake]!;
  const parts = snake.split("_");
  const last = parts.pop()!;
  const plural = Object.hasOwn(irregularPlurals, last) ? irregularPlurals[last]! : pluralize().plural(last);
  return [...parts, plural].join("_");
}
