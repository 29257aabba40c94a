/**
 * Removes undefined properties, and properties holding empty objects or arrays, recursively on
 * plain objects: records carry only facts the upstream gave.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (inner === undefined) continue;
    const cleaned = compact(inner);
    if (Array.isArray(cleaned) && cleaned.length === 0) continue;
    if (cleaned !== null && typeof cleaned === 'object' && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0)
      continue;
    out[key] = cleaned;
  }
  return out as T;
}
