import { CacheKernel, type CacheRead } from '@catalog/cache-kernel';
import type { CatalogProvider } from '@catalog/provider-contract';
import { seededRandom as seeded } from '@catalog/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { timedProvider } from './__fixtures__/timed-provider.ts';
import { kernelProviderCache } from './kernel-provider-cache.ts';

// The background sync on a fake clock: timers and Date are vitest's, the kernel and the catalog
// are the real ones, and each provider answers after a latency measured on the same clock.

const MINUTE = 60_000;

interface FetchRecord {
  readonly provider: string;
  readonly startedAt: number;
  /** Fetches of this provider running, this one included. */
  readonly running: number;
  /** What the cache held when the fetch started and when its answer arrived. */
  readonly heldBefore: CacheRead<unknown> | undefined;
  heldAtEnd?: CacheRead<unknown> | undefined;
  /** Started by a test's warm(), not by the sync. */
  readonly byWarm: boolean;
}

/** A timed provider whose fetches are logged: start, concurrency, what the cache held before and after. */
function loggedProvider(
  slug: string,
  latencyMs: number,
  log: FetchRecord[],
  held: (slug: string) => CacheRead<unknown> | undefined,
  warming: () => boolean,
): CatalogProvider {
  let running = 0;
  return timedProvider(slug, latencyMs, () => {
    running++;
    const record: FetchRecord = {
      provider: slug,
      startedAt: Date.now(),
      running,
      heldBefore: held(slug),
      byWarm: warming(),
    };
    log.push(record);
    return () => {
      record.heldAtEnd = held(slug);
      running--;
    };
  });
}

let catalog: Catalog | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 24) });
});
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
  vi.useRealTimers();
});

describe('background sync', () => {
  it('refreshes each provider before its fresh TTL ends, jittered, never twice at once, even when asked to meanwhile', async () => {
    const ttl: Record<string, number> = { alpha: 10 * MINUTE, beta: 2 * MINUTE, gamma: 10 * MINUTE };
    const log: FetchRecord[] = [];
    let warming = false;
    const kernel = new CacheKernel({
      now: () => Date.now(),
      random: seeded(7),
      // The kernel spreads every fresh TTL by its own ±10 % too.
      defaults: {
        freshTtlMs: 10 * MINUTE,
        staleTtlMs: 10 * MINUTE,
        maxStaleMs: 60 * MINUTE,
        retry: { maxAttempts: 0 },
      },
    });
    const held = (slug: string) => kernel.peek(slug);
    const providers = [
      loggedProvider('alpha', 200, log, held, () => warming),
      loggedProvider('beta', 200, log, held, () => warming),
      loggedProvider('gamma', 4_000, log, held, () => warming),
    ];
    catalog = createCatalog({
      providers,
      // beta has a shorter TTL of its own (a per-provider policy): the sync follows it.
      cache: kernelProviderCache(kernel, {
        policy: (slug) => (slug === 'beta' ? { freshTtlMs: ttl.beta } : undefined),
      }),
      freshTtlMs: 10 * MINUTE,
      now: () => Date.now(),
      random: seeded(11),
      overridesReloadMs: 0,
    });
    // While gamma's slow refreshes are in flight, an operator warms it and requests keep coming.
    let gammaStarts = 0;
    kernel.on('refresh-start', ({ key }) => {
      if (key !== 'gamma' || gammaStarts++ === 0) return;
      // After the event (its listeners run before the kernel marks the fetch in flight).
      queueMicrotask(() => {
        void catalog!.warm(['gamma']);
        void catalog!.view();
      });
    });
    const started = catalog.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await started;
    // Once, an operator's warm-up refreshes alpha off schedule: the sync counts from that value.
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    warming = true;
    const warm = catalog.warm(['alpha']);
    await vi.advanceTimersByTimeAsync(1_000);
    await warm;
    warming = false;
    await vi.advanceTimersByTimeAsync(90 * MINUTE);

    for (const slug of ['alpha', 'beta', 'gamma']) {
      const fetches = log.filter((r) => r.provider === slug);
      expect(Math.max(...fetches.map((r) => r.running))).toBe(1);
      const refreshes = fetches.slice(1).filter((r) => !r.byWarm);
      // About one per 0.75 TTL over the 93 minutes: the sync ran all along.
      expect(refreshes.length).toBeGreaterThanOrEqual(Math.floor((90 * MINUTE) / (0.85 * ttl[slug]!)) - 1);
      const offsets = refreshes.map((r) => (r.startedAt - r.heldBefore!.fetchedAt) / ttl[slug]!);
      for (const [i, record] of refreshes.entries()) {
        // Due between 65 % and 85 % of the fresh TTL of the value it replaces…
        expect(offsets[i]).toBeGreaterThanOrEqual(0.65);
        expect(offsets[i]).toBeLessThanOrEqual(0.85);
        // …so the value was fresh when the refresh began and still fresh when its answer came.
        expect(record.heldBefore!.state).toBe('fresh');
        expect(record.heldAtEnd!.state).toBe('fresh');
      }
      // Jittered: no two refreshes of a provider at the same offset, spread over the window.
      expect(new Set(offsets).size).toBe(offsets.length);
      expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(0.1);
    }
    // gamma was warmed during most of its refreshes: each joined the refresh in flight (no extra
    // upstream call, which would have shown as a fetch outside the window or a second one running).
    expect(gammaStarts).toBeGreaterThan(5);
  });

  it('backs off after a failed refresh instead of retrying in a loop, and recovers', async () => {
    let fail = false;
    let calls = 0;
    const kernel = new CacheKernel({
      now: () => Date.now(),
      defaults: {
        freshTtlMs: MINUTE,
        staleTtlMs: 10 * MINUTE,
        maxStaleMs: 60 * MINUTE,
        retry: { maxAttempts: 0 },
        // Every failure reaches the upstream here (no open circuit in between).
        breaker: { threshold: 1_000 },
      },
    });
    const provider: CatalogProvider = {
      ...timedProvider('alpha', 0),
      async fetchModels() {
        calls++;
        if (fail) throw new Error('upstream down');
        return { models: [{ id: 'alpha/model', provider: 'alpha', canonicalId: 'alpha/model' }], skipped: [] };
      },
    };
    catalog = createCatalog({
      providers: [provider],
      cache: kernelProviderCache(kernel),
      freshTtlMs: MINUTE,
      now: () => Date.now(),
      overridesReloadMs: 0,
    });
    await catalog.start();
    fail = true;
    await vi.advanceTimersByTimeAsync(MINUTE);
    const failing = calls;
    expect(failing).toBeGreaterThan(1);
    // Failures are retried every 5 s ± 40 %, not continuously.
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(calls - failing).toBeGreaterThanOrEqual(Math.floor(60 / 7));
    expect(calls - failing).toBeLessThanOrEqual(Math.ceil(60 / 3));
    fail = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(catalog.health()[0]).toMatchObject({ state: 'fresh', breaker: 'closed' });
  });
});
