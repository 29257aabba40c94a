/** Median and spread (min–max across rounds) of a list of measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The p-th percentile (0..100, nearest rank) of a list of samples. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new RangeError('percentile: no values');
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Ratios of paired measurements (round i of `a` over round i of `b`), summarised. */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  if (a.length !== b.length) throw new RangeError(`pairedRatio: ${a.length} rounds against ${b.length}`);
  return summarize(a.map((value, i) => value / b[i]!));
}

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1 || abs === 0) return value.toFixed(digits);
  return value.toPrecision(Math.max(1, digits + 1));
}

/** "median (min–max)" of a summary, optionally scaled (e.g. ns → µs). */
export function spread(s: Summary, digits = 1, scale = 1): string {
  return `${fmt(s.median * scale, digits)} (${fmt(s.min * scale, digits)}–${fmt(s.max * scale, digits)})`;
}

/** Formats a duration given in milliseconds with a unit that keeps 2–3 significant digits. */
export function duration(ms: number): string {
  if (ms < 0.001) return `${fmt(ms * 1e6, 0)} ns`;
  if (ms < 1) return `${fmt(ms * 1000, 1)} µs`;
  if (ms < 10_000) return `${fmt(ms, ms < 10 ? 2 : 1)} ms`;
  return `${fmt(ms / 1000, 1)} s`;
}

/** A difference of durations in ms, with its sign: "+3.2 ms", "−1.1 ms". */
export function signedDuration(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${duration(Math.abs(ms))}`;
}

/** "median (min–max)" of durations in ms, each with its own unit. */
export function durationSpread(s: Summary): string {
  return `${duration(s.median)} (${duration(s.min)}–${duration(s.max)})`;
}
