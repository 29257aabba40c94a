import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { seededRandom, startRedisServer } from '@catalog/test-kit';
import { z } from 'zod';
import { LegacyDictCache } from './legacy-dict-cache.ts';
import { startMockUpstreamProcess, type MockUpstreamProcess } from './mock-upstream-process.ts';
import type { ScenarioOptions } from './scenario.ts';
import { tallyStoreErrors, tallyText } from './store-error-tally.ts';
import { duration, fmt, percentile, summarize } from './stats.ts';
import { judged, reported, type Row } from './table.ts';
import { fetchJson, mainRoutePath, upstreamSlugs } from './upstream-route.ts';

const INSTANCES = 4;
const RATE_PER_INSTANCE = 50; // requests per second
const UPSTREAM_LATENCY: [number, number] = [30, 150];
/** A request not answered within this is given up by its client (counted, with this latency). */
const CLIENT_TIMEOUT_MS = 10_000;

/** A fleet member under test: reads one provider's list as a request would. */
interface Instance {
  read(slug: string): Promise<{ empty: boolean }>;
  /** Hits and misses counted so far (the design's own hit-rate counters). */
  counts(): { hits: number; misses: number };
  /** Shuts down after its requests in flight have finished (as the API's graceful shutdown does). */
  close(): Promise<void>;
}

class ClientTimeoutError extends Error {
  constructor() {
    super(`no answer within ${CLIENT_TIMEOUT_MS} ms`);
    this.name = 'ClientTimeoutError';
  }
}

/** A read the client gives up after CLIENT_TIMEOUT_MS. */
function withClientTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClientTimeoutError()), CLIENT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Tracks a member's requests in flight (as its clients see them) so close() can drain them first. */
function draining(instance: Instance): Instance {
  const inflight = new Set<Promise<unknown>>();
  return {
    read(slug) {
      const promise = withClientTimeout(instance.read(slug));
      inflight.add(promise);
      void promise.finally(() => inflight.delete(promise)).catch(() => undefined);
      return promise;
    },
    counts: () => instance.counts(),
    async close() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await instance.close();
    },
  };
}

interface System {
  readonly name: string;
  start(): Promise<Instance>;
}

interface Plan {
  readonly durationMs: number;
  readonly arrivals: readonly { at: number; instance: number; slug: string }[];
  readonly restarts: readonly { at: number; instance: number }[];
  readonly faults: readonly { from: number; to: number; slug: string }[];
}

/** Poisson arrivals per instance; each request picks a provider by a Zipf(1) popularity. */
function makePlan(slugs: readonly string[], durationMs: number, seed: number): Plan {
  const random = seededRandom(seed); // both designs see the very same requests
  const weights = slugs.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = () => {
    let r = random() * total;
    for (let i = 0; i < slugs.length; i++) if ((r -= weights[i]!) <= 0) return slugs[i]!;
    return slugs[slugs.length - 1]!;
  };
  const arrivals: { at: number; instance: number; slug: string }[] = [];
  for (let instance = 0; instance < INSTANCES; instance++) {
    for (let at = 0; ;) {
      at += (-Math.log(1 - random()) * 1000) / RATE_PER_INSTANCE;
      if (at >= durationMs) break;
      arrivals.push({ at, instance, slug: pick() });
    }
  }
  arrivals.sort((a, b) => a.at - b.at);
  return {
    durationMs,
    arrivals,
    // A rolling deploy: every instance replaced once, evenly spread.
    restarts: Array.from({ length: INSTANCES }, (_, i) => ({
      at: ((i + 1) * durationMs) / (INSTANCES + 1),
      instance: i,
    })),
    // Two providers failing (503) for 30% of the run: the 3rd most and the 10th most requested.
    faults: [2, 9].map((rank) => ({ from: 0.3 * durationMs, to: 0.6 * durationMs, slug: slugs[rank]! })),
  };
}

