import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { analyzeAuth, authConfig, authenticates, isCheckedAt, type AuthAnalysis } from "../../lib/analysis/auth.js";

const config = authConfig({ authFunctions: [], authWrappers: [] });

/** Analyses the first function of `code`, with or without `untilChecked`; `asked` lists the calls the helper hook saw. */
function analyze(code: string, untilChecked: boolean): { analysis: AuthAnalysis; asked: string[]; positions: number[] } {
  let result: { analysis: AuthAnalysis; asked: string[]; positions: number[] } | undefined;
  const rule = {
    meta: { type: "problem" as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        "Program:exit"(program: TSESTree.Program) {
          const fn = program.body[0] as TSESTree.FunctionDeclaration;
          const asked: string[] = [];
          const analysis = analyzeAuth(
            fn,
            config,
            (call) => {
              asked.push(context.sourceCode.getText(call.callee));
              return undefined;
            },
            undefined,
            { untilChecked },
          );
          const positions = Array.from({ length: fn.range[1] }, (_, i) => i);
          result = { analysis, asked, positions };
        },
      };
    },
  };
  new Linter({ configType: "flat" }).verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { t: { rules: { r: rule as never } } }, rules: { "t/r": "error" } }],
    { filename: "file.ts" },
  );
  return result!;
}

/** What `require-session-check` and `functionAuth` read: `checkedAt`, `authenticates`, `isCheckedAt` everywhere. */
function verdicts({ analysis, positions }: ReturnType<typeof analyze>): unknown {
  return { checkedAt: analysis.checkedAt, authenticates: authenticates(analysis), checked: positions.map((p) => isCheckedAt(analysis, p)) };
}

describe("analyzeAuth untilChecked", () => {
  it("stops classifying calls once the request is known to be authenticated, with the same verdicts", () => {
    const code = `async function handler(req) {
      const row = await first(req);
      const session = await getSession();
      if (!session) throw new Error("Unauthorized");
      await later(row);
      const again = await getSession();
      return again;
    }`;
    const full = analyze(code, false);
    const until = analyze(code, true);
    expect(verdicts(until)).toEqual(verdicts(full));
    expect(full.asked).toContain("later");
    expect(until.asked).not.toContain("later");
    // past the check: other auth calls and what is returned are no longer looked at
    expect(full.analysis.authCalls).toHaveLength(2);
    expect(until.analysis.authCalls).toHaveLength(1);
  });

  it("still sees a check inside the arguments of the call that marked first", () => {
    const code = `async function handler() {
      await requireUser(await loadMembership());
      await work();
    }`;
    const full = analyze(code, false);
    const until = analyze(code, true);
    expect(verdicts(until)).toEqual(verdicts(full));
    expect(until.asked).toContain("loadMembership");
  });

  it("does not ask the helper about a throwing auth call or a signature check: they mark whatever it answers", () => {
    const code = `async function handler(req) {
      const body = await req.text();
      await verifyQstashSignature({ req, body });
      await requireUser();
      await importRows(body);
    }`;
    const { analysis, asked } = analyze(code, false);
    expect(asked).toEqual(["req.text", "importRows"]);
    expect(authenticates(analysis)).toBe(true);
  });

  it("is the full analysis as long as no check is found (an optional session)", () => {
    const code = `async function getUserId() {
      const session = await getSession();
      await log(session);
      if (session) { await track(); }
      return session?.user.id;
    }`;
    const full = analyze(code, false);
    const until = analyze(code, true);
    expect(full.analysis.checkedAt).toBeUndefined();
    expect(until.analysis).toEqual(full.analysis);
    expect(until.asked).toEqual(full.asked);
  });
});
