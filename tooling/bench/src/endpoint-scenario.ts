import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { startApiProcess } from './api-process.ts';
import { startMockUpstreamProcess } from './mock-upstream-process.ts';
import { runWrk, type WrkResult } from './run-wrk.ts';
import type { ScenarioOptions } from './scenario.ts';
import { fmt, pairedRatio, spread, summarize } from './stats.ts';
import { judged, type Row } from './table.ts';

/**
 * Scenario 5: the warm catalog endpoints under 100 connections on loopback (wrk), against a bare
 * node:http server sending the same pre-compressed bytes, measured in the same run; plus the 304
 * path. The API runs in its own process, in memory mode, against the mock upstream (its own process too).
 */
async function measure(options: { seconds: number; rounds: number }) {
  const upstream = await startMockUpstreamProcess();
  await upstream.setKnobs('openrouter', { inflate: 60 });
  const child = await startApiProcess({
    upstreamUrl: upstream.url,
    providers: ['openrouter', 'groq', 'together', 'deepinfra', 'chutes', 'near'],
  });
  const api = child.url;
  try {
    await child.waitReady({ intervalMs: 50 });
    const results: Record<string, { api: WrkResult[]; bare: WrkResult[] }> = {};
    for (const route of ['/v1/models', '/catalog/models?limit=100']) {
      // The compressed bytes as the API sends them (undici.request does not decompress).
      const response = await request(`${api}${route}`, { headers: { 'accept-encoding': 'gzip' } });
      const etag = String(response.headers.etag);
      const body = Buffer.from(await response.body.arrayBuffer());
      // The bare baseline: the same bytes and headers, nothing else.
      const bare = createServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-encoding': 'gzip',
          etag,
          'content-length': body.length,
        });
        res.end(body);
      });
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
      const barePort = (bare.address() as AddressInfo).port;
      const gzip = { 'Accept-Encoding': 'gzip' };
      const bucket = { api: [] as WrkResult[], bare: [] as WrkResult[] };
      for (let round = 0; round < options.rounds; round++) {
        bucket.bare.push(
          await runWrk(`http://127.0.0.1:${barePort}/`, { connections: 100, seconds: options.seconds, headers: gzip }),
        );
        bucket.api.push(await runWrk(`${api}${route}`, { connections: 100, seconds: options.seconds, headers: gzip }));
      }
      results[route] = bucket;
      if (route === '/v1/models') {
        const notModified = { api: [] as WrkResult[], bare: bucket.bare };
        for (let round = 0; round < options.rounds; round++) {
          notModified.api.push(
            await runWrk(`${api}${route}`, {
              connections: 100,
              seconds: options.seconds,
              headers: { ...gzip, 'If-None-Match': etag },
            }),
          );
        }
        results[`${route} (304)`] = notModified;
      }
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
    return results;
  } finally {
    await child.stop();
    await upstream.close();
  }
}

export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const endpoint = await measure({ seconds: smoke ? 1 : 5, rounds: smoke ? 1 : 3 });
  return Object.entries(endpoint).map(([route, result]) => {
    const api = summarize(result.api.map((r) => r.requestsPerSecond));
    const bare = summarize(result.bare.map((r) => r.requestsPerSecond));
    const p99 = summarize(result.api.map((r) => r.p99Ms));
    const ratio = pairedRatio(
      result.api.map((r) => r.requestsPerSecond),
      result.bare.map((r) => r.requestsPerSecond),
    );
    const target = route.endsWith('(304)') ? 0.9 : 0.8;
    return judged(
      {
        scenario: `5. ${route}, warm, 100 connections`,
        measured: `${spread(api, 0)} req/s, p99 ${fmt(p99.median, 2)} ms`,
        baseline: `bare node:http: ${spread(bare, 0)} req/s`,
        ratio: `${fmt(ratio.median, 2)}×`,
        target: `≥ ${target}×`,
      },
      ratio.median >= target,
    );
  });
}
