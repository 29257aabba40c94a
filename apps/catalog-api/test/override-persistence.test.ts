import { startRedisServer, startTcpProxy, type RedisServerHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, startTestApp, type TestApp } from './start-test-app.ts';

// Operator overrides written through the admin routes of several instances on one Redis: no change
// is lost to a concurrent one, and a change that could not be stored says so (503) and changes nothing.

describe('operator overrides on a fleet sharing Redis', () => {
  let redis: RedisServerHandle;
  const apps: TestApp[] = [];
  const start = async (redisUrl: string) => {
    const t = await startTestApp({ PROVIDERS: 'openrouter,groq', REDIS_URL: redisUrl });
    apps.push(t);
    await t.app.kernel.connect(5_000); // as start-server.ts does before starting the catalog
    await t.app.catalog.start();
    return t;
  };
  const listed = async (t: TestApp) =>
    ((await adminCall(t, 'GET', '/admin/overrides')).json.data as { modelId: string }[])
      .map((o) => o.modelId)
      .toSorted();
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
    await redis.stop();
  });

  it('keeps every change when two instances change overrides at the same moment', async () => {
    const [a, b] = [await start(redis.url), await start(redis.url)];
    const ids = Array.from({ length: 10 }, (_, i) => `race/model-${i}`);
    const answers = await Promise.all(
      ids.map((modelId, i) =>
        adminCall(i % 2 ? a : b, 'PUT', '/admin/overrides', { provider: 'groq', modelId, hide: true }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    const removed = await Promise.all([
      adminCall(a, 'DELETE', '/admin/overrides', { provider: 'groq', modelId: ids[0] }),
      adminCall(b, 'DELETE', '/admin/overrides', { provider: 'groq', modelId: ids[1] }),
    ]);
    expect(removed.map((r) => r.json)).toEqual([{ removed: true }, { removed: true }]);
    expect(await listed(await start(redis.url))).toEqual(ids.slice(2).toSorted());
  });

  it('answers 503 when the change cannot be stored, and keeps serving what was stored', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: redis.port });
    try {
      const t = await start(`redis://127.0.0.1:${proxy.port}`);
      const before = await listed(t);
      await proxy.cut();
      const refused = await adminCall(t, 'PUT', '/admin/overrides', {
        provider: 'groq',
        modelId: 'cut/model',
        hide: true,
      });
      expect(refused.status).toBe(503);
      expect(refused.json.error).toMatchObject({ code: 'store_unavailable' });
      expect(refused.json.error.message).toMatch(/override change was not saved \(retry when the store is back\)/);
      expect(await listed(t)).toEqual(before);
      const doc = (await adminCall(t, 'GET', '/openapi.json')).json;
      for (const method of ['put', 'delete'])
        expect(Object.keys(doc.paths['/admin/overrides'][method].responses)).toEqual(
          expect.arrayContaining(['409', '503']),
        );
      await proxy.restore();
      await t.app.kernel.connect(5_000);
      const stored = await adminCall(t, 'PUT', '/admin/overrides', {
        provider: 'groq',
        modelId: 'cut/model',
        hide: true,
      });
      expect(stored.status).toBe(200);
      expect(await listed(t)).toEqual([...before, 'cut/model'].toSorted());
    } finally {
      await proxy.close();
    }
  });
});
