import { describe, expect, it } from 'vitest';
import { CircuitOpenError, NoValueError } from './kernel-error.ts';
import { gate, models, setupKernel, type Models } from './testing/kernel-setup.ts';

// The breaker while a last good value is held: callers get it at once, the upstream is left alone.
const HALF_OPEN_AFTER_MS = 80;

function failingUpstream(halfOpenAfterMs = 60_000) {
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  let round = 0;
  let probe: ReturnType<typeof gate> | undefined;
  const setup = setupKernel(
    async () => {
      round++;
      if (mode === 'fail') throw Object.assign(new Error('upstream down'), { reason: 'http_503' });
      if (mode === 'hang') await new Promise(() => undefined);
      if (probe) await probe.promise;
      return models(3, `r${round}-`);
    },
    {},
    { breaker: { threshold: 3, halfOpenAfterMs } },
  );
  const breakerState = async () =>
    /circuit_breaker_state\{provider="p"\} (\d)/.exec(await setup.kernel.registry.metrics())?.[1];
  return {
    ...setup,
    breakerState,
    set: (next: typeof mode) => (mode = next),
    holdProbe: () => (probe = gate()),
    releaseProbe: () => probe?.open(undefined),
  };
}

describe('CacheKernel breaker with a last good value', () => {
  it('serves the last good value at once as stale-error while open, without calling the upstream', async () => {
    const { kernel, time, calls, set, breakerState } = failingUpstream();
    const good = await kernel.get<Models>('p');
    set('fail');
    time.advance(2_500); // past fresh + stale windows, within maxStale

    // Failures until the breaker opens (threshold 3): every read still answers with the last good value.
    const states: string[] = [];
    kernel.on('breaker', (e) => states.push(e.state));
    while (kernel.status('p').breaker !== 'open') {
      const read = await kernel.get<Models>('p');
      expect(read).toMatchObject({ state: 'stale-error', source: 'memory', ageMs: 2_500 });
      expect(read.value).toBe(good.value);
      await kernel.settle();
      expect(calls()).toBeLessThanOrEqual(4);
    }
    expect(calls()).toBe(4); // the first fill plus three failures
    expect(states).toEqual(['open']);
    expect(await breakerState()).toBe('2');

    // While open, an upstream call would hang forever: reads that resolve prove none is made.
    set('hang');
    const reads = await Promise.all(Array.from({ length: 50 }, () => kernel.get<Models>('p')));
    for (const read of reads) {
      expect(read.state).toBe('stale-error');
      expect(read.value).toBe(good.value);
    }
    expect(kernel.readNow('p')?.state).toBe('stale-error');
    await kernel.settle();
    expect(calls()).toBe(4);
    await expect(kernel.refresh('p', { force: true })).rejects.toSatisfy(CircuitOpenError.isInstance);
    expect(calls()).toBe(4);
    expect(kernel.status('p')).toMatchObject({ breaker: 'open', state: 'stale-error' });
    expect(await kernel.registry.metrics()).toContain(
      'provider_fetch_errors_total{provider="p",reason="circuit_open"} 1',
    );
  });

  it('recovers through one half-open probe: exported as 1 while it runs, then closed with the new value', async () => {
    const { kernel, time, calls, set, breakerState, holdProbe, releaseProbe } = failingUpstream(HALF_OPEN_AFTER_MS);
    await kernel.get('p');
    set('fail');
    time.advance(2_500);
    for (let i = 0; i < 3; i++) {
      await kernel.get('p');
      await kernel.settle();
    }
    expect(kernel.status('p').breaker).toBe('open');
    const states: string[] = [];
    kernel.on('breaker', (e) => states.push(e.state));

    await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_AFTER_MS + 40));
    set('ok');
    holdProbe();
    const during = await kernel.get<Models>('p'); // answers at once; the probe runs in the background
    expect(during.state).toBe('stale-error');
    expect(calls()).toBe(5);
    expect(kernel.status('p').breaker).toBe('half-open');
    expect(await breakerState()).toBe('1');
    // Only the one probe goes upstream while half-open.
    await Promise.all(Array.from({ length: 20 }, () => kernel.get('p')));
    expect(calls()).toBe(5);

    releaseProbe();
    await kernel.settle();
    expect(states).toEqual(['half-open', 'closed']);
    expect(await breakerState()).toBe('0');
    const after = await kernel.get<Models>('p');
    expect(after).toMatchObject({ state: 'fresh', source: 'memory' });
    expect(after.value[0]?.id).toBe('r5-0');
  });

  it('fails a cold read at once while open (NoValueError caused by CircuitOpenError)', async () => {
    const { kernel, calls, set } = failingUpstream();
    set('fail');
    for (let i = 0; i < 3; i++) await expect(kernel.get('p')).rejects.toSatisfy(NoValueError.isInstance);
    expect(calls()).toBe(3);
    set('hang');
    const error = await kernel.get('p').catch((e: unknown) => e);
    expect(NoValueError.isInstance(error)).toBe(true);
    expect(CircuitOpenError.isInstance((error as Error).cause)).toBe(true);
    expect(calls()).toBe(3);
  });
});
