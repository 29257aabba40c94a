import {
  DEFAULT_KEY_POLICY,
  resolvePolicy,
  type CacheKernel,
  type CacheRead,
  type KeyPolicy,
  type KeyPolicyOverrides,
} from '@catalog/cache-kernel';
import { Counter } from 'prom-client';
import { DeprecationTracker, type EmitWarning, type LegacyFunction } from './deprecation.ts';
import { DualReadComparator } from './dual-read-comparator.ts';
import { LegacyWarmError } from './legacy-cache-error.ts';
import { isEntryFresh, LegacyDictStore, type LegacyCacheEntry } from './legacy-dict-store.ts';
import type { RolloutSide, RolloutSwitches } from './rollout-switches.ts';

/** A per-provider cache object of the old API (`_xxx_models_cache`): every field reads and writes through. */
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
  /** How deprecation warnings are emitted (default process.emitWarning, once per access per process). */
  emitWarning?: EmitWarning;
  /**
   * The policy defaults the kernel was built with (CacheKernelOptions.defaults) and the per-provider
   * overrides it registered, so `ttl` and `stale_ttl` of a kernel entry are that provider's real TTLs.
   * Freshness itself (`isCacheFresh`) is always the kernel's own read state.
   */
  policyDefaults?: KeyPolicyOverrides;
  policy?: (gateway: string) => KeyPolicyOverrides | undefined;
}

/** Where an object the layer handed out came from, so isCacheFresh can ask the right side. */
interface Origin {
  gateway: string;
  /** For a snapshot of a kernel value: its fetchedAt (a newer value makes the snapshot not fresh). */
  fetchedAt?: number;
}

/**
 * Phase 1's compatibility layer: the old cache API, delegating per provider to the legacy dict,
 * the kernel, or both (dual: writes to both, reads from the chosen side and compares the model
 * lists, counting divergences in cache_dual_read_mismatch_total{provider}).
 */
export class LegacyCacheLayer {
  readonly #kernel: CacheKernel;
  readonly #rollout: RolloutSwitches;
  readonly #dict = new LegacyDictStore();
  readonly #deprecation: DeprecationTracker;
  readonly #dual: DualReadComparator;
  readonly #now: () => number;
  readonly #policyDefaults: KeyPolicy;
  readonly #policy: (gateway: string) => KeyPolicyOverrides | undefined;
  readonly #origins = new WeakMap<object, Origin>();

