/** Median and spread (min–max across rounds) of a list of measurements. */
export function summarize(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function fmt(value: number, digits = 1): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}
