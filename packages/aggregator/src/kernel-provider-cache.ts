import type { CacheKernel, KeyPolicyOverrides } from '@catalog/cache-kernel';
import { createHash } from 'node:crypto';
import { OperatorOverrideList, type OperatorOverride } from './operator-override.ts';
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
  const parse = (json: string | undefined) => (json ? OperatorOverrideList.parse(JSON.parse(json)) : []);
  /** Written after the list; a reload that sees it move loads the list (whatever wrote last). */
  const writeStamp = (json: string) =>
    kernel.setDocument(
      OVERRIDES_STAMP_DOCUMENT,
      JSON.stringify({ sha256: createHash('sha256').update(json).digest('base64url') }),
    );
  return {
    load: async () => parse(await kernel.getDocument(OVERRIDES_DOCUMENT)),
    async save(overrides) {
      const json = JSON.stringify(overrides);
      await kernel.setDocument(OVERRIDES_DOCUMENT, json);
      await writeStamp(json);
    },
    async update(change) {
      let written: OperatorOverride[] | undefined;
      const json = await kernel.updateDocument(OVERRIDES_DOCUMENT, (current) => {
        written = change(parse(current));
        return written ? JSON.stringify(written) : undefined;
      });
      if (!written || json === undefined) return undefined;
      await writeStamp(json);
      return written;
    },
    stamp: () => kernel.getDocument(OVERRIDES_STAMP_DOCUMENT),
  };
}
