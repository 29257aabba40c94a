import { describe, expect, it } from 'vitest';
import {
  checkRefreshTiming,
  DEFAULT_REFRESH_JITTER,
  DEFAULT_REFRESH_LEAD,
  refreshDelay,
  refreshDueAt,
  type RefreshTiming,
} from './refresh-delay.ts';

const timing: RefreshTiming = { freshTtlMs: 600_000, lead: DEFAULT_REFRESH_LEAD, jitter: DEFAULT_REFRESH_JITTER };
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('refresh timing', () => {
  it('is due between 65 % and 85 % of the fresh TTL by default, spread over that window', () => {
    const fetchedAt = 1_000_000;
    const edges = [0, 0.5, 0.999_999].map((r) => refreshDueAt(fetchedAt, timing, () => r) - fetchedAt);
    expect(edges[0]).toBeCloseTo(0.85 * timing.freshTtlMs, 0);
    expect(edges[1]).toBeCloseTo(0.75 * timing.freshTtlMs, 0);
    expect(edges[2]).toBeCloseTo(0.65 * timing.freshTtlMs, 0);
    const random = sequence([0.13, 0.91, 0.42, 0.77, 0.05, 0.66]);
    const dues = Array.from({ length: 6 }, () => refreshDueAt(fetchedAt, timing, random) - fetchedAt);
    expect(new Set(dues).size).toBe(6);
    for (const due of dues) {
      expect(due).toBeGreaterThanOrEqual(0.65 * timing.freshTtlMs);
      expect(due).toBeLessThanOrEqual(0.85 * timing.freshTtlMs);
    }
  });

  it('counts from the held value, retries soon after a failure or when not fresh, and later without a value', () => {
    const now = 5_000_000;
    const middle = () => 0.5;
    const fresh = { fetchedAt: now - 100_000, state: 'fresh' };
    expect(refreshDelay(fresh, { timing, now, random: middle })).toBe(0.75 * timing.freshTtlMs - 100_000);
    // Already past due (e.g. a value a peer fetched long ago): now.
    expect(refreshDelay({ fetchedAt: now - 550_000, state: 'fresh' }, { timing, now, random: middle })).toBe(0);
    expect(refreshDelay(fresh, { timing, now, random: middle, failed: true })).toBe(5_000);
    expect(refreshDelay({ fetchedAt: now, state: 'stale' }, { timing, now, random: middle })).toBe(5_000);
    expect(refreshDelay(undefined, { timing, now, random: middle })).toBe(60_000);
    // Short TTLs retry within their lead, never in a tight loop.
    const short: RefreshTiming = { ...timing, freshTtlMs: 1_000 };
    expect(refreshDelay({ fetchedAt: now, state: 'stale' }, { timing: short, now, random: middle })).toBe(150);
    expect(refreshDelay(undefined, { timing: short, now, random: middle })).toBe(1_000);
    const wild: RefreshTiming = { freshTtlMs: 10, lead: 0.5, jitter: 0.99 };
    expect(refreshDelay(undefined, { timing: wild, now, random: () => 0 })).toBeGreaterThan(0);
    expect(refreshDelay(fresh, { timing: wild, now, random: () => 0, failed: true })).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses a lead or jitter that could schedule a refresh after the fresh TTL', () => {
    expect(() => checkRefreshTiming(timing)).not.toThrow();
    expect(() => checkRefreshTiming({ ...timing, lead: 0 })).toThrow(/refreshLead must be in \(0, 0\.5\]/);
    expect(() => checkRefreshTiming({ ...timing, lead: 0.8 })).toThrow(/refreshLead/);
    expect(() => checkRefreshTiming({ ...timing, jitter: 1 })).toThrow(/refreshJitter must be in \[0, 1\)/);
    expect(() => checkRefreshTiming({ ...timing, freshTtlMs: 0 })).toThrow(/freshTtlMs/);
  });
});
