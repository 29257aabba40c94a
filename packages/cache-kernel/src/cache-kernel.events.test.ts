import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BreakerState } from './key-resilience.ts';
import type { KernelEventMap, KernelEventName } from './kernel-events.ts';
import { CacheKernel } from './cache-kernel.ts';
import { List, models, setupKernel } from './testing/kernel-setup.ts';

/** Every event the kernel emits, in order, as [name, payload]. */
function record(kernel: CacheKernel, names: KernelEventName[]) {
  const seen: [KernelEventName, unknown][] = [];
  for (const name of names) kernel.on(name, (event) => seen.push([name, event]));
  return seen;
}

describe('CacheKernel events', () => {
  it('reports miss, refresh-start and refresh-success (with duration, version, change and count), then hits', async () => {
    let round = 0;
    const { kernel, time } = setupKernel(async () => {
      time.advance(250); // the fetch takes 250 ms on the kernel's clock
      return models(round++ === 0 ? 3 : 4);
    });
    const seen = record(kernel, ['hit', 'miss', 'refresh-start', 'refresh-success']);
    const first = await kernel.get('p');
    await kernel.get('p');
    time.advance(1_000); // stale: served, one background refresh
    await kernel.get('p');
    await kernel.settle();
    const second = kernel.peek('p')!;
    expect(seen).toEqual([
      ['miss', { key: 'p' }],
      ['refresh-start', { key: 'p' }],
      ['refresh-success', { key: 'p', durationMs: 250, version: first.version, changed: true, count: 3 }],
      ['hit', { key: 'p', state: 'fresh', source: 'memory' }],
      // A stale read starts its background refresh, then answers.
      ['refresh-start', { key: 'p' }],
      ['hit', { key: 'p', state: 'stale', source: 'memory' }],
      ['refresh-success', { key: 'p', durationMs: 250, version: second.version, changed: true, count: 4 }],
    ]);
    expect(second.version).not.toBe(first.version);
  });

  it('reports refresh-failure with the error, retry with its delay, and stale-error hits', async () => {
    let fail = false;
    const { kernel, time } = setupKernel(
      async () => {
        if (fail) throw Object.assign(new Error('down'), { reason: 'http_502' });
        return models(2);
      },
      {},
      { retry: { maxAttempts: 1, initialDelayMs: 20, maxDelayMs: 100 } },
    );
    await kernel.get('p');
    fail = true;
    time.advance(2_500);
    const seen = record(kernel, ['hit', 'miss', 'refresh-start', 'refresh-failure', 'retry']);
    await kernel.get('p'); // past the stale window: a miss that fails, answered with the last good value
    await kernel.get('p'); // now known failing: a stale-error hit at once, one background refresh
    await kernel.settle();
    const [, failure] = seen.find(([name]) => name === 'refresh-failure')! as [
      string,
      KernelEventMap['refresh-failure'],
    ];
    expect((failure.error as Error).message).toBe('down');
    expect(failure).toMatchObject({ key: 'p', durationMs: 0 });
    expect(seen.map(([name]) => name)).toEqual([
      'miss',
      'refresh-start',
      'retry',
      'refresh-failure',
      'refresh-start',
      'hit',
      'retry',
      'refresh-failure',
    ]);
    expect(seen.find(([name]) => name === 'retry')?.[1]).toMatchObject({ key: 'p', attempt: 1, delayMs: 15 });
    expect(seen.find(([name]) => name === 'hit')?.[1]).toEqual({ key: 'p', state: 'stale-error', source: 'memory' });
  });

  it('reports rejected, breaker and invalidate', async () => {
    const answers: (() => unknown)[] = [
      () => models(4),
      () => [],
      () => {
        throw new Error('down');
      },
      () => {
        throw new Error('down');
      },
    ];
    const { kernel } = setupKernel(
      async () => answers.shift()!(),
      {},
      { breaker: { threshold: 2, halfOpenAfterMs: 60_000 } },
    );
    const seen = record(kernel, ['rejected', 'breaker', 'invalidate']);
    await kernel.get('p');
    await kernel.refresh('p', { force: true }).catch(() => undefined);
    // A refused list is not an upstream failure for the breaker (the upstream answered): two more open it.
    expect(kernel.status('p').breaker).toBe('closed');
    for (let i = 0; i < 2; i++) await kernel.refresh('p', { force: true }).catch(() => undefined);
    await kernel.invalidate('p', { cascade: true });
    expect(seen).toEqual([
      [
        'rejected',
        {
          key: 'p',
          reason: 'empty',
          detail:
            'refused the new value of "p" (empty): the upstream returned an empty list; the last good value is kept',
        },
      ],
      ['breaker', { key: 'p', state: 'open' }],
      ['invalidate', { key: 'p', cascade: true }],
    ]);
  });

  it('reports warm-progress for every key, failures with their error', async () => {
    const kernel = new CacheKernel({ defaults: { retry: { maxAttempts: 0 } } });
    kernel.register('a', { schema: List, fetch: async () => models(1) });
    kernel.register('b', {
      schema: List,
      fetch: async () => {
        throw new Error('b down');
      },
    });
    const seen = record(kernel, ['warm-progress']);
    await kernel.warm(['a', 'b'], { concurrency: 1 });
    expect(seen[0]).toEqual(['warm-progress', { key: 'a', ok: true, done: 1, total: 2 }]);
    expect(seen[1]?.[1]).toMatchObject({ key: 'b', ok: false, done: 2, total: 2 });
    expect(((seen[1]?.[1] as KernelEventMap['warm-progress']).error as Error).message).toMatch(/b down/);
    await kernel.close();
  });

  it('isolates a throwing listener from the read and from the other listeners', async () => {
    const { kernel } = setupKernel(async () => models(1));
    const after: string[] = [];
    kernel.on('miss', () => {
      throw new Error('listener bug');
    });
    kernel.on('miss', (e) => after.push(e.key));
    await expect(kernel.get('p')).resolves.toMatchObject({ state: 'fresh' });
    expect(after).toEqual(['p']);
  });

  it('unsubscribes', async () => {
    const { kernel, time } = setupKernel(async () => models(1));
    const hits: string[] = [];
    const off = kernel.on('hit', (e) => hits.push(e.state));
    await kernel.get('p');
    await kernel.get('p');
    off();
    time.advance(10);
    await kernel.get('p');
    expect(hits).toEqual(['fresh']);
  });
});

