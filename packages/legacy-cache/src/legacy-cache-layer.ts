import type { CacheKernel } from '@catalog/cache-kernel';
import { Counter } from 'prom-client';
import { DeprecationTracker } from './deprecation.ts';
import { isEntryFresh, LegacyDictStore, type LegacyCacheEntry } from './legacy-dict-store.ts';
import type { RolloutSwitches } from './rollout-switches.ts';

/** A per-provider cache object of the old API (`_xxx_models_cache`): `data` and `timestamp` read and write through. */
export interface LegacyProviderCache {
  data: unknown[] | null;
  timestamp: Date | null;
  readonly ttl: number;
  readonly stale_ttl: number;
}

export interface LegacyCacheLayerOptions {
  kernel: CacheKernel;
  rollout: RolloutSwitches;
  now?: () => number;
  /** How deprecation warnings are emitted (default process.emitWarning, once per function per process). */
  emitWarning?: (message: string, options: { type: string; code: string }) => void;
}

/**
 * Phase 1's compatibility layer: the old cache API, delegating per provider to the legacy dict,
 * the kernel, or both (dual: writes to both, reads from the chosen side and compares, counting
 * mismatches in cache_dual_read_mismatch_total{provider}).
 */
export class LegacyCacheLayer {
  readonly #kernel: CacheKernel;
  readonly #rollout: RolloutSwitches;
  readonly #dict = new LegacyDictStore();
  readonly #deprecation: DeprecationTracker;
  readonly #mismatches: Counter<'provider'>;
  readonly #now: () => number;

  constructor(options: LegacyCacheLayerOptions) {
    this.#kernel = options.kernel;
    this.#rollout = options.rollout;
    this.#now = options.now ?? Date.now;
    this.#deprecation = new DeprecationTracker(options.kernel.registry, options.emitWarning);
    this.#mismatches =
      (options.kernel.registry.getSingleMetric('cache_dual_read_mismatch_total') as Counter<'provider'> | undefined) ??
      new Counter({
        name: 'cache_dual_read_mismatch_total',
        help: 'Dual-mode reads where the legacy cache and the kernel disagreed',
        labelNames: ['provider'],
        registers: [options.kernel.registry],
      });
  }

  get rollout(): RolloutSwitches {
    return this.#rollout;
  }

  /** get_models_cache(gateway): the provider's cache dict. */
  getModelsCache(gateway: string): LegacyCacheEntry {
    this.#deprecation.called('getModelsCache', 'use kernel.get(gateway) / kernel.peek(gateway)');
    return this.#read(gateway);
  }

  /** clear_models_cache(gateway). */
  async clearModelsCache(gateway: string): Promise<void> {
    this.#deprecation.called('clearModelsCache', 'use kernel.invalidate(gateway)');
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.clear(gateway);
    if (mode !== 'legacy') await this.#kernel.invalidate(gateway);
  }

  /** is_cache_fresh(cache): data present and younger than its ttl. */
  isCacheFresh(cache: Pick<LegacyCacheEntry, 'data' | 'timestamp' | 'ttl'>): boolean {
    this.#deprecation.called('isCacheFresh', "use the read's state (kernel.get(gateway).state === 'fresh')");
    return isEntryFresh(cache, this.#now());
  }

  /** is_gateway_in_error_state(gateway): the old backoff flag, or the kernel's breaker. */
  isGatewayInErrorState(gateway: string): boolean {
    this.#deprecation.called(
      'isGatewayInErrorState',
      'the kernel circuit breaker decides (kernel.status(gateway).breaker)',
    );
    const { mode, readFrom } = this.#rollout.get(gateway);
    const legacy = () => this.#dict.inErrorState(gateway, this.#now());
    const kernel = () => this.#kernel.isFailing(gateway);
    if (mode === 'legacy') return legacy();
    if (mode === 'kernel') return kernel();
    const [a, b] = [legacy(), kernel()];
    if (a !== b) this.#mismatches.inc({ provider: gateway });
    return readFrom === 'legacy' ? a : b;
  }

