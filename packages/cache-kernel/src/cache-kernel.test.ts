import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CacheKernel } from './cache-kernel.ts';
import { CircuitOpenError, NoValueError, UnknownKeyError } from './kernel-error.ts';
import { List, models, setupKernel as setup, type Models } from './testing/kernel-setup.ts';

describe('CacheKernel reads', () => {
  it('fetches on a cold read, then serves fresh hits from memory without copying', async () => {
    const { kernel, calls } = setup(async () => models(3));
    const first = await kernel.get('p');
    expect(first).toMatchObject({ state: 'fresh', source: 'upstream', ageMs: 0 });
    const second = await kernel.get('p');
    expect(second).toMatchObject({ state: 'fresh', source: 'memory' });
    expect(second.value).toBe(first.value);
    expect(Object.isFrozen(second.value)).toBe(true);
    expect(calls()).toBe(1);
    expect(kernel.status('p')).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, state: 'fresh', count: 3 });
  });

  it('hands out one frozen read per clock tick for fresh memory hits, still counting every hit', async () => {
    let round = 0;
    const { kernel, time } = setup(async () => models(2, `r${++round}-`));
    await kernel.get('p');
    const hits: string[] = [];
    kernel.events.on('hit', ({ state }) => hits.push(state));
    const first = kernel.get('p');
    const second = kernel.get('p');
    expect(second).toBe(first);
    const read = await first;
    expect(Object.isFrozen(read)).toBe(true);
    expect(() => Object.assign(read, { state: 'stale' })).toThrow(TypeError);
    time.advance(10);
    const later = await kernel.get('p');
    expect(later).not.toBe(read);
    expect(later).toMatchObject({ state: 'fresh', source: 'memory', ageMs: 10 });
    expect(later.value).toBe(read.value);
    await kernel.refresh('p', { force: true });
    const refreshed = await kernel.get<{ id: string }[]>('p');
    expect(refreshed.value[0]?.id).toBe('r2-0');
    expect(hits).toEqual(['fresh', 'fresh', 'fresh', 'fresh']);
    expect(kernel.status('p')).toMatchObject({ hits: 4, misses: 1 });
  });

  it("does not hand out the clock tick's read again once memory let go of its entry", async () => {
    let round = 0;
    const { kernel } = setup(async () => models(1, `r${++round}-`));
    await kernel.get('p');
    const held = await kernel.get<Models>('p');
    expect(held.source).toBe('memory');
    await kernel.invalidate('p');
    const after = await kernel.get<Models>('p');
    expect(after).not.toBe(held);
    expect(after).toMatchObject({ source: 'upstream' });
    expect(after.value[0]?.id).toBe('r2-0');
  });

  it('serves a stale value at once within the window, with exactly one background refresh', async () => {
    let version = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { kernel, time, calls } = setup(async () => {
      version++;
      if (version > 1) await gate;
      return models(3, `v${version}-`);
    });
    await kernel.get('p');
    time.advance(1_500);
    const reads = await Promise.all(Array.from({ length: 20 }, () => kernel.get('p')));
    for (const read of reads) expect(read).toMatchObject({ state: 'stale', source: 'memory', ageMs: 1_500 });
    expect(calls()).toBe(2);
    release();
    await kernel.settle();
    expect((await kernel.get<{ id: string }[]>('p')).value[0]?.id).toBe('v2-0');
    expect(calls()).toBe(2);
  });

  it('readNow never waits: counts hits and misses, refreshes stale and missing values in the background', async () => {
    const { kernel, time, calls } = setup(async () => models(2));
    expect(kernel.readNow('p')).toBeUndefined();
    await kernel.settle();
    expect(calls()).toBe(1);
    expect(kernel.readNow('p')).toMatchObject({ state: 'fresh', source: 'memory' });
    time.advance(1_500);
    expect(kernel.readNow('p')?.state).toBe('stale');
    await kernel.settle();
    expect(calls()).toBe(2);
    expect(kernel.status('p')).toMatchObject({ hits: 2, misses: 1 });
  });

  it('refreshes early with ifVersion: fetches while the value is that version, keeps a newer one', async () => {
    let n = 0;
    const { kernel, calls } = setup(async () => models(2, `v${++n}-`));
    const first = await kernel.get('p');
    const refreshed = await kernel.refresh('p', { ifVersion: first.version });
    expect(refreshed.version).not.toBe(first.version);
    expect(calls()).toBe(2);
    // Still naming the old version: the value changed since, so it is kept without fetching.
    expect((await kernel.refresh('p', { ifVersion: first.version })).version).toBe(refreshed.version);
    expect(calls()).toBe(2);
  });

  it('lets an event listener that asks for the key again join the fetch in flight', async () => {
    const { kernel, calls } = setup(async () => models(2));
    const joined: Promise<unknown>[] = [];
    kernel.on('refresh-start', ({ key }) => {
      if (joined.length < 5) joined.push(kernel.refresh(key, { force: true }));
    });
    await kernel.get('p');
    await Promise.all(joined);
    expect(joined).toHaveLength(1);
    expect(calls()).toBe(1);
  });

  it('makes one upstream fetch for 1000 concurrent cold reads', async () => {
    const { kernel, calls } = setup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return models(5);
    });
    const reads = await Promise.all(Array.from({ length: 1000 }, () => kernel.get('p')));
    expect(calls()).toBe(1);
    expect(new Set(reads.map((r) => r.value)).size).toBe(1);
  });

  it('keeps the same object when a refresh brings identical content', async () => {
    const { kernel, time } = setup(async () => models(3));
    const first = await kernel.get('p');
    time.advance(5_000);
    const refreshed = await kernel.refresh('p', { force: true });
    expect(refreshed.value).toBe(first.value);
    expect(refreshed.version).toBe(first.version);
  });

  it('keeps the records a refresh did not change as the same objects (structural sharing)', async () => {
    let list = models(5);
    const { kernel } = setup(async () => structuredClone(list));
    const first = (await kernel.get<Models>('p')).value;
    // One record removed from the middle, one added at the front, one changed.
    list = [{ id: 'new' }, ...list.slice(0, 2), ...list.slice(3)];
    list[4] = { id: 'm4-changed' };
    const next = (await kernel.refresh<Models>('p', { force: true })).value;
    expect(next.map((m) => m.id)).toEqual(['new', 'm0', 'm1', 'm3', 'm4-changed']);
    expect(next[1]).toBe(first[0]);
    expect(next[2]).toBe(first[1]);
    expect(next[3]).toBe(first[3]);
    expect(next[4]).not.toBe(first[4]);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next[0])).toBe(true);
  });

  it('throws NoValueError when nothing is cached and the fetch fails, and UnknownKeyError for unknown keys', async () => {
    const { kernel } = setup(async () => {
      throw Object.assign(new Error('boom'), { reason: 'http_500' });
    });
    await expect(kernel.get('p')).rejects.toSatisfy(
      (e) => NoValueError.isInstance(e) && /boom/.test((e as Error).message),
    );
    await expect(kernel.get('nope')).rejects.toSatisfy(UnknownKeyError.isInstance);
  });
});

