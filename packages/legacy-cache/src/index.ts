export { LegacyCacheLayer, type LegacyCacheLayerOptions, type LegacyProviderCache } from './legacy-cache-layer.ts';
export {
  DEFAULT_ROLLOUT_RELOAD_MS,
  ROLLOUT_DOCUMENT,
  RolloutSwitches,
  type RolloutMode,
  type RolloutSetting,
  type RolloutSide,
  type RolloutSource,
  type ShareOptions,
} from './rollout-switches.ts';
export {
  LegacyCacheError,
  LegacyCacheNotInstalledError,
  LegacyWarmError,
  RolloutConfigError,
} from './legacy-cache-error.ts';
export { LegacyDictStore, isEntryFresh, type LegacyCacheEntry } from './legacy-dict-store.ts';
export { DualReadComparator, modelListFingerprint } from './dual-read-comparator.ts';
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
export {
  LEGACY_FUNCTIONS,
  resetDeprecationWarnings,
  warningCode,
  type EmitWarning,
  type LegacyFunction,
} from './deprecation.ts';
