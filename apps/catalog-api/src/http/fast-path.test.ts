import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { EncodedBody } from './encoded-body.ts';
import { FastPath } from './fast-path.ts';
import { versionedResponse } from './send-json.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server whose requests go to the fast path first; what it does not serve gets a 599 marker. */
async function serve(fastPath: FastPath) {
  let fallbacks = 0;
  const server = createServer(
    fastPath.listener((_req, res) => {
      fallbacks++;
      res.writeHead(599).end();
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => {
    const response = await request(`${url}${path}`, { method, headers });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.from(await response.body.arrayBuffer()),
    };
  };
  return { get, fallbacks: () => fallbacks };
}

const body = EncodedBody.of({ object: 'list', data: [{ id: 'a/b' }] }, '"v1-x"');

describe('FastPath', () => {
  it('answers a remembered URL for the current version with the same response the route would send', async () => {
    let version = 'v1';
    const fastPath = new FastPath({ currentVersion: async () => version });
    const { get, fallbacks } = await serve(fastPath);
    expect((await get('/v1/models')).status).toBe(599); // not remembered yet: Fastify's
    fastPath.remember('/v1/models', 'v1', body, 'public, max-age=30');

    const gzip = await get('/v1/models', { 'accept-encoding': 'gzip' });
    const expected = versionedResponse(body, 'v1', 'public, max-age=30', undefined, 'gzip');
    expect(gzip.status).toBe(200);
    expect(gunzipSync(gzip.body).toString()).toBe(body.identity.toString());
    for (const [name, value] of Object.entries(expected.headers)) expect(gzip.headers[name]).toBe(String(value));

    const notModified = await get('/v1/models', { 'if-none-match': body.etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(body.etag);

    expect((await get('/v1/models?limit=1')).status).toBe(599); // another URL
    expect((await get('/v1/models', {}, 'HEAD')).status).toBe(599); // other methods: Fastify
    version = 'v2';
    expect((await get('/v1/models')).status).toBe(599); // a new version: Fastify rebuilds
    expect(fallbacks()).toBe(4);
  });

  it('forgets the old version when a new one is remembered, and everything on close', async () => {
    const fastPath = new FastPath({ currentVersion: async () => 'v2' });
    const { get } = await serve(fastPath);
    fastPath.remember('/a', 'v1', body, 'c');
    fastPath.remember('/b', 'v2', body, 'c');
    expect((await get('/a')).status).toBe(599);
    expect((await get('/b')).status).toBe(200);
    fastPath.close();
    expect((await get('/b')).status).toBe(599);
    fastPath.remember('/b', 'v2', body, 'c');
    expect((await get('/b')).status).toBe(599); // closing: stays off
  });

  it('builds the body of a new version itself for a URL remembered with a refresh', async () => {
    let version = 'v1';
    let refreshes = 0;
    const v2 = EncodedBody.of({ object: 'list', data: [{ id: 'c/d' }] }, '"v2-x"');
    const fastPath = new FastPath({ currentVersion: async () => version });
    const { get, fallbacks } = await serve(fastPath);
    const refresh = async () => {
      refreshes++;
      return { version, body: version === 'v2' ? v2 : body };
    };
    fastPath.remember('/v1/models', 'v1', body, 'c', refresh);
    fastPath.remember('/other', 'v1', body, 'c');
    expect((await get('/v1/models')).body.equals(body.identity)).toBe(true);
    expect(refreshes).toBe(0);

    version = 'v2';
    const fresh = await get('/v1/models', { 'accept-encoding': 'gzip' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe(v2.etag);
    expect(fresh.headers['x-catalog-version']).toBe('v2');
    expect(gunzipSync(fresh.body).equals(v2.identity)).toBe(true);
    expect((await get('/v1/models', { 'if-none-match': v2.etag })).status).toBe(304);
    expect(refreshes).toBe(1); // built once, then remembered for v2
    expect((await get('/other')).status).toBe(599); // no refresh: Fastify builds the new version
    expect(fallbacks()).toBe(1);
  });

  it('leaves the request to Fastify when the refreshed body is of another version or the refresh fails', async () => {
    let version = 'v1';
    const fastPath = new FastPath({ currentVersion: async () => version });
    const { get, fallbacks } = await serve(fastPath);
    fastPath.remember('/moved', 'v1', body, 'c', async () => ({ version: 'v3', body }));
    fastPath.remember('/failing', 'v1', body, 'c', () => Promise.reject(new Error('catalog closed')));
    version = 'v2';
    expect((await get('/moved')).status).toBe(599);
    expect((await get('/failing')).status).toBe(599);
    expect(fallbacks()).toBe(2);
  });

  it('is bounded by URLs and by bytes, keeping the newest', async () => {
    const fastPath = new FastPath({ currentVersion: async () => 'v1', maxEntries: 2, maxBytes: 10_000 });
    const { get } = await serve(fastPath);
    for (const url of ['/1', '/2', '/3']) fastPath.remember(url, 'v1', body, 'c');
    expect((await get('/1')).status).toBe(599);
    expect((await get('/3')).status).toBe(200);
    const big = EncodedBody.of({ pad: 'x'.repeat(8_000) }, '"v1-big"');
    fastPath.remember('/big', 'v1', big, 'c');
    expect((await get('/2')).status).toBe(599); // 2 × 8 KB counted: the others went
    expect((await get('/big')).status).toBe(200);
  });

  it('falls back to Fastify when reading the catalog version fails', async () => {
    const fastPath = new FastPath({ currentVersion: () => Promise.reject(new Error('catalog closed')) });
    const { get, fallbacks } = await serve(fastPath);
    fastPath.remember('/x', 'v1', body, 'c');
    expect((await get('/x')).status).toBe(599);
    expect(fallbacks()).toBe(1);
  });
});
