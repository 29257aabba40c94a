import type { CatalogModel } from '@catalog/provider-contract';
import type { CatalogStats, CatalogView, MissingProvider } from './catalog-types.ts';
import { LookupIndex, type LookupMatch } from './lookup-index.ts';
import type { MergedModel } from './merged-model.ts';

/** One immutable catalog version; the lookup index and stats are built on first use. */
export class ImmutableCatalogView implements CatalogView {
  readonly version: string;
  readonly generatedAt: string;
  readonly models: readonly MergedModel[];
  readonly missing: readonly MissingProvider[];
  readonly #providerModels: ReadonlyMap<string, readonly CatalogModel[]>;
  #index: LookupIndex | undefined;
  #stats: CatalogStats | undefined;

  constructor(init: {
    version: string;
    generatedAt: string;
    models: readonly MergedModel[];
    missing: readonly MissingProvider[];
    providerModels: ReadonlyMap<string, readonly CatalogModel[]>;
  }) {
    this.version = init.version;
    this.generatedAt = init.generatedAt;
    this.models = init.models;
    this.missing = Object.freeze([...init.missing]);
    this.#providerModels = init.providerModels;
  }

  lookup(id: string): LookupMatch[] {
    this.#index ??= new LookupIndex(this.models);
    return this.#index.lookup(id);
  }

  providerModels(slug: string): readonly CatalogModel[] | undefined {
    return this.#providerModels.get(slug);
  }

  stats(): CatalogStats {
    if (!this.#stats) {
      const providers: Record<string, number> = {};
      for (const [slug, models] of [...this.#providerModels].sort(([a], [b]) => (a < b ? -1 : 1)))
        providers[slug] = models.length;
      this.#stats = Object.freeze({
        version: this.version,
        uniqueModels: this.models.length,
        offers: this.models.reduce((n, m) => n + m.offers.length, 0),
        providers: Object.freeze(providers),
      });
    }
    return this.#stats;
  }
}
