// The start sequence of the catalog API in real mode, shared by the source start (start-server.ts)
// and the startup-snapshot start (snapshot/snapshot-main.ts).
import type { RedisModule } from './compose-catalog.ts';
import { composeCatalog } from './compose-catalog.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './create-logger.ts';
import type { serveCatalog } from './serve-catalog.ts';

export interface RunServerOptions {
  env: Record<string, string | undefined>;
  /** `@catalog/cache-kernel/redis` (ioredis behind it): loaded only when REDIS_URL is set. */
  loadRedis(): Promise<RedisModule>;
  /** The HTTP server's modules: loaded once the warm-up's requests are on their way. */
  loadServer(): Promise<{ serveCatalog: typeof serveCatalog }>;
}

/**
 * Configures from `env` (an invalid configuration exits with code 2 and one message per variable),
 * composes the catalog, starts its warm-up, then loads the HTTP server and listens; SIGTERM/SIGINT
 * drain and stop.
 */
export async function runServer(options: RunServerOptions): Promise<void> {
  let config;
  try {
    config = loadConfig(options.env);
  } catch (error) {
    console.error(ConfigError.isInstance(error) ? error.message : error);
    process.exit(2);
  }
  const logger = createLogger(config);
  const redis = config.REDIS_URL ? await options.loadRedis() : undefined;
  const core = composeCatalog({ config, logger, env: options.env, ...(redis ? { redis } : {}) });
  // Join the fleet's coordination before fetching (bounded: Redis is never required to serve).
  if (!(await core.kernel.connect(2_000)) && config.REDIS_URL) {
    logger.warn('Redis not reachable yet: this instance starts on its own and joins when Redis answers');
  }
  // The warm-up's fetches are in flight while the HTTP server's modules load and it starts listening
  // (/readyz says when they are done).
  void core.catalog
    .start({
      onProgress: (p) =>
        logger.info({ provider: p.provider, ok: p.ok, done: p.done, total: p.total, error: p.error }, 'warm-up'),
    })
    .then(() => logger.info('catalog ready'));
  // One turn of the event loop: the warm-up's connections open and its requests are written before
  // loading the server's modules holds the loop for a while, so upstream latency and loading overlap.
  await new Promise((resolve) => setImmediate(resolve));
  const { serveCatalog } = await options.loadServer();
  const app = serveCatalog(core, { config, logger });
  const address = await app.server.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    { address, store: app.kernel.storeKind, providers: app.catalog.providerSlugs().length },
    'catalog API listening',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      logger.error('drain took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    void app.close().then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
