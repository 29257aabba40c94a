import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { TieredStore } from './tiered-store.ts';

// Several kernels on one Redis: the fleet behaviour of issue 5, in one process.
const List = z.array(z.object({ id: z.string() }));
const models = (tag: string, n = 4) => Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}` }));

let redis: RedisServerHandle;
const kernels: CacheKernel[] = [];
const stores: RedisStore[] = [];

async function store(): Promise<RedisStore> {
  const client = createRedisClient({ urls: [redis.url], maxReconnectDelayMs: 100 });
  await new Promise((resolve) => client.once('ready', resolve));
  const s = new RedisStore({ client, keyPrefix: 'fleet:' });
  stores.push(s);
  return s;
}

async function instance(fetch: () => Promise<unknown>, policy = {}): Promise<CacheKernel> {
  const kernel = new CacheKernel({
    store: new TieredStore(await store()),
    defaults: { retry: { maxAttempts: 0 }, ...policy },
  });
  kernel.register('p', { schema: List, fetch });
  kernels.push(kernel);
  await new Promise((resolve) => setTimeout(resolve, 30)); // let the subscription settle
  return kernel;
}

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.close()));
  stores.length = 0;
  await redis.stop();
});

describe('a fleet of kernels sharing one Redis', () => {
  it('makes exactly one upstream fetch for concurrent cold reads on three instances', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 80));
      return models('v1');
    };
    const fleet = [await instance(fetch), await instance(fetch), await instance(fetch)];
    const reads = await Promise.all(fleet.flatMap((kernel) => Array.from({ length: 300 }, () => kernel.get('p'))));
    expect(calls).toBe(1);
    expect(new Set(reads.map((r) => r.version)).size).toBe(1);
    expect(reads.filter((r) => r.source === 'redis').length).toBeGreaterThan(0);
  });

  it('replaces a crashed lock holder once its lock expires, calling upstream once', async () => {
    let calls = 0;
    const kernel = await instance(async () => {
      calls++;
      return models('after-crash');
    });
    // A holder that died mid-fetch: its lock is still there, no value was ever written.
    redis.cli('SET', 'fleet:{p}:lock', 'dead-instance', 'PX', '400');
    const started = performance.now();
    const read = await kernel.get<{ id: string }[]>('p');
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(read.value[0]?.id).toBe('after-crash-0');
    expect(calls).toBe(1);
  });

  it('fences writes: a slow, older refresh never overwrites a newer value, and adopts it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await instance(async () => {
      await gate;
      return models('old');
    });
    const pending = slow.get<{ id: string }[]>('p');
    await vi.waitFor(() => expect(redis.cli('GET', 'fleet:{p}:fence')).toBe('1'));
    // A newer refresh (fence 2) lands first, e.g. from an instance that took over an expired lock.
    const writer = await store();
    const fence = await writer.nextFence('p');
    const now = Date.now();
    await writer.setFenced('p', {
      value: models('new'),
      fetchedAt: now,
      freshUntil: now + 60_000,
      staleUntil: now + 120_000,
      expiresAt: now + 600_000,
      version: 'new',
      writtenAt: now,
      fence,
    });
    release();
    const read = await pending;
    expect(read.value[0]?.id).toBe('new-0');
    const stored = await writer.get('p');
    expect((stored?.envelope.value as { id: string }[])[0]?.id).toBe('new-0');
  });

  it('broadcasts refreshes and invalidations: every instance follows within 250 ms', async () => {
    let round = 0;
    const fetch = async () => models(`round${++round}`);
    const [a, b, c] = [await instance(fetch), await instance(fetch), await instance(fetch)];
    await a.get('p');
    await Promise.all([b.get('p'), c.get('p')]);
    const refreshed = await a.refresh('p', { force: true });
    await vi.waitFor(
      () => {
        expect(b.peek('p')?.version).toBe(refreshed.version);
        expect(c.peek('p')?.version).toBe(refreshed.version);
      },
      { timeout: 250, interval: 10 },
    );
    await a.invalidate('p');
    await vi.waitFor(
      () => {
        expect(b.peek('p')).toBeUndefined();
        expect(c.peek('p')).toBeUndefined();
      },
      { timeout: 250, interval: 10 },
    );
  });

  it('an instance that lost its subscription compares versions on reconnect and drops stale values', async () => {
    let round = 0;
    const fetch = async () => models(`r${++round}`);
    const a = await instance(fetch);
    const b = await instance(fetch);
    await a.get('p');
    await b.get('p');
    const resynced = new Promise<{ dropped: number }>((resolve) => b.on('resync', resolve));
    // Cut every subscriber off; the change is published while they are away.
    redis.cli('CLIENT', 'KILL', 'TYPE', 'pubsub');
    const refreshed = await a.refresh('p', { force: true });
    const { dropped } = await resynced;
    expect(dropped).toBeLessThanOrEqual(1);
    await vi.waitFor(() => expect(b.peek('p')?.version).toBe(refreshed.version), { timeout: 2_000 });
  });

  it('keeps serving and fetching on its own while Redis is down', async () => {
    let calls = 0;
    const kernel = await instance(async () => {
      calls++;
      return models('solo');
    });
    await redis.kill();
    await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(false));
    const read = await kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(calls).toBe(1);
  });
});
