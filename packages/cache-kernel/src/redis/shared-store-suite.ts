import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../envelope.ts';
import type { StoreEvent } from '../coordinated-store.ts';
import { testEnvelope } from '../testing/kernel-setup.ts';
import type { RedisStore } from './redis-store.ts';

export interface SharedStoreSuiteContext {
  /** A connected store on the deployment under test (a fresh key prefix per call, unless given). */
  store(prefix?: string): Promise<RedisStore>;
  /** Run a raw command on the node owning `key`. */
  raw(key: string, ...args: string[]): string;
  /** Run a raw command on every node. */
  all(...args: string[]): string[];
}

const envelope = (value: unknown, version = 'v1', fence?: number): Envelope =>
  testEnvelope(value, { version, ...(fence !== undefined ? { fence } : {}) });

/**
 * The shared store's contract (bentocache-style driver suite), run on every Redis deployment:
 * round trip with compression and expiry, metadata without payload, corrupt and wrong-type
 * entries, fenced compare-and-set, owner-only lock release, and pub/sub.
 */
export function registerSharedStoreSuite(deployment: string, context: () => SharedStoreSuiteContext): void {
  describe(`RedisStore on ${deployment}`, () => {
    it('round-trips a large value compressed, with an expiry', async () => {
      const store = await context().store();
      const value = Array.from({ length: 300 }, (_, i) => ({
        id: `model-${i}`,
        name: `Model ${i}`,
        contextLength: 8192,
      }));
      await store.set('openrouter', envelope(value));
      expect((await store.get('openrouter'))?.envelope.value).toEqual(value);
      expect(Number(context().raw(store.redisKey('openrouter'), 'PTTL', store.redisKey('openrouter')))).toBeGreaterThan(
        50_000,
      );
    });

    it('reads metadata without the payload', async () => {
      const store = await context().store();
      await store.set('groq', envelope([{ id: 'a' }], 'v7', 3));
      expect(await store.peekMeta('groq')).toMatchObject({ version: 'v7', fence: 3 });
      expect(await store.peekMeta('absent')).toBeUndefined();
    });

    it('reports corrupt entries and overwrites keys of the wrong type', async () => {
      const store = await context().store();
      const key = store.redisKey('bad');
      context().raw(key, 'HSET', key, 'm', '{"version":"x"}', 'e', 'garbage');
      await expect(store.get('bad')).rejects.toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
      const legacy = store.redisKey('bad-legacy'); // the earlier two-field layout, corrupt
      context().raw(legacy, 'HSET', legacy, 'm', '{"version":"x"}', 'd', 'garbage');
      await expect(store.get('bad-legacy')).rejects.toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
      const wrong = store.redisKey('wrongtype');
      context().raw(wrong, 'SET', wrong, 'a plain string');
      await store.set('wrongtype', envelope([1]));
      expect((await store.get('wrongtype'))?.envelope.value).toEqual([1]);
    });

    it('refuses a write carrying an older fence', async () => {
      const store = await context().store();
      const first = await store.nextFence('p');
      const second = await store.nextFence('p');
      expect(second).toBe(first + 1);
      expect(await store.setFenced('p', { ...envelope(['new'], 'new'), fence: second })).toBe(true);
      expect(await store.setFenced('p', { ...envelope(['old'], 'old'), fence: first })).toBe(false);
      expect((await store.get('p'))?.envelope.version).toBe('new');
    });

    it('issues a new fence on delete: a write fenced before the delete is refused after it', async () => {
      const store = await context().store();
      const fence = await store.nextFence('inv');
      expect(await store.setFenced('inv', { ...envelope(['v1'], 'v1'), fence })).toBe(true);
      await store.delete('inv');
      expect(await store.get('inv')).toBeUndefined();
      // e.g. an instance that was cut off writing its memory back when it reconnects
      expect(await store.setFenced('inv', { ...envelope(['v1'], 'v1'), fence })).toBe(false);
      expect(await store.get('inv')).toBeUndefined();
      // Unfenced writes (fence 0: no coordination) and newer refreshes still land.
      const next = await store.nextFence('inv');
      expect(next).toBe(fence + 2);
      expect(await store.setFenced('inv', { ...envelope(['v2'], 'v2'), fence: next })).toBe(true);
      await store.set('plain', envelope(['p']));
      await store.delete('plain');
      await store.set('plain', envelope(['p2']));
      expect((await store.get('plain'))?.envelope.value).toEqual(['p2']);
    });

    it('issues fences above the stored one when the counter was lost or is of another type', async () => {
      const store = await context().store();
      const key = store.redisKey('lost');
      const counter = `${key}:fence`;
      context().raw(counter, 'SET', counter, '1000');
      const high = await store.nextFence('lost');
      expect(await store.setFenced('lost', { ...envelope(['a'], 'a'), fence: high })).toBe(true);
      context().raw(counter, 'DEL', counter); // evicted (allkeys-lru) or deleted by hand
      const next = await store.nextFence('lost');
      expect(next).toBe(high + 1);
      expect(await store.setFenced('lost', { ...envelope(['b'], 'b'), fence: next })).toBe(true);
      context().raw(counter, 'DEL', counter);
      context().raw(counter, 'HSET', counter, 'x', '1');
      const after = await store.nextFence('lost');
      expect(after).toBe(next + 1);
      expect(await store.setFenced('lost', { ...envelope(['c'], 'c'), fence: after })).toBe(true);
      expect((await store.get('lost'))?.envelope.value).toEqual(['c']);
    });

    it('takes over a lock key that could never expire (another type, or no expiry)', async () => {
      const store = await context().store();
      const lock = `${store.redisKey('stuck')}:lock`;
      context().raw(lock, 'HSET', lock, 'x', '1');
      expect(await store.acquireLock('stuck', 'owner-a', 5_000)).toBe(true);
      await store.releaseLock('stuck', 'owner-a');
      context().raw(lock, 'SET', lock, 'someone');
      expect(await store.acquireLock('stuck', 'owner-a', 5_000)).toBe(true);
      expect(Number(context().raw(lock, 'PTTL', lock))).toBeGreaterThan(0);
      // A live lock (with an expiry) is respected.
      expect(await store.acquireLock('stuck', 'owner-b', 5_000)).toBe(false);
    });

    it('compare-and-sets documents: absent, unchanged, changed, and a key of another type', async () => {
      const prefix = `doc-${Math.random().toString(36).slice(2)}:`;
      const [a, b] = [await context().store(prefix), await context().store(prefix)];
      expect(await a.compareAndSetDocument('overrides', undefined, '[1]')).toBe(true);
      expect(await b.compareAndSetDocument('overrides', undefined, '[2]')).toBe(false);
      expect(await b.compareAndSetDocument('overrides', '[1]', '[1,2]')).toBe(true);
      expect(await a.compareAndSetDocument('overrides', '[1]', '[1,3]')).toBe(false);
      expect(await a.getDocument('overrides')).toBe('[1,2]');
      const key = `${prefix}doc:{switches}`;
      context().raw(key, 'HSET', key, 'f', 'x');
      expect(await a.compareAndSetDocument('switches', undefined, '{}')).toBe(false);
      expect(await a.compareAndSetDocument('switches', '', '{}')).toBe(false);
    });

    it('lets only the owner release a lock, and the lock expires', async () => {
      const store = await context().store();
      expect(await store.acquireLock('l', 'owner-a', 300)).toBe(true);
      expect(await store.acquireLock('l', 'owner-b', 300)).toBe(false);
      await store.releaseLock('l', 'owner-b');
      expect(await store.isLocked('l')).toBe(true);
      await store.releaseLock('l', 'owner-a');
      expect(await store.isLocked('l')).toBe(false);
      expect(await store.acquireLock('l', 'owner-b', 100)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await store.isLocked('l')).toBe(false);
    });

    it('delivers change events to subscribers', async () => {
      const prefix = `events-${Math.random().toString(36).slice(2)}:`;
      const [publisher, subscriber] = [await context().store(prefix), await context().store(prefix)];
      const received = new Promise<StoreEvent>((resolve) => void subscriber.subscribe(resolve, () => undefined));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await publisher.publish({ key: 'groq', op: 'set', fence: 9, version: 'v9', origin: 'test' });
      expect(await received).toEqual({ key: 'groq', op: 'set', fence: 9, version: 'v9', origin: 'test' });
    });

    it('reports a re-subscription after the subscriber connection was lost, and still delivers', async () => {
      const prefix = `resub-${Math.random().toString(36).slice(2)}:`;
      const [publisher, subscriber] = [await context().store(prefix), await context().store(prefix)];
      const events: StoreEvent[] = [];
      let resubscribed = 0;
      await subscriber.subscribe(
        (event) => events.push(event),
        () => resubscribed++,
      );
      expect(resubscribed).toBe(0);
      const killed = context()
        .all('CLIENT', 'KILL', 'TYPE', 'pubsub')
        .reduce((sum, out) => sum + Number(out), 0);
      expect(killed).toBeGreaterThanOrEqual(1);
      await vi.waitFor(() => expect(resubscribed).toBe(1), { timeout: 5_000, interval: 10 });
      await publisher.publish({ key: 'groq', op: 'delete', fence: 0, origin: 'test' });
      await vi.waitFor(() => expect(events).toEqual([{ key: 'groq', op: 'delete', fence: 0, origin: 'test' }]));
    });
  });
}
