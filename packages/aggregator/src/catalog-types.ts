import type { CatalogModel } from '@catalog/provider-contract';
import type { ChangesSince } from './change-feed.ts';
import type { LookupMatch } from './lookup-index.ts';
import type { MergedModel } from './merged-model.ts';
import type { OperatorOverride, OverrideInput } from './operator-override.ts';
import type { ProviderHealth } from './provider-health.ts';

/** A provider the catalog answered without, and why. */
export interface MissingProvider {
  readonly provider: string;
  readonly reason: string;
}

export interface CatalogStats {
  readonly version: string;
  readonly uniqueModels: number;
  readonly offers: number;
  readonly providers: Readonly<Record<string, number>>;
}

/** One immutable version of the catalog. */
export interface CatalogView {
  readonly version: string;
  readonly generatedAt: string;
  /** Merged models sorted by canonical id. */
  readonly models: readonly MergedModel[];
  /** Configured providers with no value in this version, and why. */
  readonly missing: readonly MissingProvider[];
  lookup(id: string): LookupMatch[];
  /** One provider's models as served (overrides applied), or undefined for an unknown slug. */
  providerModels(slug: string): readonly CatalogModel[] | undefined;
  stats(): CatalogStats;
}

export interface WarmProgress {
  readonly done: number;
  readonly total: number;
  readonly provider: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface CacheStatusReport {
  readonly store: string;
  readonly providers: readonly { provider: string; state: string; ageMs?: number; version?: string; breaker: string }[];
}

export interface Catalog {
  /** Warm every configured provider (bounded concurrency, progress) and start the background sync. */
  start(options?: { onProgress?: (progress: WarmProgress) => void }): Promise<void>;
  /** True once every configured provider has a value or has failed its first try. */
  isReady(): boolean;
  /** The current version, waiting at most `waitMs` for providers that have no value yet. */
  view(options?: { waitMs?: number }): Promise<CatalogView>;
  health(): ProviderHealth[];
  changesSince(version: string): ChangesSince;
  listOverrides(): readonly OperatorOverride[];
  setOverride(input: OverrideInput): Promise<OperatorOverride>;
  clearOverride(provider: string, modelId: string): Promise<boolean>;
  /** Invalidate one provider or all; with `cascade` the merged catalog is rebuilt at once. */
  invalidate(target: string, options?: { cascade?: boolean }): Promise<readonly string[]>;
  warm(providers?: readonly string[], onProgress?: (progress: WarmProgress) => void): Promise<WarmProgress[]>;
  cacheStatus(): CacheStatusReport;
  providerSlugs(): readonly string[];
  close(): Promise<void>;
}
