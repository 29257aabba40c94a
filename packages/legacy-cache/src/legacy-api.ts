import { LegacyCacheNotInstalledError } from './legacy-cache-error.ts';
import type { LegacyCacheLayer } from './legacy-cache-layer.ts';

let installed: LegacyCacheLayer | undefined;

/** Makes `layer` the one the module-level legacy functions use (call once at start-up). */
export function installLegacyCache(layer: LegacyCacheLayer | undefined): void {
  installed = layer;
}

function layer(): LegacyCacheLayer {
  if (!installed) throw new LegacyCacheNotInstalledError();
  return installed;
}

// The old module-level API, for call sites that import functions rather than an instance.
export const getModelsCache = (gateway: string) => layer().getModelsCache(gateway);
export const clearModelsCache = (gateway: string) => layer().clearModelsCache(gateway);
export const isCacheFresh = (cache: Parameters<LegacyCacheLayer['isCacheFresh']>[0]) => layer().isCacheFresh(cache);
export const isGatewayInErrorState = (gateway: string) => layer().isGatewayInErrorState(gateway);
export const setGatewayError = (gateway: string, message: string) => layer().setGatewayError(gateway, message);
export const clearGatewayError = (gateway: string) => layer().clearGatewayError(gateway);
export const modelsCache = (gateway: string) => layer().modelsCache(gateway);
export const initializeFalCacheFromCatalog = () => layer().initializeFalCacheFromCatalog();
export const initializeFeatherlessCacheFromCatalog = () => layer().initializeFeatherlessCacheFromCatalog();
export const getModelzCache = () => layer().getModelzCache();
export const clearModelzCache = () => layer().clearModelzCache();
export const modelsAggregateCache = () => layer().modelsAggregateCache();
export const providerAggregateCache = () => layer().providerAggregateCache();
export const huggingfaceCache = () => layer().huggingfaceCache();
