import {
  CatalogModelList,
  CONTRACT_VERSION,
  ContractVersionError,
  type CatalogModel,
  type CatalogProvider,
  type Logger,
} from '@catalog/provider-contract';
import { catalogVersion } from './catalog-version.ts';
import { ImmutableCatalogView } from './catalog-view.ts';
import type { CacheStatusReport, Catalog, CatalogView, MissingProvider, WarmProgress } from './catalog-types.ts';
import { ChangeFeed, type ChangesSince } from './change-feed.ts';
import { compareProviderLists, type ModelChange } from './diff-provider-models.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';
import { applyOverrides, overrideKey, type OperatorOverride, type OverrideInput } from './operator-override.ts';
import { OverrideIndex } from './override-index.ts';
import type { OverrideListChange, OverrideRepository } from './override-repository.ts';
import { memoryOverrideRepository } from './override-repository.ts';
import {
  checkRefreshTiming,
  DEFAULT_REFRESH_JITTER,
  DEFAULT_REFRESH_LEAD,
  refreshDelay,
  type RefreshTiming,
} from './refresh-delay.ts';
import type { ProviderHealth, ProviderState } from './provider-health.ts';
import type { ProviderCache, ProviderCacheRead, ProviderCacheStatus } from './provider-cache.ts';

export interface CreateCatalogOptions {
  /** Provider instances (configured or not: unconfigured ones are reported, never called). */
  providers: readonly CatalogProvider[];
  /** The cache every provider list goes through (the kernel, adapted). */
  cache: ProviderCache;
  /** Where operator overrides are kept (default: in memory). */
  overrides?: OverrideRepository;
  /**
   * Fresh TTL used to schedule refreshes ahead of expiry (must match the cache policy; a
   * provider whose cache reports its own, `ProviderCache.freshTtlMs`, uses that).
   */
  freshTtlMs?: number;
  /**
   * Refresh this fraction of the fresh TTL before it ends (default 0.25, at most 0.5), the lead
   * spread uniformly by ±`refreshJitter` of itself (default 0.4): with the defaults each refresh
   * starts between 65 % and 85 % of the provider's fresh TTL.
   */
  refreshLead?: number;
  refreshJitter?: number;
  /**
   * How often overrides are re-read from the repository (default 5 000 ms; 0: only at start and
   * on this instance's own changes). The bound on staleness across instances sharing a store:
   * an override set or cleared on one is served by every other within this interval (plus one
   * store read). A reload reads the repository's stamp first and re-merges only the providers
   * whose overrides changed.
   */
  overridesReloadMs?: number;
  /** Default wait for cold providers in view() (default 2 000 ms). */
  requestWaitMs?: number;
  /**
   * Most providers fetched at once by a warm-up (default: all of them). Providers are different
   * upstream hosts, so a bound only delays readiness to the sum of the slowest ones' latencies;
   * set one when the providers share a constrained path (at least 1).
   */
  warmConcurrency?: number;
  changeHistory?: number;
  logger?: Logger;
  now?: () => number;
  random?: () => number;
}

interface ProviderEntry {
  readonly provider: CatalogProvider;
  readonly configured: boolean;
  /** The raw list last merged, and its cache version. */
  raw?: readonly CatalogModel[];
  rawVersion?: string;
  /** What rawVersion is made of, compared on every request without building strings. */
  sourceVersion?: string;
  /** The version of this provider's overrides merged into `served`. */
  mergedWithOverrides?: string;
  readonly timing: RefreshTiming;
  /** The list served (overrides applied). */
  served: readonly CatalogModel[];
  source?: ProviderHealth['source'];
  bundled: boolean;
  firstTry?: Promise<void>;
  firstTrySettled: boolean;
  skipped: number;
  /** The last fetch answered with no models (the old health service's zero-model event). */
  zeroModels: boolean;
  timer?: NodeJS.Timeout;
  /** The fetch time of the value the pending timer was set for (another one means someone refreshed). */
  scheduledFor?: number;
  /** The background refresh in flight (never two at once). */
  refreshing?: Promise<void>;
}

export const DEFAULT_OVERRIDES_RELOAD_MS = 5_000;

const noop = () => {};
const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * The catalog: every configured provider's list through the cache, merged by canonical id,
 * versioned by content, with operator overrides, a change feed, health and a background sync
 * that refreshes each provider before its fresh TTL ends. A request never waits on an upstream
 * longer than the bound: it gets what the catalog has, and the list of what is missing and why.
 */
