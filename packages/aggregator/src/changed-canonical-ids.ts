import type { CatalogModel } from '@catalog/provider-contract';
import { sameJsonValue } from './same-json-value.ts';

/**
 * The canonical ids whose records differ between two lists of one provider: ids of records added,
 * removed or changed (both the old and the new canonical id of a changed record). Records are
 * matched by native id; an old list with a native id twice cannot be matched, so every id of
 * both lists counts as changed.
 */
export function changedCanonicalIds(before: readonly CatalogModel[], after: readonly CatalogModel[]): Set<string> {
  const changed = new Set<string>();
  const previous = new Map<string, CatalogModel>();
  for (const model of before) previous.set(model.id, model);
  if (previous.size !== before.length) {
    for (const model of [...before, ...after]) changed.add(model.canonicalId);
    return changed;
  }
  for (const model of after) {
    const old = previous.get(model.id);
    if (old === undefined) {
      // Added (or the same native id twice in the new list: its group is rebuilt).
      changed.add(model.canonicalId);
      continue;
    }
    previous.delete(model.id);
    if (!sameJsonValue(old, model)) {
      changed.add(old.canonicalId);
      changed.add(model.canonicalId);
    }
  }
  for (const removed of previous.values()) changed.add(removed.canonicalId);
  return changed;
}
