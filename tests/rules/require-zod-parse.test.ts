import rule from "../../lib/rules/require-zod-parse.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-zod-parse", rule, {
  valid: [],
  invalid: [],
});
