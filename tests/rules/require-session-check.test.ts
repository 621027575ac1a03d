import rule from "../../lib/rules/require-session-check.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-session-check", rule, {
  valid: [],
  invalid: [],
});
