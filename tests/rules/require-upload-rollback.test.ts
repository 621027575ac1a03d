import rule from "../../lib/rules/require-upload-rollback.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-upload-rollback", rule, {
  valid: [],
  invalid: [],
});
