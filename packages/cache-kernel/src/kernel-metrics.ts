import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Per-key counts kept in plain numbers for the hit-rate gauge and status(). */
export interface KeyCounts {
  hits: number;
  misses: number;
}

/**
 * The kernel's Prometheus metrics on an injectable registry, with the seed's names. Hits and
 * misses are plain per-key numbers on the read path (no label lookup, no metric call per read);
 * the hit and miss counters and the hit-rate gauge are read from them at scrape time.
 */
export class KernelMetrics {
  readonly #invalidations: Counter<'provider'>;
  readonly #errors: Counter<'provider'>;
  readonly #redisErrors: Counter<string>;
  readonly #fetchDuration: Histogram<'provider' | 'outcome'>;
  readonly #fetchErrors: Counter<'provider' | 'reason'>;
  readonly #breaker: Gauge<'provider'>;
  readonly #models: Gauge<'provider'>;
  readonly #rejected: Counter<'provider' | 'reason'>;
  readonly #children = new Map<string, { counts: KeyCounts }>();

  constructor(
    registry: Registry,
    prefix: string,
    source: { keys(): string[]; ageSeconds(key: string): number | undefined; counts(key: string): KeyCounts },
  ) {
    const name = (n: string) => `${prefix}${n}`;
    const registers = [registry];
    const countsCounter = (metric: string, help: string, field: keyof KeyCounts) =>
      new Counter({
        name: name(metric),
        help,
        labelNames: ['provider'],
        registers,
        collect() {
          this.reset();
          for (const key of source.keys()) this.inc({ provider: key }, source.counts(key)[field]);
        },
      });
    countsCounter('cache_hits_total', 'Reads answered from the cache', 'hits');
    countsCounter('cache_misses_total', 'Reads that had to fetch upstream', 'misses');
    this.#invalidations = new Counter({
      name: name('cache_invalidations_total'),
      help: 'Invalidations',
      labelNames: ['provider'],
      registers,
    });
    this.#errors = new Counter({
      name: name('cache_errors_total'),
      help: 'Cache store errors (read, write, decode)',
      labelNames: ['provider'],
      registers,
    });
    new Gauge({
      name: name('cache_hit_rate'),
      help: 'hits / (hits + misses) since start',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const key of source.keys()) {
          const { hits, misses } = source.counts(key);
          if (hits + misses > 0) this.set({ provider: key }, hits / (hits + misses));
        }
      },
    });
    this.#redisErrors = new Counter({
      name: name('redis_connection_errors_total'),
      help: 'Redis connection errors',
      registers,
    });
    this.#fetchDuration = new Histogram({
      name: name('provider_fetch_duration_seconds'),
      help: 'Upstream fetch duration (all attempts), by outcome',
      labelNames: ['provider', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.#fetchErrors = new Counter({
      name: name('provider_fetch_errors_total'),
      help: 'Failed upstream fetches by reason',
      labelNames: ['provider', 'reason'],
      registers,
    });
    this.#breaker = new Gauge({
      name: name('circuit_breaker_state'),
      help: 'Circuit breaker: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider'],
      registers,
    });
    new Gauge({
      name: name('cache_entry_age_seconds'),
      help: 'Age of the cached value (since its upstream fetch)',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const key of source.keys()) {
          const age = source.ageSeconds(key);
          if (age !== undefined) this.set({ provider: key }, age);
        }
      },
    });
    this.#models = new Gauge({
      name: name('catalog_models'),
      help: 'Models in the cached list',
      labelNames: ['provider'],
      registers,
    });
    this.#rejected = new Counter({
      name: name('refresh_rejected_total'),
      help: 'Fetched values refused by last-good protection',
      labelNames: ['provider', 'reason'],
      registers,
    });
  }

  /** Per-key state; call once when a key is registered. */
  addKey(key: string): KeyCounts {
    const counts: KeyCounts = { hits: 0, misses: 0 };
    this.#children.set(key, { counts });
    this.#breaker.set({ provider: key }, 0);
    return counts;
  }

  miss(key: string): void {
    this.#children.get(key)!.counts.misses++;
  }

  invalidation(key: string): void {
    this.#invalidations.inc({ provider: key });
  }

  storeError(key: string): void {
    this.#errors.inc({ provider: key });
  }

  redisConnectionError(): void {
    this.#redisErrors.inc();
  }

  fetched(key: string, seconds: number, outcome: 'success' | 'error' | 'rejected'): void {
    this.#fetchDuration.observe({ provider: key, outcome }, seconds);
  }

  fetchError(key: string, reason: string): void {
    this.#fetchErrors.inc({ provider: key, reason });
  }

  breaker(key: string, value: number): void {
    this.#breaker.set({ provider: key }, value);
  }

  models(key: string, count: number): void {
    this.#models.set({ provider: key }, count);
  }

  rejected(key: string, reason: string): void {
    this.#rejected.inc({ provider: key, reason });
  }
}
