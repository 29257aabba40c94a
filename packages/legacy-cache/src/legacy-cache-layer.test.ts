import { CacheKernel } from '@catalog/cache-kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  clearGatewayError,
  getModelsCache,
  installLegacyCache,
  isCacheFresh,
  isGatewayInErrorState,
  modelsCache,
  setGatewayError,
} from './legacy-api.ts';
import { resetDeprecationWarnings } from './deprecation.ts';
import { LegacyCacheLayer } from './legacy-cache-layer.ts';
import { RolloutSwitches } from './rollout-switches.ts';

const Models = z.array(z.object({ id: z.string() }));
const models = (...ids: string[]) => ids.map((id) => ({ id }));

const emitted: { message: string; code: string }[] = [];

function setup(rollout: string) {
  let upstream = models('a', 'b', 'c');
  const kernel = new CacheKernel({
    defaults: { retry: { maxAttempts: 0 }, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } },
  });
  for (const key of ['openrouter', 'fal', 'modelz', 'huggingface']) {
    kernel.register(key, { schema: Models, fetch: async () => upstream });
  }
  const layer = new LegacyCacheLayer({
    kernel,
    rollout: RolloutSwitches.parse(rollout),
    emitWarning: (message, options) => emitted.push({ message, code: options.code }),
  });
  installLegacyCache(layer);
  return { kernel, layer, setUpstream: (list: { id: string }[]) => (upstream = list) };
}

beforeEach(() => {
  emitted.length = 0;
  resetDeprecationWarnings();
});
afterEach(() => installLegacyCache(undefined));

describe('old call sites against the kernel (kernel mode)', () => {
  it('pattern 1/2: read and write the provider cache object, then read through the kernel', async () => {
    const { kernel } = setup('*=kernel');
    const cache = modelsCache('openrouter');
    expect(cache.data).toBeNull();
    cache.data = models('x', 'y');
    expect(cache.data).toEqual(models('x', 'y'));
    expect(cache.timestamp).toBeInstanceOf(Date);
    expect((await kernel.get('openrouter')).value).toEqual(models('x', 'y'));
    expect(isCacheFresh(getModelsCache('openrouter'))).toBe(true);
  });

  it('the error-state functions drive the circuit breaker', async () => {
    const { kernel } = setup('*=kernel');
    expect(isGatewayInErrorState('openrouter')).toBe(false);
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(false);
    await setGatewayError('openrouter', 'HTTP 503');
    expect(isGatewayInErrorState('openrouter')).toBe(true);
    expect(kernel.status('openrouter').breaker).toBe('open');
    await clearGatewayError('openrouter');
    expect(kernel.status('openrouter').breaker).toBe('open'); // a success only closes a half-open breaker
  });

  it('clear_models_cache invalidates, and the initialisers warm', async () => {
    const { layer, kernel } = setup('*=kernel');
    await layer.initializeFalCacheFromCatalog();
    expect(kernel.peek('fal')?.value).toEqual(models('a', 'b', 'c'));
    await layer.clearModelsCache('fal');
    expect(kernel.peek('fal')).toBeUndefined();
    await layer
      .initializeFeatherlessCacheFromCatalog()
      .catch((e: Error) => expect(e.message).toMatch(/not registered/));
    expect(layer.getModelzCache().data).toBeNull();
  });

  it('aggregate caches read every provider', async () => {
    const { layer, kernel } = setup('*=kernel');
    await kernel.warm(['openrouter', 'modelz']);
    expect(layer.modelsAggregateCache().data).toHaveLength(6);
    expect(layer.providerAggregateCache().data.find((p) => p.provider === 'modelz')?.models).toBe(3);
    expect(layer.huggingfaceCache().data).toBeNull();
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
});

describe('dual mode', () => {
  it('writes to both, reads from the chosen side, and counts mismatches', async () => {
    const { kernel, layer } = setup('openrouter=dual:legacy');
    modelsCache('openrouter').data = models('a', 'b');
    expect(kernel.peek('openrouter')?.value).toEqual(models('a', 'b'));
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b'));
    expect(await kernel.registry.metrics()).not.toMatch(
      /cache_dual_read_mismatch_total\{provider="openrouter"\} [1-9]/,
    );
    await kernel.refresh('openrouter', { force: true }); // the kernel now holds a, b, c
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b')); // read side: legacy
    expect(await kernel.registry.metrics()).toContain('cache_dual_read_mismatch_total{provider="openrouter"} 1');
    layer.rollout.set('openrouter', 'dual', 'kernel');
    expect(getModelsCache('openrouter').data).toEqual(models('a', 'b', 'c'));
  });
});

describe('deprecation', () => {
  it('warns once per function with a code naming the replacement, and counts every call', async () => {
    const { kernel } = setup('*=kernel');
    getModelsCache('openrouter');
    getModelsCache('openrouter');
    isGatewayInErrorState('openrouter');
    expect(emitted.map((w) => w.code)).toEqual([
      'CATALOG_LEGACY_GET_MODELS_CACHE',
      'CATALOG_LEGACY_IS_GATEWAY_IN_ERROR_STATE',
    ]);
    expect(emitted[0]?.message).toBe(
      'getModelsCache() is deprecated; use kernel.get(gateway) / kernel.peek(gateway). See docs/MIGRATION.md.',
    );
    const metrics = await kernel.registry.metrics();
    expect(metrics).toContain('legacy_cache_calls_total{function="getModelsCache"} 2');
    expect(metrics).toContain('legacy_cache_calls_total{function="isGatewayInErrorState"} 1');
  });

  it('emits a real process DeprecationWarning by default', async () => {
    const kernel = new CacheKernel();
    kernel.register('openrouter', { schema: Models, fetch: async () => models('a') });
    const seen = new Promise<Error>((resolve) => process.once('warning', resolve));
    new LegacyCacheLayer({ kernel, rollout: RolloutSwitches.parse('*=kernel') }).getModelsCache('openrouter');
    const warning = (await seen) as Error & { code?: string };
    expect(warning.name).toBe('DeprecationWarning');
    expect(warning.code).toBe('CATALOG_LEGACY_GET_MODELS_CACHE');
  });

  it('fails clearly when the layer was not installed', () => {
    installLegacyCache(undefined);
    expect(() => getModelsCache('x')).toThrow(/installLegacyCache/);
  });
});
