// `pnpm soak [--minutes 5] [--short] [--write]`: the API (its own process, every provider, Redis)
// under steady load through many refresh cycles (2 s TTLs) and a fault every 15 s, sampling its
// RSS, heap (right after a full GC, triggered through its inspector) and handles from its /metrics. Prints the figures and the verdict (exit 1 on FAIL);
// --write puts them into docs/RELIABILITY.md. --short is the 30 s run CI can afford.
import { parseArgs } from 'node:util';
import { startMockUpstream, type Knobs, type MockUpstream } from '@catalog/mock-upstream';
import { startRedisServer, type RedisServerHandle } from '@catalog/test-kit';
import { startApiProcess } from './api-process.ts';
import { readCatalogTotal, readMetrics, readModelIds } from './api-reads.ts';
import { startLoadLoop } from './load-loop.ts';
import { metricSum, type MetricSample } from './prometheus-text.ts';
import { providerKeys } from './provider-keys.ts';
import { RemoteGc } from './remote-gc.ts';
import { markdownTable, writeReliabilitySection } from './reliability-doc.ts';
import { judgeLoad, suiteEnv } from './run-scenario.ts';
import { judgeSoak, SOAK_CRITERIA, type SoakSample } from './soak-analysis.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    short: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const durationMs = values.short ? 30_000 : Number(values.minutes) * 60_000;
if (!(durationMs >= 10_000)) {
  console.error(`soak: --minutes must be a number ≥ 0.2 (got ${values.minutes})`);
  process.exit(2);
}
const FAULT_EVERY_MS = 15_000;
const FAULT_FOR_MS = 5_000;
/** Each sample is preceded by a full GC in the API: not too often (it pauses the process). */
const sampleEveryMs = Math.max(2_000, Math.round(durationMs / 100));
const CONCURRENCY = 8;

