import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { models, setupKernel, type Models } from './testing/kernel-setup.ts';
import { TieredStore } from './tiered-store.ts';

// How many shared-store reads the kernel makes, and of what (payload or metadata only).
let redis: RedisServerHandle;
const kernels: CacheKernel[] = [];

async function instance(fetch: () => Promise<unknown>) {
  const client = createRedisClient({ urls: [redis.url], maxReconnectDelayMs: 100 });
  const store = new RedisStore({ client, keyPrefix: 'reads:', readTimeoutMs: 500 });
  const setup = setupKernel(
    fetch,
    { store: new TieredStore(store) },
    { freshTtlMs: 60_000, staleTtlMs: 60_000, maxStaleMs: 600_000 },
  );
  kernels.push(setup.kernel);
  expect(await setup.kernel.connect(5_000)).toBe(true);
  await vi.waitFor(() =>
    expect(Number(redis.cli('PUBSUB', 'NUMSUB', 'reads:events').split('\n')[1])).toBe(kernels.length),
  );
  return { ...setup, store, payloadReads: vi.spyOn(store, 'get'), metaReads: vi.spyOn(store, 'peekMeta') };
}

beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.close()));
  await redis.stop();
});

describe('CacheKernel reads of a shared store', () => {
  it('shares one store read among concurrent reads of a key held only in Redis', async () => {
    const writer = await instance(async () => models(3));
    await writer.kernel.get('p');
    await writer.kernel.settle();
    const reader = await instance(async () => models(9));

    const reads = await Promise.all(Array.from({ length: 100 }, () => reader.kernel.get<Models>('p')));

    expect(reader.payloadReads).toHaveBeenCalledTimes(1);
    expect(reader.calls()).toBe(0);
    expect(new Set(reads.map((r) => r.source))).toEqual(new Set(['redis']));
    expect(new Set(reads.map((r) => r.value)).size).toBe(1);
  });

  it('makes one store read and one upstream fetch for concurrent cold reads', async () => {
    const cold = await instance(async () => models(4));

    const reads = await Promise.all(Array.from({ length: 100 }, () => cold.kernel.get<Models>('p')));

    expect(cold.calls()).toBe(1);
    expect(cold.payloadReads).toHaveBeenCalledTimes(1);
    expect(reads.every((r) => r.value.length === 4)).toBe(true);
  });

  /** The reader holds the writer's value; the writer refreshes the same content 5 s later. */
  async function peerRefreshOfSameContent(announce: boolean) {
    const writer = await instance(async () => models(3));
    const reader = await instance(async () => models(3));
    await writer.kernel.get('p');
    await writer.kernel.settle();
    const held = await reader.kernel.get<Models>('p');
    reader.payloadReads.mockClear();
    reader.metaReads.mockClear();
    if (!announce) {
      // As an instance of an older release publishes: no metadata in the change event.
      const publish = writer.store.publish.bind(writer.store);
      vi.spyOn(writer.store, 'publish').mockImplementation(({ meta: _meta, ...event }) => publish(event));
    }
    writer.time.advance(5_000);
    const coherent = new Promise((resolve) => reader.kernel.on('coherence', resolve));
    const refreshed = await writer.kernel.refresh<Models>('p', { force: true });
    await coherent;
    await reader.kernel.settle();
    expect(refreshed.version).toBe(held.version);
    expect(reader.payloadReads).not.toHaveBeenCalled();
    const now = reader.kernel.peek<Models>('p')!;
    expect(now.value).toBe(held.value);
    expect(now.fetchedAt).toBe(refreshed.fetchedAt);
    expect(now.fetchedAt).not.toBe(held.fetchedAt);
    return reader;
  }

  it('adopts a peer refresh of the content it holds from the change event alone (no read)', async () => {
    const reader = await peerRefreshOfSameContent(true);
    expect(reader.metaReads).not.toHaveBeenCalled();
  });

  it('confirms a peer refresh announced without metadata from a metadata read (no payload)', async () => {
    const reader = await peerRefreshOfSameContent(false);
    expect(reader.metaReads).toHaveBeenCalledTimes(1);
  });

  it('reads the payload when a peer stored other content', async () => {
    let tag = 'a';
    const writer = await instance(async () => models(3, tag));
    const reader = await instance(async () => models(3, 'a'));
    await writer.kernel.get('p');
    await writer.kernel.settle();
    await reader.kernel.get<Models>('p');
    reader.payloadReads.mockClear();

    tag = 'b';
    const coherent = new Promise((resolve) => reader.kernel.on('coherence', resolve));
    await writer.kernel.refresh('p', { force: true });
    await coherent;
    await reader.kernel.settle();

    expect(reader.payloadReads).toHaveBeenCalledTimes(1);
    expect(reader.kernel.peek<Models>('p')!.value[0]!.id).toBe('b0');
    expect(reader.calls()).toBe(0);
  });

  it('keeps the records a peer left unchanged as the objects this instance already holds', async () => {
    let list = models(4, 'a');
    const writer = await instance(async () => structuredClone(list));
    const reader = await instance(async () => models(4, 'a'));
    await writer.kernel.get('p');
    await writer.kernel.settle();
    const held = (await reader.kernel.get<Models>('p')).value;

    list = [...list.slice(0, 3), { id: 'b3' }];
    const coherent = new Promise((resolve) => reader.kernel.on('coherence', resolve));
    await writer.kernel.refresh('p', { force: true });
    await coherent;
    await reader.kernel.settle();

    const read = reader.kernel.peek<Models>('p')!.value;
    expect(read.map((m) => m.id)).toEqual(['a0', 'a1', 'a2', 'b3']);
    expect(read.slice(0, 3)).toEqual(held.slice(0, 3));
    for (let i = 0; i < 3; i++) expect(read[i]).toBe(held[i]);
    expect(Object.isFrozen(read[3])).toBe(true);
  });
});