describe('CacheKernel failures and last-good protection', () => {
  it('serves the last good value as stale-error while the upstream fails, up to maxStale', async () => {
    let fail = false;
    const { kernel, time } = setup(async () => {
      if (fail) throw Object.assign(new Error('down'), { reason: 'http_503' });
      return models(3);
    });
    await kernel.get('p');
    fail = true;
    time.advance(2_500); // past fresh + stale window
    const read = await kernel.get('p');
    expect(read).toMatchObject({ state: 'stale-error', source: 'memory' });
    expect(kernel.status('p').lastError?.reason).toBe('http_503');
    time.advance(9_000); // past maxStale
    await expect(kernel.get('p')).rejects.toSatisfy(NoValueError.isInstance);
  });

  it('keeps the last good value when a fetch is empty, shrunk or invalid, and counts each', async () => {
    const answers: unknown[] = [models(10), [], models(2), [{ id: 42 }], models(9)];
    const { kernel, time } = setup(async () => answers.shift());
    const rejected: string[] = [];
    kernel.on('rejected', (e) => rejected.push(e.reason));
    const good = await kernel.get('p');
    for (const reason of ['empty', 'shrunk', 'invalid']) {
      time.advance(10);
      await expect(kernel.refresh('p', { force: true })).rejects.toThrow(
        reason === 'invalid' ? /invalid/ : new RegExp(reason),
      );
      expect((await kernel.get('p')).value).toBe(good.value);
    }
    expect(rejected).toEqual(['empty', 'shrunk', 'invalid']);
    const accepted = await kernel.refresh<{ id: string }[]>('p', { force: true });
    expect(accepted.value).toHaveLength(9);
    const metrics = await kernel.registry.metrics();
    expect(metrics).toContain('refresh_rejected_total{provider="p",reason="empty"} 1');
    expect(metrics).toContain('refresh_rejected_total{provider="p",reason="shrunk"} 1');
    expect(metrics).toContain('refresh_rejected_total{provider="p",reason="invalid"} 1');
  });

  it('logs each refused list with its key and reason, honouring a per-key maxShrinkRatio', async () => {
    const warnings: { obj: object; msg: string | undefined }[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (obj: object, msg?: string) => warnings.push({ obj, msg }),
    };
    const answers: unknown[] = [models(10), models(7), models(8)];
    const { kernel, time } = setup(async () => answers.shift(), { logger }, { guard: { maxShrinkRatio: 0.2 } });
    await kernel.get('p');
    time.advance(10);
    await expect(kernel.refresh('p', { force: true })).rejects.toThrow(/shrank from 10 to 7/);
    expect(warnings).toEqual([
      {
        obj: { key: 'p', reason: 'shrunk' },
        msg: 'refused the new value of "p" (shrunk): the list shrank from 10 to 7 items (more than 20%); the last good value is kept',
      },
    ]);
    expect(kernel.status('p').lastRejection).toMatchObject({ reason: 'shrunk' });
    expect((await kernel.get('p')).value).toHaveLength(10);
    time.advance(10);
    expect((await kernel.refresh('p', { force: true })).value).toHaveLength(8); // exactly 20 %: accepted
    expect(warnings).toHaveLength(1);
  });

  it('opens the breaker after N failures, calls no upstream while open, recovers through half-open', async () => {
    let fail = true;
    const { kernel, calls } = setup(
      async () => {
        if (fail) throw new Error('down');
        return models(2);
      },
      {},
      { breaker: { threshold: 3, halfOpenAfterMs: 80 } },
    );
    const states: string[] = [];
    kernel.on('breaker', (e) => states.push(e.state));
    for (let i = 0; i < 3; i++) await expect(kernel.refresh('p')).rejects.toThrow('down');
    expect(kernel.status('p').breaker).toBe('open');
    expect(kernel.isFailing('p')).toBe(true);
    await expect(kernel.refresh('p')).rejects.toSatisfy(CircuitOpenError.isInstance);
    expect(calls()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 120));
    fail = false;
    const read = await kernel.get('p');
    expect(read.source).toBe('upstream');
    expect(calls()).toBe(4);
    expect(kernel.status('p').breaker).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(await kernel.registry.metrics()).toContain('circuit_breaker_state{provider="p"} 0');
  });

  it('retries with backoff, honouring Retry-After, and does not retry non-retryable errors', async () => {
    const { kernel, calls } = setup(
      async () => {
        if (calls() === 1) throw Object.assign(new Error('429'), { retryable: true, retryAfterMs: 150 });
        return models(2);
      },
      {},
      { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1_000 } },
    );
    const retries: number[] = [];
    kernel.on('retry', (e) => retries.push(e.delayMs));
    await kernel.get('p');
    expect(calls()).toBe(2);
    expect(retries).toEqual([150]);

    let tries = 0;
    kernel.register('q', {
      schema: List,
      policy: { retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 10 } },
      fetch: async () => {
        tries++;
        throw Object.assign(new Error('401'), { retryable: false });
      },
    });
    await expect(kernel.get('q')).rejects.toThrow();
    expect(tries).toBe(1);
  });

  it('records legacy error-state calls on the breaker', async () => {
    const { kernel } = setup(async () => models(1), {}, { breaker: { threshold: 2, halfOpenAfterMs: 60_000 } });
    await kernel.recordFailure('p', new Error('x'));
    expect(kernel.isFailing('p')).toBe(false);
    await kernel.recordFailure('p', new Error('x'));
    expect(kernel.isFailing('p')).toBe(true);
  });
});

