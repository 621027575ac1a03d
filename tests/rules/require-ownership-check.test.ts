import rule from "../../lib/rules/require-ownership-check.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-ownership-check", rule, {
  valid: [],
  invalid: [],
});
