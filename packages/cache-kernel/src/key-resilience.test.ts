import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitOpenError, FetchTimeoutError, RetryLaterError } from './kernel-error.ts';
import { DEFAULT_KEY_POLICY, resolvePolicy, type KeyPolicyOverrides } from './key-policy.ts';
import { KeyResilience, type RetryNotice } from './key-resilience.ts';
import { fakeClock } from './testing/kernel-setup.ts';

const policy = (overrides: KeyPolicyOverrides) => resolvePolicy(DEFAULT_KEY_POLICY, overrides);
const failing = (error: Error) => async () => {
  throw error;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('KeyResilience retries', () => {
  it('retries with exponential backoff and equal jitter, and really waits each delay', async () => {
    vi.useFakeTimers();
    const resilience = new KeyResilience(
      'p',
      policy({ retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 10_000 } }),
      { random: () => 0 },
    );
    const notices: RetryNotice[] = [];
    resilience.onRetry((notice) => notices.push(notice));
    let calls = 0;
    const outcome = resilience
      .execute(async () => {
        calls++;
        throw new Error(`down ${calls}`);
      })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    // random() = 0: 50 % of 100, 200, 400 ms.
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toBe(4);
    expect(((await outcome) as Error).message).toBe('down 4');
    expect(notices.map((n) => [n.attempt, n.delayMs, (n.error as Error).message])).toEqual([
      [1, 50, 'down 1'],
      [2, 100, 'down 2'],
      [3, 200, 'down 3'],
    ]);
  });

  it('spreads the retry delays of many keys over 50–100 % of the backoff', async () => {
    const delays: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const resilience = new KeyResilience(
          `k${i}`,
          policy({ retry: { maxAttempts: 1, initialDelayMs: 20, maxDelayMs: 1_000 } }),
        );
        resilience.onRetry((notice) => delays.push(notice.delayMs));
        await resilience.execute(failing(new Error('down'))).catch(() => undefined);
      }),
    );
    expect(delays).toHaveLength(40);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThanOrEqual(20);
    }
    expect(new Set(delays).size).toBeGreaterThan(3);
  });

  it('does not retry errors marked retryable: false', async () => {
    const resilience = new KeyResilience('p', policy({ retry: { maxAttempts: 3, initialDelayMs: 1 } }));
    let calls = 0;
    await expect(
      resilience.execute(async () => {
        calls++;
        throw Object.assign(new Error('401'), { retryable: false });
      }),
    ).rejects.toThrow('401');
    expect(calls).toBe(1);
  });
});

describe('KeyResilience per-attempt timeout', () => {
  it('aborts the signal of an attempt that hangs, retries it, and ends with FetchTimeoutError', async () => {
    const resilience = new KeyResilience(
      'p',
      policy({ timeoutMs: 40, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 10 } }),
    );
    const signals: AbortSignal[] = [];
    const retried: RetryNotice[] = [];
    resilience.onRetry((notice) => retried.push(notice));
    const error = await resilience
      .execute(
        (signal) =>
          new Promise((_, reject) => {
            signals.push(signal);
            signal.addEventListener('abort', () => reject(new Error('aborted by the signal')));
          }),
      )
      .catch((e: unknown) => e);
    expect(signals).toHaveLength(3);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(retried).toHaveLength(2);
    expect(FetchTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'timeout', timeoutMs: 40, key: 'p' });
    expect((error as Error).message).toMatch(/per-attempt timeout of 40 ms/);
  });

  it('times out a fetch that ignores its signal and never settles', async () => {
    const resilience = new KeyResilience('p', policy({ timeoutMs: 30, retry: { maxAttempts: 1, initialDelayMs: 1 } }));
    let calls = 0;
    const error = await resilience
      .execute(() => {
        calls++;
        return new Promise(() => undefined);
      })
      .catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(error).toMatchObject({ code: 'KERNEL_FETCH_TIMEOUT', reason: 'timeout' });
  });

  it('succeeds when a retry answers in time after a timed-out attempt', async () => {
    const resilience = new KeyResilience(
      'p',
      policy({ timeoutMs: 40, retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 10 } }),
    );
    let calls = 0;
    const value = await resilience.execute(async (signal) => {
      calls++;
      if (calls === 1) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(2);
  });
});

describe('KeyResilience Retry-After', () => {
  const rateLimited = (retryAfterMs: number) =>
    Object.assign(new Error('429'), { retryable: true, retryAfterMs, reason: 'rate_limited' });

  it('waits the Retry-After when it fits the retry budget', async () => {
    const resilience = new KeyResilience(
      'p',
      policy({ retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 200 } }),
    );
    const notices: RetryNotice[] = [];
    resilience.onRetry((notice) => notices.push(notice));
    let calls = 0;
    const value = await resilience.execute(async () => {
      if (++calls === 1) throw rateLimited(120);
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(notices.map((n) => n.delayMs)).toEqual([120]);
  });

  it('does not retry a Retry-After longer than maxDelayMs, and does not call the upstream before it', async () => {
    const clock = fakeClock();
    const resilience = new KeyResilience(
      'p',
      policy({ retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1_000 } }),
      { now: clock.now },
    );
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls === 1) throw rateLimited(60_000);
      return 'ok';
    };
    await expect(resilience.execute(fetch)).rejects.toThrow('429');
    expect(calls).toBe(1);
    expect(resilience.retryAfterRemainingMs()).toBe(60_000);

    clock.advance(59_000);
    const early = await resilience.execute(fetch).catch((e: unknown) => e);
    expect(RetryLaterError.isInstance(early)).toBe(true);
    expect(early).toMatchObject({ reason: 'retry_after', retryAt: 1_000_000 + 60_000 });
    expect(calls).toBe(1);

    clock.advance(1_000);
    expect(resilience.retryAfterRemainingMs()).toBe(0);
    expect(await resilience.execute(fetch)).toBe('ok');
    expect(calls).toBe(2);
  });
});

describe('KeyResilience breaker', () => {
  it('opens after the threshold and rejects with CircuitOpenError without calling', async () => {
    const resilience = new KeyResilience(
      'p',
      policy({ retry: { maxAttempts: 0 }, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } }),
    );
    let calls = 0;
    const fetch = async () => {
      calls++;
      throw new Error('down');
    };
    for (let i = 0; i < 2; i++) await expect(resilience.execute(fetch)).rejects.toThrow('down');
    expect(resilience.state()).toBe('open');
    await expect(resilience.execute(fetch)).rejects.toSatisfy(CircuitOpenError.isInstance);
    expect(calls).toBe(2);
    expect(resilience.callable()).toBe(false);
  });

  it('is callable again once the half-open probe is due, and not while the probe runs', async () => {
    const resilience = new KeyResilience(
      'p',
      policy({ retry: { maxAttempts: 0 }, breaker: { threshold: 1, halfOpenAfterMs: 50 } }),
    );
    await resilience.execute(failing(new Error('down'))).catch(() => undefined);
    expect(resilience.callable()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(resilience.state()).toBe('open'); // cockatiel half-opens on the next call only
    expect(resilience.callable()).toBe(true);
    let release!: () => void;
    const probe = resilience.execute(() => new Promise<void>((resolve) => (release = resolve)));
    expect(resilience.state()).toBe('half-open');
    expect(resilience.callable()).toBe(false);
    release();
    await probe;
    expect(resilience.state()).toBe('closed');
    expect(resilience.callable()).toBe(true);
  });
});