describe('CacheKernel.set', () => {
  it('stores a value obtained elsewhere, validated and guarded, without an upstream call', async () => {
    const { kernel, calls } = setup(async () => models(2));
    const stored = kernel.set<{ id: string }[]>('p', models(4));
    expect(stored).toMatchObject({ state: 'fresh', source: 'memory' });
    expect((await kernel.get('p')).value).toBe(stored.value);
    expect(calls()).toBe(0);
    expect(() => kernel.set('p', [{ id: 1 }])).toThrow(/invalid/);
    expect(() => kernel.set('p', models(1))).toThrow(/shrank/);
    expect(kernel.set('p', models(1), { guard: false }).value).toHaveLength(1);
    expect(await kernel.registry.metrics()).toContain('catalog_models{provider="p"} 1');
  });
});

describe('CacheKernel invalidation and warm-up', () => {
  it('invalidates a key, cascading to its dependents', async () => {
    const { kernel, calls } = setup(async () => models(2));
    kernel.register('catalog', { schema: z.number(), fetch: async () => 1, dependents: [] });
    kernel.register('q', { schema: List, fetch: async () => models(1), dependents: ['catalog'] });
    await kernel.warm(['p', 'q', 'catalog']);
    const invalidated: string[] = [];
    kernel.on('invalidate', (e) => invalidated.push(e.key));
    await kernel.invalidate('q', { cascade: true });
    expect(invalidated).toEqual(['q', 'catalog']);
    expect(kernel.peek('q')).toBeUndefined();
    expect(kernel.peek('catalog')).toBeUndefined();
    expect(kernel.peek('p')).toBeDefined();
    await kernel.get('p');
    expect(calls()).toBe(1);
    expect(await kernel.registry.metrics()).toContain('cache_invalidations_total{provider="q"} 1');
  });

  it('coalesces a burst of invalidations within the debounce window', async () => {
    const { kernel } = setup(async () => models(2), { invalidationDebounceMs: 30 });
    await kernel.get('p');
    let runs = 0;
    kernel.on('invalidate', () => runs++);
    await Promise.all(Array.from({ length: 50 }, () => kernel.invalidate('p')));
    expect(runs).toBe(1);
    expect(kernel.peek('p')).toBeUndefined();
  });

  it('warms keys with bounded concurrency and reports progress', async () => {
    const kernel = new CacheKernel();
    let active = 0;
    let peak = 0;
    for (let i = 0; i < 10; i++) {
      kernel.register(`k${i}`, {
        schema: List,
        fetch: async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 10));
          active--;
          if (i === 3) throw new Error('k3 down');
          return models(1);
        },
        policy: { retry: { maxAttempts: 0 } },
      });
    }
    const progress: number[] = [];
    const results = await kernel.warm(kernel.keys(), { concurrency: 3, onProgress: (e) => progress.push(e.done) });
    expect(peak).toBe(3);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(results.filter((r) => !r.ok).map((r) => r.key)).toEqual(['k3']);
    await kernel.close();
  });
});

