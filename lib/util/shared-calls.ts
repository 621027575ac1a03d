import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

type CallListener = (node: TSESTree.CallExpression) => void;

/**
 * The `CallExpression` handlers of this plugin's rules in one lint, called by one listener. ESLint wraps
 * every listener of every rule and dispatches each node to each of them (about 0.4 microseconds per call:
 * nine rules on the hundred calls of a route handler cost more than most of those rules' own work), so
 * the first rule of a lint that listens for calls registers one listener for all of them (as
 * eslint-plugin-regexp's `defineRegexpVisitor` does), and the later ones only add their handler. Each
 * handler still reports through its own rule's context, in the order ESLint would have called it.
 *
 * Keyed by the object ESLint's rule contexts of one lint inherit from (its `FileContext`, made anew for
 * every lint of every file): nothing outlives the lint, and a lint never sees another's handlers. The entry
 * also holds the lint's `SourceCode`: should an ESLint version share that object between lints, a lint of
 * another source starts a new entry instead of adding to a finished one. A context without such a
 * prototype (a wrapper that copies it) keeps its own listener.
 *
 * With `TIMING` set, every rule keeps its own listener, so that ESLint's per-rule times stay per rule (a
 * shared listener's time is booked to the rule that registered it).
 */
const lints = new WeakMap<object, { sourceCode: object; handlers: CallListener[] }>();
const perRuleTiming = Boolean(process.env.TIMING);

/**
 * `listeners` with its `CallExpression` handler moved to the lint's shared call listener: the first
 * rule of the lint to ask gets that listener, the others none.
 */
export function shareCallListener<Listeners extends TSESLint.RuleListener>(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, listeners: Listeners): Listeners {
  const handler = listeners.CallExpression as CallListener | undefined;
  const lint = Object.getPrototypeOf(context) as object | null;
  if (!handler || perRuleTiming || lint === null || lint === Object.prototype) return listeners;
  const { sourceCode } = context;
  const entry = lints.get(lint);
  if (entry?.sourceCode === sourceCode) {
    entry.handlers.push(handler);
    const { CallExpression: _shared, ...rest } = listeners;
    return rest as Listeners;
  }
  const all: CallListener[] = [handler];
  lints.set(lint, { sourceCode, handlers: all });
  return {
    ...listeners,
    CallExpression(node: TSESTree.CallExpression) {
      // a handler added while the lint runs would be called too: none is, rules register in create()
      for (let i = 0; i < all.length; i++) all[i]!(node);
    },
  };
}
