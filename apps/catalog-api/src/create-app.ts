import { createCatalog, kernelOverrideRepository, kernelProviderCache, type Catalog } from '@catalog/aggregator';
import { CacheKernel, type CacheStore } from '@catalog/cache-kernel';
import { installLegacyCache, LegacyCacheLayer, RolloutSwitches } from '@catalog/legacy-cache';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import type { CatalogProvider } from '@catalog/provider-contract';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Agent } from 'undici';
import { collectDefaultMetrics } from 'prom-client';
import pkg from '../package.json' with { type: 'json' };
import { buildServer } from './build-server.ts';
import type { AppConfig } from './config.ts';
import { EncodedBodyCache } from './http/encoded-body.ts';
import { PROVIDER_FACTORIES } from './provider-factories.ts';

export interface App {
  server: FastifyInstance;
  catalog: Catalog;
  kernel: CacheKernel;
  /** Stop accepting, drain in-flight requests, stop the sync, close Redis. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: AppConfig;
  logger: Logger;
  env?: Record<string, string | undefined>;
  /** Give undici an Agent with keep-alive pools for upstream requests (default true; tests turn it off so MSW sees requests). */
  pooledHttp?: boolean;
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

function createStore(config: AppConfig, logger: Logger): CacheStore | undefined {
  if (!config.REDIS_URL) return undefined;
  const client = createRedisClient({
    urls: config.REDIS_URL.split(',').map((url) => url.trim()),
    mode: config.REDIS_MODE,
    sentinelName: config.REDIS_SENTINEL_NAME,
  });
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'redis connection error'));
  return new RedisStore({ client, keyPrefix: config.REDIS_KEY_PREFIX });
}

/** Composes kernel, providers, catalog and HTTP server from the configuration. Nothing listens yet. */
export function createApp(options: CreateAppOptions): App {
  const { config, logger } = options;
  const env = options.env ?? process.env;
  const store = createStore(config, logger);
  const kernel = new CacheKernel({
    ...(store ? { store } : {}),
    logger: logger.child({ component: 'cache-kernel' }),
    defaults: {
      freshTtlMs: config.FRESH_TTL_MS,
      staleTtlMs: config.STALE_TTL_MS,
      maxStaleMs: Math.max(config.MAX_STALE_MS, config.FRESH_TTL_MS + config.STALE_TTL_MS),
    },
  });
  collectDefaultMetrics({ register: kernel.registry });
  const dispatcher = options.pooledHttp === false ? undefined : new Agent({ keepAliveTimeout: 30_000, connections: 8 });
  const catalog = createCatalog({
    providers: createProviders(config, env, dispatcher),
    cache: kernelProviderCache(kernel, { policy: (slug) => config.PROVIDER_POLICIES?.[slug] }),
    overrides: kernelOverrideRepository(kernel),
    freshTtlMs: config.FRESH_TTL_MS,
    requestWaitMs: config.REQUEST_WAIT_MS,
    logger: logger.child({ component: 'catalog' }),
  });
  // Legacy code running in this process reaches the kernel through the compatibility layer.
  const rollout = RolloutSwitches.parse(config.CACHE_ROLLOUT);
  installLegacyCache(new LegacyCacheLayer({ kernel, rollout }));
  const server = buildServer(
    {
      catalog,
      config,
      bodies: new EncodedBodyCache(),
      registry: kernel.registry,
      storeKind: store ? (config.REDIS_MODE === 'standalone' ? 'redis' : config.REDIS_MODE) : 'memory',
      redisConnected: () => kernel.remoteConnected(),
      version: pkg.version,
      rollout,
    },
    { logger },
  );
  let closing: Promise<void> | undefined;
  return {
    server,
    catalog,
    kernel,
    close() {
      closing ??= (async () => {
        await server.close();
        await catalog.close();
        await dispatcher?.close();
      })();
      return closing;
    },
  };
}
