import { CacheKernel, RejectedValueError, type KeyPolicyOverrides } from '@catalog/cache-kernel';
import type { Counter } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LEGACY_FUNCTIONS, resetDeprecationWarnings, warningCode, type LegacyFunction } from './deprecation.ts';
import {
  clearGatewayError,
  clearModelsCache,
  clearModelzCache,
  getModelsCache,
  getModelzCache,
  huggingfaceCache,
  initializeFalCacheFromCatalog,
  initializeFeatherlessCacheFromCatalog,
  installLegacyCache,
  isCacheFresh,
  isGatewayInErrorState,
  modelsAggregateCache,
  modelsCache,
  providerAggregateCache,
  setGatewayError,
} from './legacy-api.ts';
import { LegacyCacheNotInstalledError, LegacyWarmError } from './legacy-cache-error.ts';
import { LegacyCacheLayer } from './legacy-cache-layer.ts';
import { RolloutSwitches } from './rollout-switches.ts';

const Models = z.array(z.object({ id: z.string() }));
const models = (...ids: string[]) => ids.map((id) => ({ id }));
const KEYS = ['openrouter', 'fal', 'featherless', 'modelz', 'huggingface'];

const emitted: { message: string; code: string }[] = [];

interface SetupOptions {
  halfOpenAfterMs?: number;
  /** Per-key policies, given to the kernel and (as the app does) to the layer. */
  policies?: Record<string, KeyPolicyOverrides>;
  failing?: string[];
}

function setup(rollout: string, options: SetupOptions = {}) {
  let upstream = models('a', 'b', 'c');
  const clock = { now: 1_700_000_000_000 };
  const now = () => clock.now;
  const defaults: KeyPolicyOverrides = {
    jitterRatio: 0,
    retry: { maxAttempts: 0 },
    breaker: { threshold: 2, halfOpenAfterMs: options.halfOpenAfterMs ?? 60_000 },
  };
  const kernel = new CacheKernel({ defaults, now });
  for (const key of KEYS) {
    const policy = options.policies?.[key];
    kernel.register(key, {
      schema: Models,
      fetch: async () => {
        if (options.failing?.includes(key)) throw new Error(`${key} upstream: HTTP 503`);
        return upstream;
      },
      ...(policy ? { policy } : {}),
    });
  }
  const layer = new LegacyCacheLayer({
    kernel,
    rollout: RolloutSwitches.parse(rollout),
    now,
    emitWarning: (message, o) => emitted.push({ message, code: o.code }),
    policyDefaults: defaults,
    policy: (gateway) => options.policies?.[gateway],
  });
  installLegacyCache(layer);
  return { kernel, layer, clock, setUpstream: (list: { id: string }[]) => (upstream = list) };
}

async function counterValues(kernel: CacheKernel, name: string): Promise<Record<string, number>> {
  const metric = kernel.registry.getSingleMetric(name) as Counter | undefined;
  if (!metric) return {};
  const { values } = await metric.get();
  return Object.fromEntries(values.map((v) => [String(Object.values(v.labels)[0]), v.value]));
}
const mismatches = async (kernel: CacheKernel, provider = 'openrouter') =>
  (await counterValues(kernel, 'cache_dual_read_mismatch_total'))[provider] ?? 0;

beforeEach(() => {
  emitted.length = 0;
  resetDeprecationWarnings();
});
afterEach(() => installLegacyCache(undefined));

