import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../envelope.ts';
import { createRedisClient, reconnectDelay } from './create-redis-client.ts';
import { RedisStore } from './redis-store.ts';

let redis: RedisServerHandle;
let store: RedisStore;
beforeAll(async () => {
  redis = await startRedisServer();
  store = new RedisStore({ client: createRedisClient({ urls: [redis.url] }), keyPrefix: 'test:' });
  await new Promise((resolve) => store.client.once('ready', resolve));
});
afterAll(async () => {
  await store.close();
  await redis.stop();
});

const envelope = (value: unknown, version = 'v1'): Envelope => ({
  value,
  fetchedAt: Date.now(),
  freshUntil: Date.now() + 1000,
  staleUntil: Date.now() + 2000,
  expiresAt: Date.now() + 60_000,
  version,
  writtenAt: Date.now(),
});

describe('RedisStore', () => {
  it('round-trips envelopes under cluster-safe hash-tagged keys, with an expiry', async () => {
    const value = Array.from({ length: 300 }, (_, i) => ({
      id: `model-${i}`,
      name: `Model ${i}`,
      contextLength: 8192,
    }));
    await store.set('openrouter', envelope(value));
    expect(store.redisKey('openrouter')).toBe('test:{openrouter}');
    const read = await store.get('openrouter');
    expect(read?.source).toBe('redis');
    expect(read?.envelope.value).toEqual(value);
    expect(Number(redis.cli('PTTL', 'test:{openrouter}'))).toBeGreaterThan(50_000);
    const stored = Number(redis.cli('MEMORY', 'USAGE', 'test:{openrouter}'));
    expect(stored * 4).toBeLessThan(JSON.stringify(value).length);
  });

  it('reads the version without the payload', async () => {
    await store.set('meta-only', envelope([{ id: 'a' }], 'v7'));
    expect(await store.peekMeta('meta-only')).toMatchObject({ version: 'v7' });
    expect(await store.peekMeta('absent')).toBeUndefined();
  });

  it('reports a corrupt entry as a decode StoreError and overwrites a key of the wrong type', async () => {
    redis.cli('HSET', 'test:{bad}', 'm', '{"version":"x"}', 'd', 'garbage');
    await expect(store.get('bad')).rejects.toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
    redis.cli('SET', 'test:{wrongtype}', 'a plain string');
    await expect(store.get('wrongtype')).rejects.toMatchObject({ code: 'KERNEL_STORE' });
    await store.set('wrongtype', envelope([1]));
    expect((await store.get('wrongtype'))?.envelope.value).toEqual([1]);
  });

  it('keeps named documents', async () => {
    await store.setDocument('overrides', '[{"a":1}]');
    expect(await store.getDocument('overrides')).toBe('[{"a":1}]');
  });

  it('backs off reconnects exponentially with jitter, capped', () => {
    expect(reconnectDelay(1, 5_000, () => 1)).toBe(100);
    expect(reconnectDelay(30, 5_000, () => 1)).toBe(5_000);
    expect(reconnectDelay(30, 5_000, () => 0)).toBe(10);
  });
});
