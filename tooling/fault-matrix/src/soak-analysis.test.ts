import { describe, expect, it } from 'vitest';
import { judgeSoak, SOAK_CRITERIA, type SoakSample } from './soak-analysis.ts';

const MiB = 1024 * 1024;

/** A run of `minutes`, one sample a second: a GC sawtooth on the heap plus `leakMiBPerMin`. */
function run(
  minutes: number,
  options: { leakMiBPerMin?: number; handles?: (atMs: number) => number } = {},
): SoakSample[] {
  const samples: SoakSample[] = [];
  for (let atMs = 0; atMs <= minutes * 60_000; atMs += 1_000) {
    const leak = ((options.leakMiBPerMin ?? 0) * atMs) / 60_000;
    const sawtooth = ((atMs / 1_000) % 10) * 2; // 0..18 MiB above the floor, collected every 10 s
    samples.push({
      atMs,
      rssBytes: (150 + leak) * MiB,
      heapUsedBytes: (40 + leak + sawtooth) * MiB,
      externalBytes: 5 * MiB,
      activeHandles: options.handles?.(atMs) ?? 12,
      activeRequests: 0,
    });
  }
  return samples;
}

describe('judgeSoak', () => {
  it('passes a flat run whatever the garbage-collection sawtooth', () => {
    const verdict = judgeSoak(run(5));
    expect(verdict.pass).toBe(true);
    expect(Math.abs(verdict.heapFloorSlopeMiBPerMin)).toBeLessThan(0.1);
    expect(verdict.judgedMinutes).toBeCloseTo(4, 1);
  });

  it('fails a run whose heap floor and RSS grow', () => {
    const verdict = judgeSoak(run(5, { leakMiBPerMin: 3 }));
    expect(verdict.heapFloorSlopeMiBPerMin).toBeCloseTo(3, 0);
    expect(verdict.rssSlopeMiBPerMin).toBeCloseTo(3, 1);
    expect(verdict.pass).toBe(false);
    expect(verdict.checks.filter((c) => c.outcome === 'FAIL')).toHaveLength(2);
  });

  it('fails growing handles', () => {
    const verdict = judgeSoak(run(5, { handles: (atMs) => 12 + Math.floor(atMs / 20_000) }));
    expect(verdict.handlesLastWindow - verdict.handlesFirstWindow).toBeGreaterThan(SOAK_CRITERIA.maxHandleGrowth);
    expect(verdict.pass).toBe(false);
  });

  it('does not judge memory on a short run, but still judges handles', () => {
    const verdict = judgeSoak(run(0.5, { leakMiBPerMin: 30 }));
    expect(verdict.checks.map((c) => c.outcome)).toEqual(['not judged', 'not judged', 'pass']);
    expect(verdict.pass).toBe(true);
  });
});
