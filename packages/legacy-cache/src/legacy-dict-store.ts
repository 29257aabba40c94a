/** The old design's per-provider dict: { data, timestamp, ttl, stale_ttl } (seconds), in this process only. */
export interface LegacyCacheEntry {
  data: unknown[] | null;
  timestamp: Date | null;
  ttl: number;
  stale_ttl: number;
}

/**
 * The legacy in-process store, kept so a provider can stay on (or go back to) the old behaviour
 * while the rollout switch says `legacy`, and so dual mode has something to compare with.
 */
export class LegacyDictStore {
  readonly #entries = new Map<string, LegacyCacheEntry>();
  readonly #errors = new Map<string, { message: string; until: number; failures: number }>();

  entry(gateway: string): LegacyCacheEntry {
    let entry = this.#entries.get(gateway);
    if (!entry) this.#entries.set(gateway, (entry = { data: null, timestamp: null, ttl: 3600, stale_ttl: 7200 }));
    return entry;
  }

  write(gateway: string, data: unknown[] | null, timestamp: Date | null): void {
    const entry = this.entry(gateway);
    entry.data = data;
    entry.timestamp = timestamp;
  }

  clear(gateway: string): void {
    this.write(gateway, null, null);
  }

  /** The old exponential backoff: 60 s doubling per consecutive failure, capped at 15 min. */
  setError(gateway: string, message: string, now: number): void {
    const failures = (this.#errors.get(gateway)?.failures ?? 0) + 1;
    this.#errors.set(gateway, { message, failures, until: now + Math.min(900, 60 * 2 ** (failures - 1)) * 1000 });
  }

  clearError(gateway: string): void {
    this.#errors.delete(gateway);
  }

  inErrorState(gateway: string, now: number): boolean {
    const error = this.#errors.get(gateway);
    return error !== undefined && now < error.until;
  }
}

/** The old is_cache_fresh: data present and younger than ttl seconds. */
export function isEntryFresh(entry: Pick<LegacyCacheEntry, 'data' | 'timestamp' | 'ttl'>, now: number): boolean {
  return entry.data !== null && entry.timestamp !== null && now - entry.timestamp.getTime() < entry.ttl * 1000;
}
