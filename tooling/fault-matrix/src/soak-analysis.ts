import { linearSlope } from './stats.ts';

/** One reading of the API process's own gauges (its /metrics), taken right after a full GC. */
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

/** The pass/fail criteria of "stays flat", judged after the warm-up over at least `minJudgedMinutes`. */
export const SOAK_CRITERIA = {
  /** The first part of the run is warm-up (JIT, caches filling), not judged. */
  warmupFraction: 0.2,
  /**
   * The judged run is cut into this many windows and each gauge's lowest reading in each is kept:
   * a fault's transient (sockets reconnecting, a burst of allocation) lifts a window's top, a leak
   * lifts every window's floor.
   */
  windows: 4,
  /** The heap after a full collection (what is really retained) may rise at most this fast. */
  maxHeapSlopeMiBPerMin: 1,
  /** RSS may rise at most this fast. */
  maxRssSlopeMiBPerMin: 2,
  /** Active handles (sockets, servers) may rise at most this fast. */
  maxHandleSlopePerMin: 1,
  /** Slopes are only judged over at least this long (a shorter run reports them). */
  minJudgedMinutes: 2,
} as const;

export interface SoakVerdict {
  readonly judgedMinutes: number;
  readonly heapSlopeMiBPerMin: number;
  readonly rssSlopeMiBPerMin: number;
  readonly handleSlopePerMin: number;
  /** Each criterion with its outcome ('not judged' on a run too short to tell). */
  readonly checks: readonly { readonly criterion: string; readonly outcome: 'pass' | 'FAIL' | 'not judged' }[];
  readonly pass: boolean;
}

const MiB = 1024 * 1024;

/** Splits the samples into `count` windows of equal time span (empty ones dropped). */
function windowsOf(samples: readonly SoakSample[], count: number): SoakSample[][] {
  if (samples.length === 0) return [];
  const from = samples[0]!.atMs;
  const span = Math.max(1, samples[samples.length - 1]!.atMs - from);
  const windows: SoakSample[][] = Array.from({ length: count }, () => []);
  for (const s of samples) windows[Math.min(count - 1, Math.floor(((s.atMs - from) / span) * count))]!.push(s);
  return windows.filter((w) => w.length > 0);
}

/**
 * Judges whether memory and handles stayed flat after the warm-up: the least-squares slope, per
 * minute, of each window's lowest heap (read after a full collection), RSS and handle count.
 */
export function judgeSoak(samples: readonly SoakSample[], criteria = SOAK_CRITERIA): SoakVerdict {
  const end = samples.length > 0 ? samples[samples.length - 1]!.atMs : 0;
  const judged = samples.filter((s) => s.atMs >= end * criteria.warmupFraction);
  const windows = windowsOf(judged, criteria.windows);
  const floorSlope = (value: (s: SoakSample) => number) =>
    linearSlope(windows.map((w) => ({ x: (w[0]!.atMs + w[w.length - 1]!.atMs) / 2, y: Math.min(...w.map(value)) }))) *
    60_000;
  const heapSlopeMiBPerMin = floorSlope((s) => s.heapUsedBytes / MiB);
  const rssSlopeMiBPerMin = floorSlope((s) => s.rssBytes / MiB);
  const handleSlopePerMin = floorSlope((s) => s.activeHandles);
  const judgedMinutes = judged.length > 1 ? (judged[judged.length - 1]!.atMs - judged[0]!.atMs) / 60_000 : 0;
  const outcome = (ok: boolean) => (judgedMinutes >= criteria.minJudgedMinutes ? (ok ? 'pass' : 'FAIL') : 'not judged');
  const checks = [
    {
      criterion: `heap (after a full GC) slope ≤ ${criteria.maxHeapSlopeMiBPerMin} MiB/min`,
      outcome: outcome(heapSlopeMiBPerMin <= criteria.maxHeapSlopeMiBPerMin),
    },
    {
      criterion: `RSS slope ≤ ${criteria.maxRssSlopeMiBPerMin} MiB/min`,
      outcome: outcome(rssSlopeMiBPerMin <= criteria.maxRssSlopeMiBPerMin),
    },
    {
      criterion: `active handles slope ≤ ${criteria.maxHandleSlopePerMin}/min`,
      outcome: outcome(handleSlopePerMin <= criteria.maxHandleSlopePerMin),
    },
  ] as const;
  return {
    judgedMinutes,
    heapSlopeMiBPerMin,
    rssSlopeMiBPerMin,
    handleSlopePerMin,
    checks,
    pass: checks.every((c) => c.outcome !== 'FAIL'),
  };
}