/** Runs the plan against a fleet of `system` instances; every request's latency and outcome. */
async function simulate(system: System, plan: Plan, upstream: MockUpstreamProcess) {
  const fleet = await Promise.all(Array.from({ length: INSTANCES }, async () => draining(await system.start())));
  const closed = { hits: 0, misses: 0 };
  const latencies = new Float64Array(plan.arrivals.length);
  let empty = 0;
  let failed = 0;
  let timedOut = 0;
  const pending: Promise<void>[] = [];
  const before = await upstream.stats();
  const start = performance.now();
  const at = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, start + ms - performance.now())));

  const timeline = (async () => {
    const events = [
      ...plan.restarts.map((r) => ({ at: r.at, run: () => restart(r.instance) })),
      ...plan.faults.flatMap((f) => [
        { at: f.from, run: () => upstream.setKnobs(f.slug, { errorRate: 1 }) },
        { at: f.to, run: () => upstream.setKnobs(f.slug, null) },
      ]),
    ].sort((a, b) => a.at - b.at);
    for (const event of events) {
      await at(event.at);
      await event.run();
    }
  })();
  // A new instance comes up (and joins), takes the traffic, then the old one is closed.
  const restart = async (index: number) => {
    const replacement = draining(await system.start());
    const old = fleet[index]!;
    fleet[index] = replacement;
    const c = old.counts();
    closed.hits += c.hits;
    closed.misses += c.misses;
    await old.close();
  };

  for (let i = 0; i < plan.arrivals.length; i++) {
    const arrival = plan.arrivals[i]!;
    const wait = start + arrival.at - performance.now();
    if (wait > 1) await at(arrival.at);
    const t = performance.now();
    pending.push(
      fleet[arrival.instance]!.read(arrival.slug).then(
        (result) => {
          latencies[i] = performance.now() - t;
          if (result.empty) empty++;
        },
        (error: unknown) => {
          latencies[i] = performance.now() - t;
          if (error instanceof ClientTimeoutError) timedOut++;
          else failed++;
        },
      ),
    );
  }
  await Promise.all(pending);
  await timeline;
  let { hits, misses } = closed;
  for (const instance of fleet) {
    const c = instance.counts();
    hits += c.hits;
    misses += c.misses;
    await instance.close();
  }
  const after = await upstream.stats();
  const upstreamRequests = Object.entries(after).reduce(
    (n, [slug, s]) => n + s.requests - (before[slug]?.requests ?? 0),
    0,
  );
  return {
    hitRate: hits / Math.max(1, hits + misses),
    counted: hits + misses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    empty,
    failed,
    timedOut,
    upstreamRequests,
  };
}