export function createCatalog(options: CreateCatalogOptions): Catalog {
  const logger = options.logger ?? silent;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const cache = options.cache;
  const repository = options.overrides ?? memoryOverrideRepository();
  const freshTtlMs = options.freshTtlMs ?? 15 * 60_000;
  const lead = options.refreshLead ?? DEFAULT_REFRESH_LEAD;
  const jitter = options.refreshJitter ?? DEFAULT_REFRESH_JITTER;
  const overridesReloadMs = options.overridesReloadMs ?? DEFAULT_OVERRIDES_RELOAD_MS;
  if (!(overridesReloadMs >= 0)) throw new RangeError(`overridesReloadMs must be >= 0 (got ${overridesReloadMs})`);
  const warmConcurrency = options.warmConcurrency ?? Number.POSITIVE_INFINITY;
  if (!(warmConcurrency >= 1)) throw new RangeError(`warmConcurrency must be >= 1 (got ${warmConcurrency})`);
  const feed = new ChangeFeed(options.changeHistory);
  const builder = new MergedCatalogBuilder();
  const entries = new Map<string, ProviderEntry>();
  let overrides = new OverrideIndex();
  /** The repository's stamp of the list last loaded (undefined: reload loads the list). */
  let overridesStamp: string | undefined;
  let overridesLoaded: Promise<void> | undefined;
  let overridesTimer: NodeJS.Timeout | undefined;
  let overridesReloading = false;
  let overridesQueue: Promise<unknown> = Promise.resolve();
  let current: ImmutableCatalogView | undefined;
  /** Whether absorb() merged anything since the current view was built, and the model changes it found. */
  let mergedSinceView = false;
  let unpublished: ModelChange[] = [];
  let started = false;
  let closed = false;

  for (const provider of options.providers) {
    if (provider.contractVersion !== CONTRACT_VERSION) {
      throw new ContractVersionError(provider.slug, CONTRACT_VERSION, provider.contractVersion);
    }
    if (entries.has(provider.slug)) throw new Error(`provider "${provider.slug}" is given twice`);
    const timing: RefreshTiming = { freshTtlMs: cache.freshTtlMs?.(provider.slug) ?? freshTtlMs, lead, jitter };
    checkRefreshTiming(timing);
    const entry: ProviderEntry = {
      provider,
      timing,
      configured: provider.isConfigured(),
      served: [],
      bundled: false,
      firstTrySettled: false,
      skipped: 0,
      zeroModels: false,
    };
    entries.set(provider.slug, entry);
    if (!entry.configured) continue;
    cache.register(provider.slug, {
      schema: CatalogModelList,
      // Outcomes (last attempt, success, error, rejection) are the cache's to record: it alone
      // knows whether a fetched list was accepted.
      fetch: async (signal) => {
        const result = await provider.fetchModels({ signal, logger });
        entry.skipped = result.skipped.length;
        entry.zeroModels = result.models.length === 0;
        if (entry.zeroModels) logger.warn({ provider: provider.slug }, 'provider returned zero models');
        if (result.skipped.length > 0) {
          logger.info(
            { provider: provider.slug, skipped: result.skipped.length, example: result.skipped[0] },
            'skipped upstream entries (invalid, duplicated or not listable); the rest were kept',
          );
        }
        return result.models;
      },
    });
  }

  /** Overrides are loaded, reloaded and changed one operation at a time (a reload never undoes a change). */
  function serialOverrides<T>(task: () => Promise<T>): Promise<T> {
    const run = overridesQueue.then(task, task);
    overridesQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the overrides when the repository's stamp moved (or it has none); sync() then re-merges
   * only the providers whose overrides' version changed.
   */
  async function reloadOverrides(): Promise<void> {
    const stamp = await repository.stamp?.();
    if (stamp !== undefined && stamp === overridesStamp) return;
    overrides = new OverrideIndex(await repository.load());
    overridesStamp = stamp;
  }

  /** The first load; when it fails (an unreadable document) the catalog serves without overrides until a reload works. */
  function ensureOverrides(): Promise<void> {
    overridesLoaded ??= serialOverrides(reloadOverrides).catch((error: unknown) =>
      logger.error({ err: error }, 'operator overrides not loaded; serving without them until a reload succeeds'),
    );
    return overridesLoaded;
  }

  function reloadOverridesInBackground(): void {
    if (overridesReloading || closed) return;
    overridesReloading = true;
    void serialOverrides(async () => {
      await reloadOverrides();
      sync();
    })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'operator overrides not reloaded; serving the ones loaded before'),
      )
      .finally(() => (overridesReloading = false));
  }

  /**
   * Applies a change to the stored list, compare-and-set (a peer's concurrent change is kept: the
   * change is applied again to its list). This instance serves the result at once; the others on
   * their next reload.
   */
  async function changeOverrides(change: OverrideListChange) {
    await ensureOverrides();
    return serialOverrides(async () => {
      const next = await repository.update(change);
      if (!next) return false;
      // The stamp is left as it was: the next reload reads the list again (a peer may have written since).
      overrides = new OverrideIndex(next);
      sync();
      return true;
    });
  }

  /**
   * Merges one provider's list into the builder (what the cache holds, else its bundled list) when
   * the list or its overrides changed since it was last merged. The view is published by sync():
   * the warm-up merges each provider as its first fetch settles, so the view after the slowest one
   * has only that provider left to merge.
   */
  function absorb(slug: string, entry: ProviderEntry, read: ProviderCacheRead<readonly CatalogModel[]> | undefined) {
    let raw: readonly CatalogModel[] | undefined;
    let source: string | undefined;
    if (read) {
      raw = read.value;
      source = read.version;
      entry.source = read.source;
      entry.bundled = false;
    } else if (entry.provider.bundledModels && entry.raw === undefined) {
      raw = entry.provider.bundledModels().models;
      source = 'bundled';
      entry.source = 'bundled';
      entry.bundled = true;
    }
    const overridesVersion = overrides.versionOf(slug);
    if (raw === undefined || (source === entry.sourceVersion && overridesVersion === entry.mergedWithOverrides)) {
      return;
    }
    const served = applyOverrides(slug, raw, overrides.forProvider(slug));
    const diff = compareProviderLists(slug, entry.served, served);
    unpublished.push(...diff.changes);
    builder.setProvider(slug, served, diff.canonicalIds);
    entry.raw = raw;
    entry.sourceVersion = source;
    entry.mergedWithOverrides = overridesVersion;
    entry.rawVersion = `${source}:${overridesVersion}`;
    entry.served = served;
    mergedSinceView = true;
  }

  /**
   * Takes whatever the cache holds now into the merged catalog; returns the current view. A
   * request's sync reads through `readNow` (counted, stale values refreshed in the background);
   * background work only peeks.
   */
  function sync(forRequest = false): ImmutableCatalogView {
    for (const [slug, entry] of entries) {
      if (entry.configured) absorb(slug, entry, forRequest ? cache.readNow(slug) : cache.peek(slug));
    }
    if (!mergedSinceView && current) return current;
    mergedSinceView = false;
    const changes = unpublished;
    unpublished = [];
    // Each provider's version carries its overrides' version: overrides of others change nothing.
    const versions = new Map<string, string>();
    for (const [slug, entry] of entries) if (entry.rawVersion) versions.set(slug, entry.rawVersion);
    const version = catalogVersion(versions);
    if (current && version === current.version) return current;
    const providerModels = new Map<string, readonly CatalogModel[]>();
    for (const [slug, entry] of entries) providerModels.set(slug, entry.served);
    const next = new ImmutableCatalogView({
      version,
      generatedAt: new Date(now()).toISOString(),
      models: builder.models(),
      missing: missingProviders(),
      providerModels,
    });
    if (current) feed.record({ from: current.version, to: version, at: next.generatedAt, changes });
    current = next;
    return next;
  }

  function missingProviders(): MissingProvider[] {
    const missing: MissingProvider[] = [];
    for (const [slug, entry] of entries) {
      if (!entry.configured) {
        const auth = entry.provider.auth;
        missing.push({
          provider: slug,
          reason: `not configured: set ${'envVar' in auth ? auth.envVar : 'its API key'}`,
        });
      } else if (entry.rawVersion === undefined) {
        const { lastError } = cache.status(slug);
        missing.push({
          provider: slug,
          reason: lastError
            ? `upstream failing (${lastError.reason}): ${lastError.message}`
            : 'first fetch still in progress',
        });
      }
    }
    return missing;
  }

  function tryFirst(entry: ProviderEntry): Promise<void> {
    entry.firstTry ??= cache
      .get(entry.provider.slug)
      .then(
        () => undefined,
        (error: unknown) => {
          logger.warn(
            { provider: entry.provider.slug, err: error },
            'first fetch failed; the catalog serves without it',
          );
        },
      )
      .finally(() => {
        entry.firstTrySettled = true;
        schedule(entry);
      });
    return entry.firstTry;
  }

  /** Sets the provider's next background refresh (see refreshDelay for when). */
  function schedule(entry: ProviderEntry, failed = false): void {
    if (closed || !started) return;
    clearTimeout(entry.timer);
    const held = cache.peek(entry.provider.slug);
    entry.scheduledFor = held?.fetchedAt;
    const delay = refreshDelay(held, { timing: entry.timing, now: now(), random, failed });
    entry.timer = setTimeout(() => void refresh(entry), delay);
    entry.timer.unref();
  }

  /**
   * One provider's background refresh; never two at once (a timer firing meanwhile joins the one
   * in flight). A value still fresh is refetched (forced: it is due), unless it is not the one the
   * timer was set for (a warm-up, or a peer through the shared store, refreshed it since).
   */
  function refresh(entry: ProviderEntry): Promise<void> {
    if (entry.refreshing) return entry.refreshing;
    const run = refreshOnce(entry).then((failed) => {
      entry.refreshing = undefined;
      sync();
      schedule(entry, failed);
    });
    entry.refreshing = run;
    return run;
  }

  /** Resolves true when the refresh failed (never rejects). */
  async function refreshOnce(entry: ProviderEntry): Promise<boolean> {
    const slug = entry.provider.slug;
    try {
      const held = cache.peek(slug);
      const refreshedSince = held !== undefined && held.fetchedAt !== entry.scheduledFor;
      // Early (still fresh): fetch unless the value changed meanwhile, e.g. a peer instance refreshed it.
      if (!(refreshedSince && held.state === 'fresh')) {
        await cache.refresh(slug, held?.state === 'fresh' ? { ifVersion: held.version } : {});
      }
      return false;
    } catch (error) {
      logger.warn({ provider: slug, err: error }, 'background refresh failed; serving the last good list');
      return true;
    }
  }

  async function warm(slugs?: readonly string[], onProgress?: (p: WarmProgress) => void): Promise<WarmProgress[]> {
    const targets = [...entries.values()].filter((e) => e.configured && (!slugs || slugs.includes(e.provider.slug)));
    const results: WarmProgress[] = [];
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const entry = targets[next++]!;
        let progress: WarmProgress;
        try {
          if (entry.firstTrySettled) await cache.refresh(entry.provider.slug, { force: true });
          else await tryFirst(entry);
          // Merged now, while slower providers are still being fetched (the view is built at the end).
          absorb(entry.provider.slug, entry, cache.peek(entry.provider.slug));
          const ok = cache.peek(entry.provider.slug) !== undefined;
          progress = {
            done: results.length + 1,
            total: targets.length,
            provider: entry.provider.slug,
            ok,
            ...(ok ? {} : { error: cache.status(entry.provider.slug).lastError?.message ?? 'no value' }),
          };
        } catch (error) {
          progress = {
            done: results.length + 1,
            total: targets.length,
            provider: entry.provider.slug,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        results.push(progress);
        onProgress?.(progress);
      }
    };
    await Promise.all(Array.from({ length: Math.min(warmConcurrency, targets.length) }, worker));
    sync();
    return results;
  }

  function stateOf(entry: ProviderEntry, read: ProviderCacheRead<unknown> | undefined): ProviderState {
    if (!entry.configured) return 'not-configured';
    if (read) return read.state;
    return entry.bundled ? 'bundled' : 'missing';
  }

  /** This instance's last accepted fetch, or a peer's (the fetch time of the value held), the later. */
  function lastSuccess(status: ProviderCacheStatus | undefined, read: ProviderCacheRead<unknown> | undefined) {
    const times = [status?.lastSuccessAt, read?.fetchedAt].filter((t): t is number => t !== undefined);
    return times.length > 0 ? Math.max(...times) : undefined;
  }

  const catalog: Catalog = {
    async start(startOptions = {}) {
      if (started) return;
      started = true;
      await ensureOverrides();
      if (overridesReloadMs > 0) {
        overridesTimer = setInterval(reloadOverridesInBackground, overridesReloadMs);
        overridesTimer.unref();
      }
      await warm(undefined, startOptions.onProgress);
      for (const entry of entries.values()) if (entry.configured) schedule(entry);
    },

    isReady() {
      return [...entries.values()].every((e) => !e.configured || e.firstTrySettled);
    },

    async view(viewOptions = {}) {
      await ensureOverrides();
      const pending = [...entries.values()].filter((e) => e.configured && !e.firstTrySettled).map(tryFirst);
      if (pending.length > 0) {
        const waitMs = viewOptions.waitMs ?? options.requestWaitMs ?? 2_000;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(pending),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, waitMs);
          }),
        ]);
        clearTimeout(timer);
      }
      return sync(true);
    },

    health() {
      return [...entries.values()].map((entry): ProviderHealth => {
        const slug = entry.provider.slug;
        const read = entry.configured ? cache.peek(slug) : undefined;
        const status = entry.configured ? cache.status(slug) : undefined;
        const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
        const successAt = lastSuccess(status, read);
        return {
          provider: slug,
          displayName: entry.provider.displayName,
          tier: entry.provider.tier,
          configured: entry.configured,
          state: stateOf(entry, read),
          modelCount: entry.served.length,
          skippedCount: entry.skipped,
          zeroModels: entry.zeroModels,
          ...(read ? { ageMs: Math.max(0, now() - read.fetchedAt), fetchedAt: iso(read.fetchedAt)! } : {}),
          // A peer instance's fetch (through the shared store) counts as a success too.
          ...(successAt !== undefined ? { lastSuccessAt: iso(successAt)! } : {}),
          ...(status?.lastAttemptAt !== undefined ? { lastAttemptAt: iso(status.lastAttemptAt)! } : {}),
          ...(status?.lastError ? { lastError: { ...status.lastError, at: iso(status.lastError.at)! } } : {}),
          breaker: status?.breaker ?? 'closed',
          ...(status?.hitRate !== undefined ? { hitRate: status.hitRate } : {}),
          ...(entry.source ? { source: entry.source } : {}),
        };
      });
    },

    changesSince(version: string): ChangesSince {
      const view = sync();
      return feed.since(version, view.version);
    },

    listOverrides() {
      return overrides.list();
    },

    async setOverride(input: OverrideInput) {
      const override: OperatorOverride = { ...input, updatedAt: new Date(now()).toISOString() };
      const key = overrideKey(input.provider, input.modelId);
      await changeOverrides((list) => [...list.filter((o) => overrideKey(o.provider, o.modelId) !== key), override]);
      return override;
    },

    clearOverride(provider, modelId) {
      const key = overrideKey(provider, modelId);
      return changeOverrides((list) => {
        const kept = list.filter((o) => overrideKey(o.provider, o.modelId) !== key);
        return kept.length === list.length ? undefined : kept;
      });
    },

    async invalidate(target, invalidateOptions = {}) {
      const slugs = target === 'all' ? [...entries.keys()].filter((s) => entries.get(s)!.configured) : [target];
      for (const slug of slugs) {
        const entry = entries.get(slug);
        if (!entry?.configured) continue;
        await cache.invalidate(slug);
        schedule(entry);
      }
      // The merged catalog keeps serving the previous lists until new ones arrive (nothing good is
      // lost); with cascade they are refetched now and the merged catalog rebuilt at once.
      if (invalidateOptions.cascade !== false) await warm(slugs);
      return slugs;
    },

    warm,

    cacheStatus(): CacheStatusReport {
      return {
        store: cache.describeStore(),
        providers: [...entries.values()]
          .filter((e) => e.configured)
          .map((entry) => {
            const read = cache.peek(entry.provider.slug);
            return {
              provider: entry.provider.slug,
              state: stateOf(entry, read),
              ...(read ? { ageMs: Math.max(0, now() - read.fetchedAt), version: read.version } : {}),
              breaker: cache.status(entry.provider.slug).breaker,
            };
          }),
      };
    },

    providerSlugs() {
      return [...entries.keys()];
    },

    async close() {
      closed = true;
      clearInterval(overridesTimer);
      for (const entry of entries.values()) clearTimeout(entry.timer);
      await cache.close();
    },
  };
  return catalog;
}

export type { CatalogView };