  /** set_gateway_error(gateway, message): records a failure (on the breaker in kernel mode). */
  async setGatewayError(gateway: string, message: string): Promise<void> {
    this.#deprecation.called('setGatewayError', 'failures are recorded by the kernel');
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.setError(gateway, message, this.#now());
    if (mode !== 'legacy') await this.#kernel.recordFailure(gateway, new Error(message));
  }

  /** clear_gateway_error(gateway): records a success. */
  async clearGatewayError(gateway: string): Promise<void> {
    this.#deprecation.called('clearGatewayError', 'successes are recorded by the kernel');
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.clearError(gateway);
    if (mode !== 'legacy') await this.#kernel.recordSuccess(gateway);
  }

  /** The `_xxx_models_cache` object: reads and writes go through the rollout switch. */
  modelsCache(gateway: string): LegacyProviderCache {
    const layer = this;
    return {
      get data() {
        layer.#deprecation.called('modelsCache.data', 'use kernel.peek(gateway)?.value');
        return layer.#read(gateway).data;
      },
      set data(models: unknown[] | null) {
        layer.#deprecation.called('modelsCache.data=', 'the kernel stores what it fetches (kernel.set for migrations)');
        layer.#write(gateway, models);
      },
      get timestamp() {
        return layer.#read(gateway).timestamp;
      },
      set timestamp(value: Date | null) {
        layer.#deprecation.called('modelsCache.timestamp=', 'timestamps are managed by the kernel');
        layer.#dict.entry(gateway).timestamp = value;
      },
      get ttl() {
        return layer.#read(gateway).ttl;
      },
      get stale_ttl() {
        return layer.#read(gateway).stale_ttl;
      },
    };
  }

  /** initialize_fal_cache_from_catalog(): now a warm-up of fal. */
  initializeFalCacheFromCatalog(): Promise<void> {
    this.#deprecation.called('initializeFalCacheFromCatalog', "use kernel.warm(['fal'])");
    return this.#warmInto('fal');
  }

  /** initialize_featherless_cache_from_catalog(): now a warm-up of featherless. */
  initializeFeatherlessCacheFromCatalog(): Promise<void> {
    this.#deprecation.called('initializeFeatherlessCacheFromCatalog', "use kernel.warm(['featherless'])");
    return this.#warmInto('featherless');
  }

  /** get_modelz_cache(). */
  getModelzCache(): LegacyCacheEntry {
    this.#deprecation.called('getModelzCache', "use kernel.peek('modelz')");
    return this.#read('modelz');
  }

  /** clear_modelz_cache(). */
  clearModelzCache(): Promise<void> {
    this.#deprecation.called('clearModelzCache', "use kernel.invalidate('modelz')");
    return this.clearModelsCache('modelz');
  }

  /** `_models_cache`: every provider's models, as the admin and system code read them. */
  modelsAggregateCache(): { data: unknown[]; timestamp: Date | null } {
    this.#deprecation.called('modelsAggregateCache', 'use the aggregator (catalog.view())');
    let newest = 0;
    const data: unknown[] = [];
    for (const key of this.#kernel.keys()) {
      const entry = this.#read(key);
      if (entry.data) data.push(...entry.data);
      if (entry.timestamp) newest = Math.max(newest, entry.timestamp.getTime());
    }
    return { data, timestamp: newest ? new Date(newest) : null };
  }

  /** `_provider_cache`: the providers and how many models each holds. */
  providerAggregateCache(): { data: { provider: string; models: number; timestamp: Date | null }[] } {
    this.#deprecation.called('providerAggregateCache', 'use the aggregator (catalog.health())');
    return {
      data: this.#kernel.keys().map((provider) => {
        const entry = this.#read(provider);
        return { provider, models: entry.data?.length ?? 0, timestamp: entry.timestamp };
      }),
    };
  }

  /** `_huggingface_cache`. */
  huggingfaceCache(): LegacyCacheEntry {
    this.#deprecation.called('huggingfaceCache', "use kernel.peek('huggingface')");
    return this.#read('huggingface');
  }

  #kernelEntry(gateway: string): LegacyCacheEntry {
    const read = this.#kernel.peek<unknown[]>(gateway);
    return {
      data: read ? [...read.value] : null,
      timestamp: read ? new Date(read.fetchedAt) : null,
      ttl: 3600,
      stale_ttl: 7200,
    };
  }

  #read(gateway: string): LegacyCacheEntry {
    const { mode, readFrom } = this.#rollout.get(gateway);
    if (mode === 'legacy') return this.#dict.entry(gateway);
    if (mode === 'kernel') return this.#kernelEntry(gateway);
    const legacy = this.#dict.entry(gateway);
    const kernel = this.#kernelEntry(gateway);
    if (JSON.stringify(legacy.data) !== JSON.stringify(kernel.data)) this.#mismatches.inc({ provider: gateway });
    return readFrom === 'legacy' ? legacy : kernel;
  }

  #write(gateway: string, models: unknown[] | null): void {
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') {
      const entry = this.#dict.entry(gateway);
      entry.data = models;
      entry.timestamp = models === null ? null : new Date(this.#now());
    }
    if (mode !== 'legacy') {
      if (models === null) void this.#kernel.invalidate(gateway);
      else this.#kernel.set(gateway, models);
    }
  }

  async #warmInto(gateway: string): Promise<void> {
    const [result] = await this.#kernel.warm([gateway]);
    if (!result?.ok)
      throw new Error(
        `warming ${gateway} failed: ${String((result?.error as Error | undefined)?.message ?? result?.error)}`,
      );
    if (this.#rollout.get(gateway).mode !== 'kernel') {
      const entry = this.#dict.entry(gateway);
      entry.data = this.#kernelEntry(gateway).data;
      entry.timestamp = new Date(this.#now());
    }
  }
}
