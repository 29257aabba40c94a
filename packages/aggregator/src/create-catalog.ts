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
import { diffProviderModels } from './diff-provider-models.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';
import { applyOverrides, overrideKey, type OperatorOverride, type OverrideInput } from './operator-override.ts';
import type { OverrideRepository } from './override-repository.ts';
import { memoryOverrideRepository } from './override-repository.ts';
import type { ProviderHealth, ProviderState } from './provider-health.ts';
import type { ProviderCache, ProviderCacheRead, ProviderCacheStatus } from './provider-cache.ts';

export interface CreateCatalogOptions {
  /** Provider instances (configured or not: unconfigured ones are reported, never called). */
  providers: readonly CatalogProvider[];
  /** The cache every provider list goes through (the kernel, adapted). */
  cache: ProviderCache;
  /** Where operator overrides are kept (default: in memory). */
  overrides?: OverrideRepository;
  /** Fresh TTL used to schedule refreshes ahead of expiry (must match the cache policy). */
  freshTtlMs?: number;
  /** Refresh this fraction of the fresh TTL before it ends (default 0.2), jittered ±50%. */
  refreshLead?: number;
  /** Default wait for cold providers in view() (default 2 000 ms). */
  requestWaitMs?: number;
  /** Warm-up concurrency (default 8). */
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
  mergedWithOverrides?: string;
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
}

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
  const lead = options.refreshLead ?? 0.2;
  const feed = new ChangeFeed(options.changeHistory);
  const builder = new MergedCatalogBuilder();
  const entries = new Map<string, ProviderEntry>();
  let overrides = new Map<string, OperatorOverride>();
  let overridesVersion = 'none';
  let overridesLoaded: Promise<void> | undefined;
  let current: ImmutableCatalogView | undefined;
  let started = false;
  let closed = false;

  for (const provider of options.providers) {
    if (provider.contractVersion !== CONTRACT_VERSION) {
      throw new ContractVersionError(provider.slug, CONTRACT_VERSION, provider.contractVersion);
    }
    if (entries.has(provider.slug)) throw new Error(`provider "${provider.slug}" is given twice`);
    const entry: ProviderEntry = {
      provider,
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

  async function loadOverrides(): Promise<void> {
    const list = await repository.load();
    overrides = new Map(list.map((o) => [overrideKey(o.provider, o.modelId), o]));
    overridesVersion =
      list.length === 0
        ? 'none'
        : `${list.length}:${list
            .map((o) => o.updatedAt)
            .sort()
            .at(-1)}`;
    // Re-merge every provider with the overrides just loaded.
    for (const entry of entries.values()) entry.mergedWithOverrides = undefined;
  }

  /**
   * Takes whatever the cache holds now into the merged catalog; returns the current view. A
   * request's sync reads through `readNow` (counted, stale values refreshed in the background);
   * background work only peeks.
   */
  function sync(forRequest = false): ImmutableCatalogView {
    const changes: ReturnType<typeof diffProviderModels> = [];
    let changed = current === undefined;
    for (const [slug, entry] of entries) {
      if (!entry.configured) continue;
      const read: ProviderCacheRead<readonly CatalogModel[]> | undefined = forRequest
        ? cache.readNow(slug)
        : cache.peek(slug);
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
      if (raw === undefined || (source === entry.sourceVersion && overridesVersion === entry.mergedWithOverrides)) {
        continue;
      }
      const served = applyOverrides(slug, raw, overrides);
      changes.push(...diffProviderModels(slug, entry.served, served));
      builder.setProvider(slug, served);
      entry.raw = raw;
      entry.sourceVersion = source;
      entry.mergedWithOverrides = overridesVersion;
      entry.rawVersion = `${source}:${overridesVersion}`;
      entry.served = served;
      changed = true;
    }
    if (!changed && current) return current;
    const versions = new Map<string, string>();
    for (const [slug, entry] of entries) if (entry.rawVersion) versions.set(slug, entry.rawVersion);
    const version = catalogVersion(versions, overridesVersion);
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

  function schedule(entry: ProviderEntry): void {
    if (closed || !started) return;
    clearTimeout(entry.timer);
    const read = cache.peek(entry.provider.slug);
    const base = freshTtlMs * (1 - lead);
    const jitter = 1 + (random() - 0.5) * lead;
    let delay = read ? Math.max(1_000, read.fetchedAt + base * jitter - now()) : Math.min(freshTtlMs, 60_000) * jitter;
    if (read && read.state !== 'fresh') delay = Math.min(delay, 5_000 * jitter);
    entry.timer = setTimeout(() => void refresh(entry), delay);
    entry.timer.unref();
  }

  async function refresh(entry: ProviderEntry): Promise<void> {
    try {
      await cache.refresh(entry.provider.slug);
    } catch (error) {
      logger.warn(
        { provider: entry.provider.slug, err: error },
        'background refresh failed; serving the last good list',
      );
    } finally {
      sync();
      schedule(entry);
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
    await Promise.all(Array.from({ length: Math.min(options.warmConcurrency ?? 8, targets.length) }, worker));
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
      overridesLoaded ??= loadOverrides();
      await overridesLoaded;
      await warm(undefined, startOptions.onProgress);
      for (const entry of entries.values()) if (entry.configured) schedule(entry);
    },

    isReady() {
      return [...entries.values()].every((e) => !e.configured || e.firstTrySettled);
    },

    async view(viewOptions = {}) {
      overridesLoaded ??= loadOverrides();
      await overridesLoaded;
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
      return [...overrides.values()];
    },

    async setOverride(input: OverrideInput) {
      overridesLoaded ??= loadOverrides();
      await overridesLoaded;
      const override: OperatorOverride = { ...input, updatedAt: new Date(now()).toISOString() };
      const list = (await repository.load()).filter(
        (o) => overrideKey(o.provider, o.modelId) !== overrideKey(input.provider, input.modelId),
      );
      list.push(override);
      await repository.save(list);
      await loadOverrides();
      sync();
      return override;
    },

    async clearOverride(provider, modelId) {
      const list = await repository.load();
      const kept = list.filter((o) => overrideKey(o.provider, o.modelId) !== overrideKey(provider, modelId));
      if (kept.length === list.length) return false;
      await repository.save(kept);
      await loadOverrides();
      sync();
      return true;
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
      for (const entry of entries.values()) clearTimeout(entry.timer);
      await cache.close();
    },
  };
  return catalog;
}

export type { CatalogView };
