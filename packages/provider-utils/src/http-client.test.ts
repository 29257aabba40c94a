import {
  InvalidJsonError,
  ResponseTooLargeError,
  UpstreamHttpError,
  UpstreamNetworkError,
} from '@catalog/provider-contract';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useUpstreamServer } from '@catalog/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

const upstream = useUpstreamServer();
const BASE = 'https://api.example.test/v1';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real local HTTP server (requests to localhost pass the test upstream), closed after the test. */
async function localServer(handle: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => handle(res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  return createHttpClient({ provider: 'example', baseURL: BASE, ...overrides });
}

describe('createHttpClient', () => {
  it('GETs JSON relative to the base URL with query, headers and auth', async () => {
    upstream.route(`${BASE}/models`, { json: { data: [1, 2] } });
    const response = await client({ authHeaders: { authorization: 'Bearer k' }, headers: { 'x-extra': '1' } }).getJson(
      '/models',
      { query: { limit: 10 } },
    );
    expect(response.body).toEqual({ data: [1, 2] });
    expect(response.status).toBe(200);
    const [call] = upstream.calls;
    expect(call?.url.searchParams.get('limit')).toBe('10');
    expect(call?.headers.authorization).toBe('Bearer k');
    expect(call?.headers['x-extra']).toBe('1');
    expect(call?.headers.accept).toBe('application/json');
  });

  it('does not send auth headers to another origin', async () => {
    upstream.route('https://cdn.example.test/page2', { json: [] });
    await client({ authHeaders: { authorization: 'Bearer k' } }).getJson('https://cdn.example.test/page2');
    expect(upstream.calls[0]?.headers.authorization).toBeUndefined();
  });

  it('redacts query-string keys from error URLs', async () => {
    upstream.route(`${BASE}/models`, { status: 401, json: { error: 'bad key' } });
    const error = await client({ authQuery: { key: 'sk-secret' } })
      .getJson('/models')
      .catch((e: unknown) => e);
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('sk-secret');
    expect((error as UpstreamHttpError).url).toContain('key=REDACTED');
    expect(upstream.calls[0]?.url.searchParams.get('key')).toBe('sk-secret');
  });

  it('turns a non-2xx status into UpstreamHttpError with status, body excerpt and Retry-After', async () => {
    upstream.route(`${BASE}/models`, { status: 429, headers: { 'retry-after': '3' }, json: { error: 'slow down' } });
    const error = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.bodyExcerpt).toContain('slow down');
    expect(error.message).toContain(`${BASE}/models`);
    expect(error.message).toContain('example');
  });

  it('reads a 429 delay from the IETF RateLimit headers when there is no Retry-After', async () => {
    upstream.route(`${BASE}/models`, { status: 429, headers: { ratelimit: '"api";r=0;t=55' }, json: {} });
    const error = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(error.retryAfterMs).toBe(55_000);
    upstream.route(`${BASE}/models`, {
      status: 429,
      headers: { 'retry-after': '2', ratelimit: '"api";r=0;t=55' },
      json: {},
    });
    const both = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(both.retryAfterMs).toBe(2_000);
  });

  it('marks 401 as not retryable and says to check the key', async () => {
    upstream.route(`${BASE}/models`, { status: 401, body: 'nope' });
    const error = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(error.retryable).toBe(false);
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toMatch(/API key/);
  });

  it('reports malformed JSON with the provider, the URL and the start of the body', async () => {
    upstream.route(`${BASE}/models`, { body: '{"data": [', headers: { 'content-type': 'application/json' } });
    const error = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as InvalidJsonError;
    expect(InvalidJsonError.isInstance(error)).toBe(true);
    expect(error.message).toContain('example');
    expect(error.bodyExcerpt).toBe('{"data": [');
  });

  it('refuses bodies over the size limit', async () => {
    upstream.route(`${BASE}/models`, { body: 'x'.repeat(5000) });
    const error = await client({ maxBodyBytes: 1000 })
      .getJson('/models')
      .catch((e: unknown) => e);
    expect(ResponseTooLargeError.isInstance(error)).toBe(true);
  });

  it('refuses a chunked body (no content-length) over the limit while streaming, and stops reading it', async () => {
    const TOTAL = 64 * 1024 * 1024;
    let written = 0;
    let closed = false;
    const url = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // no content-length: chunked
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        // Up to 64 MiB in 16 KiB chunks, far over the limit, unless the client hangs up first.
        while (!closed && written < TOTAL) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = await createHttpClient({ provider: 'example', baseURL: url, maxBodyBytes: 16 * 1024 })
      .getJson('/models')
      .catch((e: unknown) => e);
    expect(ResponseTooLargeError.isInstance(error)).toBe(true);
    expect((error as ResponseTooLargeError).limitBytes).toBe(16 * 1024);
    expect((error as Error).message).toContain(`${url}/models`);
    await expect.poll(() => closed).toBe(true);
    expect(written).toBeLessThan(TOTAL);
  });

  it('times out a body that keeps trickling: the deadline covers the whole body, not the gaps', async () => {
    let sent = 0;
    const url = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
      // A byte every 20 ms: no gap is long, but the whole body would take minutes.
      const timer = setInterval(() => {
        sent++;
        res.write(' ');
      }, 20);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = (await createHttpClient({ provider: 'example', baseURL: url, timeoutMs: 300 })
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamNetworkError;
    expect(UpstreamNetworkError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain(`${url}/models`);
    expect(sent).toBeGreaterThan(2); // the body was flowing when the deadline hit
    expect(Date.now() - started).toBeLessThan(10_000); // generous: it must not hang
  });

  it('times out a body that stops arriving after the headers (bodyTimeout)', async () => {
    const url = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
    });
    const error = (await createHttpClient({ provider: 'example', baseURL: url, timeoutMs: 200 })
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamNetworkError;
    expect(UpstreamNetworkError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('timeout');
  });

  it('times out a request that never answers', async () => {
    upstream.route(`${BASE}/models`, { hang: true });
    const error = (await client({ timeoutMs: 100 })
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamNetworkError;
    expect(UpstreamNetworkError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('passes a caller abort through unchanged', async () => {
    upstream.route(`${BASE}/models`, { hang: true });
    const controller = new AbortController();
    const pending = client({ signal: controller.signal }).getJson('/models');
    controller.abort(new Error('cancelled by caller'));
    await expect(pending).rejects.toThrow('cancelled by caller');
  });

  it('reports a dropped connection as a network error', async () => {
    upstream.route(`${BASE}/models`, { networkError: true });
    const error = (await client()
      .getJson('/models')
      .catch((e: unknown) => e)) as UpstreamNetworkError;
    expect(UpstreamNetworkError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('network');
  });

  it('follows a redirect and refuses a redirect loop', async () => {
    upstream.route(`${BASE}/old`, { status: 301, headers: { location: `${BASE}/models` } });
    upstream.route(`${BASE}/models`, { json: { ok: true } });
    expect((await client().getJson('/old')).body).toEqual({ ok: true });

    upstream.route(`${BASE}/a`, { status: 302, headers: { location: `${BASE}/b` } });
    upstream.route(`${BASE}/b`, { status: 302, headers: { location: `${BASE}/a` } });
    const error = (await client()
      .getJson('/a')
      .catch((e: unknown) => e)) as UpstreamHttpError;
    expect(UpstreamHttpError.isInstance(error)).toBe(true);
    expect(error.message).toContain('redirect loop');
  });

  it('POSTs a form and parses the JSON answer (OAuth token exchanges)', async () => {
    upstream.route(`${BASE}/token`, { json: { access_token: 'ya29.x', expires_in: 3599 } }, 'POST');
    const response = await client().postForm('/token', { grant_type: 'jwt-bearer', assertion: 'a.b.c' });
    expect(response.body).toEqual({ access_token: 'ya29.x', expires_in: 3599 });
    expect(upstream.calls[0]?.method).toBe('POST');
    expect(upstream.calls[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});
