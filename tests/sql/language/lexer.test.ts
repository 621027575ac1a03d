import { describe, expect, it } from "vitest";
import { lex } from "../../../lib/sql/language/lexer.js";

function tokens(text: string): string[] {
  return lex(text).tokens.map((token) => `${token.kind}:${text.slice(token.start, token.end)}`);
}

function comments(text: string): string[] {
  return lex(text).comments.map((comment) => text.slice(comment.start, comment.end));
}

describe("lex", () => {
  it("finds line and nested block comments, and nothing that looks like one inside strings", () => {
    const text = "select '--x', \"/*y*/\", $$ -- z $$, $tag$ /* w */ $tag$; -- real\n/* outer /* inner */ still */";
    expect(comments(text)).toEqual(["-- real", "/* outer /* inner */ still */"]);
  });

  it("reads doubled quotes and E-string escapes", () => {
    expect(tokens(`'it''s' E'a\\'b' "a""b"`)).toEqual([`string:'it''s'`, `string:E'a\\'b'`, `quoted:"a""b"`]);
  });

  it("tells dollar quotes from parameters and from $ inside identifiers", () => {
    expect(tokens("select $1, a$b, $fn$ body $fn$")).toEqual([
      "word:select",
      "param:$1",
      "punct:,",
      "word:a$b",
      "punct:,",
      "string:$fn$ body $fn$",
    ]);
  });

  it("keeps U&, B and X prefixes with their literal", () => {
    expect(tokens(`U&"d\\0061t" B'101' X'ff'`)).toEqual([`quoted:U&"d\\0061t"`, "string:B'101'", "string:X'ff'"]);
  });

  it("never throws on unterminated input", () => {
    for (const text of ["'open", '"open', "$$ open", "/* open", "e'\\"]) {
      expect(() => lex(text)).not.toThrow();
    }
  });
});
