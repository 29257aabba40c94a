import { linearSlope } from './stats.ts';

/** One reading of the API process's own gauges (its /metrics). */
export interface SoakSample {
  /** ms since the soak started. */
  readonly atMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Memory outside the V8 heap held by JS objects (Buffers: compressed bodies, sockets). */
  readonly externalBytes: number;
  readonly activeHandles: number;
  readonly activeRequests: number;
}

/** The pass/fail criteria of "stays flat", per minute of soak after the warm-up. */
export const SOAK_CRITERIA = {
  /** The first part of the run is warm-up (JIT, caches filling), not judged. */
  warmupFraction: 0.2,
  /** The post-GC heap floor (the minimum of each window) may rise at most this fast. */
  maxHeapFloorSlopeMiBPerMin: 1,
  /** RSS may rise at most this fast. */
  maxRssSlopeMiBPerMin: 2,
  /** The most handles in the last window may exceed the first window's by at most this many. */
  maxHandleGrowth: 4,
  /** Memory slopes are only judged over at least this long (a shorter run reports them). */
  minJudgedMinutes: 2,
  windows: 8,
} as const;

export interface SoakVerdict {
  readonly judgedMinutes: number;
  readonly heapFloorSlopeMiBPerMin: number;
  readonly rssSlopeMiBPerMin: number;
  readonly handlesFirstWindow: number;
  readonly handlesLastWindow: number;
  /** Each criterion with its outcome ('not judged' for memory on a short run). */
  readonly checks: readonly { readonly criterion: string; readonly outcome: 'pass' | 'FAIL' | 'not judged' }[];
  readonly pass: boolean;
}

const MiB = 1024 * 1024;

/** Splits the samples into `count` windows of equal time span (empty windows dropped). */
function windowsOf(samples: readonly SoakSample[], count: number): SoakSample[][] {
  if (samples.length === 0) return [];
  const from = samples[0]!.atMs;
  const span = Math.max(1, samples[samples.length - 1]!.atMs - from);
  const windows: SoakSample[][] = Array.from({ length: count }, () => []);
  for (const s of samples) windows[Math.min(count - 1, Math.floor(((s.atMs - from) / span) * count))]!.push(s);
  return windows.filter((w) => w.length > 0);
}

/**
 * Judges whether memory and handles stayed flat after the warm-up: the slope of the heap's floor
 * (each window's minimum: the level after garbage collection, where a leak shows), the slope of
 * RSS, and the growth of the handle count from the first window to the last.
 */
export function judgeSoak(samples: readonly SoakSample[], criteria = SOAK_CRITERIA): SoakVerdict {
  const end = samples.length > 0 ? samples[samples.length - 1]!.atMs : 0;
  const judged = samples.filter((s) => s.atMs >= end * criteria.warmupFraction);
  const windows = windowsOf(judged, criteria.windows);
  const perMinute = (points: { x: number; y: number }[]) => linearSlope(points) * 60_000;
  const heapFloor = windows.map((w) => {
    const lowest = w.reduce((a, b) => (b.heapUsedBytes < a.heapUsedBytes ? b : a));
    return { x: lowest.atMs, y: lowest.heapUsedBytes / MiB };
  });
  const heapFloorSlopeMiBPerMin = perMinute(heapFloor);
  const rssSlopeMiBPerMin = perMinute(judged.map((s) => ({ x: s.atMs, y: s.rssBytes / MiB })));
  const maxHandles = (w: SoakSample[] | undefined) => Math.max(0, ...(w ?? []).map((s) => s.activeHandles));
  const handlesFirstWindow = maxHandles(windows[0]);
  const handlesLastWindow = maxHandles(windows[windows.length - 1]);
  const judgedMinutes = judged.length > 1 ? (judged[judged.length - 1]!.atMs - judged[0]!.atMs) / 60_000 : 0;
  const longEnough = judgedMinutes >= criteria.minJudgedMinutes;
  const memory = (ok: boolean) => (longEnough ? (ok ? 'pass' : 'FAIL') : 'not judged');
  const checks = [
    {
      criterion: `heap floor slope ≤ ${criteria.maxHeapFloorSlopeMiBPerMin} MiB/min`,
      outcome: memory(heapFloorSlopeMiBPerMin <= criteria.maxHeapFloorSlopeMiBPerMin),
    },
    {
      criterion: `RSS slope ≤ ${criteria.maxRssSlopeMiBPerMin} MiB/min`,
      outcome: memory(rssSlopeMiBPerMin <= criteria.maxRssSlopeMiBPerMin),
    },
    {
      criterion: `handles in the last window ≤ first window + ${criteria.maxHandleGrowth}`,
      outcome:
        windows.length >= 2 && handlesLastWindow <= handlesFirstWindow + criteria.maxHandleGrowth ? 'pass' : 'FAIL',
    },
  ] as const;
  return {
    judgedMinutes,
    heapFloorSlopeMiBPerMin,
    rssSlopeMiBPerMin,
    handlesFirstWindow,
    handlesLastWindow,
    checks,
    pass: checks.every((c) => c.outcome !== 'FAIL'),
  };
}
