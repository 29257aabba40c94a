import type { CacheKernel, KeyPolicyOverrides } from '@catalog/cache-kernel';
import { OperatorOverrideList } from './operator-override.ts';
import type { OverrideRepository } from './override-repository.ts';
import type { ProviderCache, ProviderCacheRead } from './provider-cache.ts';

/** The cache kernel as the catalog's ProviderCache: one kernel key per provider slug. */
export function kernelProviderCache(
  kernel: CacheKernel,
  options: { policy?: (slug: string) => KeyPolicyOverrides | undefined } = {},
): ProviderCache {
  return {
    register(key, { fetch, schema }) {
      const policy = options.policy?.(key);
      kernel.register(key, { fetch, schema, ...(policy ? { policy } : {}) });
    },
    get: (key) => kernel.get(key),
    peek: <T>(key: string) => kernel.peek<T>(key) as ProviderCacheRead<T> | undefined,
    readNow: <T>(key: string) => kernel.readNow<T>(key) as ProviderCacheRead<T> | undefined,
    async refresh(key, refreshOptions) {
      await kernel.refresh(key, refreshOptions);
    },
    invalidate: (key) => kernel.invalidate(key),
    status(key) {
      const { breaker, hitRate, lastAttemptAt, lastSuccessAt, lastError } = kernel.status(key);
      return {
        breaker,
        ...(hitRate !== undefined ? { hitRate } : {}),
        ...(lastAttemptAt !== undefined ? { lastAttemptAt } : {}),
        ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
        ...(lastError ? { lastError } : {}),
      };
    },
    describeStore: () => kernel.storeKind,
    close: () => kernel.close(),
  };
}

const OVERRIDES_DOCUMENT = 'operator-overrides';

/** Operator overrides kept in the kernel's store: shared by every instance on the same Redis. */
export function kernelOverrideRepository(kernel: CacheKernel): OverrideRepository {
  return {
    async load() {
      const json = await kernel.getDocument(OVERRIDES_DOCUMENT);
      return json ? OperatorOverrideList.parse(JSON.parse(json)) : [];
    },
    async save(overrides) {
      await kernel.setDocument(OVERRIDES_DOCUMENT, JSON.stringify(overrides));
    },
  };
}
