export { LegacyCacheLayer, type LegacyCacheLayerOptions, type LegacyProviderCache } from './legacy-cache-layer.ts';
export { RolloutSwitches, RolloutConfigError, type RolloutMode, type RolloutSetting } from './rollout-switches.ts';
export { LegacyDictStore, isEntryFresh, type LegacyCacheEntry } from './legacy-dict-store.ts';
export {
  clearGatewayError,
  clearModelsCache,
  clearModelzCache,
  getModelsCache,
  getModelzCache,
  huggingfaceCache,
  initializeFalCacheFromCatalog,
  initializeFeatherlessCacheFromCatalog,
  installLegacyCache,
  isCacheFresh,
  isGatewayInErrorState,
  modelsAggregateCache,
  modelsCache,
  providerAggregateCache,
  setGatewayError,
} from './legacy-api.ts';
export { resetDeprecationWarnings } from './deprecation.ts';
