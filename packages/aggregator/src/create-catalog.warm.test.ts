import { CacheKernel } from '@catalog/cache-kernel';
import type { CatalogProvider } from '@catalog/provider-contract';
import { timedProvider } from './__fixtures__/timed-provider.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { kernelProviderCache } from './kernel-provider-cache.ts';

// The warm-up on a fake clock: each provider answers after its own latency, and the test records
// how many upstream fetches were running at once.

interface Upstream {
  running: number;
  mostAtOnce: number;
}

function latencyProvider(slug: string, latencyMs: number, upstream: Upstream): CatalogProvider {
  return timedProvider(slug, latencyMs, () => {
    upstream.mostAtOnce = Math.max(upstream.mostAtOnce, ++upstream.running);
    return () => upstream.running--;
  });
}

/** 30 providers with latencies from 50 to 800 ms, as a gateway's upstreams. */
function startCatalog(warmConcurrency?: number) {
  const upstream: Upstream = { running: 0, mostAtOnce: 0 };
  const providers = Array.from({ length: 30 }, (_, i) =>
    latencyProvider(`p${String(i).padStart(2, '0')}`, 50 + (i * 750) / 29, upstream),
  );
  const kernel = new CacheKernel({ now: () => Date.now(), defaults: { retry: { maxAttempts: 0 } } });
  const catalog = createCatalog({
    providers,
    cache: kernelProviderCache(kernel),
    now: () => Date.now(),
    overridesReloadMs: 0,
    ...(warmConcurrency !== undefined ? { warmConcurrency } : {}),
  });
  return { catalog, upstream };
}

let catalog: Catalog | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2) });
});
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
  vi.useRealTimers();
});

/** Starts the catalog and returns when it became ready, in fake ms. */
async function readyAfter(subject: Catalog): Promise<number> {
  const startedAt = Date.now();
  let readyAt: number | undefined;
  void subject.start().then(() => (readyAt = Date.now()));
  while (readyAt === undefined) await vi.advanceTimersByTimeAsync(10);
  expect(subject.isReady()).toBe(true);
  return readyAt - startedAt;
}

describe('warm-up', () => {
  it('fetches every provider at once by default: ready when the slowest one answered', async () => {
    const subject = startCatalog();
    catalog = subject.catalog;
    const took = await readyAfter(subject.catalog);
    expect(subject.upstream.mostAtOnce).toBe(30);
    expect(took).toBeGreaterThanOrEqual(800);
    expect(took).toBeLessThanOrEqual(820);
    expect((await subject.catalog.view()).models).toHaveLength(30);
  });

  it('keeps to a bound when one is given', async () => {
    const subject = startCatalog(8);
    catalog = subject.catalog;
    const took = await readyAfter(subject.catalog);
    expect(subject.upstream.mostAtOnce).toBe(8);
    // Eight slots working through the list: the last ones start late.
    expect(took).toBeGreaterThan(1_500);
  });

  it('publishes with the view after the warm-up what it merged while slower providers were fetched', async () => {
    const upstream: Upstream = { running: 0, mostAtOnce: 0 };
    const kernel = new CacheKernel({ now: () => Date.now(), defaults: { retry: { maxAttempts: 0 } } });
    const subject = createCatalog({
      providers: [latencyProvider('fast', 50, upstream), latencyProvider('slow', 800, upstream)],
      cache: kernelProviderCache(kernel),
      now: () => Date.now(),
      overridesReloadMs: 0,
    });
    catalog = subject;
    let ready = false;
    void subject.start().then(() => (ready = true));
    await vi.advanceTimersByTimeAsync(100);
    // A request while the slow provider is still being fetched: the fast one's list is in its view.
    const during = subject.view({ waitMs: 0 });
    await vi.advanceTimersByTimeAsync(1);
    const mid = await during;
    expect(mid.models.map((m) => m.canonicalId)).toEqual(['fast/model']);
    expect(mid.missing).toEqual([{ provider: 'slow', reason: 'first fetch still in progress' }]);
    while (!ready) await vi.advanceTimersByTimeAsync(10);
    const after = await subject.view();
    expect(after.models.map((m) => m.canonicalId)).toEqual(['fast/model', 'slow/model']);
    // The slow provider's list, merged as it landed, reaches the change feed once, with the view
    // after it; the fast one's went out with the view before.
    expect(subject.changesSince(mid.version)).toEqual({
      complete: true,
      from: mid.version,
      to: after.version,
      changes: [{ type: 'added', provider: 'slow', id: 'slow/model', canonicalId: 'slow/model' }],
    });
  });

  it('refuses a bound below one', () => {
    expect(() => startCatalog(0)).toThrow(new RangeError('warmConcurrency must be >= 1 (got 0)'));
  });
});
