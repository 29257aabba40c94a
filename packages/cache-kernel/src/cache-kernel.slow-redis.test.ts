import { startRedisServer, startTcpProxy, type RedisServerHandle, type TcpProxyHandle } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheKernel } from './cache-kernel.ts';
import type { KernelEventMap } from './kernel-events.ts';
import { StoreError } from './kernel-error.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { models, setupKernel, type Models } from './testing/kernel-setup.ts';
import { TieredStore } from './tiered-store.ts';

// A Redis that is connected but does not answer (or answers late): the kernel's connection goes
// through a TCP proxy that stalls or delays bytes while keeping the connection open, so ioredis
// sees no error at all. Only the read deadline (readTimeoutMs, default 50 ms) protects the caller.
const READ_DEADLINE_MS = 50;
/**
 * A read that must fetch meets the read deadline twice: its own read, then the metadata read that
 * starts the fleet lock (kept, so that a Redis slow for a moment does not end cross-instance
 * single-flight); then it goes upstream without Redis.
 */
const FETCH_PATH_DEADLINES = ['read', 'lock'];
/** Generous: two deadlines plus a loaded 2-core machine. A read that waited on Redis would take seconds. */
const BOUND_MS = 250;

let redis: RedisServerHandle;
let proxy: TcpProxyHandle;
const kernels: CacheKernel[] = [];

beforeEach(async () => {
  redis = await startRedisServer();
  proxy = await startTcpProxy({ host: redis.host, port: redis.port });
});
afterEach(async () => {
  proxy.resume();
  await Promise.all(kernels.splice(0).map((k) => k.close()));
  await proxy.close();
  await redis.stop();
});