/** The faults injected in turn, each on the next provider (Redis ones on the store). */
const FAULTS: readonly { name: string; knobs?: Knobs; redis?: (redis: RedisServerHandle) => Promise<void> }[] = [
  { name: '503', knobs: { status: 503 } },
  { name: 'hang', knobs: { hang: true } },
  { name: 'malformed JSON', knobs: { body: '{"data": [' } },
  { name: '429 Retry-After 1', knobs: { status: 429, retryAfterSec: 1 } },
  { name: 'Redis paused 2 s', redis: (redis) => redis.pause(2_000) },
  { name: 'empty list', knobs: { keepRatio: 0 } },
  { name: 'connection reset', knobs: { reset: true } },
  { name: 'trickle', knobs: { trickleBytesPerSec: 200 } },
  { name: 'Redis restarted empty', redis: (redis) => redis.restart() },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

function sampleOf(metrics: readonly MetricSample[], atMs: number): SoakSample {
  return {
    atMs,
    rssBytes: metricSum(metrics, 'process_resident_memory_bytes'),
    heapUsedBytes: metricSum(metrics, 'nodejs_heap_size_used_bytes'),
    externalBytes: metricSum(metrics, 'nodejs_external_memory_bytes'),
    activeHandles: metricSum(metrics, 'nodejs_active_handles_total'),
    activeRequests: metricSum(metrics, 'nodejs_active_requests_total'),
  };
}

/** "Socket 12, Server 1": the active handles by type, to see what a rise is made of. */
function handleTypes(metrics: readonly MetricSample[]): string {
  return metrics
    .filter((m) => m.name === 'nodejs_active_handles' && m.labels.type)
    .map((m) => `${m.labels.type} ${m.value}`)
    .join(', ');
}

async function main(): Promise<boolean> {
  const { slugs } = await providerKeys();
  let upstream: MockUpstream | undefined;
  let redis: RedisServerHandle | undefined;
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  let gc: RemoteGc | undefined;
  try {
    upstream = await startMockUpstream({ knobs: { '*': { latencyMs: [5, 60] } } });
    redis = await startRedisServer();
    api = await startApiProcess({
      upstreamUrl: upstream.url,
      providers: slugs,
      redisUrl: redis.url,
      // The inspector, on a free loopback port, lets the soak trigger full collections.
      env: { ...suiteEnv(slugs), FRESH_TTL_MS: '2000', NODE_OPTIONS: '--inspect=127.0.0.1:0' },
    });
    await api.waitReady(60_000);
    const apiProcess = api.process;
    gc = await RemoteGc.connect(() => apiProcess.output());
    const target = api.url;
    const ids = new Set(await readModelIds(target));
    const paths = [
      '/v1/models',
      '/catalog/models?limit=50',
      '/catalog/models?q=llama&limit=10',
      '/catalog/providers',
      '/catalog/stats',
    ];
    const totals = new Map<string, number>();
    for (const path of paths)
      if (path.startsWith('/catalog/models')) totals.set(path, await readCatalogTotal(target, path));
    const startMetrics = await readMetrics(target);
    console.log(
      `soak: ${(durationMs / 60_000).toFixed(1)} min, ${slugs.length} providers (${ids.size} models), ${CONCURRENCY} clients, a fault every ${FAULT_EVERY_MS / 1000} s for ${FAULT_FOR_MS / 1000} s`,
    );

    const started = Date.now();
    const load = startLoadLoop({
      target: () => target,
      paths,
      concurrency: CONCURRENCY,
      abandonAfterMs: 5_000,
      expect: { ids, totals },
    });
    const samples: SoakSample[] = [];
    const injected: string[] = [];
    let nextFaultAt = FAULT_EVERY_MS;
    let faultEndsAt = Number.POSITIVE_INFINITY;
    let faultProvider: string | undefined;
    let lastPrinted = -Infinity;
    while (Date.now() - started < durationMs) {
      const atMs = Date.now() - started;
      if (atMs >= faultEndsAt) {
        if (faultProvider) upstream.clearKnobs(faultProvider);
        faultProvider = undefined;
        faultEndsAt = Number.POSITIVE_INFINITY;
      }
      if (atMs >= nextFaultAt && atMs + FAULT_FOR_MS < durationMs) {
        const fault = FAULTS[injected.length % FAULTS.length]!;
        const provider = slugs[injected.length % slugs.length]!;
        if (fault.knobs) {
          upstream.setKnobs(provider, fault.knobs);
          faultProvider = provider;
        }
        await fault.redis?.(redis);
        injected.push(fault.knobs ? `${fault.name} (${provider})` : fault.name);
        faultEndsAt = atMs + FAULT_FOR_MS;
        nextFaultAt += FAULT_EVERY_MS;
      }
      await gc.collect();
      const metrics = await readMetrics(target);
      const sample = sampleOf(metrics, Date.now() - started);
      samples.push(sample);
      if (atMs - lastPrinted >= Math.max(5_000, durationMs / 40)) {
        lastPrinted = atMs;
        console.log(
          `  ${(atMs / 1000).toFixed(0).padStart(4)} s  rss ${mib(sample.rssBytes)} MiB  heap ${mib(sample.heapUsedBytes)} MiB  external ${mib(sample.externalBytes)} MiB  handles ${sample.activeHandles} (${handleTypes(metrics)})  requests ${load.count}`,
        );
      }
      await sleep(sampleEveryMs);
    }
    const loadResult = judgeLoad(await load.stop(), []);
    const endMetrics = await readMetrics(target);
    const refreshes =
      metricSum(endMetrics, 'provider_fetch_duration_seconds_count') -
      metricSum(startMetrics, 'provider_fetch_duration_seconds_count');
    const verdict = judgeSoak(samples);
    const pass = verdict.pass && loadResult.problems.length === 0;

    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const lines = [
      `${pass ? 'PASS' : 'FAIL'}: ${(durationMs / 60_000).toFixed(1)} min soak (${new Date().toISOString().slice(0, 10)}, \`pnpm soak${values.short ? ' --short' : ` --minutes ${values.minutes}`}\`), ${slugs.length} providers, ${ids.size} models, Redis, fresh TTL 2 s.`,
      '',
      `- Load: ${loadResult.figures.requests} catalog GETs from ${CONCURRENCY} clients, p99 ${loadResult.figures.p99Ms} ms, max ${loadResult.figures.maxMs} ms; ${loadResult.problems.length === 0 ? 'every one answered 200 with the models seen at the start' : loadResult.problems.join('; ')}.`,
      `- Refresh cycles: ${refreshes} upstream fetches (about ${(refreshes / slugs.length).toFixed(0)} per provider).`,
      `- Faults: ${injected.length} injected for ${FAULT_FOR_MS / 1000} s each: ${injected.join(', ') || 'none (run too short)'}.`,
      `- RSS ${mib(first.rssBytes)} → ${mib(last.rssBytes)} MiB, heap used ${mib(first.heapUsedBytes)} → ${mib(last.heapUsedBytes)} MiB, active handles ${first.activeHandles} → ${last.activeHandles}, active requests ${first.activeRequests} → ${last.activeRequests}.`,
      `- Samples every ${sampleEveryMs / 1000} s, each right after a full GC of the API (through its inspector). After the first ${SOAK_CRITERIA.warmupFraction * 100} % (warm-up), over ${verdict.judgedMinutes.toFixed(1)} min, slopes of the lowest reading of each of ${SOAK_CRITERIA.windows} windows: heap ${verdict.heapSlopeMiBPerMin.toFixed(2)} MiB/min, RSS ${verdict.rssSlopeMiBPerMin.toFixed(2)} MiB/min, active handles ${verdict.handleSlopePerMin.toFixed(2)}/min.`,
      '',
      markdownTable(
        ['Criterion', 'Outcome'],
        verdict.checks.map((c) => [c.criterion, c.outcome]),
      ),
      '',
      markdownTable(
        ['t (s)', 'RSS (MiB)', 'heap used (MiB)', 'external (MiB)', 'active handles', 'active requests'],
        samples
          .filter((_, i) => i % Math.max(1, Math.ceil(samples.length / 12)) === 0 || i === samples.length - 1)
          .map((s) => [
            (s.atMs / 1000).toFixed(0),
            mib(s.rssBytes),
            mib(s.heapUsedBytes),
            mib(s.externalBytes),
            String(s.activeHandles),
            String(s.activeRequests),
          ]),
      ),
    ];
    const report = lines.join('\n');
    console.log(`\n${report}`);
    if (values.write) {
      writeReliabilitySection('soak', report);
      console.log('\nsoak: written to docs/RELIABILITY.md');
    }
    const leaked = api.secrets.filter((secret) => api!.process.output().includes(secret));
    if (leaked.length > 0) {
      console.error(`soak: the API output shows ${leaked.length} provider key(s)`);
      return false;
    }
    return pass;
  } finally {
    gc?.close();
    await api?.stop();
    await upstream?.close();
    await redis?.stop();
  }
}

main().then(
  (pass) => process.exit(pass ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