  constructor(options: LegacyCacheLayerOptions) {
    this.#kernel = options.kernel;
    this.#rollout = options.rollout;
    this.#now = options.now ?? Date.now;
    this.#deprecation = new DeprecationTracker(options.kernel.registry, options.emitWarning);
    this.#policyDefaults = resolvePolicy(DEFAULT_KEY_POLICY, options.policyDefaults);
    this.#policy = options.policy ?? (() => undefined);
    const registry = options.kernel.registry;
    this.#dual = new DualReadComparator(
      (registry.getSingleMetric('cache_dual_read_mismatch_total') as Counter<'provider'> | undefined) ??
        new Counter({
          name: 'cache_dual_read_mismatch_total',
          help: 'Dual-mode divergences: distinct pairs of differing model lists seen by reads (legacy dict vs kernel)',
          labelNames: ['provider'],
          registers: [registry],
        }),
    );
  }

  get rollout(): RolloutSwitches {
    return this.#rollout;
  }

  /** get_models_cache(gateway): the provider's cache dict (legacy side: the dict itself; kernel side: a snapshot). */
  getModelsCache(gateway: string): LegacyCacheEntry {
    this.#called('getModelsCache');
    return this.#read(gateway);
  }

  /** clear_models_cache(gateway). */
  async clearModelsCache(gateway: string): Promise<void> {
    this.#called('clearModelsCache');
    await this.#clear(gateway);
  }

  /**
   * is_cache_fresh(cache). For an object this layer handed out, the side that answers for its
   * provider decides: the kernel by its own read state (its real fresh TTL for that provider,
   * jitter included), the legacy dict by the old rule. Any other object: the old rule (data present
   * and younger than its `ttl` seconds).
   */
  isCacheFresh(cache: Pick<LegacyCacheEntry, 'data' | 'timestamp' | 'ttl'>): boolean {
    this.#called('isCacheFresh');
    const origin = this.#origins.get(cache);
    if (!origin) return isEntryFresh(cache, this.#now());
    if (this.#side(origin.gateway) === 'legacy') {
      return isEntryFresh(origin.fetchedAt === undefined ? this.#dict.entry(origin.gateway) : cache, this.#now());
    }
    const read = this.#kernel.peek(origin.gateway);
    return read?.state === 'fresh' && (origin.fetchedAt === undefined || origin.fetchedAt === read.fetchedAt);
  }

  /**
   * is_gateway_in_error_state(gateway): the old backoff flag, or the kernel's breaker (not
   * closed). In dual mode the read side answers and nothing is counted as a mismatch: the two are
   * different policies by design (the backoff trips on the first failure, the breaker after its
   * threshold of consecutive failures), so their disagreement is expected, not divergent data.
   */
  isGatewayInErrorState(gateway: string): boolean {
    this.#called('isGatewayInErrorState');
    return this.#side(gateway) === 'legacy'
      ? this.#dict.inErrorState(gateway, this.#now())
      : this.#kernel.isFailing(gateway);
  }

  /** set_gateway_error(gateway, message): records a failure (the backoff and/or the breaker). */
  async setGatewayError(gateway: string, message: string): Promise<void> {
    this.#called('setGatewayError');
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.setError(gateway, message, this.#now());
    if (mode !== 'legacy') await this.#kernel.recordFailure(gateway, new Error(message));
  }

  /** clear_gateway_error(gateway): records a success (clears the backoff; closes a half-open breaker). */
  async clearGatewayError(gateway: string): Promise<void> {
    this.#called('clearGatewayError');
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.clearError(gateway);
    if (mode !== 'legacy') await this.#kernel.recordSuccess(gateway);
  }

  /** The `_xxx_models_cache` object: every field access is counted and goes through the rollout switch. */
  modelsCache(gateway: string): LegacyProviderCache {
    const layer = this;
    const cache: LegacyProviderCache = {
      get data() {
        layer.#called('modelsCache.data.read');
        return layer.#read(gateway).data;
      },
      set data(models: unknown[] | null) {
        layer.#called('modelsCache.data.write');
        layer.#write(gateway, models);
      },
      get timestamp() {
        layer.#called('modelsCache.timestamp.read');
        return layer.#read(gateway).timestamp;
      },
      set timestamp(value: Date | null) {
        layer.#called('modelsCache.timestamp.write');
        // The kernel keeps its own fetchedAt; only the legacy dict has a timestamp to set.
        if (layer.#rollout.get(gateway).mode !== 'kernel') layer.#dict.entry(gateway).timestamp = value;
      },
      get ttl() {
        layer.#called('modelsCache.ttl.read');
        return layer.#read(gateway).ttl;
      },
      get stale_ttl() {
        layer.#called('modelsCache.stale_ttl.read');
        return layer.#read(gateway).stale_ttl;
      },
    };
    this.#origins.set(cache, { gateway });
    return cache;
  }

  /** initialize_fal_cache_from_catalog(): now a warm-up of fal. */
  initializeFalCacheFromCatalog(): Promise<void> {
    this.#called('initializeFalCacheFromCatalog');
    return this.#warmInto('fal');
  }

  /** initialize_featherless_cache_from_catalog(): now a warm-up of featherless. */
  initializeFeatherlessCacheFromCatalog(): Promise<void> {
    this.#called('initializeFeatherlessCacheFromCatalog');
    return this.#warmInto('featherless');
  }

  /** get_modelz_cache(). */
  getModelzCache(): LegacyCacheEntry {
    this.#called('getModelzCache');
    return this.#read('modelz');
  }

  /** clear_modelz_cache(). */
  async clearModelzCache(): Promise<void> {
    this.#called('clearModelzCache');
    await this.#clear('modelz');
  }

  /** `_models_cache`: every provider's models, as the admin and system code read them. */
  modelsAggregateCache(): { data: unknown[]; timestamp: Date | null } {
    this.#called('modelsAggregateCache');
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
    this.#called('providerAggregateCache');
    return {
      data: this.#kernel.keys().map((provider) => {
        const entry = this.#read(provider);
        return { provider, models: entry.data?.length ?? 0, timestamp: entry.timestamp };
      }),
    };
  }

  /** `_huggingface_cache`. */
  huggingfaceCache(): LegacyCacheEntry {
    this.#called('huggingfaceCache');
    return this.#read('huggingface');
  }

  #called(fn: LegacyFunction): void {
    this.#deprecation.called(fn);
  }

  /** The side that answers reads of `gateway` now. */
  #side(gateway: string): RolloutSide {
    const { mode, readFrom } = this.#rollout.get(gateway);
    return mode === 'dual' ? readFrom : mode;
  }

  #kernelEntry(gateway: string, read: CacheRead<unknown[]> | undefined): LegacyCacheEntry {
    // The old fields in seconds: ttl is the fresh TTL, stale_ttl the age up to which stale is served.
    const policy = resolvePolicy(this.#policyDefaults, this.#policy(gateway));
    const entry: LegacyCacheEntry = {
      data: read ? [...read.value] : null,
      timestamp: read ? new Date(read.fetchedAt) : null,
      ttl: policy.freshTtlMs / 1000,
      stale_ttl: (policy.freshTtlMs + policy.staleTtlMs) / 1000,
    };
    // An empty snapshot is never fresh: NaN equals no fetchedAt.
    this.#origins.set(entry, { gateway, fetchedAt: read?.fetchedAt ?? Number.NaN });
    return entry;
  }

  #read(gateway: string): LegacyCacheEntry {
    const { mode, readFrom } = this.#rollout.get(gateway);
    if (mode === 'legacy') return this.#legacyEntry(gateway);
    const kernelRead = this.#kernel.peek<unknown[]>(gateway);
    if (mode === 'kernel') return this.#kernelEntry(gateway, kernelRead);
    const legacy = this.#legacyEntry(gateway);
    this.#dual.compare(gateway, legacy.data, kernelRead);
    return readFrom === 'legacy' ? legacy : this.#kernelEntry(gateway, kernelRead);
  }

  #legacyEntry(gateway: string): LegacyCacheEntry {
    const entry = this.#dict.entry(gateway);
    this.#origins.set(entry, { gateway });
    return entry;
  }

  /**
   * A write of the models list. Kernel side: kernel.set (validated, last-good protected; a refusal
   * throws in kernel mode). Dual mode: a list the kernel accepts is kept on both sides as the kernel
   * stored it, so both start equal and a later mismatch is real divergence; a list it refuses stays
   * on the legacy side only (no throw: the old code expects writes to succeed) and shows as a mismatch.
   */
  #write(gateway: string, models: unknown[] | null): void {
    const { mode } = this.#rollout.get(gateway);
    let stored = models;
    if (mode !== 'legacy') {
      if (models === null) this.#invalidateInBackground(gateway);
      else {
        try {
          stored = [...this.#kernel.set<unknown[]>(gateway, models).value];
        } catch (error) {
          if (mode === 'kernel') throw error;
        }
      }
    }
    if (mode !== 'kernel') this.#dict.write(gateway, stored, models === null ? null : new Date(this.#now()));
  }

  async #clear(gateway: string): Promise<void> {
    const { mode } = this.#rollout.get(gateway);
    if (mode !== 'kernel') this.#dict.clear(gateway);
    if (mode !== 'legacy') await this.#kernel.invalidate(gateway);
  }

  #invalidateInBackground(gateway: string): void {
    this.#kernel.invalidate(gateway).catch((error: unknown) => {
      this.#kernel.events.emit('store-error', { key: gateway, operation: 'legacy-invalidate', error });
    });
  }

  async #warmInto(gateway: string): Promise<void> {
    const [result] = await this.#kernel.warm([gateway]);
    if (!result?.ok) throw new LegacyWarmError(gateway, result?.error);
    if (this.#rollout.get(gateway).mode !== 'kernel') {
      this.#dict.write(gateway, this.#kernelEntry(gateway, this.#kernel.peek(gateway)).data, new Date(this.#now()));
    }
  }
}
