import { describe, expect, it } from 'vitest';
import { CacheKernel } from './cache-kernel.ts';
import { DEFAULT_KEY_POLICY, jittered, resolvePolicy } from './key-policy.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { List, models, fakeClock } from './testing/kernel-setup.ts';

describe('jittered', () => {
  it('spreads a TTL by ±jitterRatio, linearly in random()', () => {
    expect(jittered(1_000, 0.1, () => 0)).toBe(900);
    expect(jittered(1_000, 0.1, () => 0.5)).toBe(1_000);
    expect(jittered(1_000, 0.1, () => 0.75)).toBe(1_050);
    expect(jittered(1_000, 0.1, () => 0.999_999)).toBe(1_100);
    expect(jittered(1_000, 0, Math.random)).toBe(1_000);
  });
});

describe('resolvePolicy', () => {
  it('layers overrides and refuses out-of-range values with one message', () => {
    const policy = resolvePolicy(DEFAULT_KEY_POLICY, { jitterRatio: 0.2, retry: { maxAttempts: 4 } });
    expect(policy).toMatchObject({ jitterRatio: 0.2, retry: { maxAttempts: 4, initialDelayMs: 200 } });
    expect(() => resolvePolicy(DEFAULT_KEY_POLICY, { jitterRatio: 1, guard: { maxShrinkRatio: 0 } })).toThrow(
      /jitterRatio must be in \[0, 1\); guard\.maxShrinkRatio must be in \(0, 1\]/,
    );
  });
});

describe('TTL jitter in the kernel', () => {
  // The kernel's own MemoryStore is passed in, so the test reads each stored envelope's freshUntil.
  function kernelWithKeys(count: number, jitterRatio: number) {
    const clock = fakeClock();
    const store = new MemoryStore();
    const kernel = new CacheKernel({
      store,
      now: clock.now,
      defaults: { freshTtlMs: 60_000, staleTtlMs: 30_000, jitterRatio },
    });
    const keys = Array.from({ length: count }, (_, i) => `k${i}`);
    for (const key of keys) kernel.register(key, { schema: List, fetch: async () => models(2) });
    return { kernel, store, keys, clock };
  }

  it('gives keys fetched together fresh TTLs spread over ±jitterRatio, with the stale window after each', async () => {
    const { kernel, store, keys, clock } = kernelWithKeys(200, 0.2);
    await kernel.warm(keys, { concurrency: 10 });
    const ttls = keys.map((key) => {
      const envelope = store.peekLocal(key)!;
      expect(envelope.fetchedAt).toBe(clock.now());
      expect(envelope.staleUntil - envelope.freshUntil).toBe(30_000);
      return envelope.freshUntil - envelope.fetchedAt;
    });
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThanOrEqual(48_000);
      expect(ttl).toBeLessThanOrEqual(72_000);
    }
    // Spread over the band, not bunched: both outer fifths are used, and most TTLs are distinct.
    expect(ttls.some((ttl) => ttl < 52_800)).toBe(true);
    expect(ttls.some((ttl) => ttl > 67_200)).toBe(true);
    expect(new Set(ttls).size).toBeGreaterThan(150);
    await kernel.close();
  });

  it('draws a new jitter on every refresh of a key', async () => {
    const { kernel, store, clock } = kernelWithKeys(1, 0.1);
    const ttls = new Set<number>();
    for (let i = 0; i < 30; i++) {
      await kernel.refresh('k0', { force: true });
      const envelope = store.peekLocal('k0')!;
      ttls.add(envelope.freshUntil - envelope.fetchedAt);
      clock.advance(1_000);
    }
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThanOrEqual(54_000);
      expect(ttl).toBeLessThanOrEqual(66_000);
    }
    expect(ttls.size).toBeGreaterThan(20);
    await kernel.close();
  });

  it('turns a value stale exactly at its jittered freshUntil', async () => {
    const clock = fakeClock();
    const kernel = new CacheKernel({
      now: clock.now,
      random: () => 0.999_999, // the top of the band: +10 %
      defaults: { freshTtlMs: 1_000, staleTtlMs: 1_000, maxStaleMs: 10_000, jitterRatio: 0.1 },
    });
    kernel.register('p', { schema: List, fetch: async () => models(2) });
    await kernel.get('p');
    clock.advance(1_099);
    expect(kernel.peek('p')?.state).toBe('fresh');
    clock.advance(1);
    expect(kernel.peek('p')?.state).toBe('stale');
    await kernel.close();
  });
});
