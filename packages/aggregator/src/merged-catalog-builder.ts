import type { CatalogModel } from '@catalog/provider-contract';
import { compareProviderLists } from './diff-provider-models.ts';
import { mergeOffers } from './merge-offers.ts';
import type { MergedModel } from './merged-model.ts';

/**
 * Keeps the merged view (one entry per canonical id) up to date incrementally: when one
 * provider's list changes, only the canonical ids whose records of that provider were added,
 * removed or changed are merged again (a refetched list with equal records merges nothing), and
 * the sorted order is patched rather than rebuilt. Entries not merged again keep their identity.
 */
export class MergedCatalogBuilder {
  readonly #byProvider = new Map<string, readonly CatalogModel[]>();
  readonly #groups = new Map<string, Map<string, CatalogModel[]>>();
  readonly #merged = new Map<string, MergedModel>();
  /** Canonical ids in order, and their merged entries at the same index. */
  readonly #sortedIds: string[] = [];
  readonly #sorted: MergedModel[] = [];
  #list: readonly MergedModel[] | undefined;

  /**
   * Replaces one provider's list; returns the canonical ids whose merged entry was rebuilt.
   * `touched`: the canonical ids `compareProviderLists` found between the list this builder holds
   * for the provider and `models`, when the caller has them (the lists are then not compared again).
   */
  setProvider(slug: string, models: readonly CatalogModel[], touched?: ReadonlySet<string>): ReadonlySet<string> {
    const before = this.#byProvider.get(slug) ?? [];
    touched ??= compareProviderLists(slug, before, models).canonicalIds;
    const records = new Map<string, CatalogModel[]>();
    for (const model of models) {
      if (!touched.has(model.canonicalId)) continue;
      const list = records.get(model.canonicalId);
      if (list) list.push(model);
      else records.set(model.canonicalId, [model]);
    }
    for (const canonicalId of touched) {
      let group = this.#groups.get(canonicalId);
      const list = records.get(canonicalId);
      if (list) {
        if (!group) this.#groups.set(canonicalId, (group = new Map()));
        group.set(slug, list);
      } else {
        group?.delete(slug);
      }
      this.#remerge(canonicalId);
    }
    if (models.length > 0) this.#byProvider.set(slug, models);
    else this.#byProvider.delete(slug);
    if (touched.size > 0) this.#list = undefined;
    return touched;
  }

  removeProvider(slug: string): ReadonlySet<string> {
    return this.setProvider(slug, []);
  }

  /** The merged models, sorted by canonical id. The same array is returned until a change. */
  models(): readonly MergedModel[] {
    this.#list ??= Object.freeze(this.#sorted.slice());
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
    const index = this.#indexOf(canonicalId);
    const present = this.#sortedIds[index] === canonicalId;
    if (records.length === 0) {
      this.#groups.delete(canonicalId);
      if (present) {
        this.#merged.delete(canonicalId);
        this.#sortedIds.splice(index, 1);
        this.#sorted.splice(index, 1);
      }
      return;
    }
    const merged = mergeOffers(canonicalId, records);
    this.#merged.set(canonicalId, merged);
    if (present) {
      this.#sorted[index] = merged;
    } else {
      this.#sortedIds.splice(index, 0, canonicalId);
      this.#sorted.splice(index, 0, merged);
    }
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
