import type { CatalogModel } from '@catalog/provider-contract';
import { sameJsonValue } from './same-json-value.ts';

export interface ModelChange {
  readonly type: 'added' | 'removed' | 'changed';
  readonly provider: string;
  readonly id: string;
  readonly canonicalId: string;
  /** For "changed": the fields whose value differs. */
  readonly fields?: readonly string[];
}

/** What differs between two lists of one provider, and the canonical ids it touches. */
export interface ProviderListDiff {
  readonly changes: ModelChange[];
  /**
   * The canonical ids whose records of this provider were added, removed or changed (both the old
   * and the new canonical id of a record that moved): the merged entries to build again.
   */
  readonly canonicalIds: Set<string>;
}

/** What differs between two lists of one provider, by native id, with the changed fields named. */
export function diffProviderModels(
  provider: string,
  before: readonly CatalogModel[],
  after: readonly CatalogModel[],
): ModelChange[] {
  return compareProviderLists(provider, before, after).changes;
}

/**
 * Matches the records of two lists of one provider by native id and compares each pair by
 * content. A refetched list mostly keeps its order, so records are matched in step and a map of
 * positions by id is built only where the lists first fall out of step (an insertion, a removal, a
 * reorder); each record of `before` is matched at most once, so a native id listed twice is seen
 * as removed or added rather than hidden, and every canonical id whose records differ is named.
 */
export function compareProviderLists(
  provider: string,
  before: readonly CatalogModel[],
  after: readonly CatalogModel[],
): ProviderListDiff {
  const changes: ModelChange[] = [];
  const canonicalIds = new Set<string>();
  const matched = new Uint8Array(before.length);
  let positions: Map<string, number> | undefined;
  // Where in `before` the next record is expected; only moves forward, so matching stays linear.
  let next = 0;
  for (const model of after) {
    while (next < before.length && matched[next] === 1) next++;
    let at = next < before.length && before[next]!.id === model.id ? next : -1;
    if (at < 0) {
      positions ??= positionsById(before);
      const position = positions.get(model.id);
      if (position !== undefined && matched[position] === 0) at = position;
    }
    if (at < 0) {
      changes.push({ type: 'added', provider, id: model.id, canonicalId: model.canonicalId });
      canonicalIds.add(model.canonicalId);
      continue;
    }
    matched[at] = 1;
    next = Math.max(next, at + 1);
    const previous = before[at]!;
    // Most records of a refreshed list are equal to the ones before: found without serialising.
    if (sameJsonValue(previous, model)) continue;
    canonicalIds.add(previous.canonicalId);
    canonicalIds.add(model.canonicalId);
    const fields = changedFields(previous, model);
    if (fields.length > 0)
      changes.push({ type: 'changed', provider, id: model.id, canonicalId: model.canonicalId, fields });
  }
  for (let i = 0; i < before.length; i++) {
    if (matched[i] === 1) continue;
    const model = before[i]!;
    changes.push({ type: 'removed', provider, id: model.id, canonicalId: model.canonicalId });
    canonicalIds.add(model.canonicalId);
  }
  return { changes, canonicalIds };
}

/** Each native id's first position in the list. */
function positionsById(models: readonly CatalogModel[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = models.length - 1; i >= 0; i--) positions.set(models[i]!.id, i);
  return positions;
}

function changedFields(a: CatalogModel, b: CatalogModel): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CatalogModel>;
  const fields: string[] = [];
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) fields.push(key);
  }
  return fields.sort();
}