describe('CacheKernel metrics', () => {
  it('exports the seed metric names with correct values', async () => {
    const { kernel } = setup(async () => models(4));
    await kernel.get('p');
    await kernel.get('p');
    await kernel.get('p');
    const text = await kernel.registry.metrics();
    expect(text).toContain('cache_hits_total{provider="p"} 2');
    expect(text).toContain('cache_misses_total{provider="p"} 1');
    expect(text).toMatch(/cache_hit_rate\{provider="p"\} 0\.666/);
    expect(text).toContain('catalog_models{provider="p"} 4');
    expect(text).toContain('cache_entry_age_seconds{provider="p"} 0');
    expect(text).toContain('provider_fetch_duration_seconds_count{provider="p",outcome="success"} 1');
    expect(text).toContain('circuit_breaker_state{provider="p"} 0');
    for (const name of [
      'cache_invalidations_total',
      'cache_errors_total',
      'redis_connection_errors_total',
      'provider_fetch_errors_total',
      'refresh_rejected_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} counter`);
    }
  });

  it('exports the age of the held value on the kernel clock, per key', async () => {
    const { kernel, time } = setup(async () => models(4));
    await kernel.get('p');
    time.advance(2_500);
    expect(await kernel.registry.metrics()).toContain('cache_entry_age_seconds{provider="p"} 2.5');
    time.advance(500);
    expect(await kernel.registry.metrics()).toContain('cache_entry_age_seconds{provider="p"} 3');
    await kernel.invalidate('p');
    expect(await kernel.registry.metrics()).not.toContain('cache_entry_age_seconds{provider="p"}');
  });

  it('counts fetch errors by the error reason', async () => {
    const { kernel } = setup(async () => {
      throw Object.assign(new Error('x'), { reason: 'rate_limited' });
    });
    await kernel.get('p').catch(() => undefined);
    expect(await kernel.registry.metrics()).toContain(
      'provider_fetch_errors_total{provider="p",reason="rate_limited"} 1',
    );
  });
});
