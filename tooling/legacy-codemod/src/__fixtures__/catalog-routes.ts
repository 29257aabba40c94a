// Pattern 3 and 5: cache management and legacy aggregate access in routes.
import { clearModelsCache, getModelsCache, isCacheFresh, modelsAggregateCache } from '@catalog/legacy-cache';

export async function refreshGateway(gateway: string): Promise<void> {
  await clearModelsCache(gateway);
}

export function gatewayStatus(gateway: string) {
  const fresh = isCacheFresh(getModelsCache(gateway));
  const cache = getModelsCache(gateway);
  return { fresh, count: cache.data?.length ?? 0 };
}

export function adminOverview() {
  return modelsAggregateCache().data.length;
}
