import { startRedisServer, startTcpProxy, type RedisServerHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, startTestApp, type TestApp } from './start-test-app.ts';

// The legacy-cache rollout switches in the running API: changed through the admin route, kept in
// the kernel's document store, followed by every instance on the same Redis.

const call = adminCall;
const rolloutOf = async (t: TestApp) => (await call(t, 'GET', '/system/cache')).json.rollout;

describe('one instance: a switch changes what legacy call sites get', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PROVIDERS: 'openrouter,groq', CACHE_ROLLOUT: '*=kernel' });
    await t.app.catalog.start();
    await t.app.rollout.reload();
  });
  afterAll(() => t.close());

  it('kernel → legacy → dual through PUT /admin/rollout, visible on /system/cache and /metrics', async () => {
    const legacy = t.app.legacy;
    const fromKernel = legacy.getModelsCache('openrouter').data;
    expect(fromKernel?.length).toBeGreaterThan(0);

    const toLegacy = await call(t, 'PUT', '/admin/rollout', { provider: 'openrouter', mode: 'legacy' });
    expect(toLegacy.status).toBe(200);
    expect(toLegacy.json.rollout.providers.openrouter).toEqual({ mode: 'legacy', readFrom: 'legacy' });
    expect(legacy.getModelsCache('openrouter').data).toBeNull(); // the old dict: nothing written to it yet

    await call(t, 'PUT', '/admin/rollout', { provider: 'openrouter', mode: 'dual', readFrom: 'legacy' });
    expect(legacy.getModelsCache('openrouter').data).toBeNull(); // legacy side answers, the kernel is compared
    const metrics = (await call(t, 'GET', '/metrics')).text;
    expect(metrics).toContain('cache_dual_read_mismatch_total{provider="openrouter"} 1');

    await call(t, 'PUT', '/admin/rollout', { provider: 'openrouter', mode: 'dual', readFrom: 'kernel' });
    expect(legacy.getModelsCache('openrouter').data).toEqual(fromKernel);
    expect((await rolloutOf(t)).providers.openrouter).toEqual({ mode: 'dual', readFrom: 'kernel' });
  });

  it('`*` sets the default, {"rollout": …} replaces everything, DELETE goes back to CACHE_ROLLOUT', async () => {
    expect((await call(t, 'PUT', '/admin/rollout', { provider: '*', mode: 'legacy' })).status).toBe(200);
    expect(t.app.rollout.get('groq').mode).toBe('legacy');
    const replaced = await call(t, 'PUT', '/admin/rollout', { rollout: 'groq=dual:legacy,*=kernel' });
    expect(replaced.json).toMatchObject({
      stored: true,
      rollout: { default: { mode: 'kernel' }, providers: { groq: { mode: 'dual', readFrom: 'legacy' } } },
    });
    expect(replaced.json.rollout.providers.openrouter).toBeUndefined();
    const reset = await call(t, 'DELETE', '/admin/rollout');
    expect(reset.status).toBe(200);
    expect(reset.json.rollout).toMatchObject({
      default: { mode: 'kernel' },
      providers: {},
      source: { from: 'config' },
    });
  });

  it('refuses bad changes with 400 and unknown providers with 404', async () => {
    const bad = await call(t, 'PUT', '/admin/rollout', { rollout: 'groq=warp' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/"groq=warp" is invalid/);
    expect((await call(t, 'PUT', '/admin/rollout', { provider: 'nope', mode: 'kernel' })).status).toBe(404);
    expect(
      (await call(t, 'PUT', '/admin/rollout', { provider: 'groq', mode: 'kernel', readFrom: 'legacy' })).status,
    ).toBe(400);
  });
});

describe('a fleet on one Redis: switches are shared and survive a restart', () => {
  let redis: RedisServerHandle;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const t = await startTestApp({ PROVIDERS: 'openrouter,groq', ...env });
    apps.push(t);
    await t.app.rollout.reload(); // queued behind the first load from the store
    return t;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
    await redis.stop();
  });

  it('a change on one instance reaches the other, and a restarted instance starts from it', async () => {
    const a = await start({ REDIS_URL: redis.url, CACHE_ROLLOUT: '*=kernel' });
    const b = await start({ REDIS_URL: redis.url, CACHE_ROLLOUT: '*=kernel' });
    expect((await rolloutOf(b)).source).toMatchObject({ from: 'config', shared: true, reloadMs: 5_000 });

    const changed = await call(a, 'PUT', '/admin/rollout', { provider: 'groq', mode: 'legacy' });
    expect(changed.json.stored).toBe(true);
    expect(await b.app.rollout.reload()).toBe('applied'); // what b's 5 s timer does
    expect((await rolloutOf(b)).providers.groq).toEqual({ mode: 'legacy', readFrom: 'legacy' });
    expect((await rolloutOf(b)).source.from).toBe('store');

    await b.close();
    const restarted = await start({ REDIS_URL: redis.url, CACHE_ROLLOUT: '*=legacy' });
    expect(await rolloutOf(restarted)).toMatchObject({
      default: { mode: 'kernel' },
      providers: { groq: { mode: 'legacy' } },
      source: { from: 'store' },
    });
  });

  it('while Redis is unreachable an instance keeps its switches, and a change made then is stored once it is back', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: redis.port });
    try {
      const a = await start({ REDIS_URL: redis.url });
      const cut = await start({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
      const before = await rolloutOf(cut);
      await proxy.cut();
      await call(a, 'PUT', '/admin/rollout', { provider: 'openrouter', mode: 'dual', readFrom: 'legacy' });
      expect(await cut.app.rollout.reload()).toBe('skipped');
      expect((await rolloutOf(cut)).providers).toEqual(before.providers);

      const local = await call(cut, 'PUT', '/admin/rollout', { provider: 'groq', mode: 'kernel' });
      expect(local.json).toMatchObject({ stored: false, rollout: { source: { pendingWrite: true } } });
      expect(cut.app.rollout.get('groq').mode).toBe('kernel'); // applied here at once

      await proxy.restore();
      await cut.app.kernel.connect(5_000);
      expect(await cut.app.rollout.reload()).not.toBe('skipped');
      expect((await rolloutOf(cut)).source.pendingWrite).toBeUndefined();
      await a.app.rollout.reload();
      expect(a.app.rollout.get('groq').mode).toBe('kernel');
      // The change a made meanwhile is kept: the pending change was applied to the stored switches.
      expect(a.app.rollout.get('openrouter')).toEqual({ mode: 'dual', readFrom: 'legacy' });
      expect(cut.app.rollout.get('openrouter')).toEqual({ mode: 'dual', readFrom: 'legacy' });
    } finally {
      await proxy.close();
    }
  });
});
