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

/** What differs between two lists of one provider, by native id, with the changed fields named. */
export function diffProviderModels(
  provider: string,
  before: readonly CatalogModel[],
  after: readonly CatalogModel[],
): ModelChange[] {
  const old = new Map(before.map((m) => [m.id, m]));
  const changes: ModelChange[] = [];
  for (const model of after) {
    const previous = old.get(model.id);
    old.delete(model.id);
    if (!previous) {
      changes.push({ type: 'added', provider, id: model.id, canonicalId: model.canonicalId });
      continue;
    }
    // Most records of a refreshed list are equal to the ones before: found without serialising.
    if (sameJsonValue(previous, model)) continue;
    const fields = changedFields(previous, model);
    if (fields.length > 0)
      changes.push({ type: 'changed', provider, id: model.id, canonicalId: model.canonicalId, fields });
  }
  for (const model of old.values())
    changes.push({ type: 'removed', provider, id: model.id, canonicalId: model.canonicalId });
  return changes;
}

function changedFields(a: CatalogModel, b: CatalogModel): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CatalogModel>;
  const fields: string[] = [];
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) fields.push(key);
  }
  return fields.sort();
}