describe('old call sites against the kernel (kernel mode)', () => {
  it('pattern 1/2: the provider cache object reads and writes through the kernel, timestamp included', async () => {
    const { kernel, clock } = setup('*=kernel');
    const cache = modelsCache('openrouter');
    expect(cache.data).toBeNull();
    expect(cache.timestamp).toBeNull();
    cache.data = models('x', 'y');
    expect(cache.data).toEqual(models('x', 'y'));
    expect((await kernel.get('openrouter')).value).toEqual(models('x', 'y'));
    expect(cache.timestamp).toEqual(new Date(kernel.peek('openrouter')!.fetchedAt));
    // Writing the timestamp is counted, and changes nothing: the kernel keeps its own fetchedAt.
    cache.timestamp = new Date(clock.now - 86_400_000);
    expect(cache.timestamp).toEqual(new Date(clock.now));
    expect(isCacheFresh(cache)).toBe(true);
  });

  it("isCacheFresh follows the kernel's own fresh TTL for that provider, not a fixed hour", () => {
    const { clock } = setup('*=kernel', { policies: { openrouter: { freshTtlMs: 60_000, staleTtlMs: 120_000 } } });
    modelsCache('openrouter').data = models('x');
    modelsCache('fal').data = models('f');
    const entry = getModelsCache('openrouter');
    expect(entry).toMatchObject({ ttl: 60, stale_ttl: 180 });
    expect(getModelsCache('fal')).toMatchObject({ ttl: 15 * 60, stale_ttl: 75 * 60 });
    expect(isCacheFresh(entry)).toBe(true);
    clock.now += 61_000; // past openrouter's 60 s; well within the old 3600 s and fal's 15 min
    expect(isCacheFresh(entry)).toBe(false);
    expect(isCacheFresh(modelsCache('openrouter'))).toBe(false);
    expect(isCacheFresh(getModelsCache('fal'))).toBe(true);
  });

  it('isCacheFresh is false for an empty cache, a replaced snapshot, and an old dict built by hand', () => {
    const { clock } = setup('*=kernel');
    const empty = getModelsCache('openrouter');
    expect(isCacheFresh(empty)).toBe(false);
    modelsCache('openrouter').data = models('x');
    expect(isCacheFresh(empty)).toBe(false); // the snapshot holds no data, whatever the kernel holds now
    const first = getModelsCache('openrouter');
    clock.now += 1_000;
    modelsCache('openrouter').data = models('x', 'y');
    expect(isCacheFresh(first)).toBe(false); // a newer value replaced it
    expect(isCacheFresh(getModelsCache('openrouter'))).toBe(true);
    const handMade = { data: models('z'), timestamp: new Date(clock.now - 7_200_000), ttl: 3600 };
    expect(isCacheFresh(handMade)).toBe(false);
    expect(isCacheFresh({ ...handMade, timestamp: new Date(clock.now - 60_000) })).toBe(true);
  });

  it('the error-state functions drive the circuit breaker; clearing in half-open closes it', async () => {
    const { kernel } = setup('*=kernel', { halfOpenAfterMs: 30 });
    const states: string[] = [];
    kernel.on('breaker', ({ key, state }) => key === 'openrouter' && states.push(state));
    expect(isGatewayInErrorState('openrouter')).toBe(false);
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(false); // threshold 2
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(true);
    expect(kernel.status('openrouter').breaker).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 60)); // past halfOpenAfterMs: the next call is the probe
    await clearGatewayError('openrouter');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(kernel.status('openrouter').breaker).toBe('closed');
    expect(isGatewayInErrorState('openrouter')).toBe(false);
    expect(await kernel.registry.getSingleMetricAsString('circuit_breaker_state')).toContain(
      'circuit_breaker_state{provider="openrouter"} 0',
    );
  });

  it('clearing the error state before the breaker half-opens leaves it open', async () => {
    const { kernel } = setup('*=kernel');
    await setGatewayError('openrouter', 'HTTP 503');
    await setGatewayError('openrouter', 'HTTP 503');
    await clearGatewayError('openrouter');
    expect(kernel.status('openrouter').breaker).toBe('open');
    expect(isGatewayInErrorState('openrouter')).toBe(true);
  });

  it('clearModelsCache invalidates; the fal and featherless initialisers warm the kernel', async () => {
    const { kernel } = setup('*=kernel');
    await initializeFalCacheFromCatalog();
    await initializeFeatherlessCacheFromCatalog();
    expect(kernel.peek('fal')?.value).toEqual(models('a', 'b', 'c'));
    expect(kernel.peek('featherless')?.value).toEqual(models('a', 'b', 'c'));
    expect(kernel.peek('featherless')?.state).toBe('fresh');
    await clearModelsCache('fal');
    expect(kernel.peek('fal')).toBeUndefined();
    expect(kernel.peek('featherless')).toBeDefined();
  });

  it('an initialiser whose upstream fails rejects with a LegacyWarmError naming the provider', async () => {
    setup('*=kernel', { failing: ['featherless'] });
    const failure = initializeFeatherlessCacheFromCatalog();
    await expect(failure).rejects.toBeInstanceOf(LegacyWarmError);
    await expect(failure).rejects.toThrow(/^warming featherless failed: .*featherless upstream: HTTP 503/);
  });

  it('getModelzCache and clearModelzCache use the modelz key', async () => {
    const { kernel } = setup('*=kernel');
    expect(getModelzCache().data).toBeNull();
    await kernel.warm(['modelz']);
    expect(getModelzCache().data).toEqual(models('a', 'b', 'c'));
    await clearModelzCache();
    expect(kernel.peek('modelz')).toBeUndefined();
    expect(getModelzCache().data).toBeNull();
    expect(kernel.peek('openrouter')).toBeUndefined();
  });

  it('aggregate caches read every provider', async () => {
    const { kernel } = setup('*=kernel');
    await kernel.warm(['openrouter', 'modelz', 'huggingface']);
    expect(modelsAggregateCache().data).toHaveLength(9);
    expect(providerAggregateCache().data.find((p) => p.provider === 'modelz')?.models).toBe(3);
    expect(providerAggregateCache().data.find((p) => p.provider === 'fal')?.models).toBe(0);
    expect(huggingfaceCache().data).toEqual(models('a', 'b', 'c'));
  });

  it('a list the kernel refuses (last-good protection) throws in kernel mode', () => {
    setup('*=kernel');
    modelsCache('openrouter').data = models('a', 'b');
    expect(() => (modelsCache('openrouter').data = [])).toThrow(RejectedValueError);
    expect(modelsCache('openrouter').data).toEqual(models('a', 'b'));
  });
});

