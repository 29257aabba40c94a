import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { composeCatalog, type ComposeCatalogOptions } from './compose-catalog.ts';
import { serveCatalog, type App } from './serve-catalog.ts';

export { createProviders } from './compose-catalog.ts';
export { serveCatalog, type App } from './serve-catalog.ts';

export type CreateAppOptions = Omit<ComposeCatalogOptions, 'redis'>;

/** Composes kernel, providers, catalog and HTTP server from the configuration. Nothing listens yet. */
export function createApp(options: CreateAppOptions): App {
  return serveCatalog(composeCatalog({ ...options, redis: { createRedisClient, RedisStore } }), options);
}
