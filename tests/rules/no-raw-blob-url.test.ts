import rule from "../../lib/rules/no-raw-blob-url.js";
import { createRuleTester } from "../rule-tester.js";

createRuleTester().run("no-raw-blob-url", rule, {
  valid: [],
  invalid: [],
});