describe('legacy mode keeps the old behaviour', () => {
  it('stores in the process dict and backs off on errors without touching the kernel', async () => {
    const { kernel } = setup('*=legacy');
    modelsCache('openrouter').data = models('old');
    expect(getModelsCache('openrouter').data).toEqual(models('old'));
    expect(kernel.peek('openrouter')).toBeUndefined();
    await setGatewayError('openrouter', 'boom');
    expect(isGatewayInErrorState('openrouter')).toBe(true);
    expect(kernel.status('openrouter').breaker).toBe('closed');
    await clearGatewayError('openrouter');
    expect(isGatewayInErrorState('openrouter')).toBe(false);
  });

  it('freshness is the old rule: the dict timestamp and its 3600 s ttl, and writing the timestamp counts', () => {
    const { clock } = setup('*=legacy');
    const cache = modelsCache('openrouter');
    cache.data = models('old');
    expect(cache.timestamp).toEqual(new Date(clock.now));
    expect([cache.ttl, cache.stale_ttl]).toEqual([3600, 7200]);
    expect(isCacheFresh(cache)).toBe(true);
    cache.timestamp = new Date(clock.now - 3_601_000);
    expect(isCacheFresh(cache)).toBe(false);
    expect(isCacheFresh(getModelsCache('openrouter'))).toBe(false);
  });
});

