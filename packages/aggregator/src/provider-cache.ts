import type { z } from 'zod';

/** A cached value as the catalog reads it. */
export interface ProviderCacheRead<T> {
  readonly value: T;
  readonly state: 'fresh' | 'stale' | 'stale-error';
  readonly version: string;
  /** Epoch ms when the value was fetched from upstream. */
  readonly fetchedAt: number;
  readonly source: 'memory' | 'redis' | 'upstream';
}

export interface ProviderCacheStatus {
  readonly breaker: 'closed' | 'half-open' | 'open';
  readonly hitRate?: number;
  /** Epoch ms of this instance's last upstream attempt. */
  readonly lastAttemptAt?: number;
  /** Epoch ms of this instance's last fetch whose list was accepted. */
  readonly lastSuccessAt?: number;
  /** The last failure since that success: an upstream error or a rejected list. */
  readonly lastError?: { readonly message: string; readonly reason: string; readonly at: number };
}

/**
 * What the catalog needs from the cache kernel, per provider key. `kernelProviderCache` adapts
 * `@catalog/cache-kernel` to it; tests may adapt anything else.
 */
export interface ProviderCache {
  register(key: string, options: { fetch: (signal: AbortSignal) => Promise<unknown>; schema: z.ZodType }): void;
  /** The value, fetching (single-flight) when there is none; rejects when none can be had. */
  get(key: string): Promise<ProviderCacheRead<unknown>>;
  /** What is held now, without fetching (status and health). */
  peek<T = unknown>(key: string): ProviderCacheRead<T> | undefined;
  /** A request's read: never waits, counts as a hit or miss, refreshes stale values in the background. */
  readNow<T = unknown>(key: string): ProviderCacheRead<T> | undefined;
  /**
   * Fetch now (single-flight; `force` even when fresh; `ifVersion` even when fresh unless the value
   * is no longer that version, e.g. a peer refreshed it), keeping the last good value on failure.
   */
  refresh(key: string, options?: { force?: boolean; ifVersion?: string }): Promise<void>;
  invalidate(key: string): Promise<void>;
  /** The key's breaker, hit rate and outcomes as the cache saw them (a rejected list is a failure). */
  status(key: string): ProviderCacheStatus;
  /** The key's fresh TTL when it differs from the catalog's `freshTtlMs` (a per-provider policy). */
  freshTtlMs?(key: string): number | undefined;
  describeStore(): string;
  close(): Promise<void>;
}
