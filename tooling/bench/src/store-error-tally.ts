import type { CacheKernel } from '@catalog/cache-kernel';

/** Counts a kernel's store errors into `tally`, by "operation: message". Returns the unsubscribe. */
export function tallyStoreErrors(kernel: CacheKernel, tally: Record<string, number>): () => void {
  return kernel.on('store-error', (event) => {
    const name = `${event.operation}: ${event.error instanceof Error ? event.error.message : String(event.error)}`;
    tally[name] = (tally[name] ?? 0) + 1;
  });
}

/** Adds the counts of `from` into `into`. */
export function addTally(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [name, n] of Object.entries(from)) into[name] = (into[name] ?? 0) + n;
}

/** "3 × lock: …; 1000 × read: …", most frequent first, or "none". */
export function tallyText(tally: Readonly<Record<string, number>>): string {
  const entries = Object.entries(tally).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([name, n]) => `${n} × ${name}`).join('; ');
}