async function kernelBehindProxy(fetch: () => Promise<unknown>) {
  const client = createRedisClient({ urls: [`redis://127.0.0.1:${proxy.port}`], maxReconnectDelayMs: 100 });
  const setup = setupKernel(
    fetch,
    { store: new TieredStore(new RedisStore({ client, keyPrefix: 'slow:' })) },
    { freshTtlMs: 60_000, staleTtlMs: 60_000, maxStaleMs: 3_600_000 },
  );
  kernels.push(setup.kernel);
  expect(await setup.kernel.connect(5_000)).toBe(true);
  const storeErrors: KernelEventMap['store-error'][] = [];
  setup.kernel.on('store-error', (e) => storeErrors.push(e));
  return { kernel: setup.kernel, clock: setup.time, calls: setup.calls, storeErrors };
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** The read-deadline failures recorded so far. */
const readTimeouts = (errors: KernelEventMap['store-error'][]) =>
  errors.filter(
    (e) =>
      e.key === 'p' &&
      StoreError.isInstance(e.error) &&
      e.error.message.includes(`did not answer within ${READ_DEADLINE_MS} ms`),
  );

describe('the kernel with a Redis that is connected but stalls', () => {
  it('answers a warm read from memory within the bound, after the Redis read deadline, and counts it', async () => {
    let fail = false;
    const { kernel, clock, calls, storeErrors } = await kernelBehindProxy(async () => {
      if (fail) throw new Error('upstream down');
      return models(3);
    });
    const good = await kernel.get<Models>('p');
    await kernel.settle();

    proxy.stall();
    // Fresh in memory: Redis is not consulted at all.
    const fresh = await timed(() => kernel.get<Models>('p'));
    expect(fresh.result).toMatchObject({ state: 'fresh', source: 'memory' });
    expect(fresh.ms).toBeLessThan(BOUND_MS);
    expect(storeErrors).toEqual([]);

    // Past the stale window the kernel looks in Redis for a peer's newer value: the read deadline
    // fires, and with the upstream failing the last good value comes from memory.
    fail = true;
    clock.advance(130_000);
    const warm = await timed(() => kernel.get<Models>('p'));
    expect(warm.result).toMatchObject({ state: 'stale-error', source: 'memory' });
    expect(warm.result.value).toBe(good.value);
    expect(warm.ms).toBeLessThan(BOUND_MS);
    expect(readTimeouts(storeErrors).map((e) => e.operation)).toEqual(FETCH_PATH_DEADLINES);
    expect(calls()).toBe(2);
    const errorsCounted = Number(/cache_errors_total\{provider="p"\} (\d+)/.exec(await kernel.registry.metrics())?.[1]);
    expect(errorsCounted).toBe(storeErrors.filter((e) => e.key === 'p').length);
  });

  it('answers a cold read from upstream within the bound, after the Redis read deadline', async () => {
    const { kernel, calls, storeErrors } = await kernelBehindProxy(async () => models(3));
    proxy.stall();
    const cold = await timed(() => kernel.get<Models>('p'));
    expect(cold.result).toMatchObject({ state: 'fresh', source: 'upstream' });
    expect(cold.ms).toBeLessThan(BOUND_MS);
    expect(calls()).toBe(1);
    expect(readTimeouts(storeErrors).map((e) => e.operation)).toEqual(FETCH_PATH_DEADLINES);
    // The value is held in memory: the next reads do not touch Redis.
    for (let i = 0; i < 20; i++) {
      const warm = await timed(() => kernel.get('p'));
      expect(warm.result.source).toBe('memory');
      expect(warm.ms).toBeLessThan(BOUND_MS);
    }
  });

  it('never blocks reads on writes that Redis does not acknowledge', async () => {
    let round = 0;
    const { kernel, calls, storeErrors } = await kernelBehindProxy(async () => models(3, `r${++round}-`));
    await kernel.get('p');
    await kernel.settle();
    proxy.stall();

    // A value set by hand is written to Redis in the background; that write hangs until its deadline.
    kernel.set('p', models(4, 'set-'));
    // A forced refresh waits on the Redis lock (write deadline); reads do not wait for either.
    const refreshing = kernel.refresh<Models>('p', { force: true });
    for (let i = 0; i < 20; i++) {
      const read = await timed(() => kernel.get<Models>('p'));
      expect(read.result.source).toBe('memory');
      expect(read.result.value[0]?.id).toBe('set-0');
      expect(read.ms).toBeLessThan(BOUND_MS);
    }
    // Neither hangs: both give up at their deadline and the refresh still fetches upstream.
    const refreshed = await timed(() => refreshing);
    expect(refreshed.result.value[0]?.id).toBe('r2-0');
    expect(calls()).toBe(2);
    await kernel.settle();
    expect(storeErrors.map((e) => e.operation)).toEqual(expect.arrayContaining(['lock', 'write']));
  });

  it('recovers when Redis answers again: values reach Redis and other instances', async () => {
    const { kernel } = await kernelBehindProxy(async () => models(3, 'later-'));
    proxy.stall();
    await kernel.get('p');
    proxy.resume();
    await kernel.settle();
    await kernel.refresh('p', { force: true });
    await kernel.settle();
    const other = await kernelBehindProxy(async () => models(1, 'never-'));
    const read = await other.kernel.get<Models>('p');
    expect(read).toMatchObject({ source: 'redis' });
    expect(read.value[0]?.id).toBe('later-0');
    expect(other.calls()).toBe(0);
  });
});

describe('the kernel with a slow Redis (every byte 200 ms late)', () => {
  it('does not wait for slow reads, while its slow writes still land', async () => {
    const { kernel, calls, storeErrors } = await kernelBehindProxy(async () => models(5, 'slow-'));
    proxy.setLatency(200);
    const cold = await timed(() => kernel.get<Models>('p'));
    expect(cold.result.source).toBe('upstream');
    expect(cold.ms).toBeLessThan(BOUND_MS);
    expect(calls()).toBe(1);
    expect(readTimeouts(storeErrors).map((e) => e.operation)).toEqual(FETCH_PATH_DEADLINES);
    // The write (deadline 1 s) outlives the 400 ms round trip: the value is in Redis.
    await kernel.settle();
    expect(redis.cli('HEXISTS', 'slow:{p}', 'e')).toBe('1');
  });

  it('keeps one fetch for the fleet when refreshes with a value held meet a slow Redis (none outside the lock)', async () => {
    let round = 0;
    const fetch = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return models(3, `r${++round}-`);
    };
    const a = await kernelBehindProxy(fetch);
    const b = await kernelBehindProxy(fetch);
    await a.kernel.get<Models>('p');
    await a.kernel.settle();
    await b.kernel.get<Models>('p'); // from Redis, or (a cold read that gave up on Redis) upstream
    await b.kernel.settle();
    const fetchesBefore = a.calls() + b.calls();

    // Every round trip (400 ms) misses the read deadline but not the write deadline (1 s): a
    // refresh that has a value to serve waits for the lock instead of fetching on its own.
    proxy.setLatency(200);
    const refreshed = await Promise.all(
      [a, b].map((i) => i.kernel.refresh<Models>('p', { ifVersion: i.kernel.peek('p')!.version })),
    );
    expect(new Set(refreshed.map((r) => r.version)).size).toBe(1);
    expect(a.calls() + b.calls() - fetchesBefore).toBe(1); // one refresh for both
  });
});

describe('a store read that needs a second command (an entry of the 0.1 layout, or none)', () => {
  it('gives the second command only what is left of the read deadline, not a deadline of its own', async () => {
    const client = createRedisClient({ urls: [`redis://127.0.0.1:${proxy.port}`], maxReconnectDelayMs: 100 });
    const store = new RedisStore({ client, keyPrefix: 'slow:', readTimeoutMs: 600 });
    try {
      expect(await store.waitUntilConnected(5_000)).toBe(true);
      // Each round trip takes ~400 ms: the first reply (no field `e`) comes with ~200 ms left.
      proxy.setLatency(200);
      const error = await store.get('absent').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(StoreError.isInstance(error) && error.operation).toBe('read');
      const deadline = Number(/within (\d+) ms/.exec((error as Error).message)?.[1]);
      expect(deadline).toBeGreaterThan(0);
      expect(deadline).toBeLessThan(600);
    } finally {
      proxy.setLatency(0);
      await store.close();
    }
  });
});
