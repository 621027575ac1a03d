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