describe('the event map, at the type level', () => {
  it('types every payload and the listener of each name', () => {
    expectTypeOf<KernelEventMap['hit']>().toEqualTypeOf<{
      key: string;
      state: 'fresh' | 'stale' | 'stale-error';
      source: 'memory' | 'redis';
    }>();
    expectTypeOf<KernelEventMap['miss']>().toEqualTypeOf<{ key: string }>();
    expectTypeOf<KernelEventMap['refresh-success']>().toEqualTypeOf<{
      key: string;
      durationMs: number;
      version: string;
      changed: boolean;
      count: number | undefined;
    }>();
    expectTypeOf<KernelEventMap['refresh-failure']>().toEqualTypeOf<{
      key: string;
      durationMs: number;
      error: unknown;
    }>();
    expectTypeOf<KernelEventMap['retry']>().toEqualTypeOf<{
      key: string;
      attempt: number;
      delayMs: number;
      error: unknown;
    }>();
    expectTypeOf<KernelEventMap['rejected']['reason']>().toEqualTypeOf<'invalid' | 'empty' | 'shrunk'>();
    expectTypeOf<KernelEventMap['breaker']['state']>().toEqualTypeOf<BreakerState>();
    expectTypeOf<KernelEventMap['store-error']>().toEqualTypeOf<{
      key: string | undefined;
      operation: string;
      error: unknown;
    }>();
    expectTypeOf<KernelEventMap['warm-progress']>().toEqualTypeOf<{
      key: string;
      done: number;
      total: number;
      ok: boolean;
      error?: unknown;
    }>();
    expectTypeOf<KernelEventName>().toEqualTypeOf<
      | 'hit'
      | 'miss'
      | 'refresh-start'
      | 'refresh-success'
      | 'refresh-failure'
      | 'retry'
      | 'rejected'
      | 'breaker'
      | 'store-error'
      | 'invalidate'
      | 'warm-progress'
      | 'repopulate'
      | 'coherence'
      | 'resync'
    >();

    const kernel = new CacheKernel();
    const off = kernel.on('warm-progress', (event) => {
      expectTypeOf(event).toEqualTypeOf<KernelEventMap['warm-progress']>();
    });
    expectTypeOf(off).toEqualTypeOf<() => void>();
    // @ts-expect-error: not an event name
    kernel.on('hits', () => undefined);
    // @ts-expect-error: a miss carries no state
    kernel.on('miss', (event) => event.state);
    // @ts-expect-error: a hit payload needs its state and source
    kernel.events.emit('hit', { key: 'p' });
    off();
  });
});