/**
 * Scenario 9, old versus new: the seed's legacy in-process dict (a labelled model, see
 * legacy-dict-cache.ts) against the kernel (memory + shared Redis, coordination on), each as a
 * fleet of 4 instances under the same seeded request mix (Poisson arrivals, Zipf popularity over
 * the 30 providers), a rolling restart of every instance, and two providers failing for 30% of the
 * run. Time is compressed: the fresh TTL `T` stands for the old default of 1 hour (both designs get
 * it); every other duration of each design is scaled by the same factor (legacy: stale_ttl 2T,
 * backoff 60 s → T/60; kernel: stale window T, max stale 24T, breaker half-open 30 s → T/120).
 * Network-level behaviour (upstream latency 30–150 ms, the kernel's retries and timeouts) stays
 * real. Rounds alternate which design runs first.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const rounds = smoke ? 1 : 2;
  const freshMs = smoke ? 1_000 : 3_000;
  const durationMs = smoke ? 5_000 : 30_000;
  const scale = freshMs / 3_600_000;
  const slugs = upstreamSlugs();
  const urls = new Map(slugs.map((slug) => [slug, '']));
  const redis = await startRedisServer();
  const upstream = await startMockUpstreamProcess();
  for (const slug of slugs) urls.set(slug, `${upstream.baseURLFor(slug)}${mainRoutePath(slug)}`);
  const fetchSlug = (slug: string, signal?: AbortSignal) => fetchJson(urls.get(slug)!, signal);
  let prefixes = 0;
  /** Kernel store errors over every round, by operation and message. */
  const storeErrors: Record<string, number> = {};

  const legacy: System = {
    name: 'legacy dict (model of cache.py)',
    async start() {
      const cache = new LegacyDictCache({ fetch: (slug) => fetchSlug(slug), timeScale: scale });
      let hits = 0;
      let misses = 0;
      return {
        async read(slug) {
          const result = await cache.read(slug);
          if (result.hit) hits++;
          else misses++;
          return { empty: result.empty };
        },
        counts: () => ({ hits, misses }),
        close: async () => undefined,
      };
    },
  };
  const kernelSystem = (prefix: string): System => ({
    name: 'kernel (memory + Redis)',
    async start() {
      const kernel = new CacheKernel({
        store: new TieredStore(new RedisStore({ client: createRedisClient({ urls: [redis.url] }), keyPrefix: prefix })),
        defaults: {
          freshTtlMs: freshMs,
          staleTtlMs: freshMs,
          maxStaleMs: 24 * freshMs,
          breaker: { halfOpenAfterMs: Math.max(1, Math.round(30_000 * scale)) },
          guard: { rejectEmpty: false, maxShrinkRatio: 1 },
        },
      });
      tallyStoreErrors(kernel, storeErrors);
      for (const slug of slugs)
        kernel.register(slug, { schema: z.unknown(), fetch: (signal) => fetchSlug(slug, signal) });
      await kernel.connect(2_000);
      return {
        async read(slug) {
          try {
            await kernel.get(slug);
            return { empty: false };
          } catch {
            return { empty: true };
          }
        },
        counts: () =>
          slugs.reduce(
            (c, slug) => {
              const s = kernel.status(slug);
              return { hits: c.hits + s.hits, misses: c.misses + s.misses };
            },
            { hits: 0, misses: 0 },
          ),
        close: () => kernel.close(),
      };
    },
  });

  const results: Record<'legacy' | 'kernel', Awaited<ReturnType<typeof simulate>>[]> = { legacy: [], kernel: [] };
  try {
    await upstream.setKnobs('*', { latencyMs: UPSTREAM_LATENCY });
    for (let round = 0; round < rounds; round++) {
      const plan = makePlan(slugs, durationMs, 7 + round);
      const order = round % 2 ? (['kernel', 'legacy'] as const) : (['legacy', 'kernel'] as const);
      for (const which of order) {
        const system = which === 'legacy' ? legacy : kernelSystem(`f${prefixes++}:`);
        results[which].push(await simulate(system, plan, upstream));
      }
    }
  } finally {
    await upstream.close();
    await redis.stop();
  }

  const hitNew = summarize(results.kernel.map((r) => r.hitRate));
  const hitOld = summarize(results.legacy.map((r) => r.hitRate));
  const relative = summarize(results.kernel.map((r, i) => r.hitRate / results.legacy[i]!.hitRate));
  const pct = (v: number) => `${fmt(v * 100, 1)}%`;
  const describe = (r: (typeof results.kernel)[number][]) =>
    `p50 ${duration(summarize(r.map((x) => x.p50)).median)}, p99 ${duration(summarize(r.map((x) => x.p99)).median)}; ${fmt(summarize(r.map((x) => x.upstreamRequests)).median, 0)} upstream requests; ${fmt(summarize(r.map((x) => x.empty + x.failed)).median, 0)} requests answered with nothing, ${fmt(summarize(r.map((x) => x.timedOut)).median, 0)} given up after ${CLIENT_TIMEOUT_MS / 1000} s`;
  const requests = results.kernel[0]!.counted;
  return [
    judged(
      {
        scenario: `9. old vs new, fleet of ${INSTANCES} (${requests} requests, ${Math.round(durationMs / freshMs)} TTL cycles, rolling restart, 2 providers failing): hit rate`,
        measured: `kernel ${pct(hitNew.median)} (${pct(hitNew.min)}–${pct(hitNew.max)})`,
        baseline: `legacy dict: ${pct(hitOld.median)} (${pct(hitOld.min)}–${pct(hitOld.max)})`,
        ratio: `${fmt(relative.median, 2)}× (${hitNew.median >= hitOld.median ? '+' : '−'}${fmt(Math.abs(hitNew.median - hitOld.median) * 100, 1)} points)`,
        target: '> 90% and ≥ 1.1× the old',
      },
      hitNew.median > 0.9 && relative.median >= 1.1,
    ),
    reported({
      scenario: '9. old vs new: request latency and upstream load',
      measured: `kernel: ${describe(results.kernel)}`,
      baseline: `legacy: ${describe(results.legacy)}`,
      ratio: `p99 ${fmt(summarize(results.kernel.map((r) => r.p99)).median / summarize(results.legacy.map((r) => r.p99)).median, 2)}×`,
    }),
    reported({
      scenario: '9. old vs new: kernel store errors during the runs',
      measured: tallyText(storeErrors),
      baseline: '—',
      ratio: '—',
    }),
  ];
}
