/**
 * Finds the model list inside an upstream body: the longest array anywhere in it (the body
 * itself when it is an array). Used by the contract suite to derive "empty" and "mixed valid and
 * invalid" variants of any provider's recorded payload.
 */
export function findModelList(body: unknown): unknown[] | undefined {
  let best: unknown[] | undefined;
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (!best || value.length > best.length) best = value;
      return;
    }
    for (const inner of Object.values(value)) visit(inner, depth + 1);
  };
  visit(body, 0);
  return best;
}
