import { request } from 'undici';
import { z } from 'zod';
import { startApiProcess } from './api-process.ts';
import { startMockUpstreamProcess, type MockUpstreamProcess } from './mock-upstream-process.ts';
import type { ScenarioOptions } from './scenario.ts';
import { fmt, summarize } from './stats.ts';
import { reported, type Row } from './table.ts';

const Providers = z.object({ data: z.array(z.object({ provider: z.string(), modelCount: z.number() })) });
const MiB = 1024 * 1024;

/** Boots the API, reads its catalog once as clients do (both encodings), and measures its resident memory. */
async function measureApi(upstream: MockUpstreamProcess) {
  const api = await startApiProcess({ upstreamUrl: upstream.url });
  try {
    await api.waitReady({ intervalMs: 50 });
    for (const encoding of ['br', 'gzip', 'identity']) {
      for (const route of ['/v1/models', '/catalog/models?limit=100']) {
        const response = await request(`${api.url}${route}`, { headers: { 'accept-encoding': encoding } });
        await response.body.arrayBuffer();
      }
    }
    const providers = Providers.parse(await (await fetch(`${api.url}/catalog/providers`)).json());
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // let allocation settle
    const { rss, peak } = await api.resident();
    return {
      rss,
      peak,
      providers: providers.data.length,
      models: providers.data.reduce((n, p) => n + p.modelCount, 0),
    };
  } finally {
    await api.stop();
  }
}

/**
 * Scenario 8 (part): resident memory of the API process (Linux VmRSS, after start-up and one read
 * of each catalog body in br, gzip and identity) with ~20 000 models from 30 providers (the mock
 * upstream's lists inflated), against the same API with the fixtures as recorded (~200 models).
 * Fresh API processes, rounds interleaved.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const rounds = smoke ? 1 : 3;
  const wanted = smoke ? 2_000 : 20_000;
  const upstream = await startMockUpstreamProcess();
  try {
    const small: Awaited<ReturnType<typeof measureApi>>[] = [];
    const large: Awaited<ReturnType<typeof measureApi>>[] = [];
    let inflate = 1;
    for (let round = 0; round < rounds; round++) {
      await upstream.setKnobs('*', null);
      small.push(await measureApi(upstream));
      inflate = Math.max(1, Math.min(1000, Math.round(wanted / small[0]!.models)));
      await upstream.setKnobs('*', { inflate });
      large.push(await measureApi(upstream));
    }
    const rss = summarize(large.map((m) => m.rss / MiB));
    const base = summarize(small.map((m) => m.rss / MiB));
    const perModel = summarize(large.map((m, i) => (m.rss - small[i]!.rss) / (m.models - small[i]!.models)));
    return [
      reported({
        scenario: `8. API process RSS, ${large[0]!.models} models from ${large[0]!.providers} providers`,
        measured: `${fmt(rss.median)} MiB (${fmt(rss.min)}–${fmt(rss.max)}), peak ${fmt(summarize(large.map((m) => m.peak / MiB)).median)} MiB`,
        baseline: `same API, ${small[0]!.models} models: ${fmt(base.median)} MiB`,
        ratio: `+${fmt(perModel.median / 1024, 2)} KiB per model`,
      }),
    ];
  } finally {
    await upstream.close();
  }
}
