import { connect, createServer, type Server } from 'node:net';
import path from 'node:path';
import { startMockUpstream, type MockUpstream } from '@catalog/mock-upstream';
import {
  getFreePort,
  startNodeProcess,
  startRedisServer,
  type NodeProcessHandle,
  type RedisServerHandle,
} from '@catalog/test-kit';
import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, startTestApp } from './start-test-app.ts';

describe('readiness and admin availability', () => {
  it('answers 503 on /readyz until every configured provider has a value or failed, then 200', async () => {
    const t = await startTestApp({ PROVIDERS: 'openrouter,groq' });
    try {
      t.upstream.setKnobs('groq', { latencyMs: 400 });
      const before = await request(`${t.url}/readyz`);
      expect(before.statusCode).toBe(503);
      expect(await before.body.json()).toEqual({ ready: false });
      await t.app.catalog.start();
      const after = await request(`${t.url}/readyz`);
      expect(after.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('does not register admin routes at all without ADMIN_TOKEN', async () => {
    const t = await startTestApp({ ADMIN_TOKEN: undefined, PROVIDERS: 'openrouter' });
    try {
      const response = await request(`${t.url}/admin/cache`);
      expect(response.statusCode).toBe(404);
      await response.body.dump();
      const openapi = (await (await request(`${t.url}/openapi.json`)).body.json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths).some((p) => p.startsWith('/admin'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});

const REPO = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
const SECRET_KEY = 'sk-test-never-logged-0123456789';

/** The environment without the variables a test sets itself (a developer's PORT, REDIS_URL, keys…). */
function cleanEnv(set: Record<string, string>): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const name of ['PORT', 'HOST', 'REDIS_URL', 'ADMIN_TOKEN', 'PROVIDERS', 'UPSTREAM_BASE_URL', 'LOG_LEVEL'])
    delete env[name];
  return { ...env, ...set };
}

/** Whether a new TCP connection to the port is accepted or refused now. */
function connectOutcome(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
    );
  });
}

/**
 * main.ts on a free port against the mock upstream: openrouter (keyless) and openai (keyed), admin
 * routes on, Redis when given. Resolves once the catalog is ready.
 */
async function startMain(upstream: MockUpstream, redis?: RedisServerHandle) {
  const port = await getFreePort();
  const app = startNodeProcess(MAIN, [], {
    env: cleanEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      UPSTREAM_BASE_URL: upstream.url,
      PROVIDERS: 'openrouter,openai',
      OPENAI_API_KEY: SECRET_KEY,
      ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    }),
  });
  await app.waitFor(/catalog ready/);
  return { app, port, url: `http://127.0.0.1:${port}` };
}

/** The API's Redis connections now (redis-cli's own excluded). */
const apiClients = (redis: RedisServerHandle) =>
  redis
    .cli('CLIENT', 'LIST')
    .split('\n')
    .filter((line) => line && !/cmd=client\|list/.test(line)).length;

describe('the real-mode process', () => {
  it.each([
    { store: 'memory', withRedis: false },
    { store: 'Redis', withRedis: true },
  ])(
    'on SIGTERM ($store) stops accepting, finishes the request in flight with 200 and exits 0',
    async ({ withRedis }) => {
      const upstream = await startMockUpstream({ knobs: { '*': { latencyMs: 20 } } });
      const redis = withRedis ? await startRedisServer() : undefined;
      let app: NodeProcessHandle | undefined;
      try {
        const started = await startMain(upstream, redis);
        app = started.app;
        const models = (await (await request(`${started.url}/v1/models`)).body.json()) as { data: unknown[] };
        expect(models.data.length).toBeGreaterThan(5);
        if (redis) expect(apiClients(redis)).toBeGreaterThan(0);

        // An admin warm-up waits for the upstream's answer: with openrouter slow (1.5 s per page,
        // two pages), it is in flight until that answer comes, well after SIGTERM.
        upstream.setKnobs('openrouter', { latencyMs: 1_500 });
        const seen = upstream.stats().openrouter?.requests ?? 0;
        let settled = false;
        const inFlight = request(`${started.url}/admin/warm`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ providers: ['openrouter'] }),
        }).finally(() => (settled = true));
        await vi.waitFor(() => expect(upstream.stats().openrouter?.requests ?? 0).toBeGreaterThan(seen), {
          timeout: 5_000,
          interval: 10,
        });
        expect(await connectOutcome(started.port)).toBe('accepted');
        app.child.kill('SIGTERM');

        // New connections are refused while the request in flight is still being answered…
        await vi.waitFor(async () => expect(await connectOutcome(started.port)).toBe('refused'), {
          timeout: 2_500,
          interval: 10,
        });
        expect(settled).toBe(false);
        // …which then completes with the upstream's list.
        const response = await inFlight;
        expect(response.statusCode).toBe(200);
        expect(await response.body.json()).toEqual({
          results: [expect.objectContaining({ provider: 'openrouter', ok: true })],
        });
        expect(await app.exited).toBe(0);
        const output = app.output();
        expect(output).toContain('shutting down: draining requests');
        expect(output).toContain('"msg":"stopped"');
        expect(output).not.toContain('drain took too long');
        expect(output).not.toContain(SECRET_KEY);
        if (redis) {
          // The drained warm-up's list reached Redis, and the API closed its connections.
          expect(redis.cli('--scan', '--pattern', 'catalog:*openrouter*')).not.toBe('');
          expect(apiClients(redis)).toBe(0);
        }
      } finally {
        app?.kill();
        await upstream.close();
        await redis?.stop();
      }
    },
    40_000,
  );

  it('exits 2 on a bad configuration, naming each variable and never showing a key', async () => {
    const app = startNodeProcess(MAIN, [], {
      env: cleanEnv({ PORT: 'eighty', REDIS_MODE: 'mesh', OPENAI_API_KEY: 'sk-pasted twice-0123456789' }),
    });
    expect(await app.exited).toBe(2);
    const output = app.output();
    expect(output).toContain('invalid configuration:');
    expect(output).toContain('  - PORT:');
    expect(output).toContain('  - REDIS_MODE:');
    expect(output).toContain('  - OPENAI_API_KEY: the API key of openai contains whitespace');
    expect(output).not.toContain('0123456789');
  });
});