describe('dual mode', () => {
  it('writes to both, reads from the chosen side, and counts one mismatch per divergence', async () => {
    const { kernel, layer } = setup('openrouter=dual:legacy');
    modelsCache('openrouter').data = models('a', 'b');
    expect(kernel.peek('openrouter')?.value).toEqual(models('a', 'b'));
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b'));
    expect(await mismatches(kernel)).toBe(0);

    await kernel.refresh('openrouter', { force: true }); // the kernel now holds a, b, c
    // One logical read touching .data and .timestamp, then more reads of the same pair: one mismatch.
    const cache = modelsCache('openrouter');
    expect(cache.data).toEqual(models('a', 'b')); // read side: legacy
    expect(cache.timestamp).toBeInstanceOf(Date);
    for (let i = 0; i < 5; i++) getModelsCache('openrouter');
    expect(await mismatches(kernel)).toBe(1);

    await layer.rollout.change('openrouter', 'dual', 'kernel');
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b', 'c'));
    expect(await mismatches(kernel)).toBe(1); // still the same pair

    modelsCache('openrouter').data = models('a', 'b', 'd'); // both sides equal again
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b', 'd'));
    expect(await mismatches(kernel)).toBe(1); // unchanged: equal sides count nothing
    await kernel.refresh('openrouter', { force: true }); // a new divergence
    getModelsCache('openrouter');
    expect(await mismatches(kernel)).toBe(2);
  });

  it('the same models in another order, or with keys in another order, are no mismatch', async () => {
    const { kernel, setUpstream } = setup('*=dual:legacy');
    modelsCache('openrouter').data = [{ id: 'b' }, { id: 'a' }];
    setUpstream(models('a', 'b'));
    await kernel.refresh('openrouter', { force: true });
    expect(getModelsCache('openrouter').data).toEqual([{ id: 'b' }, { id: 'a' }]);
    expect(await mismatches(kernel)).toBe(0);
  });

  it('a list the kernel refuses stays on the legacy side, without throwing, and shows as a mismatch', async () => {
    const { kernel } = setup('*=dual:legacy');
    modelsCache('openrouter').data = models('a', 'b');
    modelsCache('openrouter').data = [];
    expect(modelsCache('openrouter').data).toEqual([]);
    expect(kernel.peek('openrouter')?.value).toEqual(models('a', 'b'));
    expect(await mismatches(kernel)).toBe(1);
  });

  it('clearModelsCache clears both sides (no mismatch after)', async () => {
    const { kernel } = setup('*=dual:kernel');
    modelsCache('openrouter').data = models('a');
    await clearModelsCache('openrouter');
    expect(kernel.peek('openrouter')).toBeUndefined();
    expect(getModelsCache('openrouter').data).toBeNull();
    expect(await mismatches(kernel)).toBe(0);
  });

  it('error state: both sides record, the read side answers, and no mismatch is counted', async () => {
    const { kernel, layer } = setup('openrouter=dual:legacy');
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(true); // the old backoff trips at once
    await layer.rollout.change('openrouter', 'dual', 'kernel');
    expect(isGatewayInErrorState('openrouter')).toBe(false); // the breaker's threshold is 2
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(true);
    await clearGatewayError('openrouter');
    expect(kernel.status('openrouter').breaker).toBe('open');
    await layer.rollout.change('openrouter', 'dual', 'legacy');
    expect(isGatewayInErrorState('openrouter')).toBe(false); // the backoff was cleared
    expect(await mismatches(kernel)).toBe(0);
  });
});

