import { startRedisCluster, type RedisClusterHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { TieredStore } from './tiered-store.ts';

// The kernel on a real 3-master Redis Cluster: stores, corrupt entries, fleet single-flight, coherence.
const List = z.array(z.object({ id: z.string() }));
const models = (tag: string) => Array.from({ length: 5 }, (_, i) => ({ id: `${tag}-${i}` }));
const KEYS = ['openrouter', 'groq', 'together', 'fal', 'near', 'xai'];

let cluster: RedisClusterHandle;
const kernels: CacheKernel[] = [];

async function instance(fetch: (key: string) => Promise<unknown>): Promise<CacheKernel> {
  const client = createRedisClient({ urls: cluster.urls, mode: 'cluster', maxReconnectDelayMs: 200 });
  const kernel = new CacheKernel({
    store: new TieredStore(new RedisStore({ client, keyPrefix: 'c:' })),
    defaults: { retry: { maxAttempts: 0 } },
  });
  for (const key of KEYS) kernel.register(key, { schema: List, fetch: () => fetch(key) });
  expect(await kernel.connect(10_000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 100)); // subscription
  kernels.push(kernel);
  return kernel;
}

beforeAll(async () => {
  cluster = await startRedisCluster(3);
}, 60_000);
afterAll(async () => {
  await Promise.all(kernels.map((k) => k.close()));
  await cluster?.stop();
});

describe('the kernel on a Redis Cluster', () => {
  it('spreads provider keys over the masters, each key and its lock and fence in one slot', async () => {
    const a = await instance(async (key) => models(key));
    await a.warm(KEYS);
    await a.settle();
    const holders = cluster.nodes.map((node) => Number(node.cli('DBSIZE')));
    expect(holders.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    for (const key of KEYS) {
      const slots = new Set(
        [`c:{${key}}`, `c:{${key}}:lock`, `c:{${key}}:fence`].map((k) =>
          cluster.nodes[0]!.cli('CLUSTER', 'KEYSLOT', k),
        ),
      );
      expect(slots.size).toBe(1);
    }
  });

  it('makes one upstream fetch per key for concurrent cold reads on two instances', async () => {
    const calls = new Map<string, number>();
    const fetch = async (key: string) => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return models(`cold-${key}`);
    };
    const [a, b] = [await instance(fetch), await instance(fetch)];
    for (const kernel of [a, b]) for (const key of KEYS) await kernel.invalidate(key);
    await Promise.all(
      [a, b].flatMap((kernel) => KEYS.flatMap((key) => Array.from({ length: 50 }, () => kernel.get(key)))),
    );
    for (const key of KEYS) expect(calls.get(key), key).toBe(1);
  });

  it('keeps every instance coherent through pub/sub on the cluster', async () => {
    let round = 0;
    const fetch = async (key: string) => models(`r${++round}-${key}`);
    const [a, b] = [await instance(fetch), await instance(fetch)];
    await a.get('groq');
    await b.get('groq');
    const refreshed = await a.refresh('groq', { force: true });
    await vi.waitFor(() => expect(b.peek('groq')?.version).toBe(refreshed.version), { timeout: 1_000, interval: 10 });
  });

  it('treats a corrupt value as a counted miss', async () => {
    const a = await instance(async (key) => models(key));
    // The master owning the key's slot is the one that accepts a write to it (the others answer MOVED).
    const slotOwner = cluster.nodes.find((node) => node.cli('SET', 'probe{xai}', '1') === 'OK');
    expect(slotOwner).toBeDefined();
    await a.invalidate('xai');
    slotOwner!.cli('HSET', 'c:{xai}', 'm', '{"broken":true}', 'd', 'x', 'f', '0');
    const read = await a.get('xai');
    expect(read.source).toBe('upstream');
    expect(await a.registry.metrics()).toMatch(/cache_errors_total\{provider="xai"\} [1-9]/);
  });
});
