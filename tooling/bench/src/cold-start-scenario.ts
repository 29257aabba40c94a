import { startApiProcess, type ApiStart } from './api-process.ts';
import { apiProviders, buildStartSnapshot } from './app-source.ts';
import { startMockUpstreamProcess, type MockUpstreamProcess } from './mock-upstream-process.ts';
import type { ScenarioOptions } from './scenario.ts';
import { duration, durationSpread, summarize } from './stats.ts';
import { judged, type Row } from './table.ts';

const FASTEST_MS = 50;
const SLOWEST_MS = 800;

/** When the last of `latencies` finishes if at most `slots` run at once, each starting as a slot frees (in list order). */
export function scheduledFinish(latencies: readonly number[], slots: number): number {
  const free = Array<number>(Math.max(1, slots)).fill(0);
  for (const latency of latencies) {
    const slot = free.indexOf(Math.min(...free));
    free[slot] = free[slot]! + latency;
  }
  return Math.max(...free);
}

async function bootOnce(upstream: MockUpstreamProcess, start: ApiStart) {
  const api = await startApiProcess({ upstreamUrl: upstream.url, start });
  try {
    return await api.waitReady({ intervalMs: 5 });
  } finally {
    await api.stop();
  }
}

/**
 * Scenario 6: cold start of the API with all 30 providers on the mock upstream, each provider's
 * whole fetch taking a latency spread evenly from 50 to 800 ms (a paginated provider's latency is
 * split over its requests, counted in a first, discarded boot). A fresh API process per round,
 * started as in production (`pnpm start:snapshot`: the start snapshot, built first unless up to
 * date, not timed); /readyz polled every 5 ms. Judged from the spawn and from the moment the server
 * first answered; the source start (`pnpm start`) is measured in the same rounds for comparison.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  // Five rounds: a boot's time varies by ±15 ms on a shared VM, and the median of three moved by as much.
  const rounds = smoke ? 1 : 5;
  const upstream = await startMockUpstreamProcess();
  try {
    const { slugs } = await apiProviders();
    await buildStartSnapshot();
    // Warm-up boot (discarded): also counts how many upstream requests each provider's fetch makes.
    await bootOnce(upstream, 'snapshot');
    const requests = await upstream.stats();
    const plan = slugs.map((slug, i) => ({
      slug,
      totalMs: FASTEST_MS + (i * (SLOWEST_MS - FASTEST_MS)) / Math.max(1, slugs.length - 1),
      requests: Math.max(1, requests[slug]?.requests ?? 1),
    }));
    const spawnToReady: number[] = [];
    const listenToReady: number[] = [];
    const boot: number[] = [];
    const sourceSpawnToReady: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const start of ['snapshot', 'source'] as const) {
        await upstream.reset();
        for (const p of plan) await upstream.setKnobs(p.slug, { latencyMs: p.totalMs / p.requests });
        const { listeningMs, readyMs } = await bootOnce(upstream, start);
        if (start === 'source') {
          sourceSpawnToReady.push(readyMs);
          continue;
        }
        spawnToReady.push(readyMs);
        listenToReady.push(readyMs - listeningMs);
        boot.push(listeningMs);
      }
    }
    const slowest = Math.max(...plan.map((p) => p.totalMs));
    const target = slowest + 100;
    const eightAtATime = scheduledFinish(
      plan.map((p) => p.totalMs),
      8,
    );
    const fromSpawn = summarize(spawnToReady);
    const fromListen = summarize(listenToReady);
    const baseline = `slowest provider: ${duration(slowest)} (8 fetches at a time would end at ${duration(eightAtATime)})`;
    const source = `source start (pnpm start) in the same rounds: ${durationSpread(summarize(sourceSpawnToReady))}`;
    return [
      judged(
        {
          scenario: `6. cold start from the start snapshot (pnpm start:snapshot), ${plan.length} providers (50–800 ms): spawn → /readyz 200`,
          measured: `${durationSpread(fromSpawn)} (process boot until the server answered: ${duration(summarize(boot).median)})`,
          baseline: `${baseline}; ${source}`,
          ratio: `${(fromSpawn.median / slowest).toFixed(2)}×`,
          target: `≤ slowest + 100 ms (${duration(target)})`,
        },
        fromSpawn.median <= target,
      ),
      judged(
        {
          scenario: '6. cold start from the start snapshot: server answering → /readyz 200 (warm-up only)',
          measured: durationSpread(fromListen),
          baseline,
          ratio: `${(fromListen.median / slowest).toFixed(2)}×`,
          target: `≤ slowest + 100 ms (${duration(target)})`,
        },
        fromListen.median <= target,
      ),
    ];
  } finally {
    await upstream.close();
  }
}