describe('pnpm demo', () => {
  /** `node --conditions=@catalog/source apps/catalog-api/src/demo.ts …args` from the repository root. */
  async function startDemo(args: string[]) {
    const demo = startNodeProcess('apps/catalog-api/src/demo.ts', args, { cwd: REPO, env: cleanEnv({}) });
    const [, url] = await demo.waitFor(/web page\s+(http:\/\/\S+?)\/\s/, 30_000);
    return { demo, url: url! };
  }

  async function checkServes(url: string) {
    const models = await request(`${url}/v1/models`);
    expect(models.statusCode).toBe(200);
    const list = (await models.body.json()) as { object: string; data: { id: string }[] };
    expect(list.object).toBe('list');
    expect(list.data.length).toBeGreaterThan(100);
    const page = await request(`${url}/`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(await page.body.text()).toContain('<title>catalog');
  }

  it('serves every provider offline on the port asked for, prints its URLs and stops on SIGINT', async () => {
    const port = await getFreePort();
    const { demo, url } = await startDemo(['--port', String(port)]);
    try {
      expect(url).toBe(`http://127.0.0.1:${port}`);
      for (const line of ['/v1/models', '/catalog/providers', '/metrics', '/openapi.json', 'admin token'])
        expect(demo.output()).toContain(line);
      await checkServes(url);
      demo.child.kill('SIGINT');
      expect(await demo.exited).toBe(0);
    } finally {
      demo.kill();
    }
  }, 40_000);

  it('falls back to a free port, and says so, when 8080 is taken and no port was asked for', async () => {
    // Holds 8080 for the test (when something else already does, it is taken all the same).
    const holder: Server = createServer();
    const holding = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false));
      holder.listen({ port: 8080, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    });
    expect(await connectOutcome(8080)).toBe('accepted');
    const { demo, url } = await startDemo([]);
    try {
      const [, fallback] = (await demo.waitFor(/port 8080 is in use; the demo listens on (\d+) instead/)) ?? [];
      expect(url).toBe(`http://127.0.0.1:${fallback}`);
      expect(fallback).not.toBe('8080');
      await checkServes(url);
      demo.child.kill('SIGINT');
      expect(await demo.exited).toBe(0);
    } finally {
      demo.kill();
      if (holding) await new Promise((resolve) => holder.close(resolve));
    }
  }, 40_000);
});
