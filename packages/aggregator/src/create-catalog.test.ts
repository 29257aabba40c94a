import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { CONTRACT_VERSION, ContractVersionError, type CatalogProvider } from '@catalog/provider-contract';
import { createOpenRouter } from '@catalog/provider-openrouter';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';
import { startRedisServer, useUpstreamServer, type RedisServerHandle } from '@catalog/test-kit';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { kernelOverrideRepository, kernelProviderCache } from './kernel-provider-cache.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';
import { memoryOverrideRepository } from './override-repository.ts';

const upstream = useUpstreamServer();
const OPENROUTER = 'https://openrouter.test/api/v1';
const openrouterFixtures = fileURLToPath(new URL('../../../providers/openrouter/src/__fixtures__', import.meta.url));

/** A small OpenAI-compatible provider for these tests. */
const exampleDefinition = {
  slug: 'example',
  displayName: 'Example',
  tier: 'low',
  docsUrl: 'https://example.test/docs',
  auth: { kind: 'header', envVar: 'EXAMPLE_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.example.test/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx),
} satisfies Parameters<typeof defineProvider>[0];
const createExample = defineProvider(exampleDefinition);
/** The same with a curated catalog shipped in the package. */
const createBundled = defineProvider({
  ...exampleDefinition,
  bundledModels: () => ({
    models: [{ id: 'bundled/model', provider: 'example', canonicalId: 'bundled/model' }],
    skipped: [],
  }),
});

const catalogs: Catalog[] = [];
afterEach(async () => {
  await Promise.all(catalogs.splice(0).map((c) => c.close()));
});

function build(providers: CatalogProvider[], options: { freshTtlMs?: number } = {}) {
  const kernel = new CacheKernel({ defaults: { retry: { maxAttempts: 0 }, freshTtlMs: options.freshTtlMs ?? 60_000 } });
  const catalog = createCatalog({
    providers,
    cache: kernelProviderCache(kernel),
    overrides: kernelOverrideRepository(kernel),
    freshTtlMs: options.freshTtlMs ?? 60_000,
  });
  catalogs.push(catalog);
  return { catalog, kernel };
}

const openrouter = () => createOpenRouter({ baseURL: OPENROUTER, env: {} });
const example = (apiKey?: string) => createExample({ ...(apiKey ? { apiKey } : {}), env: {} });
const exampleList = (ids: string[]) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'x' })),
});

