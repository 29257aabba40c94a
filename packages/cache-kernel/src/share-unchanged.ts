/**
 * Structural sharing between a key's held value and a newly fetched one: every part of `next`
 * equal in content to the matching part of `previous` is replaced by that part of `previous`
 * (already frozen, already handed out), so a consumer can tell what changed by identity alone
 * (`a === b`), and only the new parts need freezing and stay in memory twice.
 *
 * Parts are matched by position, and elements of lists of records by their string `id` where
 * the lists fall out of step (a record added, removed or moved). `next` must be a freshly parsed
 * JSON-like value the caller owns: its unfrozen objects and arrays are updated in place (a frozen
 * one is compared, never written). Returns `previous` itself when the two are equal in content.
 */
export function shareUnchanged(previous: unknown, next: unknown): unknown {
  if (previous === next || typeof previous !== 'object' || typeof next !== 'object') return next;
  if (previous === null || next === null) return next;
  if (Array.isArray(next)) return Array.isArray(previous) ? shareList(previous, next) : next;
  if (Array.isArray(previous)) return next;
  return shareRecord(previous as Record<string, unknown>, next as Record<string, unknown>);
}

function shareRecord(previous: Record<string, unknown>, next: Record<string, unknown>): unknown {
  const writable = !Object.isFrozen(next);
  let same = true;
  let keys = 0;
  for (const key in next) {
    keys++;
    const value = next[key];
    const before = previous[key];
    const shared = before === undefined && !Object.hasOwn(previous, key) ? value : shareUnchanged(before, value);
    if (shared !== value && writable) next[key] = shared;
    if (shared !== before) same = false;
  }
  if (!same) return next;
  for (const _key in previous) keys--;
  return keys === 0 ? previous : next;
}

function shareList(previous: readonly unknown[], next: unknown[]): unknown {
  const writable = !Object.isFrozen(next);
  let same = previous.length === next.length;
  let byId: Map<string, unknown> | undefined;
  for (let i = 0; i < next.length; i++) {
    const value = next[i];
    let before = i < previous.length ? previous[i] : undefined;
    const id = idOf(value);
    if (id !== undefined && idOf(before) !== id) {
      // Out of step: the previous record with this id, wherever it is.
      byId ??= indexById(previous);
      before = byId.get(id);
    }
    const shared = before === undefined ? value : shareUnchanged(before, value);
    if (shared !== value && writable) next[i] = shared;
    if (shared !== previous[i]) same = false;
  }
  return same ? previous : next;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** The records of a list by their `id` (the first of an id listed twice). */
function indexById(list: readonly unknown[]): Map<string, unknown> {
  const byId = new Map<string, unknown>();
  for (let i = list.length - 1; i >= 0; i--) {
    const id = idOf(list[i]);
    if (id !== undefined) byId.set(id, list[i]);
  }
  return byId;
}
