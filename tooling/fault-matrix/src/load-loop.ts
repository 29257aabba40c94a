import { CatalogPage, ModelList } from './api-reads.ts';

/** One request of the load loop. */
export interface LoadSample {
  readonly path: string;
  /** Date.now() when it was sent. */
  readonly startedAt: number;
  readonly ms: number;
  /** The status, when it was answered. */
  readonly status?: number;
  /** Why it was not answered (connection refused, reset, timeout…). */
  readonly error?: string;
  /** What the answer lacked of the last good data (baseline ids missing, a smaller total). */
  readonly lost?: string;
}

/** What every answer must still contain: the data seen before the fault. */
export interface LoadExpectation {
  /** Every id /v1/models listed before the fault. */
  readonly ids: ReadonlySet<string>;
  /** Each /catalog/models path's total before the fault (it may grow, never shrink). */
  readonly totals: ReadonlyMap<string, number>;
}

export interface LoadLoopOptions {
  /** The API's base URL (read before each request: a restarted instance may take over). */
  target: () => string;
  /** Paths requested in turn by every worker. */
  paths: readonly string[];
  concurrency: number;
  /** A request still unanswered after this is abandoned and counted as hung. */
  abandonAfterMs: number;
  expect: LoadExpectation;
}

export interface LoadLoop {
  /** Stops sending, waits for the requests in flight, returns every sample. */
  stop(): Promise<LoadSample[]>;
  /** Sends no new request until `resume()` (those in flight go on). */
  pause(): void;
  resume(): void;
  /** Samples so far. */
  readonly count: number;
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'timeout';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** What a 200 answer lacks of the expectation, or undefined. */
function lostData(path: string, body: unknown, expect: LoadExpectation): string | undefined {
  if (path.startsWith('/v1/models')) {
    const list = ModelList.safeParse(body);
    if (!list.success) return `not a model list: ${list.error.message.slice(0, 200)}`;
    const served = new Set(list.data.data.map((m) => m.id));
    const missing = [...expect.ids].filter((id) => !served.has(id));
    return missing.length > 0 ? `${missing.length} ids missing, e.g. ${missing[0]}` : undefined;
  }
  if (path.startsWith('/catalog/models')) {
    const page = CatalogPage.safeParse(body);
    if (!page.success) return `not a catalog page: ${page.error.message.slice(0, 200)}`;
    const before = expect.totals.get(path) ?? 0;
    return page.data.total < before ? `total ${page.data.total} < ${before} before the fault` : undefined;
  }
  return undefined;
}

/**
 * Concurrent GETs on loopback, each worker going through `paths` in turn, until stopped. Every
 * answer is recorded with its latency; 200 answers of the catalog routes are checked against
 * the expectation (nothing seen before may go missing).
 */
export function startLoadLoop(options: LoadLoopOptions): LoadLoop {
  const samples: LoadSample[] = [];
  let running = true;
  let paused: { promise: Promise<void>; release: () => void } | undefined;
  const worker = async (offset: number) => {
    for (let i = offset; running; i++) {
      if (paused) await paused.promise;
      if (!running) break;
      const path = options.paths[i % options.paths.length]!;
      const startedAt = Date.now();
      const started = performance.now();
      try {
        const response = await fetch(`${options.target()}${path}`, {
          signal: AbortSignal.timeout(options.abandonAfterMs),
        });
        const text = await response.text();
        const ms = performance.now() - started;
        let lost: string | undefined;
        if (response.status === 200) {
          try {
            lost = lostData(path, JSON.parse(text), options.expect);
          } catch (error) {
            lost = `invalid JSON: ${(error as Error).message}`;
          }
        }
        samples.push({ path, startedAt, ms, status: response.status, ...(lost ? { lost } : {}) });
      } catch (error) {
        samples.push({ path, startedAt, ms: performance.now() - started, error: describeFailure(error) });
        // A refused connection fails at once: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const workers = Array.from({ length: options.concurrency }, (_, i) => worker(i));
  return {
    get count() {
      return samples.length;
    },
    pause() {
      if (paused) return;
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      paused = { promise, release };
    },
    resume() {
      const current = paused;
      paused = undefined;
      current?.release();
    },
    async stop() {
      running = false;
      this.resume();
      await Promise.all(workers);
      return samples;
    },
  };
}
