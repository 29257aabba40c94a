import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnvelope } from '../testing/kernel-setup.ts';
import { createRedisClient, reconnectDelay } from './create-redis-client.ts';
import { RedisStore } from './redis-store.ts';

// Standalone specifics; the store contract on every deployment is in redis-store.deployments.test.ts.
let redis: RedisServerHandle;
let store: RedisStore;
beforeAll(async () => {
  redis = await startRedisServer();
  store = new RedisStore({ client: createRedisClient({ urls: [redis.url] }), keyPrefix: 'test:' });
  await store.waitUntilConnected(5_000);
});
afterAll(async () => {
  await store.close();
  await redis.stop();
});

const envelope = (value: unknown) => testEnvelope(value);

describe('RedisStore (standalone)', () => {
  it('stores a 300-model list in under a quarter of its JSON size (Redis MEMORY USAGE)', async () => {
    const value = Array.from({ length: 300 }, (_, i) => ({
      id: `model-${i}`,
      name: `Model ${i}`,
      contextLength: 8192,
    }));
    await store.set('openrouter', envelope(value));
    expect(store.redisKey('openrouter')).toBe('test:{openrouter}');
    const stored = Number(redis.cli('MEMORY', 'USAGE', 'test:{openrouter}'));
    expect(stored * 4).toBeLessThan(JSON.stringify(value).length);
  });

  it('stores a value raw in Redis when compressing it would not pay', async () => {
    const raw = new RedisStore({ client: store.client, keyPrefix: 'raw:', compressAboveBytes: 0, ownsClient: false });
    await raw.set('tiny', envelope([{ id: 'a' }]));
    // The entry field: binary header, then the payload: encoding byte 0 (raw) and the JSON itself.
    expect(redis.cli('HGET', 'raw:{tiny}', 'e').endsWith('v1\u0000[{"id":"a"}]')).toBe(true);
    expect((await raw.get('tiny'))?.envelope.value).toEqual([{ id: 'a' }]);
  });

  it('reads an entry of the earlier two-field layout (m + d) until a write replaces it', async () => {
    const meta = { ...testEnvelope(null), version: 'old', fence: 3 };
    delete (meta as { value?: unknown }).value;
    const payload = Buffer.concat([Buffer.of(0), Buffer.from('[{"id":"kept"}]')]); // raw encoding byte, JSON
    await store.client.hset('test:{legacy}', 'm', JSON.stringify(meta), 'd', payload, 'f', '3');
    const read = await store.get('legacy');
    expect(read?.envelope).toEqual({ ...meta, value: [{ id: 'kept' }] });
    expect(read?.jsonLength).toBe('[{"id":"kept"}]'.length);
    expect(await store.setFenced('legacy', { ...envelope(['new']), fence: 4 })).toBe(true);
    expect(redis.cli('HKEYS', 'test:{legacy}').split('\n').sort()).toEqual(['e', 'f', 'm']);
    expect((await store.get('legacy'))?.envelope.value).toEqual(['new']);
  });

  it('takes a reply that arrived while its own event loop was busy, instead of calling it a timeout', async () => {
    const quick = new RedisStore({ client: store.client, keyPrefix: 'lag:', readTimeoutMs: 20, ownsClient: false });
    await quick.set('k', envelope([{ id: 'a' }]));
    const reading = quick.get('k');
    // This process is busy for 5× the deadline while Redis answers at once: when the loop turns, the
    // expired deadline and the reply are both due; the reply wins.
    const busyUntil = Date.now() + 100;
    while (Date.now() < busyUntil);
    expect((await reading)?.envelope.value).toEqual([{ id: 'a' }]);
  });

  it('keeps named documents', async () => {
    await store.setDocument('overrides', '[{"a":1}]');
    expect(await store.getDocument('overrides')).toBe('[{"a":1}]');
  });

  it('waits for the connection, bounded', async () => {
    expect(await store.waitUntilConnected(100)).toBe(true);
    const unreachable = new RedisStore({
      client: createRedisClient({ urls: ['redis://127.0.0.1:1'], connectTimeoutMs: 200 }),
    });
    expect(await unreachable.waitUntilConnected(150)).toBe(false);
    await unreachable.close();
  });

  it('fails a subscription to an unreachable Cluster instead of hanging, and closes', async () => {
    const unreachable = new RedisStore({
      client: createRedisClient({ urls: ['redis://127.0.0.1:1'], mode: 'cluster', connectTimeoutMs: 200 }),
    });
    await expect(
      unreachable.subscribe(
        () => undefined,
        () => undefined,
      ),
    ).rejects.toThrow(/subscribe/);
    await unreachable.close();
  });

  it('backs off reconnects exponentially with jitter, capped', () => {
    expect(reconnectDelay(1, 5_000, () => 1)).toBe(100);
    expect(reconnectDelay(30, 5_000, () => 1)).toBe(5_000);
    expect(reconnectDelay(30, 5_000, () => 0)).toBe(10);
  });
});
