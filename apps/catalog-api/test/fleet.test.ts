import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startMockUpstream, type MockUpstream } from '@catalog/mock-upstream';
import { getFreePort, startRedisServer, startTcpProxy, type RedisServerHandle } from '@catalog/test-kit';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, demoKeys } from './start-test-app.ts';

// Three real API processes sharing one redis-server, against the mock upstream (issue 5).
const PROVIDERS = ['groq', 'openai', 'together', 'deepinfra', 'cerebras', 'chutes', 'near', 'novita'];
const FRESH_TTL_MS = 3_000;

let redis: RedisServerHandle;
let upstream: MockUpstream;
const apps: { url: string; child: ChildProcess; output: string[] }[] = [];

async function startInstance(
  redisUrl?: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess; output: string[] }> {
  const port = await getFreePort();
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    ['--conditions=@catalog/source', path.resolve(import.meta.dirname, '../src/main.ts')],
    {
      env: {
        ...process.env,
        ...demoKeys(),
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: redisUrl ?? redis.url,
        UPSTREAM_BASE_URL: upstream.url,
        PROVIDERS: PROVIDERS.join(','),
        ADMIN_TOKEN,
        FRESH_TTL_MS: String(FRESH_TTL_MS),
        STALE_TTL_MS: '60000',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await vi.waitFor(
    async () => {
      const response = await request(`${url}/healthz`);
      await response.body.dump();
      expect(response.statusCode).toBe(200);
    },
    { timeout: 15_000, interval: 50 },
  );
  const app = { url, child, output };
  apps.push(app);
  return app;
}

const fences = (provider: string) => Number(redis.cli('GET', `catalog:{${provider}}:fence`) || '0');
const requests = (provider: string) => upstream.stats()[provider]?.requests ?? 0;

/** Makes the upstream list groq's current models plus `id` (a growth the last-good guard accepts). */
async function addGroqModel(app: { url: string }, id: string): Promise<void> {
  const current = (await (await request(`${app.url}/catalog/providers/groq/models`)).body.json()) as {
    data: { id: string }[];
  };
  const entry = (modelId: string, created: number, context: number) => ({
    id: modelId,
    object: 'model',
    created,
    owned_by: 'test',
    active: true,
    context_window: context,
  });
  upstream.setPayload('groq', {
    object: 'list',
    data: [...current.data.map((m) => entry(m.id, 1733447754, 131072)), entry(id, 1764000000, 8192)],
  });
}

/** POST /admin/invalidate on one instance (cascade: it refetches at once). */
async function invalidate(app: { url: string }, provider: string): Promise<number> {
  const response = await request(`${app.url}/admin/invalidate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ provider, cascade: true }),
  });
  await response.body.dump();
  return response.statusCode;
}

beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startMockUpstream({ knobs: { '*': { latencyMs: [50, 150] } } });
}, 30_000);

afterAll(async () => {
  for (const app of apps) app.child.kill('SIGKILL');
  await upstream?.close();
  await redis?.stop();
});

describe('three API instances sharing one Redis', () => {
  it('cold start under concurrent load on all three: each provider is fetched exactly once', async () => {
    const bootedAt = Date.now();
    const fleet = await Promise.all([startInstance(), startInstance(), startInstance()]);
    // Concurrent requests on all three while they warm up.
    const responses = await Promise.all(
      fleet.flatMap((app) =>
        Array.from({ length: 20 }, () =>
          request(`${app.url}/v1/models`).then(async (r) => (await r.body.dump(), r.statusCode)),
        ),
      ),
    );
    expect(responses.every((status) => status === 200)).toBe(true);
    await vi.waitFor(
      async () => {
        for (const app of fleet) expect((await request(`${app.url}/readyz`)).statusCode).toBe(200);
      },
      { timeout: 15_000, interval: 100 },
    );
    // One fetch for the cold start; the background sync may have refreshed since (fleet-wide, one
    // lock-holding fetch each, never before 65 % of the fresh TTL). Retried while a refresh is
    // between its fence and its request.
    await vi.waitFor(
      () => {
        const refreshesSince = Math.floor((Date.now() - bootedAt) / (0.65 * FRESH_TTL_MS));
        for (const provider of PROVIDERS) {
          expect(requests(provider), provider).toBe(fences(provider));
          expect(requests(provider), provider).toBeLessThanOrEqual(1 + refreshesSince);
        }
      },
      { timeout: 2_000, interval: 20 },
    );
    // Every instance serves the same catalog version.
    const versions = await Promise.all(
      fleet.map(
        async (app) => ((await (await request(`${app.url}/catalog/stats`)).body.json()) as { version: string }).version,
      ),
    );
    expect(new Set(versions).size).toBe(1);
  }, 60_000);

  it('after each fresh TTL: again one fetch per refresh for the whole fleet', async () => {
    upstream.resetStats();
    const fencesBefore = Object.fromEntries(PROVIDERS.map((p) => [p, fences(p)]));
    const resetAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, FRESH_TTL_MS * 2.5));
    // Retried while a refresh is between its fence and its request.
    await vi.waitFor(
      () => {
        // The sync refreshes between 65 % and 85 % of the fresh TTL (the kernel spreads the TTL ±10 %).
        const most = 1 + Math.floor((Date.now() - resetAt) / (0.65 * FRESH_TTL_MS));
        for (const provider of PROVIDERS) {
          const refreshes = fences(provider) - fencesBefore[provider]!;
          // Each upstream request was one lock-holding refresh; no instance fetched on its own.
          expect(requests(provider), provider).toBe(refreshes);
          expect(refreshes, provider).toBeGreaterThanOrEqual(2);
          expect(refreshes, provider).toBeLessThanOrEqual(most);
        }
      },
      { timeout: 2_000, interval: 20 },
    );
  }, 30_000);

  it('an invalidation on one instance reaches all three within 250 ms', async () => {
    const [a, b, c] = apps;
    await addGroqModel(a!, 'brand-new-model');
    expect(await invalidate(a!, 'groq')).toBe(200);
    const started = Date.now();
    for (const app of [a!, b!, c!]) {
      await vi.waitFor(
        async () => {
          const response = await request(`${app.url}/catalog/models/brand-new-model`);
          await response.body.dump();
          expect(response.statusCode).toBe(200);
        },
        { timeout: 250, interval: 10 },
      );
    }
    expect(Date.now() - started).toBeLessThan(750);
  }, 30_000);

  it('an instance cut off from Redis keeps serving from memory and drops stale values when it is back', async () => {
    const proxy = await startTcpProxy({ host: redis.host, port: redis.port });
    // A fresh TTL longer than the test: only the resync on reconnect can bring it the fleet's change.
    const cutOff = await startInstance(`redis://127.0.0.1:${proxy.port}`, { FRESH_TTL_MS: '600000' });
    const [a] = apps;
    const get = async (app: { url: string }, path: string) => {
      const response = await request(`${app.url}${path}`);
      const body = (await response.body.json()) as { version?: string; data?: { id: string }[] };
      return { status: response.statusCode, body };
    };
    await vi.waitFor(async () => expect((await get(cutOff, '/readyz')).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });

    await proxy.cut();
    // Cut off: still answering from memory.
    for (let i = 0; i < 10; i++) expect((await get(cutOff, '/v1/models')).status).toBe(200);

    // Meanwhile the fleet changes groq (the cut-off instance cannot hear it).
    await addGroqModel(a!, 'while-you-were-away');
    expect(await invalidate(a!, 'groq')).toBe(200);
    expect((await get(cutOff, '/catalog/models/while-you-were-away')).status).toBe(404);

    // Back: it compares versions, drops the stale list and serves the fleet's.
    await proxy.restore();
    await vi.waitFor(async () => expect((await get(cutOff, '/catalog/models/while-you-were-away')).status).toBe(200), {
      timeout: 10_000,
      interval: 100,
    });
    // Leave the fleet: an instance without Redis would fetch on its own in the next test.
    cutOff.child.kill('SIGKILL');
    apps.splice(apps.indexOf(cutOff), 1);
    await proxy.close();
  }, 60_000);

  it('the lock holder killed mid-fetch: another instance completes the refresh after the lock expires, no request fails', async () => {
    // Two instances serving a provider of their own (the fleet above never touches its keys), with a
    // short attempt timeout (its lock, timeout + 2 s, expires quickly) and a fresh TTL longer than the
    // test (no scheduled refresh competes: only the refreshes the test asks for fetch).
    const provider = 'vercel-ai-gateway'; // one page: one upstream request per fetch
    const lock = `catalog:{${provider}}:lock`;
    const env = {
      PROVIDERS: provider,
      PROVIDER_POLICIES: JSON.stringify({ [provider]: { timeoutMs: 1_500, retry: { maxAttempts: 0 } } }),
      FRESH_TTL_MS: '600000',
    };
    const [holder, survivor] = await Promise.all([startInstance(undefined, env), startInstance(undefined, env)]);
    for (const app of [holder, survivor]) {
      await vi.waitFor(async () => expect((await request(`${app.url}/readyz`)).statusCode).toBe(200), {
        timeout: 15_000,
        interval: 100,
      });
    }
    const instanceOf = async (app: { url: string }) =>
      ((await (await request(`${app.url}/system/cache`)).body.json()) as { instance: string }).instance;
    const holderId = await instanceOf(holder);
    const warm = (app: { url: string }) =>
      request(`${app.url}/admin/warm`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ providers: [provider] }),
      });
    upstream.resetStats();
    upstream.setKnobs(provider, { hang: true });
    // The holder's forced refresh takes the lock and hangs in the upstream call (nothing is
    // published until it writes, so the survivor keeps its value and does not compete)...
    void warm(holder).catch(() => undefined);
    await vi.waitFor(
      () => {
        expect(redis.cli('GET', lock)).toBe(holderId);
        expect(requests(provider)).toBe(1);
      },
      { timeout: 5_000, interval: 10 },
    );
    const killedAt = Date.now();
    holder.child.kill('SIGKILL'); // ...and crashes, lock still held.
    upstream.clearKnobs(provider);
    // The survivor is asked to refresh too: it must wait for the dead holder's lock, then fetch.
    const survivorWarm = warm(survivor);

    // The survivor keeps answering every request meanwhile.
    let answered = 0;
    let failures = 0;
    await vi.waitFor(
      async () => {
        const models = await request(`${survivor.url}/v1/models`);
        await models.body.dump();
        answered++;
        if (models.statusCode !== 200) failures++;
        const health = (await (await request(`${survivor.url}/catalog/providers`)).body.json()) as {
          data: { provider: string; fetchedAt?: string }[];
        };
        const entry = health.data.find((h) => h.provider === provider)!;
        expect(Date.parse(entry.fetchedAt ?? '0')).toBeGreaterThan(killedAt);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(answered).toBeGreaterThan(0);
    expect(failures).toBe(0);
    const warmed = (await (await survivorWarm).body.json()) as { results: { provider: string; ok: boolean }[] };
    expect(warmed.results).toEqual([expect.objectContaining({ provider, ok: true })]);
    expect(redis.cli('EXISTS', lock)).toBe('0');
    expect(requests(provider)).toBe(2); // the hung one, and the survivor's
    for (const app of [holder, survivor]) apps.splice(apps.indexOf(app), 1);
    survivor.child.kill('SIGKILL');
  }, 60_000);
});
