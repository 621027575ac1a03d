import rule from "../../lib/rules/require-tenant-scope.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("require-tenant-scope", rule, {
  valid: [],
  invalid: [],
});
