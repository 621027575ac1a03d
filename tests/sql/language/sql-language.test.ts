import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../../lib/index.js";
import type { SqlNode } from "../../../lib/sql/language/ast.js";
import { parseSql } from "../../../lib/sql/language/parser.js";
import { SqlSourceCode } from "../../../lib/sql/language/source-code.js";
import { sql } from "../sql-rule-tester.js";

function sourceCode(text: string): SqlSourceCode {
  const result = parseSql(text);
  if (!result.ok) throw new Error(result.errors[0].message);
  return new SqlSourceCode({ text, ast: result.ast });
}

function find(code: SqlSourceCode, type: string): SqlNode[] {
  const found: SqlNode[] = [];
  for (const step of code.traverse()) {
    if (step.phase === 1 && (step.target as SqlNode).type === type) found.push(step.target as SqlNode);
  }
  return found;
}

function textOf(code: SqlSourceCode, node: SqlNode): string {
  const [start, end] = code.getRange(node);
  return code.text.slice(start, end);
}

describe("parseSql", () => {
  it("gives each statement its exact range, from its first token to before its semicolon", () => {
    const text = "-- header\ncreate table a (id int);\n\n/* two */ alter table a enable row level security;\nselect 1";
    const result = parseSql(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ast.body.map((s) => text.slice(...s.range))).toEqual([
      "create table a (id int)",
      "alter table a enable row level security",
      "select 1",
    ]);
    expect(result.ast.body[1]!.loc).toEqual({ start: { line: 4, column: 11 }, end: { line: 4, column: 50 } });
  });

  it("converts PostgreSQL's byte offsets to character offsets", () => {
    const text = "-- café ☕ 🎉\ncreate table \"Café\" (id int references \"Çaf\" (id));";
    const code = sourceCode(text);
    const [constraint] = find(code, "Constraint");
    expect(textOf(code, constraint!)).toBe('references "Çaf" (id)');
    const [relation] = find(code, "RangeVar");
    expect(textOf(code, relation!)).toBe('"Café"');
  });

  it("reports a syntax error with PostgreSQL's message, line and column, and never throws", () => {
    expect(parseSql("create table ok (id int);\n  create tabel broken ();")).toEqual({
      ok: false,
      errors: [{ message: 'syntax error at or near "tabel"', line: 2, column: 10 }],
    });
    expect(parseSql("select '🎉', 'é' frm t;")).toEqual({
      ok: false,
      errors: [{ message: 'syntax error at or near "t"', line: 1, column: 22 }],
    });
    expect(parseSql("select 'unterminated")).toMatchObject({ ok: false });
  });

  it("parses empty files and files of comments only", () => {
    for (const text of ["", "\n\n", "-- nothing yet\n/* still nothing */\n"]) {
      const result = parseSql(text);
      expect(result.ok && result.ast.body).toEqual([]);
    }
  });
});

describe("SqlSourceCode", () => {
  const code = sourceCode(sql`
    create table public.posts (
      id uuid primary key,
      author_id uuid not null references auth.users (id) on delete cascade, -- the author
      title text not null
    );
    create policy "read" on public.posts using (auth.uid() = author_id and exists (select 1 from public.members m where m.user_id = (select auth.uid())));
  `);

  it("gives nodes PostgreSQL's names and fields, with a type", () => {
    const [create] = code.ast.body;
    expect(create).toMatchObject({ type: "CreateStmt", relation: { type: "RangeVar", schemaname: "public", relname: "posts" } });
  });

  it("finds the end of calls, subqueries, names, column definitions and references", () => {
    expect(find(code, "FuncCall").map((node) => textOf(code, node))).toEqual(["auth.uid()", "auth.uid()"]);
    expect(find(code, "SubLink").map((node) => textOf(code, node))).toEqual([
      "exists (select 1 from public.members m where m.user_id = (select auth.uid()))",
      "(select auth.uid())",
    ]);
    expect(find(code, "RangeVar").map((node) => textOf(code, node))).toEqual([
      "public.posts",
      "auth.users",
      "public.posts",
      "public.members",
    ]);
    expect(find(code, "ColumnDef").map((node) => textOf(code, node))).toEqual([
      "id uuid primary key",
      "author_id uuid not null references auth.users (id) on delete cascade",
      "title text not null",
    ]);
    expect(find(code, "Constraint").filter((node) => node.contype === "CONSTR_FOREIGN").map((node) => textOf(code, node))).toEqual([
      "references auth.users (id)",
    ]);
  });

  it("keeps -- and /* */ comments, lexed on first use", () => {
    const withComments = sourceCode("/* a /* nested */ comment */ select 1; -- trailing\nselect '-- not a comment', $$ /* nor this */ $$;");
    expect(withComments.getAllComments().map((comment) => [comment.block, comment.value])).toEqual([
      [true, " a /* nested */ comment "],
      [false, " trailing"],
    ]);
  });

  it("knows each node's parent", () => {
    const [call] = find(code, "FuncCall");
    expect(code.getParent(call!)?.type).toBe("A_Expr");
  });
});

