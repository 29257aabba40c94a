import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.ts';

const retry = { initialDelayMs: 200, maxDelayMs: 10_000 };

describe('retryDelay', () => {
  it('doubles per attempt from the initial delay and caps at the maximum', () => {
    // random() = 1 would be the top of the range: the full exponential delay.
    const top = (attempt: number) => retryDelay(attempt, retry, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(top)).toEqual([200, 400, 800, 1_600, 3_200, 6_400, 10_000]);
    expect(top(30)).toBe(10_000);
  });

  it('uses equal jitter: 50 % of the delay at random() = 0, proportionally up to 100 %', () => {
    expect(retryDelay(3, retry, () => 0)).toBe(400);
    expect(retryDelay(3, retry, () => 0.5)).toBe(600);
    expect(retryDelay(3, retry, () => 0.999_999)).toBe(800);
    expect(retryDelay(30, retry, () => 0)).toBe(5_000);
  });

  it('spreads delays over the whole 50–100 % band with Math.random', () => {
    const delays = Array.from({ length: 2_000 }, () => retryDelay(4, retry, Math.random));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1_600);
    }
    // Every tenth of the band is used: no clustering at one end.
    const deciles = new Set(delays.map((d) => Math.min(9, Math.floor((d - 800) / 80))));
    expect(deciles.size).toBe(10);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });

  it("waits at least the upstream's Retry-After", () => {
    expect(retryDelay(1, retry, () => 0, 5_000)).toBe(5_000);
    expect(retryDelay(5, retry, () => 1, 1_000)).toBe(3_200);
    expect(retryDelay(1, retry, () => 1, 0)).toBe(200);
  });
});
