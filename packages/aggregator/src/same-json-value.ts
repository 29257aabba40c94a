/**
 * Whether two JSON-like values (plain objects, arrays, strings, numbers, booleans, null) are
 * equal in content; object key order does not matter. Cheaper than comparing serialisations:
 * it stops at the first difference and builds no strings, and walks keys with `for…in` (plain
 * objects have no inherited enumerable keys) so comparing two records allocates nothing.
 */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJsonValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    keys++;
    const value = left[key];
    const other = right[key];
    if (value === other) {
      // Equal as undefined: the right side must have the key too.
      if (value === undefined && !Object.hasOwn(right, key)) return false;
      continue;
    }
    if (!sameJsonValue(value, other)) return false;
  }
  for (const _key in right) keys--;
  return keys === 0;
}
