/**
 * `known`'s answer for `key`, computed and kept on first ask. At most `max` answers are kept: when full, all
 * are dropped (the caches that use it hold answers that are cheap to compute again, asked for in bursts).
 */
export function rememberBounded<K, V>(known: Map<K, V>, max: number, key: K, compute: () => V): V {
  if (known.has(key)) return known.get(key) as V;
  if (known.size >= max) known.clear();
  const value = compute();
  known.set(key, value);
  return value;
}

/**
 * The answer kept for the pair (`first`, `second`) in a two-level cache (a map per `first`, held weakly: an
 * AST node, a program, an options object), computed and kept on first ask.
 */
export function rememberIn<K extends object, L, V>(answers: WeakMap<K, Map<L, V>>, first: K, second: L, compute: () => V): V {
  let byFirst = answers.get(first);
  if (!byFirst) {
    byFirst = new Map();
    answers.set(first, byFirst);
  }
  if (byFirst.has(second)) return byFirst.get(second) as V;
  const value = compute();
  byFirst.set(second, value);
  return value;
}
