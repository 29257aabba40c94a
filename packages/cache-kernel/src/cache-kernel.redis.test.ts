import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CacheKernel } from './cache-kernel.ts';
import type { KernelEventMap } from './kernel-events.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { TieredStore } from './tiered-store.ts';

const List = z.array(z.object({ id: z.string() }));
const models = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));

let redis: RedisServerHandle;
const kernels: CacheKernel[] = [];

async function kernelOn(server: RedisServerHandle, fetch: () => Promise<unknown> = async () => models(5)) {
  const client = createRedisClient({ urls: [server.url], maxReconnectDelayMs: 100 });
  await new Promise((resolve) => client.once('ready', resolve));
  const kernel = new CacheKernel({
    store: new TieredStore(new RedisStore({ client, keyPrefix: 'k:' })),
    defaults: { retry: { maxAttempts: 0 } },
  });
  let calls = 0;
  kernel.register('p', {
    schema: List,
    fetch: async () => {
      calls++;
      return fetch();
    },
  });
  kernels.push(kernel);
  return { kernel, calls: () => calls };
}

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.close()));
  await redis.stop();
});

describe('CacheKernel with Redis', () => {
  it('shares a value between instances through Redis: the second instance does not fetch', async () => {
    const a = await kernelOn(redis);
    const b = await kernelOn(redis);
    await a.kernel.get('p');
    await a.kernel.settle();
    const read = await b.kernel.get('p');
    expect(read.source).toBe('redis');
    expect(b.calls()).toBe(0);
    expect((await b.kernel.get('p')).source).toBe('memory');
  });

  it('treats a corrupt value in Redis as a miss counted in cache_errors_total and cache_misses_total, and fetches', async () => {
    const { kernel, calls } = await kernelOn(redis);
    const storeErrors: KernelEventMap['store-error'][] = [];
    kernel.on('store-error', (e) => storeErrors.push(e));
    redis.cli('HSET', 'k:{p}', 'm', '{"fetchedAt":1}', 'd', 'not json');
    const read = await kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(calls()).toBe(1);
    const text = await kernel.registry.metrics();
    expect(text).toContain('cache_errors_total{provider="p"} 1');
    expect(text).toContain('cache_misses_total{provider="p"} 1');
    expect(text).toContain('cache_hits_total{provider="p"} 0');
    expect(storeErrors).toHaveLength(1);
    expect(storeErrors[0]).toMatchObject({ key: 'p', operation: 'read' });
    expect(storeErrors[0]?.error).toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
    // The fetched value replaced the corrupt entry.
    await kernel.settle();
    expect(redis.cli('HGET', 'k:{p}', 'f')).toBe('1');
  });

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

  it('ignores a value in Redis that fails the schema', async () => {
    const a = await kernelOn(redis);
    const writer = new RedisStore({ client: createRedisClient({ urls: [redis.url] }), keyPrefix: 'k:' });
    await new Promise((resolve) => writer.client.once('ready', resolve));
    const now = Date.now();
    await writer.set('p', {
      value: [{ id: 1 }],
      fetchedAt: now,
      freshUntil: now + 60_000,
      staleUntil: now + 120_000,
      expiresAt: now + 600_000,
      version: 'x',
      writtenAt: now,
    });
    await writer.close();
    const storeErrors: KernelEventMap['store-error'][] = [];
    a.kernel.on('store-error', (e) => storeErrors.push(e));
    const read = await a.kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(await a.kernel.registry.metrics()).toContain('cache_errors_total{provider="p"} 1');
    expect(storeErrors.map((e) => [e.key, e.operation])).toEqual([['p', 'validate']]);
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

  it('answers a cold read from upstream without waiting for a dead Redis', async () => {
    const { kernel } = await kernelOn(redis);
    await redis.kill();
    const started = performance.now();
    const read = await kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(performance.now() - started).toBeLessThan(250);
  });
});
