import rule from "../../lib/rules/require-transaction.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-transaction", rule, {
  valid: [],
  invalid: [],
});
