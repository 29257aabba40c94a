import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startMockUpstream } from '@catalog/mock-upstream';
import { getFreePort } from '@catalog/test-kit';
import { request } from 'undici';
import { runWrk, type WrkResult } from './run-wrk.ts';

const APP = path.resolve(import.meta.dirname, '../../../apps/catalog-api/src/main.ts');

/**
 * Scenario 5: the warm catalog endpoints under 100 connections on loopback (wrk), against a bare
 * node:http server sending the same pre-compressed bytes, measured in the same run; plus the 304
 * path. The API runs in its own process, in memory mode, against the mock upstream.
 */
export async function endpointScenario(options: { seconds: number; rounds: number }) {
  const upstream = await startMockUpstream({ knobs: { openrouter: { inflate: 60 } } });
  const port = await getFreePort();
  const child = spawn(process.execPath, ['--conditions=@catalog/source', APP], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      UPSTREAM_BASE_URL: upstream.url,
      PROVIDERS: 'openrouter,groq,together,deepinfra,chutes,near',
      LOG_LEVEL: 'error',
      GROQ_API_KEY: 'k',
      TOGETHER_API_KEY: 'k',
    },
    stdio: 'ignore',
  });
  const api = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${api}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 200) throw new Error('the API did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
    child.kill('SIGTERM');
    await upstream.close();
  }
}
