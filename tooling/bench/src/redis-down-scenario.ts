import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { startRedisServer } from '@catalog/test-kit';
import { z } from 'zod';
import { startMockUpstreamProcess } from './mock-upstream-process.ts';
import type { ScenarioOptions } from './scenario.ts';
import { duration, percentile, signedDuration } from './stats.ts';
import { judged, reported, type Row } from './table.ts';
import { fetchJson, mainRoutePath } from './upstream-route.ts';

const PROVIDER = 'groq';
const UPSTREAM_LATENCY_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timeMs(op: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await op();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Scenario 4: reads while Redis is down. A kernel on a TieredStore (memory + Redis) holds some
 * keys (fresh, and stale within the stale window); then its redis-server is killed. Cached keys
 * are read many times; cold keys (never read) once each, every one interleaved with the same
 * upstream fetch done directly, so "upstream latency" is measured in the same run. The mock
 * upstream (20 ms latency) runs in its own process. Extra rows: the same cold reads while Redis
 * is up but not answering (CLIENT PAUSE), which the issue does not list.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const cachedKeys = smoke ? 20 : 100;
  const readsPerKey = smoke ? 20 : 100;
  const coldKeys = smoke ? 20 : 150;
  const pausedKeys = smoke ? 5 : 30;
  const redis = await startRedisServer();
  const upstream = await startMockUpstreamProcess();
  await upstream.setKnobs(PROVIDER, { latencyMs: UPSTREAM_LATENCY_MS });
  const url = `${upstream.baseURLFor(PROVIDER)}${mainRoutePath(PROVIDER)}`;
  const kernel = new CacheKernel({
    store: new TieredStore(new RedisStore({ client: createRedisClient({ urls: [redis.url] }), keyPrefix: 'd:' })),
  });
  const fetch = (signal: AbortSignal) => fetchJson(url, signal);
  const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  for (const key of keys('cached', cachedKeys)) kernel.register(key, { schema: z.unknown(), fetch });
  for (const key of keys('stale', cachedKeys))
    kernel.register(key, { schema: z.unknown(), fetch, policy: { freshTtlMs: 1, jitterRatio: 0 } });
  for (const key of [...keys('cold', coldKeys), ...keys('paused', pausedKeys)])
    kernel.register(key, { schema: z.unknown(), fetch });
  try {
    if (!(await kernel.connect(5_000))) throw new Error('Redis did not connect');
    await kernel.warm([...keys('cached', cachedKeys), ...keys('stale', cachedKeys)], { concurrency: 8 });
    await kernel.settle();
    await redis.kill(); // SIGKILL: Redis gone at once (its folder kept, so it can be restarted below)
    for (let i = 0; kernel.remoteConnected() !== false; i++) {
      if (i > 200) throw new Error('the kernel did not notice that Redis stopped');
      await sleep(10);
    }

    // Cached keys, fresh and stale (a stale read starts one background refresh: settle between passes).
    const cached: number[] = [];
    const stale: number[] = [];
    for (let pass = 0; pass < readsPerKey; pass++) {
      for (const key of keys('cached', cachedKeys)) cached.push(await timeMs(() => kernel.get(key)));
      for (const key of keys('stale', cachedKeys)) {
        const t = await timeMs(async () => {
          const read = await kernel.get(key);
          if (read.state === 'fresh' && pass === 0) throw new Error(`${key} should be stale`);
        });
        stale.push(t);
      }
      await kernel.settle();
    }

    const cold = await coldReads(kernel, keys('cold', coldKeys), url);

    // Redis up but not answering: restart it (empty), let the kernel reconnect, then pause every client.
    await redis.restart();
    if (!(await kernel.connect(15_000))) throw new Error('the kernel did not reconnect to the restarted Redis');
    await kernel.settle();
    redis.pause((pausedKeys * (UPSTREAM_LATENCY_MS * 2 + 200) + 5_000) | 0);
    const paused = await coldReads(kernel, keys('paused', pausedKeys), url);

    const p99 = (v: number[]) => percentile(v, 99);
    const coldExtra = p99(cold.kernel) - p99(cold.direct);
    const pausedExtra = p99(paused.kernel) - p99(paused.direct);
    return [
      judged(
        {
          scenario: `4. Redis stopped: reads of cached keys (${cachedKeys} fresh keys × ${readsPerKey})`,
          measured: `p99 ${duration(p99(cached))}, p50 ${duration(percentile(cached, 50))}, max ${duration(Math.max(...cached))}`,
          baseline: '—',
          ratio: '—',
          target: 'p99 < 50 ms',
        },
        p99(cached) < 50,
      ),
      judged(
        {
          scenario: `4. Redis stopped: reads of stale keys (within the stale window, ${cachedKeys} × ${readsPerKey})`,
          measured: `p99 ${duration(p99(stale))}, p50 ${duration(percentile(stale, 50))}, max ${duration(Math.max(...stale))}`,
          baseline: '—',
          ratio: '—',
          target: 'p99 < 50 ms',
        },
        p99(stale) < 50,
      ),
      judged(
        {
          scenario: `4. Redis stopped: cold reads (${coldKeys} keys, upstream latency ${UPSTREAM_LATENCY_MS} ms)`,
          measured: `p99 ${duration(p99(cold.kernel))}, p50 ${duration(percentile(cold.kernel, 50))}`,
          baseline: `direct upstream fetch: p99 ${duration(p99(cold.direct))}, p50 ${duration(percentile(cold.direct, 50))}`,
          ratio: `${signedDuration(coldExtra)} at p99, ${signedDuration(percentile(cold.kernel, 50) - percentile(cold.direct, 50))} at p50`,
          target: '≤ upstream + 10 ms',
        },
        coldExtra <= 10,
      ),
      reported({
        scenario: `4. (extra) Redis up but not answering (CLIENT PAUSE): cold reads (${pausedKeys} keys)`,
        measured: `p99 ${duration(p99(paused.kernel))}, p50 ${duration(percentile(paused.kernel, 50))}`,
        baseline: `direct upstream fetch: p99 ${duration(p99(paused.direct))}`,
        ratio: `${signedDuration(pausedExtra)} at p99, ${signedDuration(percentile(paused.kernel, 50) - percentile(paused.direct, 50))} at p50`,
      }),
    ];
  } finally {
    await kernel.close();
    await upstream.close();
    await redis.stop();
  }
}

/** Each key read once by the kernel, each read paired with a direct fetch of the same URL (order alternating). */
async function coldReads(kernel: CacheKernel, keys: string[], url: string) {
  const result = { kernel: [] as number[], direct: [] as number[] };
  for (const [i, key] of keys.entries()) {
    const viaKernel = async () => {
      const ms = await timeMs(async () => {
        const read = await kernel.get(key);
        if (read.source !== 'upstream') throw new Error(`${key}: expected an upstream read, got ${read.source}`);
      });
      result.kernel.push(ms);
    };
    const direct = async () => void result.direct.push(await timeMs(() => fetchJson(url)));
    if (i % 2) {
      await viaKernel();
      await direct();
    } else {
      await direct();
      await viaKernel();
    }
  }
  await kernel.settle();
  return result;
}
