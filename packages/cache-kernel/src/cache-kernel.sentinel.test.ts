import { startRedisSentinel, type RedisSentinelHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { TieredStore } from './tiered-store.ts';

const List = z.array(z.object({ id: z.string() }));
let sentinel: RedisSentinelHandle;
let kernel: CacheKernel;

beforeAll(async () => {
  sentinel = await startRedisSentinel();
}, 60_000);
afterAll(async () => {
  await kernel?.close();
  await sentinel?.stop();
});

describe('the kernel through Redis Sentinel', () => {
  it('keeps serving through a failover and writes to the promoted master afterwards', async () => {
    let round = 0;
    const client = createRedisClient({
      urls: [sentinel.sentinelUrl],
      mode: 'sentinel',
      sentinelName: sentinel.name,
      maxReconnectDelayMs: 200,
    });
    kernel = new CacheKernel({
      store: new TieredStore(new RedisStore({ client, keyPrefix: 's:' })),
      defaults: { retry: { maxAttempts: 0 } },
    });
    kernel.register('groq', { schema: List, fetch: async () => [{ id: `round-${++round}` }] });
    expect(await kernel.connect(10_000)).toBe(true);
    await kernel.get('groq');
    await kernel.settle();
    expect(sentinel.master.cli('EXISTS', 's:{groq}')).toBe('1');

    await sentinel.master.kill();
    // During the failover: reads answer from memory, within the bound.
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await kernel.get('groq')).source).toBe('memory');
      expect(performance.now() - started).toBeLessThan(250);
    }
    await vi.waitFor(() => expect(sentinel.currentMasterPort()).toBe(sentinel.replica.port), {
      timeout: 20_000,
      interval: 200,
    });
    await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(true), { timeout: 20_000, interval: 100 });

    const refreshed = await kernel.refresh<{ id: string }[]>('groq', { force: true });
    expect(refreshed.value[0]?.id).toBe('round-2');
    await vi.waitFor(() => expect(sentinel.replica.cli('EXISTS', 's:{groq}')).toBe('1'));
    expect(sentinel.replica.cli('HGET', 's:{groq}', 'f')).not.toBe('');
  }, 60_000);
});
