import type { ProviderTier } from '@catalog/provider-contract';

export type ProviderState = 'fresh' | 'stale' | 'stale-error' | 'bundled' | 'missing' | 'not-configured';

/** What the health route and dashboard show per provider. */
export interface ProviderHealth {
  readonly provider: string;
  readonly displayName: string;
  readonly tier: ProviderTier;
  readonly configured: boolean;
  readonly state: ProviderState;
  readonly modelCount: number;
  /** Upstream entries skipped by validation in the last successful fetch. */
  readonly skippedCount: number;
  /** A successful fetch returned no models (the old health service's zero-model event). */
  readonly zeroModels: boolean;
  readonly ageMs?: number;
  readonly fetchedAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastAttemptAt?: string;
  readonly lastError?: { readonly message: string; readonly reason: string; readonly at: string };
  readonly breaker: 'closed' | 'half-open' | 'open';
  readonly hitRate?: number;
  readonly source?: 'memory' | 'redis' | 'upstream' | 'bundled';
}
