import { createOpenRouter } from '@catalog/provider-openrouter';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from './mock-upstream.ts';

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterEach(() => {
  upstream.clearKnobs();
  upstream.clearPayloads();
  upstream.resetStats();
});
afterAll(() => upstream.close());

const get = (path: string, init?: RequestInit) => fetch(`${upstream.url}${path}`, init);

describe('mock upstream', () => {
  it('serves every provider package that has fixtures', () => {
    expect(upstream.providers).toContain('openrouter');
    expect(upstream.providers.length).toBeGreaterThanOrEqual(30);
  });

  it('serves pages with {{baseURL}} filled in, so a real provider paginates against it', async () => {
    const page1 = (await (await get('/openrouter/models')).json()) as { links: { next: string } };
    expect(page1.links.next).toBe(`${upstream.url}/openrouter/models?cursor=page2`);
    const { models } = await createOpenRouter({ baseURL: upstream.baseURLFor('openrouter'), env: {} }).fetchModels();
    expect(models).toHaveLength(6);
    expect(upstream.stats().openrouter?.requests).toBe(3);
  });

  it('injects statuses with Retry-After, malformed bodies and error rates', async () => {
    upstream.setKnobs('openrouter', { status: 429, retryAfterSec: 7 });
    const limited = await get('/openrouter/models');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');

    upstream.setKnobs('openrouter', { body: '{"data": [' });
    expect(await (await get('/openrouter/models')).text()).toBe('{"data": [');

    upstream.setKnobs('openrouter', { errorRate: 1, errorStatus: 502 });
    expect((await get('/openrouter/models')).status).toBe(502);
    expect(upstream.stats().openrouter?.faults).toBe(2);
  });

  it('adds latency', async () => {
    upstream.setKnobs('openrouter', { latencyMs: 120 });
    const started = performance.now();
    await get('/openrouter/models');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('inflates and shrinks the model list', async () => {
    upstream.setKnobs('openrouter', { inflate: 3 });
    const big = (await (await get('/openrouter/models')).json()) as { data: { id: string }[] };
    expect(big.data).toHaveLength(12);
    expect(new Set(big.data.map((m) => m.id)).size).toBe(12);
    upstream.setKnobs('openrouter', { keepRatio: 0.5 });
    const small = (await (await get('/openrouter/models')).json()) as { data: unknown[] };
    expect(small.data).toHaveLength(2);
  });

  it('replaces a payload and hangs or resets on demand', async () => {
    upstream.setPayload('openrouter', { data: [{ id: 'only/model' }] });
    expect(await (await get('/openrouter/models')).json()).toEqual({ data: [{ id: 'only/model' }] });

    upstream.setKnobs('openrouter', { hang: true });
    await expect(get('/openrouter/models', { signal: AbortSignal.timeout(150) })).rejects.toThrow();

    upstream.setKnobs('openrouter', { reset: true });
    await expect(get('/openrouter/models')).rejects.toThrow();
  });

  it('answers a redirect loop and an oversize chunked body', async () => {
    upstream.setKnobs('openrouter', { redirectLoop: true });
    const first = await get('/openrouter/models', { redirect: 'manual' });
    expect(first.status).toBe(302);
    const next = first.headers.get('location')!;
    expect(next).toBe('/openrouter/models?__loop=1');
    const back = await get(next, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe('/openrouter/models');

    upstream.setKnobs('openrouter', { oversizeBytes: 300_000 });
    const big = await get('/openrouter/models');
    expect(big.headers.get('content-length')).toBeNull();
    const text = await big.text();
    expect(text.length).toBeGreaterThan(300_000);
    expect((JSON.parse(text) as { data: unknown[] }).data).toHaveLength(4);
    expect(upstream.stats().openrouter?.faults).toBe(3);
  });

  it('is driven over HTTP by other processes', async () => {
    const post = (path: string, body: unknown, method = 'POST') =>
      get(`/__mock${path}`, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post('/knobs', { provider: 'openrouter', knobs: { status: 500 } })).status).toBe(200);
    expect((await get('/openrouter/models')).status).toBe(500);
    expect((await post('/knobs', { provider: 'openrouter', knobs: { nonsense: 1 } })).status).toBe(400);
    expect((await post('/payload/openrouter', { data: [] }, 'PUT')).status).toBe(200);
    const stats = (await (await get('/__mock/stats')).json()) as Record<string, { requests: number }>;
    expect(stats.openrouter?.requests).toBe(1);
    expect((await post('/reset', {})).status).toBe(200);
    expect((await get('/openrouter/models')).status).toBe(200);
  });

  it('answers 404 for unknown providers and paths', async () => {
    expect((await get('/nope/models')).status).toBe(404);
    expect((await get('/openrouter/unknown')).status).toBe(404);
  });
});
