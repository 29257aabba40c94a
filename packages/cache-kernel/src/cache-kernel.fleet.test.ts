import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { registerKernelFleetSuite } from './testing/kernel-fleet-suite.ts';
import { List, models } from './testing/kernel-setup.ts';
import { TieredStore } from './tiered-store.ts';

// The fleet behaviour of issue 5 on one standalone Redis (the same suite runs on a Cluster in
// cache-kernel.cluster.test.ts), plus what only a standalone server can show: Redis dying.
let redis: RedisServerHandle;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

registerKernelFleetSuite('standalone Redis', () => ({
  mode: 'standalone',
  urls: [redis.url],
  nodes: [redis],
  cli: (...args) => redis.cli(...args),
}));

describe('a kernel whose Redis dies', () => {
  it('keeps serving and fetching on its own while Redis is down', async () => {
    let calls = 0;
    const kernel = new CacheKernel({
      store: new TieredStore(
        new RedisStore({
          client: createRedisClient({ urls: [redis.url], maxReconnectDelayMs: 100 }),
          keyPrefix: 'solo:',
        }),
      ),
      defaults: { retry: { maxAttempts: 0 } },
    });
    kernel.register('p', {
      schema: List,
      fetch: async () => {
        calls++;
        return models(3, 'solo-');
      },
    });
    try {
      expect(await kernel.connect(5_000)).toBe(true);
      await redis.kill();
      await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(false));
      const read = await kernel.get('p');
      expect(read.source).toBe('upstream');
      expect(calls).toBe(1);
      expect((await kernel.get('p')).source).toBe('memory');
    } finally {
      await kernel.close();
      await redis.restart();
    }
  });
});