describe("the SQL language through ESLint", () => {
  const linter = new Linter({ configType: "flat" });
  const config: Linter.Config[] = [
    {
      files: ["**/*.sql"],
      plugins: { "backend-architect": plugin },
      language: "backend-architect/sql",
      rules: { "backend-architect/require-rls": "error" },
    },
  ];

  it("reports a syntax error as one fatal message", () => {
    const messages = linter.verify("create table x (id int,);", config, { filename: "supabase/migrations/1_x.sql" });
    expect(messages).toMatchObject([{ fatal: true, ruleId: null, line: 1, column: 24, message: 'Parsing error: syntax error at or near ")"' }]);
  });

  it("honours -- eslint-disable-next-line comments with a reason", () => {
    const code = sql`
      -- eslint-disable-next-line backend-architect/require-rls -- read by the service role only
      create table public.stripe_events (id text primary key, payload jsonb);
      create table public.notes (id uuid primary key);
    `;
    const messages = linter.verify(code, config, { filename: "supabase/migrations/1_x.sql" });
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["backend-architect/require-rls", 3]]);
  });

  it("honours a directive inside a statement, above the line it is about", () => {
    const code = sql`
      create table public.posts (
        id uuid primary key,
        -- eslint-disable-next-line backend-architect/require-foreign-key-index -- posts are never deleted
        author_id uuid not null references auth.users (id),
        editor_id uuid references auth.users (id)
      );
      alter table public.posts enable row level security;
    `;
    const fk: Linter.Config[] = [{ ...config[0]!, rules: { "backend-architect/require-foreign-key-index": "error" } }];
    const messages = linter.verify(code, fk, { filename: "supabase/migrations/1_x.sql" });
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["backend-architect/require-foreign-key-index", 5]]);
  });

  it("honours /* eslint-disable */ blocks and inline rule configuration", () => {
    const code = sql`
      /* eslint backend-architect/require-rls: ["error", { "schemas": ["api"] }] */
      create table public.notes (id uuid primary key);
    `;
    expect(linter.verify(code, config, { filename: "1_x.sql" })).toEqual([]);
  });

  it("lints nothing in a folder that Drizzle Kit wrote for another database", () => {
    const messages = linter.verify("CREATE TABLE `users` (`id` int AUTO_INCREMENT NOT NULL);", config, {
      filename: new URL("../../fixtures/sql/drizzle-mysql/drizzle/0000_flat_kitty.sql", import.meta.url).pathname,
    });
    expect(messages).toEqual([]);
  });

  it("with migrationTool: \"drizzle\", lints only the folders Drizzle Kit wrote", () => {
    const drizzle: Linter.Config[] = [{ ...config[0]!, languageOptions: { migrationTool: "drizzle" } }];
    const code = "create table public.notes (id uuid primary key);";
    const inDrizzle = new URL("../../fixtures/sql/drizzle-app/drizzle/0002_notes.sql", import.meta.url).pathname;
    const elsewhere = new URL("../../fixtures/sql/hand-written/db/migrations/003_notes.up.sql", import.meta.url).pathname;
    expect(linter.verify(code, drizzle, { filename: inDrizzle }).map((m) => m.ruleId)).toEqual(["backend-architect/require-rls"]);
    expect(linter.verify(code, drizzle, { filename: elsewhere })).toEqual([]);
    expect(linter.verify(code, config, { filename: elsewhere }).map((m) => m.ruleId)).toEqual(["backend-architect/require-rls"]);
  });

  it("refuses an unknown migrationTool", () => {
    const wrong: Linter.Config[] = [{ ...config[0]!, languageOptions: { migrationTool: "knex" } }];
    expect(() => linter.verify("select 1;", wrong, { filename: "1.sql" })).toThrow(/migrationTool/u);
  });
});
