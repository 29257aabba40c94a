/**
 * A MODEL OF THE OLD DESIGN, for scenario 9 only — not project code and not the compatibility
 * layer (packages/legacy-cache). It reproduces the seed's `src/cache.py` pattern as the migration
 * plan (/work/shared/seed/000_b57d365bd09acd08.txt) describes it:
 *
 * - one dict per provider in each process: `{ data, timestamp, ttl: 3600, stale_ttl: 7200 }`;
 * - `is_cache_fresh(cache)`: data present and younger than `ttl`;
 * - `is_gateway_in_error_state(g)` → return the cached data, or `[]`, without calling upstream;
 *   `set_gateway_error(g, msg)` on a failed fetch starts an exponential backoff (the plan says
 *   "error tracking with exponential backoff"; modelled as 60 s doubling per failure up to
 *   15 min, as packages/legacy-cache models it); `clear_gateway_error(g)` on success;
 * - a fetch happens on the request path, with no single-flight: concurrent requests that find no
 *   fresh data each call upstream ("Pattern 2" of the plan);
 * - after a failure, data younger than `stale_ttl` is still returned, else `[]`.
 *
 * Durations are the old defaults multiplied by `timeScale` (scenario 9 compresses hours into
 * seconds). Nothing is shared between processes: a restarted instance starts empty.
 */
export interface LegacyDictCacheOptions {
  fetch: (slug: string) => Promise<unknown>;
  /** Multiplies every old default duration (1 = real time: ttl 3600 s). */
  timeScale: number;
  now?: () => number;
}

export interface LegacyRead {
  readonly data: unknown;
  /** Answered from the dict without calling upstream. */
  readonly hit: boolean;
  /** Nothing to answer with (`[]`). */
  readonly empty: boolean;
}

interface Entry {
  data: unknown;
  timestamp: number | null;
}

export class LegacyDictCache {
  readonly #fetch: (slug: string) => Promise<unknown>;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #staleTtlMs: number;
  readonly #backoffBaseMs: number;
  readonly #backoffMaxMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #errors = new Map<string, { until: number; failures: number }>();

  constructor(options: LegacyDictCacheOptions) {
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#ttlMs = 3600_000 * options.timeScale;
    this.#staleTtlMs = 7200_000 * options.timeScale;
    this.#backoffBaseMs = 60_000 * options.timeScale;
    this.#backoffMaxMs = 900_000 * options.timeScale;
  }

  async read(slug: string): Promise<LegacyRead> {
    const entry = this.#entry(slug);
    const now = this.#now();
    const age = entry.timestamp === null ? Infinity : now - entry.timestamp;
    if (entry.data !== null && age < this.#ttlMs) return { data: entry.data, hit: true, empty: false };
    if (this.#inErrorState(slug, now)) return this.#fallback(entry, age, true);
    try {
      const models = await this.#fetch(slug);
      entry.data = models;
      entry.timestamp = this.#now();
      this.#errors.delete(slug);
      return { data: models, hit: false, empty: false };
    } catch {
      this.#setError(slug);
      return this.#fallback(entry, this.#now() - (entry.timestamp ?? -Infinity), false);
    }
  }

  #fallback(entry: Entry, age: number, hit: boolean): LegacyRead {
    if (entry.data !== null && age < this.#staleTtlMs) return { data: entry.data, hit, empty: false };
    return { data: [], hit: false, empty: true };
  }

  #entry(slug: string): Entry {
    let entry = this.#entries.get(slug);
    if (!entry) this.#entries.set(slug, (entry = { data: null, timestamp: null }));
    return entry;
  }

  #inErrorState(slug: string, now: number): boolean {
    const error = this.#errors.get(slug);
    return error !== undefined && now < error.until;
  }

  #setError(slug: string): void {
    const failures = (this.#errors.get(slug)?.failures ?? 0) + 1;
    const backoff = Math.min(this.#backoffMaxMs, this.#backoffBaseMs * 2 ** (failures - 1));
    this.#errors.set(slug, { failures, until: this.#now() + backoff });
  }
}
