import type { CacheKernel, KeyPolicyOverrides } from '@catalog/cache-kernel';
import { createHash } from 'node:crypto';
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
    freshTtlMs: (key) => options.policy?.(key)?.freshTtlMs,
    describeStore: () => kernel.storeKind,
    close: () => kernel.close(),
  };
}

const OVERRIDES_DOCUMENT = 'operator-overrides';
const OVERRIDES_STAMP_DOCUMENT = 'operator-overrides.stamp';

/**
 * Operator overrides kept in the kernel's store: shared by every instance on the same Redis. Next
 * to the list a small stamp document (the list's content hash, written after it) lets every
 * instance's periodic reload tell "unchanged" from one tiny read.
 */
export function kernelOverrideRepository(kernel: CacheKernel): OverrideRepository {
  return {
    async load() {
      const json = await kernel.getDocument(OVERRIDES_DOCUMENT);
      return json ? OperatorOverrideList.parse(JSON.parse(json)) : [];
    },
    async save(overrides) {
      const json = JSON.stringify(overrides);
      await kernel.setDocument(OVERRIDES_DOCUMENT, json);
      const stamp = createHash('sha256').update(json).digest('base64url');
      await kernel.setDocument(OVERRIDES_STAMP_DOCUMENT, JSON.stringify({ sha256: stamp }));
    },
    stamp: () => kernel.getDocument(OVERRIDES_STAMP_DOCUMENT),
  };
}