describe('createCatalog', () => {
  it('warms every configured provider, merges them and reports unconfigured ones as missing, not failing', async () => {
    upstream.serveFixtures(openrouterFixtures, OPENROUTER);
    const { catalog } = build([openrouter(), example()]);
    expect(catalog.isReady()).toBe(false);
    const progress: string[] = [];
    await catalog.start({ onProgress: (p) => progress.push(`${p.provider}:${p.ok}`) });
    expect(progress).toEqual(['openrouter:true']);
    expect(catalog.isReady()).toBe(true);
    const view = await catalog.view();
    expect(view.models.length).toBeGreaterThanOrEqual(5);
    expect(view.missing).toEqual([{ provider: 'example', reason: 'not configured: set EXAMPLE_API_KEY' }]);
    const health = catalog.health();
    expect(health.find((h) => h.provider === 'example')).toMatchObject({ configured: false, state: 'not-configured' });
    expect(health.find((h) => h.provider === 'openrouter')).toMatchObject({
      configured: true,
      state: 'fresh',
      modelCount: 6,
      breaker: 'closed',
      source: 'memory',
    });
    expect(view.stats()).toMatchObject({ providers: { openrouter: 6, example: 0 } });
    expect(await catalog.view()).toBe(view);
  });

  it('never waits on a slow upstream beyond the bound, and says what is missing', async () => {
    upstream.serveFixtures(openrouterFixtures, OPENROUTER);
    upstream.route('https://api.example.test/v1/models', { hang: true });
    const { catalog } = build([openrouter(), example('k')]);
    const started = performance.now();
    const view = await catalog.view({ waitMs: 150 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(view.models.length).toBeGreaterThan(0);
    expect(view.missing).toEqual([{ provider: 'example', reason: 'first fetch still in progress' }]);
    expect(catalog.isReady()).toBe(false);
  });

  it('is ready after a failed first try, serving the bundled catalog of a provider that has one', async () => {
    upstream.serveFixtures(openrouterFixtures, OPENROUTER);
    upstream.route('https://api.example.test/v1/models', { status: 500, body: 'down' });
    const { catalog } = build([openrouter(), createBundled({ apiKey: 'k', env: {} })]);
    await catalog.start();
    expect(catalog.isReady()).toBe(true);
    const view = await catalog.view();
    expect(view.lookup('bundled/model')[0]?.model.providers).toEqual(['example']);
    const health = catalog.health().find((h) => h.provider === 'example')!;
    expect(health.state).toBe('bundled');
    expect(health.lastError?.reason).toBe('http_500');
  });

  it('records what changed between versions in the change feed', async () => {
    upstream.route('https://api.example.test/v1/models', [
      { json: exampleList(['a/one', 'a/two']) },
      { json: exampleList(['a/one', 'a/three', 'a/two']) },
    ]);
    const { catalog } = build([example('k')]);
    await catalog.start();
    const before = (await catalog.view()).version;
    await catalog.invalidate('example', { cascade: true });
    const after = await catalog.view();
    expect(after.version).not.toBe(before);
    const changes = catalog.changesSince(before);
    expect(changes).toMatchObject({ complete: true, from: before, to: after.version });
    expect(changes.complete && changes.changes).toEqual([
      { type: 'added', provider: 'example', id: 'a/three', canonicalId: 'a/three' },
    ]);
    expect(catalog.changesSince('unknown-version')).toMatchObject({ complete: false });
  });

  it('applies operator overrides when serving and keeps them across refreshes', async () => {
    upstream.serveFixtures(openrouterFixtures, OPENROUTER);
    const { catalog } = build([openrouter()]);
    await catalog.start();
    await catalog.setOverride({ provider: 'openrouter', modelId: 'openrouter/auto', hide: true });
    await catalog.setOverride({
      provider: 'openrouter',
      modelId: 'deepseek/deepseek-r1',
      set: { pricing: { prompt: '0.0000001' }, name: 'R1 (corrected)' },
    });
    const check = async () => {
      const view = await catalog.view();
      expect(view.lookup('openrouter/auto')).toEqual([]);
      const r1 = view.providerModels('openrouter')!.find((m) => m.id === 'deepseek/deepseek-r1')!;
      expect(r1.pricing).toMatchObject({ prompt: '0.0000001', completion: '0.000002' });
      expect(r1.name).toBe('R1 (corrected)');
    };
    await check();
    await catalog.warm(['openrouter']);
    await catalog.invalidate('openrouter', { cascade: true });
    await check();
    expect(catalog.listOverrides()).toHaveLength(2);
    expect(await catalog.clearOverride('openrouter', 'openrouter/auto')).toBe(true);
    expect((await catalog.view()).lookup('openrouter/auto')).toHaveLength(1);
    expect(await catalog.clearOverride('openrouter', 'openrouter/auto')).toBe(false);
  });

  it('re-merges only the providers whose overrides changed', async () => {
    upstream.serveFixtures(openrouterFixtures, OPENROUTER);
    upstream.route('https://api.example.test/v1/models', { json: exampleList(['a/one', 'a/two']) });
    const { catalog } = build([openrouter(), example('k')]);
    await catalog.start();
    const before = await catalog.view();
    // Counts the real builder's work (calls through).
    const setProvider = vi.spyOn(MergedCatalogBuilder.prototype, 'setProvider');
    try {
      await catalog.setOverride({ provider: 'openrouter', modelId: 'openrouter/auto', hide: true });
      const hidden = await catalog.view();
      expect(setProvider.mock.calls.map(([slug]) => slug)).toEqual(['openrouter']);
      // example was neither re-merged nor diffed: its list and merged entries are the same objects.
      expect(hidden.providerModels('example')).toBe(before.providerModels('example'));
      expect(hidden.lookup('a/one')[0]!.model).toBe(before.lookup('a/one')[0]!.model);
      expect(catalog.changesSince(before.version)).toMatchObject({
        complete: true,
        changes: [{ type: 'removed', provider: 'openrouter', id: 'openrouter/auto' }],
      });

      setProvider.mockClear();
      // The same override again (a new timestamp, a reason) and an override of a provider this
      // catalog does not serve change nothing served: nothing is rebuilt, the version (ETag) holds.
      await catalog.setOverride({ provider: 'openrouter', modelId: 'openrouter/auto', hide: true, reason: 'spam' });
      await catalog.setOverride({ provider: 'groq', modelId: 'llama-3.3-70b-versatile', hide: true });
      expect(setProvider).not.toHaveBeenCalled();
      expect(await catalog.view()).toBe(hidden);
      expect(catalog.listOverrides()).toHaveLength(2);

      await catalog.setOverride({ provider: 'example', modelId: 'a/two', set: { contextLength: 4096 } });
      expect(setProvider.mock.calls.map(([slug]) => slug)).toEqual(['example']);
      const corrected = await catalog.view();
      expect(corrected.providerModels('openrouter')).toBe(hidden.providerModels('openrouter'));
      expect(corrected.lookup('a/two')[0]!.model.contextLength).toBe(4096);

      setProvider.mockClear();
      expect(await catalog.clearOverride('openrouter', 'openrouter/auto')).toBe(true);
      expect(setProvider.mock.calls.map(([slug]) => slug)).toEqual(['openrouter']);
      expect((await catalog.view()).providerModels('example')).toBe(corrected.providerModels('example'));
    } finally {
      setProvider.mockRestore();
    }
  });

  it('serves without overrides while their document cannot be read, and applies them once a reload can', async () => {
    upstream.route('https://api.example.test/v1/models', { json: exampleList(['a/one', 'a/two']) });
    const stored = memoryOverrideRepository([
      { provider: 'example', modelId: 'a/one', hide: true, updatedAt: '2026-11-24T00:00:00.000Z' },
    ]);
    let readable = false;
    const kernel = new CacheKernel({ defaults: { retry: { maxAttempts: 0 } } });
    const catalog = createCatalog({
      providers: [example('k')],
      cache: kernelProviderCache(kernel),
      overrides: {
        ...stored,
        load: () => (readable ? stored.load() : Promise.reject(new SyntaxError('Unexpected token in JSON'))),
      },
      overridesReloadMs: 50,
    });
    catalogs.push(catalog);
    await catalog.start();
    expect((await catalog.view()).lookup('a/one')).toHaveLength(1);
    readable = true;
    await vi.waitFor(async () => expect((await catalog.view()).lookup('a/one')).toEqual([]), { timeout: 5_000 });
  });

  it('keeps serving the last good list when a refresh fails', async () => {
    upstream.route('https://api.example.test/v1/models', [
      { json: exampleList(['a/one']) },
      { status: 503, body: 'busy' },
    ]);
    const { catalog } = build([example('k')]);
    await catalog.start();
    await catalog.warm(['example']);
    const view = await catalog.view();
    expect(view.lookup('a/one')).toHaveLength(1);
    expect(catalog.health()[0]?.lastError?.reason).toBe('http_503');
  });

  it('flags a zero-model answer as a failure, not a success, and keeps the last good list', async () => {
    upstream.route('https://api.example.test/v1/models', [
      { json: exampleList(['a/one', 'a/two']) },
      { json: exampleList([]) },
    ]);
    const { catalog } = build([example('k')]);
    await catalog.start();
    const success = catalog.health()[0]!;
    expect(success).toMatchObject({ zeroModels: false, modelCount: 2 });
    expect(success.lastSuccessAt).toBeDefined();
    expect(success.lastError).toBeUndefined();
    await catalog.warm(['example']);
    const health = catalog.health()[0]!;
    expect(health).toMatchObject({ zeroModels: true, modelCount: 2, lastError: { reason: 'rejected_empty' } });
    // The last success is still the first fetch: the empty answer was not accepted.
    expect(health.lastSuccessAt).toBe(success.lastSuccessAt);
    expect(Date.parse(health.lastAttemptAt!)).toBeGreaterThanOrEqual(Date.parse(success.lastAttemptAt!));
    expect((await catalog.view()).lookup('a/two')).toHaveLength(1);
  });

  it('reports a provider whose only answer was empty as missing because of it, never as a success', async () => {
    upstream.route('https://api.example.test/v1/models', { json: exampleList([]) });
    const { catalog } = build([example('k')]);
    await catalog.start();
    const health = catalog.health()[0]!;
    expect(health).toMatchObject({ zeroModels: true, state: 'missing', lastError: { reason: 'rejected_empty' } });
    expect(health.lastSuccessAt).toBeUndefined();
    const view = await catalog.view();
    expect(view.missing).toEqual([
      { provider: 'example', reason: expect.stringMatching(/^upstream failing \(rejected_empty\): /) },
    ]);
  });

  it('refuses a provider built for another contract version', () => {
    const alien = { ...example('k'), contractVersion: (CONTRACT_VERSION + 1) as typeof CONTRACT_VERSION };
    expect(() => build([alien])).toThrow(ContractVersionError);
  });
});

describe('operator overrides across instances sharing one Redis', () => {
  let redis: RedisServerHandle;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());

  /** One instance: its own kernel (memory in front of the shared Redis) and catalog. */
  async function instance(overridesReloadMs: number, keyPrefix = 'overrides-fleet:') {
    const client = createRedisClient({ urls: [redis.url] });
    const kernel = new CacheKernel({
      store: new TieredStore(new RedisStore({ client, keyPrefix })),
      defaults: { retry: { maxAttempts: 0 } },
    });
    expect(await kernel.connect(5_000)).toBe(true);
    const repository = kernelOverrideRepository(kernel);
    let loads = 0;
    const catalog = createCatalog({
      providers: [example('k')],
      cache: kernelProviderCache(kernel),
      // The real repository; its full loads are counted (the periodic reload reads only the stamp).
      overrides: { ...repository, load: () => (loads++, repository.load()) },
      freshTtlMs: 60_000,
      overridesReloadMs,
    });
    catalogs.push(catalog);
    await catalog.start();
    return { catalog, loads: () => loads };
  }

  /** Polls until `check` passes (generous bound: this must not hang). */
  async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

  it("serves another instance's override changes within the reload interval, reading only the stamp meanwhile", async () => {
    upstream.route('https://api.example.test/v1/models', { json: exampleList(['a/one', 'a/two']) });
    const a = await instance(60_000);
    const b = await instance(200);
    expect((await b.catalog.view()).lookup('a/one')).toHaveLength(1);

    await a.catalog.setOverride({ provider: 'example', modelId: 'a/one', hide: true });
    expect((await a.catalog.view()).lookup('a/one')).toEqual([]);
    await eventually(async () => expect((await b.catalog.view()).lookup('a/one')).toEqual([]));
    expect(b.catalog.listOverrides()).toMatchObject([{ provider: 'example', modelId: 'a/one', hide: true }]);
    // Equal content, equal version on both instances: the ETag holds across the fleet.
    expect((await b.catalog.view()).version).toBe((await a.catalog.view()).version);

    // Nothing changes: several reloads later b has loaded nothing more and rebuilt nothing.
    const loads = b.loads();
    const settled = await b.catalog.view();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(b.loads()).toBe(loads);
    expect(await b.catalog.view()).toBe(settled);

    await a.catalog.setOverride({ provider: 'example', modelId: 'a/two', set: { contextLength: 4096 } });
    expect(await a.catalog.clearOverride('example', 'a/one')).toBe(true);
    await eventually(async () => {
      const view = await b.catalog.view();
      expect(view.lookup('a/one')).toHaveLength(1);
      expect(view.lookup('a/two')[0]!.model.contextLength).toBe(4096);
    });
    expect(b.loads()).toBeGreaterThan(loads);

    // An instance starting later starts with them.
    const c = await instance(200);
    expect((await c.catalog.view()).lookup('a/two')[0]!.model.contextLength).toBe(4096);
  });

  it('keeps every change when two instances change overrides at the same moment (compare-and-set)', async () => {
    upstream.route('https://api.example.test/v1/models', { json: exampleList(['a/one']) });
    const [a, b] = [await instance(60_000, 'overrides-race:'), await instance(60_000, 'overrides-race:')];
    const ids = Array.from({ length: 12 }, (_, i) => `m/${i}`);
    await Promise.all(
      ids.map((modelId, i) =>
        (i % 2 ? a : b).catalog.setOverride({ provider: 'example', modelId, set: { contextLength: 1000 + i } }),
      ),
    );
    await Promise.all([a.catalog.clearOverride('example', 'm/0'), b.catalog.clearOverride('example', 'm/1')]);
    const later = await instance(60_000, 'overrides-race:');
    expect(
      later.catalog
        .listOverrides()
        .map((o) => o.modelId)
        .toSorted(),
    ).toEqual(ids.slice(2).toSorted());
  });
});
