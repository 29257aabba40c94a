import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
});
afterAll(() => t.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await request(`${t.url}${path}`, { headers });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'];
  const text = (encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw).toString();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as any };
}

async function send(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, token = ADMIN_TOKEN) {
  const response = await request(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.statusCode, json: (await response.body.json()) as any };
}

describe('catalog routes', () => {
  it('queries with filters, search and sort', async () => {
    const all = (await get('/catalog/models')).json();
    expect(all.object).toBe('catalog.page');
    expect(all.total).toBe(all.data.length);
    const vision = (await get('/catalog/models?inputModality=image&sort=price')).json();
    expect(vision.data.length).toBeGreaterThan(0);
    for (const model of vision.data) expect(model.inputModalities).toContain('image');
    const search = (await get('/catalog/models?q=sonnet')).json();
    expect(search.data.map((m: { canonicalId: string }) => m.canonicalId)).toContain('anthropic/claude-3.5-sonnet');
    const provider = (await get('/catalog/models?provider=openrouter')).json();
    for (const model of provider.data) expect(model.providers).toContain('openrouter');
  });

  it('pages with a stable cursor', async () => {
    const all = (await get('/catalog/models?sort=name')).json().data.map((m: { canonicalId: string }) => m.canonicalId);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const page = (
        await get(`/catalog/models?sort=name&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json();
      seen.push(...page.data.map((m: { canonicalId: string }) => m.canonicalId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('answers 400 naming the parameter and why', async () => {
    const bad = await get('/catalog/models?minContext=lots&sort=random');
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toContain('query parameter `minContext`');
    expect(bad.json().error.message).toContain('query parameter `sort`');
    expect((await get('/catalog/models?cursor=forged')).status).toBe(400);
    expect((await get('/catalog/models?nonsense=1')).status).toBe(400);
  });

  it('serves one model with its offers by canonical id, provider id or alias', async () => {
    const byCanonical = (await get(`/catalog/models/${encodeURIComponent('anthropic/claude-3.5-sonnet')}`)).json();
    expect(byCanonical.matches[0].model.offers.length).toBeGreaterThan(0);
    expect((await get('/catalog/models/anthropic/claude-3.5-sonnet')).status).toBe(200);
    expect((await get('/catalog/models/no-such-model')).status).toBe(404);
  });

  it("reports providers with health, one provider's models, stats", async () => {
    const providers = (await get('/catalog/providers')).json();
    expect(providers.data).toHaveLength(30);
    expect(providers.data.find((p: { provider: string }) => p.provider === 'openrouter')).toMatchObject({
      configured: true,
      state: 'fresh',
    });
    const openrouter = (await get('/catalog/providers/openrouter/models')).json();
    expect(openrouter.data).toHaveLength(6);
    expect((await get('/catalog/providers/nope/models')).status).toBe(404);
    const stats = (await get('/catalog/stats')).json();
    expect(stats.uniqueModels).toBeGreaterThan(0);
    expect(stats.providers.openrouter).toBe(6);
  });

  it('supports conditional GET and serves gzip and brotli', async () => {
    const first = await get('/v1/models', { 'accept-encoding': 'br, gzip' });
    expect(first.headers['content-encoding']).toBe('br');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toContain('max-age');
    expect((await get('/v1/models', { 'if-none-match': etag })).status).toBe(304);
    const gzip = await get('/v1/models', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.json()).toEqual(first.json());
    expect((await get('/v1/models')).headers['content-encoding']).toBeUndefined();
  });
});

describe('admin routes', () => {
  it('require the bearer token, refuse it in the query string', async () => {
    expect((await send('POST', '/admin/invalidate', { provider: 'openrouter' }, '')).status).toBe(401);
    expect((await send('POST', '/admin/invalidate', { provider: 'openrouter' }, 'wrong-token-0123456789')).status).toBe(
      401,
    );
    expect((await send('POST', `/admin/invalidate?token=${ADMIN_TOKEN}`, { provider: 'openrouter' })).status).toBe(401);
    expect((await send('POST', '/admin/invalidate', { provider: 'openrouter' })).status).toBe(200);
  });

  it('validate bodies', async () => {
    expect((await send('POST', '/admin/invalidate', { provider: 'Not A Slug' })).status).toBe(400);
    expect((await send('POST', '/admin/invalidate', '{not json')).status).toBe(400);
    expect((await send('POST', '/admin/invalidate', { provider: 'unknown-provider' })).status).toBe(404);
  });

  it('warm, report cache stats, and manage overrides', async () => {
    const warm = await send('POST', '/admin/warm', { providers: ['openrouter'] });
    expect(warm.json.results).toEqual([expect.objectContaining({ provider: 'openrouter', ok: true })]);
    const cache = await request(`${t.url}/admin/cache`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await cache.body.json()) as { store: string }).store).toBe('memory');
    const put = await send('PUT', '/admin/overrides', {
      provider: 'openrouter',
      modelId: 'openrouter/auto',
      hide: true,
    });
    expect(put.status).toBe(200);
    expect((await get('/catalog/models/openrouter%2Fauto')).status).toBe(404);
    expect(
      (await send('DELETE', '/admin/overrides', { provider: 'openrouter', modelId: 'openrouter/auto' })).status,
    ).toBe(200);
    expect((await get('/catalog/models/openrouter%2Fauto')).status).toBe(200);
  });

  it('switch legacy-cache rollout modes at run time, shown on the status route', async () => {
    const changed = await send('PUT', '/admin/rollout', { provider: 'groq', mode: 'dual', readFrom: 'legacy' });
    expect(changed.status).toBe(200);
    expect((await get('/system/cache')).json().rollout.providers.groq).toEqual({ mode: 'dual', readFrom: 'legacy' });
    expect((await send('PUT', '/admin/rollout', { provider: 'groq', mode: 'kernel', readFrom: 'legacy' })).status).toBe(
      400,
    );
    expect((await send('PUT', '/admin/rollout', { provider: 'groq', mode: 'fast' })).status).toBe(400);
  });

  it('report changes after an upstream payload changes', async () => {
    const before = (await get('/catalog/stats')).json().version;
    t.upstream.setPayload('openrouter', {
      data: [
        {
          id: 'anthropic/claude-3.5-sonnet',
          name: 'Claude',
          context_length: 200000,
          pricing: { prompt: '0.000002', completion: '0.000015' },
        },
        { id: 'meta-llama/llama-3.3-70b-instruct:free', context_length: 131072 },
        { id: 'openrouter/auto', context_length: 2000000 },
        { id: 'deepseek/deepseek-r1', context_length: 163840 },
        { id: 'new/model-x', context_length: 8192 },
      ],
    });
    expect((await send('POST', '/admin/invalidate', { provider: 'openrouter', cascade: true })).status).toBe(200);
    const changes = (await get(`/catalog/changes?since=${before}`)).json();
    expect(changes.complete).toBe(true);
    const added = changes.changes.filter((c: { type: string }) => c.type === 'added').map((c: { id: string }) => c.id);
    expect(added).toContain('new/model-x');
    const changed = changes.changes.find((c: { id: string }) => c.id === 'anthropic/claude-3.5-sonnet');
    expect(changed.fields).toContain('pricing');
    expect((await get('/catalog/changes?since=ancient')).status).toBe(410);
    t.upstream.clearPayloads();
  });
});

describe('system routes', () => {
  it('liveness, readiness, cache status, metrics and OpenAPI', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/system/cache')).json()).toMatchObject({
      store: 'memory',
      redis: { configured: false },
      rollout: { default: { mode: 'kernel' } },
    });
    const metrics = (await get('/metrics')).text;
    for (const name of [
      'cache_hits_total',
      'cache_misses_total',
      'cache_hit_rate',
      'circuit_breaker_state',
      'catalog_models',
      'provider_fetch_duration_seconds',
    ]) {
      expect(metrics).toContain(name);
    }
    const openapi = (await get('/openapi.json')).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/models', '/catalog/models', '/admin/invalidate', '/metrics']),
    );
    const parameters = openapi.paths['/catalog/models'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['q', 'provider', 'minContext', 'sort', 'cursor']));
  });

  it('answers unknown routes and path tricks with JSON 404s, never 500', async () => {
    for (const path of [
      '/nope',
      '/catalog/models/..%2F..%2Fetc%2Fpasswd',
      '/catalog/models/%2e%2e',
      `/catalog/models/${'x'.repeat(600)}`,
      '/v1/models/%00',
      '/v1/models/%25',
      '/v1/models/a%25b',
      '/catalog/models/%25zz',
      '/v1/models/%E0%A4%A',
    ]) {
      const response = await get(path);
      expect([400, 404]).toContain(response.status);
      expect(response.json().error.code).toBeTruthy();
    }
  });
});
