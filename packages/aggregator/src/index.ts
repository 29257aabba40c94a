export { createCatalog, DEFAULT_OVERRIDES_RELOAD_MS, type CreateCatalogOptions } from './create-catalog.ts';
export type {
  CacheStatusReport,
  Catalog,
  CatalogStats,
  CatalogView,
  MissingProvider,
  WarmProgress,
} from './catalog-types.ts';
export type { ProviderCache, ProviderCacheRead, ProviderCacheStatus } from './provider-cache.ts';
export type { MergedModel, Offer } from './merged-model.ts';
export { MergedCatalogBuilder } from './merged-catalog-builder.ts';
export { mergeOffers, compareOffers } from './merge-offers.ts';
export { Capability, CatalogQuery, SortKey, type ParsedCatalogQuery } from './catalog-query.ts';
export { queryCatalog, InvalidCursorError, type QueryPage } from './query-catalog.ts';
export { LookupIndex, type LookupMatch, type MatchKind } from './lookup-index.ts';
export { ChangeFeed, type CatalogVersionChange, type ChangesSince } from './change-feed.ts';
export { diffProviderModels, type ModelChange } from './diff-provider-models.ts';
export {
  applyOverrides,
  OperatorOverride,
  OperatorOverrideList,
  OverrideInput,
  overrideKey,
} from './operator-override.ts';
export { memoryOverrideRepository, type OverrideListChange, type OverrideRepository } from './override-repository.ts';
export type { ProviderHealth, ProviderState } from './provider-health.ts';
export { catalogVersion } from './catalog-version.ts';
export { compareDecimal } from '@catalog/provider-utils';
export { kernelProviderCache, kernelOverrideRepository } from './kernel-provider-cache.ts';
