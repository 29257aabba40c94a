import { describe, expect, it } from 'vitest';
import type { Envelope } from '../envelope.ts';
import type { StoreEvent } from '../coordinated-store.ts';
import type { RedisStore } from './redis-store.ts';

export interface SharedStoreSuiteContext {
  /** A connected store on the deployment under test (a fresh key prefix per call, unless given). */
  store(prefix?: string): Promise<RedisStore>;
  /** Run a raw command on the node owning `key`. */
  raw(key: string, ...args: string[]): string;
}

const envelope = (value: unknown, version = 'v1', fence?: number): Envelope => ({
  value,
  fetchedAt: Date.now(),
  freshUntil: Date.now() + 1_000,
  staleUntil: Date.now() + 2_000,
  expiresAt: Date.now() + 60_000,
  version,
  writtenAt: Date.now(),
  ...(fence !== undefined ? { fence } : {}),
});

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
      context().raw(key, 'HSET', key, 'm', '{"version":"x"}', 'd', 'garbage');
      await expect(store.get('bad')).rejects.toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
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
  });
}
