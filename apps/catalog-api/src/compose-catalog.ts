import { createCatalog, kernelOverrideRepository, kernelProviderCache, type Catalog } from '@catalog/aggregator';
import { CacheKernel, type CacheStore, type KeyPolicyOverrides } from '@catalog/cache-kernel';
import { installLegacyCache, LegacyCacheLayer, RolloutSwitches } from '@catalog/legacy-cache';
import type { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import type { CatalogProvider } from '@catalog/provider-contract';
import type { Logger } from 'pino';
import { Agent } from 'undici';
import type { AppConfig } from './config.ts';
import { PROVIDER_FACTORIES } from './provider-factories.ts';

/** The catalog without its HTTP server: what the warm-up needs, so it can start before the server is loaded. */
export interface CatalogCore {
  catalog: Catalog;
  kernel: CacheKernel;
  /** The legacy-cache rollout switches, kept in the kernel's document store (shared by every instance on one Redis). */
  rollout: RolloutSwitches;
  /** The legacy cache API this process's old call sites reach (installed as the module-level one too). */
  legacy: LegacyCacheLayer;
  /** How the cache is stored: memory, redis, cluster or sentinel. */
  storeKind: string;
  /** Stop the rollout reloads and the sync, close Redis and the upstream connections. */
  close(): Promise<void>;
}

/** What the app uses of `@catalog/cache-kernel/redis` (ioredis behind it): loaded only when REDIS_URL is set. */
export interface RedisModule {
  createRedisClient: typeof createRedisClient;
  RedisStore: typeof RedisStore;
}

/** REDIS_URL is set but the Redis store module was not given to composeCatalog. */
export class RedisModuleMissingError extends Error {
  override readonly name = 'RedisModuleMissingError';

  constructor() {
    super('REDIS_URL is set: composeCatalog needs the Redis store module (options.redis, @catalog/cache-kernel/redis)');
  }
}

export interface ComposeCatalogOptions {
  config: AppConfig;
  logger: Logger;
  /** `@catalog/cache-kernel/redis`, required when REDIS_URL is set (memory mode never loads ioredis). */
  redis?: RedisModule;
  env?: Record<string, string | undefined>;
  /** Give undici an Agent with keep-alive pools for upstream requests (default true; tests turn it off so MSW sees requests). */
  pooledHttp?: boolean;
  /** How often the rollout switches are re-read from the shared store, ms (default: CACHE_ROLLOUT_RELOAD_MS): the staleness bound across instances. */
  rolloutReloadMs?: number;
}

/** Builds the providers the configuration asks for, each with its own key from the environment. */
export function createProviders(
  config: AppConfig,
  env: Record<string, string | undefined>,
  dispatcher?: Agent,
): CatalogProvider[] {
  const slugs = config.PROVIDERS ?? Object.keys(PROVIDER_FACTORIES);
  return slugs.map((slug) =>
    PROVIDER_FACTORIES[slug]!({
      env,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      ...(config.UPSTREAM_BASE_URL ? { baseURL: `${config.UPSTREAM_BASE_URL.replace(/\/+$/, '')}/${slug}` } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    }),
  );
}

function createStore(config: AppConfig, logger: Logger, redis: RedisModule | undefined): CacheStore | undefined {
  if (!config.REDIS_URL) return undefined;
  if (!redis) throw new RedisModuleMissingError();
  const client = redis.createRedisClient({
    urls: config.REDIS_URL.split(',').map((url) => url.trim()),
    mode: config.REDIS_MODE,
    sentinelName: config.REDIS_SENTINEL_NAME,
  });
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'redis connection error'));
  return new redis.RedisStore({ client, keyPrefix: config.REDIS_KEY_PREFIX });
}

/** Composes kernel, providers, catalog and the legacy-cache layer from the configuration. Nothing is fetched yet. */
export function composeCatalog(options: ComposeCatalogOptions): CatalogCore {
  const { config, logger } = options;
  const env = options.env ?? process.env;
  const store = createStore(config, logger, options.redis);
  const defaults: KeyPolicyOverrides = {
    freshTtlMs: config.FRESH_TTL_MS,
    staleTtlMs: config.STALE_TTL_MS,
    maxStaleMs: Math.max(config.MAX_STALE_MS, config.FRESH_TTL_MS + config.STALE_TTL_MS),
  };
  const kernel = new CacheKernel({
    ...(store ? { store } : {}),
    logger: logger.child({ component: 'cache-kernel' }),
    defaults,
  });
  // Per origin: the warm-up fetches every provider at once, and providers may share one origin (a
  // proxy in UPSTREAM_BASE_URL), so each provider gets a connection of its own; a provider's own
  // requests (pages) go one after another.
  const connections = Math.max(8, (config.PROVIDERS ?? Object.keys(PROVIDER_FACTORIES)).length);
  const dispatcher = options.pooledHttp === false ? undefined : new Agent({ keepAliveTimeout: 30_000, connections });
  const policy = (slug: string) => config.PROVIDER_POLICIES?.[slug];
  const catalog = createCatalog({
    providers: createProviders(config, env, dispatcher),
    cache: kernelProviderCache(kernel, { policy }),
    overrides: kernelOverrideRepository(kernel),
    freshTtlMs: config.FRESH_TTL_MS,
    requestWaitMs: config.REQUEST_WAIT_MS,
    overridesReloadMs: config.OVERRIDES_RELOAD_MS,
    logger: logger.child({ component: 'catalog' }),
  });
  // Legacy code running in this process reaches the kernel through the compatibility layer. Its
  // switches live in the kernel's document store (CACHE_ROLLOUT until one is stored) and are re-read
  // every CACHE_ROLLOUT_RELOAD_MS, so every instance on one Redis follows a change and a restart keeps it.
  const rollout = RolloutSwitches.parse(config.CACHE_ROLLOUT);
  const rolloutLogger = logger.child({ component: 'rollout' });
  void rollout.share(kernel, {
    reloadMs: options.rolloutReloadMs ?? config.CACHE_ROLLOUT_RELOAD_MS,
    onError: (error, operation) =>
      rolloutLogger.warn({ err: { message: (error as Error).message }, operation }, 'rollout switches not synced'),
  });
  const legacy = new LegacyCacheLayer({ kernel, rollout, policyDefaults: defaults, policy });
  installLegacyCache(legacy);
  const storeKind = store ? (config.REDIS_MODE === 'standalone' ? 'redis' : config.REDIS_MODE) : 'memory';
  return {
    catalog,
    kernel,
    rollout,
    legacy,
    storeKind,
    async close() {
      rollout.stop();
      await catalog.close();
      await dispatcher?.close();
    },
  };
}
