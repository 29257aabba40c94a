// Pattern 4: start-up cache initialisation.
import { getModelzCache, initializeFalCacheFromCatalog, initializeFeatherlessCacheFromCatalog } from '@catalog/legacy-cache';

export async function onStartup(): Promise<number> {
  await initializeFalCacheFromCatalog();
  await initializeFeatherlessCacheFromCatalog();
  return getModelzCache().data?.length ?? 0;
}
