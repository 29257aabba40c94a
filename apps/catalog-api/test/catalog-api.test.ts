import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

interface Model {
  canonicalId: string;
  name: string;
  contextLength?: number;
  inputModalities: string[];
  outputModalities: string[];
  capabilities: Record<string, boolean | undefined>;
  providers: string[];
  offers: { provider: string; id: string; pricing?: { prompt?: string; completion?: string } }[];
}
const ids = (models: Model[]) => models.map((m) => m.canonicalId);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
});
afterAll(() => t.close());

async function get(path: string, headers: Record<string, string> = {}, app = t) {
  const response = await request(`${app.url}${path}`, { headers });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'];
  const text = (encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw).toString();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as any };
}

async function send(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  token = ADMIN_TOKEN,
  app = t,
) {
  const response = await request(`${app.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
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

  it('filters by output modality, capability, minimum context and maximum prices exactly as the data says', async () => {
    const all = (await get('/catalog/models')).json().data as Model[];
    const priced = (max: string, field: 'prompt' | 'completion', provider?: string) => (m: Model) =>
      m.offers.some(
        (o) =>
          (!provider || o.provider === provider) &&
          o.pricing?.[field] !== undefined &&
          Number(o.pricing[field]) <= Number(max),
      );
    const cases: [string, (m: Model) => boolean][] = [
      ['outputModality=image', (m) => m.outputModalities.includes('image')],
      ['outputModality=audio', (m) => m.outputModalities.includes('audio')],
      ['outputModality=embedding', (m) => m.outputModalities.includes('embedding')],
      ['capability=vision', (m) => m.capabilities.vision === true],
      ['capability=tools,reasoning', (m) => m.capabilities.tools === true && m.capabilities.reasoning === true],
      ['minContext=200000', (m) => (m.contextLength ?? 0) >= 200_000],
      ['maxPromptPrice=0.000001', priced('0.000001', 'prompt')],
      ['maxPromptPrice=0', priced('0', 'prompt')],
      ['maxCompletionPrice=0.000002', priced('0.000002', 'completion')],
      ['provider=together&maxPromptPrice=0.0000009', priced('0.0000009', 'prompt', 'together')],
      [
        'outputModality=text&capability=tools&minContext=128000&maxCompletionPrice=0.00001',
        (m) =>
          m.outputModalities.includes('text') &&
          m.capabilities.tools === true &&
          (m.contextLength ?? 0) >= 128_000 &&
          priced('0.00001', 'completion')(m),
      ],
    ];
    for (const [query, predicate] of cases) {
      const expected = ids(all.filter(predicate));
      // Each case keeps some models and drops others: it really filters.
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(all.length);
      const page = (await get(`/catalog/models?${query}`)).json();
      expect(ids(page.data), query).toEqual(expected);
      expect(page.total, query).toBe(expected.length);
    }
  });

  it('keeps a cursor valid while the catalog changes between pages: nothing repeated, nothing present skipped', async () => {
    const query = '/catalog/models?provider=openrouter&sort=name&limit=2';
    const first = (await get(query)).json();
    const last = first.data.at(-1) as Model;
    const order = (m: Model) => [m.name.toLowerCase(), m.canonicalId] as const;
    const after = (m: Model) => {
      const [a, b] = [order(m), order(last)];
      return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
    };
    const v1 = (await get('/catalog/models?provider=openrouter&sort=name')).json().data as Model[];
    // Between page 1 and 2 openrouter's list changes: one model before the cursor and one after it
    // appear, one after it goes.
    const listed = (await get('/catalog/providers/openrouter/models')).json().data as {
      id: string;
      name?: string;
      contextLength?: number;
      pricing?: object;
    }[];
    const dropped = v1.filter(after)[1]!;
    const entries = listed
      .filter((m) => !dropped.offers.some((o) => o.provider === 'openrouter' && o.id === m.id))
      .map((m) => ({ id: m.id, name: m.name, context_length: m.contextLength, pricing: m.pricing }));
    entries.push(
      { id: 'aaa/early-model', name: 'AAA Early Model', context_length: 8192, pricing: undefined },
      { id: 'zzz/late-model', name: 'ZZZ Late Model', context_length: 8192, pricing: undefined },
    );
    t.upstream.setPayload('openrouter', { data: entries });
    try {
      expect((await send('POST', '/admin/invalidate', { provider: 'openrouter' })).status).toBe(200);
      const v2 = (await get('/catalog/models?provider=openrouter&sort=name')).json().data as Model[];
      expect(ids(v2)).toContain('aaa/early-model');
      expect(ids(v2)).not.toContain(dropped.canonicalId);
      const rest: string[] = [];
      let page = (await get(`${query}&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect(page.version).not.toBe(first.version);
      for (;;) {
        rest.push(...ids(page.data));
        if (!page.nextCursor) break;
        page = (await get(`${query}&cursor=${encodeURIComponent(page.nextCursor)}`)).json();
      }
      // Page 2 on goes on from where page 1 ended, in the new version's order.
      expect(rest).toEqual(ids(v2.filter(after)));
      expect(rest).toContain('zzz/late-model');
      expect(rest.filter((id) => ids(first.data).includes(id))).toEqual([]);
      // Every model in both versions is on one page or the other.
      for (const model of v1.filter((m) => ids(v2).includes(m.canonicalId)))
        expect([...ids(first.data), ...rest]).toContain(model.canonicalId);
    } finally {
      t.upstream.clearPayloads();
      await send('POST', '/admin/invalidate', { provider: 'openrouter' });
    }
  });

  it('looks up dated snapshots and :free variants through the routes', async () => {
    const dated = (await get('/catalog/models/claude-3-5-sonnet-20241022')).json();
    expect(dated.matches).toHaveLength(1);
    expect(dated.matches[0]).toMatchObject({
      matchedBy: 'provider-id',
      model: { canonicalId: 'anthropic/claude-3.5-sonnet' },
      offers: [{ provider: 'anthropic', id: 'claude-3-5-sonnet-20241022' }],
    });
    expect(dated.matches[0].model.providers).toEqual(expect.arrayContaining(['anthropic', 'openrouter']));
    expect((await get('/v1/models/claude-3-5-sonnet-20241022')).json()).toMatchObject({
      id: 'anthropic/claude-3.5-sonnet',
      object: 'model',
    });

    // A listed :free variant is one provider's offer of the base model…
    for (const path of [
      '/catalog/models/meta-llama/llama-3.3-70b-instruct:free',
      `/catalog/models/${encodeURIComponent('meta-llama/llama-3.3-70b-instruct:free')}`,
    ]) {
      const free = (await get(path)).json();
      expect(free.matches[0]).toMatchObject({
        matchedBy: 'provider-id',
        model: { canonicalId: 'meta-llama/llama-3.3-70b-instruct' },
        offers: [{ provider: 'openrouter', id: 'meta-llama/llama-3.3-70b-instruct:free' }],
      });
    }
    // …and an unlisted one still finds the model, with every offer.
    const variant = (await get('/catalog/models/anthropic/claude-3.5-sonnet:free')).json();
    expect(variant.matches[0]).toMatchObject({
      matchedBy: 'normalized',
      model: { canonicalId: 'anthropic/claude-3.5-sonnet' },
    });
    expect(variant.matches[0].offers.length).toBe(variant.matches[0].model.offers.length);
    expect((await get('/v1/models/meta-llama/llama-3.3-70b-instruct:free')).json().id).toBe(
      'meta-llama/llama-3.3-70b-instruct',
    );
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

  it('serves the list as the same JSON in every encoding after a change, built from the parts it kept', async () => {
    const before = await get('/v1/models');
    expect(before.json().data.map((m: { id: string }) => m.id)).toContain('openrouter/auto');
    const hidden = { provider: 'openrouter', modelId: 'openrouter/auto', hide: true };
    expect((await send('PUT', '/admin/overrides', hidden)).status).toBe(200);
    try {
      const identity = await get('/v1/models');
      expect(identity.headers.etag).not.toBe(before.headers.etag);
      const ids = identity.json().data.map((m: { id: string }) => m.id);
      expect(ids).not.toContain('openrouter/auto');
      expect(ids).toEqual([...ids].sort());
      for (const encoding of ['gzip', 'br', 'gzip, deflate, br']) {
        const encoded = await get('/v1/models', { 'accept-encoding': encoding });
        expect(encoded.headers.etag).toBe(identity.headers.etag);
        expect(encoded.text).toBe(identity.text);
      }
    } finally {
      await send('DELETE', '/admin/overrides', { provider: 'openrouter', modelId: 'openrouter/auto' });
    }
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

  it('invalidate all providers (refetched at once), or one without cascade (refetched on demand, served meanwhile)', async () => {
    const configured = ((await get('/catalog/providers')).json().data as { provider: string; configured: boolean }[])
      .filter((p) => p.configured)
      .map((p) => p.provider);
    t.upstream.resetStats();
    const all = await send('POST', '/admin/invalidate', { provider: 'all' });
    expect(all.status).toBe(200);
    expect([...all.json.invalidated].sort()).toEqual([...configured].sort());
    const stats = t.upstream.stats();
    for (const slug of configured) expect(stats[slug]?.requests ?? 0, slug).toBeGreaterThan(0);
    const cache = (await get('/system/cache')).json();
    expect(cache.providers.map((p: { state: string }) => p.state)).toEqual(configured.map(() => 'fresh'));

    const served = (await get('/catalog/providers/groq/models')).json().data;
    t.upstream.resetStats();
    const one = await send('POST', '/admin/invalidate', { provider: 'groq', cascade: false });
    expect(one.json).toEqual({ invalidated: ['groq'] });
    // Nothing refetched yet: the cache entry is gone…
    expect(t.upstream.stats().groq?.requests ?? 0).toBe(0);
    const entry = (await get('/system/cache'))
      .json()
      .providers.find((p: { provider: string }) => p.provider === 'groq');
    expect(entry).toMatchObject({ provider: 'groq', state: 'missing' });
    expect(entry.version).toBeUndefined();
    // …but the catalog keeps serving the list it had, and the next request refetches it once.
    expect((await get('/catalog/providers/groq/models')).json().data).toEqual(served);
    await vi.waitFor(
      async () => {
        const again = (await get('/system/cache'))
          .json()
          .providers.find((p: { provider: string }) => p.provider === 'groq');
        expect(again.state).toBe('fresh');
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(t.upstream.stats().groq?.requests).toBe(1);
  });

  it('list operator overrides over HTTP', async () => {
    expect((await send('GET', '/admin/overrides', undefined, '')).status).toBe(401);
    expect((await send('GET', '/admin/overrides', undefined)).json).toEqual({ data: [] });
    const hide = { provider: 'groq', modelId: 'llama-3.3-70b-versatile', hide: true, reason: 'test' };
    const fix = { provider: 'openrouter', modelId: 'deepseek/deepseek-r1', set: { contextLength: 64_000 } };
    expect((await send('PUT', '/admin/overrides', hide)).status).toBe(200);
    expect((await send('PUT', '/admin/overrides', fix)).status).toBe(200);
    const listed = (await send('GET', '/admin/overrides', undefined)).json.data;
    expect(listed).toEqual([
      { ...hide, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { ...fix, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect((await get('/catalog/models/deepseek%2Fdeepseek-r1')).json().matches[0].offers).toEqual(
      expect.arrayContaining([expect.objectContaining({ provider: 'openrouter', contextLength: 64_000 })]),
    );
    for (const { provider, modelId } of [hide, fix])
      expect((await send('DELETE', '/admin/overrides', { provider, modelId })).status).toBe(200);
    expect((await send('GET', '/admin/overrides', undefined)).json).toEqual({ data: [] });
    expect((await send('DELETE', '/admin/overrides', { provider: 'groq', modelId: 'nope' })).status).toBe(404);
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

describe('health and missing providers, end to end', () => {
  let h: TestApp;
  let startedAt: number;
  let readyAt: number;
  beforeAll(async () => {
    h = await startTestApp({
      PROVIDERS: 'openrouter,groq,xai',
      PROVIDER_POLICIES:
        '{"groq":{"retry":{"maxAttempts":0}},"xai":{"retry":{"maxAttempts":0},"breaker":{"threshold":1,"halfOpenAfterMs":600000}}}',
    });
    // xai fails from the start: it never has a value, and its circuit opens at the first failure.
    h.upstream.setKnobs('xai', { status: 500, body: 'upstream exploded' });
    startedAt = Date.now();
    await h.app.catalog.start();
    readyAt = Date.now();
  });
  afterAll(() => h?.close());

  const health = async () =>
    new Map(
      ((await get('/catalog/providers', {}, h)).json().data as { provider: string }[]).map((p) => [
        p.provider,
        p as any,
      ]),
    );
  /** cache_hits_total / cache_misses_total of one provider, from /metrics. */
  const counted = async (slug: string) => {
    const text = (await get('/metrics', {}, h)).text;
    const value = (name: string) =>
      Number(new RegExp(`^${name}\\{provider="${slug}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 'NaN');
    return { hits: value('cache_hits_total'), misses: value('cache_misses_total') };
  };

  it('says which provider is missing and that its upstream is failing, and serves the others', async () => {
    const page = (await get('/catalog/models', {}, h)).json();
    expect(page.missing).toEqual([
      { provider: 'xai', reason: expect.stringMatching(/^upstream failing \(http_500\): /) },
    ]);
    expect(new Set(page.data.flatMap((m: Model) => m.providers))).toEqual(new Set(['openrouter', 'groq']));
    expect((await get('/readyz', {}, h)).status).toBe(200);
  });

  it('reports last success, last attempt and hit rate as the cache saw them', async () => {
    const before = await counted('groq');
    expect(before.hits + before.misses).toBeGreaterThan(0);
    const first = await health();
    const groq = first.get('groq');
    const at = (iso: string) => Date.parse(iso);
    expect(at(groq.lastSuccessAt)).toBeGreaterThanOrEqual(startedAt);
    expect(at(groq.lastSuccessAt)).toBeLessThanOrEqual(readyAt);
    expect(at(groq.lastAttemptAt)).toBeGreaterThanOrEqual(startedAt);
    expect(at(groq.lastAttemptAt)).toBeLessThanOrEqual(at(groq.lastSuccessAt));
    expect(groq.lastError).toBeUndefined();
    // This request's own read counted as one more hit.
    expect(groq.hitRate).toBe((before.hits + 1) / (before.hits + 1 + before.misses));
    expect(first.get('xai')).toMatchObject({ state: 'missing', breaker: 'open', lastError: { reason: 'http_500' } });
    expect(first.get('xai').lastSuccessAt).toBeUndefined();
    expect(at(first.get('xai').lastAttemptAt)).toBeGreaterThanOrEqual(startedAt);

    // More reads raise the hit rate; the health route and the metrics agree on every count.
    for (let i = 0; i < 5; i++) await get('/catalog/stats', {}, h);
    const later = await counted('groq');
    expect(later.hits).toBe(before.hits + 1 + 5);
    const second = (await health()).get('groq');
    expect(second.hitRate).toBe((later.hits + 1) / (later.hits + 1 + later.misses));
    expect(second.hitRate).toBeGreaterThan(groq.hitRate);

    // A failed refresh moves the last attempt, not the last success, and records the error.
    h.upstream.setKnobs('groq', { status: 503, body: 'busy' });
    const failedAt = Date.now();
    const warm = await send('POST', '/admin/warm', { providers: ['groq'] }, ADMIN_TOKEN, h);
    expect(warm.json.results).toEqual([expect.objectContaining({ provider: 'groq', ok: false })]);
    const failed = (await health()).get('groq');
    expect(failed.lastSuccessAt).toBe(groq.lastSuccessAt);
    expect(at(failed.lastAttemptAt)).toBeGreaterThanOrEqual(failedAt);
    expect(failed.lastError).toMatchObject({ reason: 'http_503' });
    expect(at(failed.lastError.at)).toBeGreaterThanOrEqual(at(failed.lastAttemptAt));
    expect(failed.modelCount).toBe(groq.modelCount);
    h.upstream.clearKnobs('groq');
  });

  it('shows every configured provider on /system/cache with its entry state, age, version and breaker', async () => {
    const cache = (await get('/system/cache', {}, h)).json();
    expect(cache).toMatchObject({ store: 'memory', redis: { configured: false, connected: null } });
    const entries = new Map<string, any>(cache.providers.map((p: { provider: string }) => [p.provider, p]));
    expect([...entries.keys()].sort()).toEqual(['groq', 'openrouter', 'xai']);
    for (const slug of ['openrouter', 'groq']) {
      const entry = entries.get(slug);
      expect(entry).toMatchObject({ provider: slug, state: 'fresh', breaker: 'closed' });
      expect(entry.version).toMatch(/^[\w-]{8,}$/);
      expect(entry.ageMs).toBeGreaterThanOrEqual(0);
      expect(entry.ageMs).toBeLessThanOrEqual(Date.now() - startedAt);
    }
    expect(entries.get('xai')).toEqual({ provider: 'xai', state: 'missing', breaker: 'open' });
  });
});
