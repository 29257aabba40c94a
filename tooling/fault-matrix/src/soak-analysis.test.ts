import { describe, expect, it } from 'vitest';
import { judgeSoak, SOAK_CRITERIA, type SoakSample } from './soak-analysis.ts';

const MiB = 1024 * 1024;

/** A run of `minutes`, one post-GC sample every 3 s: a little noise plus `leakMiBPerMin`. */
function run(
  minutes: number,
  options: { leakMiBPerMin?: number; handles?: (atMs: number) => number } = {},
): SoakSample[] {
  const samples: SoakSample[] = [];
  for (let atMs = 0; atMs <= minutes * 60_000; atMs += 3_000) {
    const leak = ((options.leakMiBPerMin ?? 0) * atMs) / 60_000;
    const noise = ((atMs / 3_000) % 5) * 0.5; // what a collection leaves differs a little each time
    samples.push({
      atMs,
      rssBytes: (150 + leak) * MiB,
      heapUsedBytes: (40 + leak + noise) * MiB,
      externalBytes: 5 * MiB,
      activeHandles: options.handles?.(atMs) ?? 12,
      activeRequests: 0,
    });
  }
  return samples;
}

describe('judgeSoak', () => {
  it('passes a flat run', () => {
    const verdict = judgeSoak(run(5));
    expect(verdict.pass).toBe(true);
    expect(Math.abs(verdict.heapSlopeMiBPerMin)).toBeLessThan(0.1);
    expect(verdict.judgedMinutes).toBeCloseTo(4, 1);
  });

  it('fails a run whose heap floor and RSS grow', () => {
    const verdict = judgeSoak(run(5, { leakMiBPerMin: 3 }));
    expect(verdict.heapSlopeMiBPerMin).toBeCloseTo(3, 1);
    expect(verdict.rssSlopeMiBPerMin).toBeCloseTo(3, 1);
    expect(verdict.pass).toBe(false);
    expect(verdict.checks.filter((c) => c.outcome === 'FAIL')).toHaveLength(2);
  });

  it('passes a transient that comes back down (it lifts a window top, not its floor)', () => {
    const transient = judgeSoak(run(5, { handles: (atMs) => (atMs > 120_000 && atMs < 150_000 ? 20 : 12) }));
    expect(transient.handleSlopePerMin).toBe(0);
    expect(transient.pass).toBe(true);
  });

  it('fails growing handles', () => {
    const verdict = judgeSoak(run(5, { handles: (atMs) => 12 + Math.floor(atMs / 20_000) }));
    expect(verdict.handleSlopePerMin).toBeCloseTo(3, 0);
    expect(verdict.handleSlopePerMin).toBeGreaterThan(SOAK_CRITERIA.maxHandleSlopePerMin);
    expect(verdict.pass).toBe(false);
  });

  it('does not judge a run too short to tell, and says so', () => {
    const verdict = judgeSoak(run(0.5, { leakMiBPerMin: 30 }));
    expect(verdict.checks.map((c) => c.outcome)).toEqual(['not judged', 'not judged', 'not judged']);
    expect(verdict.heapSlopeMiBPerMin).toBeGreaterThan(20);
    expect(verdict.pass).toBe(true);
  });
});
