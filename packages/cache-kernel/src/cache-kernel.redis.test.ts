import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheKernel } from './cache-kernel.ts';
import type { KernelEventMap } from './kernel-events.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { models, setupKernel } from './testing/kernel-setup.ts';
import { TieredStore } from './tiered-store.ts';

// One kernel on a standalone redis-server that this file kills, restarts and disconnects. What
// several kernels do together, on standalone Redis and on a Cluster, is in testing/kernel-fleet-suite.ts.
let redis: RedisServerHandle;
const kernels: CacheKernel[] = [];

async function kernelOn(server: RedisServerHandle) {
  const client = createRedisClient({ urls: [server.url], maxReconnectDelayMs: 100 });
  const setup = setupKernel(async () => models(5), {
    store: new TieredStore(new RedisStore({ client, keyPrefix: 'k:' })),
  });
  kernels.push(setup.kernel);
  expect(await setup.kernel.connect(5_000)).toBe(true);
  // Its subscriber connection is subscribed (TYPE pubsub from then on).
  await vi.waitFor(() => expect(server.cli('PUBSUB', 'NUMSUB', 'k:events').split('\n')[1]).toBe('1'));
  return setup;
}

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.close()));
  await redis.stop();
});

describe('CacheKernel with Redis', () => {
  it('counts each lost connection once in redis_connection_errors_total, and reports it', async () => {
    const { kernel } = await kernelOn(redis);
    const connectionErrors: KernelEventMap['store-error'][] = [];
    kernel.on('store-error', (e) => connectionErrors.push(e));
    for (let kill = 1; kill <= 2; kill++) {
      const back = new Promise((resolve) => kernel.on('repopulate', resolve));
      // The server drops the kernel's command connection (its subscriber is TYPE pubsub and stays).
      expect(redis.cli('CLIENT', 'KILL', 'TYPE', 'normal')).toBe('1');
      await back;
      expect(await kernel.registry.metrics()).toContain(`redis_connection_errors_total ${kill}`);
    }
    expect(connectionErrors).toHaveLength(2);
    expect(connectionErrors[0]).toMatchObject({ key: undefined, operation: 'connection' });
  });

  it('keeps serving from memory within the bound while Redis is dead, and repopulates it when it is back', async () => {
    const { kernel } = await kernelOn(redis);
    await kernel.get('p');
    await kernel.settle();
    const repopulated = new Promise((resolve) => kernel.on('repopulate', resolve));
    await redis.kill();
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const read = await kernel.get('p');
      expect(read.source).toBe('memory');
      expect(performance.now() - started).toBeLessThan(250);
    }
    await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(false));
    await redis.restart();
    await repopulated;
    expect(redis.cli('EXISTS', 'k:{p}')).toBe('1');
    expect(await kernel.registry.metrics()).toMatch(/redis_connection_errors_total [1-9]/);
  });

  it('does not ask a Redis known to be down on a cold read, and writes the value back when it returns', async () => {
    const { kernel } = await kernelOn(redis);
    expect(kernel.storeKind).toBe('memory+redis');
    await redis.kill();
    await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(false));
    const attempts: string[] = [];
    kernel.on('store-error', (e) => attempts.push(e.operation));

    const read = await kernel.get('p');

    expect(read.source).toBe('upstream');
    expect(attempts.filter((operation) => operation !== 'connection')).toEqual(['write']);
    const repopulated = new Promise((resolve) => kernel.on('repopulate', resolve));
    await redis.restart();
    await repopulated;
    expect(redis.cli('EXISTS', 'k:{p}')).toBe('1');
  });

  it('answers a cold read from upstream without waiting for a dead Redis', async () => {
    const { kernel } = await kernelOn(redis);
    await redis.kill();
    const started = performance.now();
    const read = await kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(performance.now() - started).toBeLessThan(250);
  });
});
