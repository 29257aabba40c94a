import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
// The provider HTTP client, by path: the kernel does not depend on provider-utils (the providers
// do), but its retry policy must work with the errors that client really throws.
import { createHttpClient } from '../../provider-utils/src/http-client.ts';
import { FetchTimeoutError, NoValueError, RetryLaterError } from './kernel-error.ts';
import type { KeyPolicyOverrides } from './key-policy.ts';
import { CacheKernel } from './cache-kernel.ts';
import { fakeClock, List, models, TEST_POLICY, type Models } from './testing/kernel-setup.ts';

// The kernel and the provider HTTP client together, against MSW: Retry-After and timeouts end to end.
const upstream = useUpstreamServer();
const BASE = 'https://api.example.test/v1';
const URL_MODELS = `${BASE}/models`;

function kernelOverHttp(policy: KeyPolicyOverrides) {
  const clock = fakeClock();
  const kernel = new CacheKernel({ now: clock.now, random: () => 0.5, defaults: { ...TEST_POLICY, ...policy } });
  const signals: AbortSignal[] = [];
  kernel.register('example', {
    schema: List,
    fetch: async (signal) => {
      signals.push(signal);
      const client = createHttpClient({ provider: 'example', baseURL: BASE, signal });
      return (await client.getJson('/models')).body;
    },
  });
  const retries: number[] = [];
  kernel.on('retry', (e) => retries.push(e.delayMs));
  return { kernel, clock, signals, retries };
}

const metric = async (kernel: CacheKernel, line: string) => (await kernel.registry.metrics()).includes(line);

describe('the kernel over the provider HTTP client: Retry-After', () => {
  it.each([429, 503])('retries a %i after its Retry-After and serves the answer', async (status) => {
    upstream.route(URL_MODELS, [
      { status, headers: { 'retry-after': '1' }, json: { error: 'busy' } },
      { json: models(3) },
    ]);
    const { kernel, retries } = kernelOverHttp({ retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2_000 } });
    const read = await kernel.get<Models>('example');
    expect(read).toMatchObject({ state: 'fresh', source: 'upstream' });
    expect(read.value).toHaveLength(3);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(2);
    // The wait was the upstream's 1 s, not the 1 ms backoff.
    expect(retries).toEqual([1_000]);
    expect(upstream.unhandled).toEqual([]);
    await kernel.close();
  });

  it('does not retry a Retry-After beyond maxDelayMs and leaves the upstream alone until it is over', async () => {
    upstream.route(URL_MODELS, [
      { json: models(3, 'first-') },
      { status: 429, headers: { 'retry-after': '120' }, json: { error: 'slow down' } },
      { json: models(3, 'later-') },
    ]);
    const { kernel, clock, retries } = kernelOverHttp({
      maxStaleMs: 600_000,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1_000 },
    });
    const good = await kernel.get<Models>('example');
    clock.advance(2_500); // past fresh and stale: the next read must go upstream

    // The 429 is returned at once (no retry); the last good value is served.
    const limited = await kernel.get<Models>('example');
    expect(limited).toMatchObject({ state: 'stale-error', source: 'memory' });
    expect(limited.value).toBe(good.value);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(2);
    expect(retries).toEqual([]);
    expect(kernel.status('example').lastError?.reason).toBe('rate_limited');
    expect(await metric(kernel, 'provider_fetch_errors_total{provider="example",reason="rate_limited"} 1')).toBe(true);

    // For the next 120 s: reads serve the last good value, refreshes refuse, the upstream is not called.
    clock.advance(60_000);
    for (let i = 0; i < 10; i++) expect((await kernel.get('example')).state).toBe('stale-error');
    await kernel.settle();
    await expect(kernel.refresh('example', { force: true })).rejects.toSatisfy(RetryLaterError.isInstance);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(2);

    // After it: the next read refreshes in the background and the new list arrives.
    clock.advance(60_000);
    await kernel.get('example');
    await kernel.settle();
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(3);
    expect((await kernel.get<Models>('example')).value[0]?.id).toBe('later-0');
    await kernel.close();
  });

  it('fails a cold read with the 429 itself, then with RetryLaterError without calling again', async () => {
    upstream.route(URL_MODELS, { status: 429, headers: { 'retry-after': '30' }, json: { error: 'slow down' } });
    const { kernel } = kernelOverHttp({ retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1_000 } });
    const first = await kernel.get('example').catch((e: unknown) => e);
    expect(NoValueError.isInstance(first)).toBe(true);
    expect((first as Error).cause).toMatchObject({ status: 429, retryAfterMs: 30_000, reason: 'rate_limited' });
    const second = await kernel.get('example').catch((e: unknown) => e);
    expect(RetryLaterError.isInstance((second as Error).cause)).toBe(true);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(1);
    expect(await metric(kernel, 'provider_fetch_errors_total{provider="example",reason="retry_after"} 1')).toBe(true);
    await kernel.close();
  });
});

describe('the kernel over the provider HTTP client: per-attempt timeout', () => {
  it('aborts a hanging request at timeoutMs, retries it, and counts reason timeout', async () => {
    upstream.route(URL_MODELS, { hang: true });
    const { kernel, signals, retries } = kernelOverHttp({
      timeoutMs: 100,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 100 },
    });
    const failures: unknown[] = [];
    kernel.on('refresh-failure', (e) => failures.push(e.error));
    const started = performance.now();
    const error = await kernel.get('example').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000); // never hangs
    expect(NoValueError.isInstance(error)).toBe(true);
    expect(FetchTimeoutError.isInstance((error as Error).cause)).toBe(true);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(3);
    expect(signals).toHaveLength(3);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(retries).toHaveLength(2);
    expect(failures).toHaveLength(1);
    expect(await metric(kernel, 'provider_fetch_errors_total{provider="example",reason="timeout"} 1')).toBe(true);
    await kernel.close();
  });

  it('serves the answer when a retry after a timed-out attempt comes in time', async () => {
    upstream.route(URL_MODELS, [{ hang: true }, { json: models(2) }]);
    const { kernel } = kernelOverHttp({ timeoutMs: 100, retry: { maxAttempts: 1, initialDelayMs: 10 } });
    expect((await kernel.get<Models>('example')).value).toHaveLength(2);
    expect(upstream.callsTo(URL_MODELS)).toHaveLength(2);
    await kernel.close();
  });
});
