import type { CatalogModel } from '@catalog/provider-contract';
import { mergeOffers } from './merge-offers.ts';
import type { MergedModel } from './merged-model.ts';

/**
 * Keeps the merged view (one entry per canonical id) up to date incrementally: when one
 * provider's list changes, only the canonical ids that provider had or has are merged again,
 * and the sorted order is patched rather than rebuilt.
 */
export class MergedCatalogBuilder {
  readonly #byProvider = new Map<string, readonly CatalogModel[]>();
  readonly #groups = new Map<string, Map<string, CatalogModel[]>>();
  readonly #merged = new Map<string, MergedModel>();
  readonly #sortedIds: string[] = [];
  #list: readonly MergedModel[] | undefined;

  /** Replaces one provider's list; returns the canonical ids whose merged entry changed. */
  setProvider(slug: string, models: readonly CatalogModel[]): Set<string> {
    const touched = new Set<string>();
    for (const old of this.#byProvider.get(slug) ?? []) {
      touched.add(old.canonicalId);
      this.#groups.get(old.canonicalId)?.delete(slug);
    }
    for (const model of models) {
      touched.add(model.canonicalId);
      let group = this.#groups.get(model.canonicalId);
      if (!group) this.#groups.set(model.canonicalId, (group = new Map()));
      let list = group.get(slug);
      if (!list) group.set(slug, (list = []));
      list.push(model);
    }
    if (models.length > 0) this.#byProvider.set(slug, models);
    else this.#byProvider.delete(slug);
    for (const id of touched) this.#remerge(id);
    this.#list = undefined;
    return touched;
  }

  removeProvider(slug: string): Set<string> {
    return this.setProvider(slug, []);
  }

  /** The merged models, sorted by canonical id. The same array is returned until a change. */
  models(): readonly MergedModel[] {
    this.#list ??= Object.freeze(this.#sortedIds.map((id) => this.#merged.get(id)!));
    return this.#list;
  }

  get(canonicalId: string): MergedModel | undefined {
    return this.#merged.get(canonicalId);
  }

  providerModels(slug: string): readonly CatalogModel[] {
    return this.#byProvider.get(slug) ?? [];
  }

  providers(): string[] {
    return [...this.#byProvider.keys()].sort();
  }

  #remerge(canonicalId: string): void {
    const group = this.#groups.get(canonicalId);
    const records = group ? [...group.values()].flat() : [];
    if (records.length === 0) {
      this.#groups.delete(canonicalId);
      if (this.#merged.delete(canonicalId)) this.#sortedIds.splice(this.#indexOf(canonicalId), 1);
      return;
    }
    if (!this.#merged.has(canonicalId)) this.#sortedIds.splice(this.#indexOf(canonicalId), 0, canonicalId);
    this.#merged.set(canonicalId, mergeOffers(canonicalId, records));
  }

  /** Binary search: the index of `id`, or where it would be inserted. */
  #indexOf(id: string): number {
    let low = 0;
    let high = this.#sortedIds.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#sortedIds[mid]! < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
