import { z } from 'zod';
import { CacheKernel, type CacheKernelOptions } from '../cache-kernel.ts';
import type { Envelope } from '../envelope.ts';
import type { KeyPolicyOverrides } from '../key-policy.ts';

// Shared by the kernel's tests (not published: `files` leaves src/testing out).

export const List = z.array(z.object({ id: z.string() }));
export type Models = z.infer<typeof List>;

export const models = (n: number, prefix = 'm'): Models =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

/** A clock the test moves by hand. */
export function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Short TTLs, no jitter, no retries: every test says what it changes. */
export const TEST_POLICY: KeyPolicyOverrides = {
  freshTtlMs: 1_000,
  staleTtlMs: 1_000,
  maxStaleMs: 10_000,
  jitterRatio: 0,
  retry: { maxAttempts: 0, initialDelayMs: 1, maxDelayMs: 1_000 },
};

/** An envelope as a store holds it, fresh for a minute from now (override any field). */
export function testEnvelope(value: unknown, fields: Partial<Omit<Envelope, 'value'>> = {}): Envelope {
  const now = Date.now();
  return {
    value,
    fetchedAt: now,
    freshUntil: now + 60_000,
    staleUntil: now + 120_000,
    expiresAt: now + 600_000,
    version: 'v1',
    writtenAt: now,
    ...fields,
  };
}

/**
 * A kernel on a fake clock (starting at the real time, so a Redis store's TTLs stay sensible)
 * with key "p" registered; `calls()` counts upstream fetches.
 */
export function setupKernel(
  fetchImpl: (signal: AbortSignal) => Promise<unknown>,
  options: CacheKernelOptions = {},
  policy: KeyPolicyOverrides = {},
) {
  const time = fakeClock(Date.now());
  let calls = 0;
  const kernel = new CacheKernel({
    now: time.now,
    random: () => 0.5,
    defaults: { ...TEST_POLICY, ...policy },
    ...options,
  });
  kernel.register('p', {
    schema: List,
    fetch: async (signal) => {
      calls++;
      return fetchImpl(signal);
    },
  });
  return { kernel, time, calls: () => calls };
}

/** A promise the test releases by hand. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
