// The catalog API in real mode (entry: main.ts): REDIS_URL, provider keys, ADMIN_TOKEN… from the environment.
import { composeCatalog } from './compose-catalog.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './create-logger.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(ConfigError.isInstance(error) ? error.message : error);
  process.exit(2);
}
const logger = createLogger(config);
// ioredis is loaded only when there is a Redis to talk to.
const redis = config.REDIS_URL ? await import('@catalog/cache-kernel/redis') : undefined;
const core = composeCatalog({ config, logger, ...(redis ? { redis } : {}) });
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
const { serveCatalog } = await import('./serve-catalog.ts');
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