describe('deprecation: every legacy access warns once and is counted', () => {
  // One call of each entry of the mapping; the test fails if the mapping gains one without a case here.
  const cases: Record<
    LegacyFunction,
    (layer: LegacyCacheLayer, plain: { data: null; timestamp: null; ttl: number }) => unknown
  > = {
    getModelsCache: () => getModelsCache('openrouter'),
    clearModelsCache: () => clearModelsCache('openrouter'),
    isCacheFresh: (_, plain) => isCacheFresh(plain),
    isGatewayInErrorState: () => isGatewayInErrorState('openrouter'),
    setGatewayError: () => setGatewayError('openrouter', 'boom'),
    clearGatewayError: () => clearGatewayError('openrouter'),
    'modelsCache.data.read': () => modelsCache('openrouter').data,
    'modelsCache.data.write': () => (modelsCache('openrouter').data = models('a')),
    'modelsCache.timestamp.read': () => modelsCache('openrouter').timestamp,
    'modelsCache.timestamp.write': () => (modelsCache('openrouter').timestamp = new Date()),
    'modelsCache.ttl.read': () => modelsCache('openrouter').ttl,
    'modelsCache.stale_ttl.read': () => modelsCache('openrouter').stale_ttl,
    initializeFalCacheFromCatalog: () => initializeFalCacheFromCatalog(),
    initializeFeatherlessCacheFromCatalog: () => initializeFeatherlessCacheFromCatalog(),
    getModelzCache: () => getModelzCache(),
    clearModelzCache: () => clearModelzCache(),
    modelsAggregateCache: () => modelsAggregateCache(),
    providerAggregateCache: () => providerAggregateCache(),
    huggingfaceCache: () => huggingfaceCache(),
  };

  it('the cases cover the whole mapping', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(LEGACY_FUNCTIONS).sort());
  });

  for (const mode of ['legacy', 'kernel', 'dual:legacy'] as const) {
    it.each(Object.keys(cases) as LegacyFunction[])(
      `%s (${mode} mode): one warning, every call counted`,
      async (fn) => {
        const { kernel, layer } = setup(`*=${mode}`);
        const plain = { data: null, timestamp: null, ttl: 3600 };
        await cases[fn](layer, plain);
        await cases[fn](layer, plain);
        expect(emitted).toEqual([
          {
            code: warningCode(fn),
            message: expect.stringMatching(/ is deprecated; .+\. See docs\/MIGRATION\.md\.$/),
          },
        ]);
        expect(emitted[0]!.message).toContain(LEGACY_FUNCTIONS[fn]);
        // Exactly this access is counted, twice: no legacy function counts another on its behalf.
        expect(await counterValues(kernel, 'legacy_cache_calls_total')).toEqual({ [fn]: 2 });
      },
    );
  }

  it('codes and messages follow one scheme', () => {
    expect(warningCode('getModelsCache')).toBe('CATALOG_LEGACY_GET_MODELS_CACHE');
    expect(warningCode('modelsCache.data.write')).toBe('CATALOG_LEGACY_MODELS_CACHE_DATA_WRITE');
    expect(warningCode('modelsCache.stale_ttl.read')).toBe('CATALOG_LEGACY_MODELS_CACHE_STALE_TTL_READ');
    setup('*=kernel');
    void modelsCache('openrouter').timestamp;
    getModelsCache('openrouter');
    expect(emitted.map((w) => w.message)).toEqual([
      'reading modelsCache(gateway).timestamp is deprecated; use kernel.peek(gateway)?.fetchedAt (or .ageMs). See docs/MIGRATION.md.',
      'getModelsCache() is deprecated; use kernel.get(gateway) (waits for a cold fetch) or kernel.peek(gateway) (never waits). See docs/MIGRATION.md.',
    ]);
  });

  it('emits a real process DeprecationWarning by default', async () => {
    const kernel = new CacheKernel();
    kernel.register('openrouter', { schema: Models, fetch: async () => models('a') });
    const seen = new Promise<Error>((resolve) => process.once('warning', resolve));
    void new LegacyCacheLayer({ kernel, rollout: RolloutSwitches.parse('*=kernel') }).modelsCache('openrouter').ttl;
    const warning = (await seen) as Error & { code?: string };
    expect(warning.name).toBe('DeprecationWarning');
    expect(warning.code).toBe('CATALOG_LEGACY_MODELS_CACHE_TTL_READ');
  });

  it('fails clearly when the layer was not installed', () => {
    installLegacyCache(undefined);
    expect(() => getModelsCache('x')).toThrow(LegacyCacheNotInstalledError);
    expect(() => getModelsCache('x')).toThrow(/installLegacyCache/);
  });
});

describe('the documented list', () => {
  it('docs/MIGRATION.md lists every label with its code and replacement', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/MIGRATION.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([\w.]+)` \| `(CATALOG_LEGACY_\w+)` \| (.+) \|$/gm)].map((m) => m.slice(1));
    expect(rows).toEqual(
      Object.entries(LEGACY_FUNCTIONS).map(([fn, replacement]) => [fn, warningCode(fn as LegacyFunction), replacement]),
    );
  });
});
