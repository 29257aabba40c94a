import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { startMockUpstream } from '@catalog/mock-upstream';
import { getFreePort } from '@catalog/test-kit';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './start-test-app.ts';

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

describe('the real-mode process', () => {
  it('starts from the environment, serves, and on SIGTERM drains in-flight requests and exits 0', async () => {
    const upstream = await startMockUpstream({ knobs: { '*': { latencyMs: 20 } } });
    const port = await getFreePort();
    const child = spawn(
      process.execPath,
      ['--conditions=@catalog/source', path.resolve(import.meta.dirname, '../src/main.ts')],
      {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          UPSTREAM_BASE_URL: upstream.url,
          PROVIDERS: 'openrouter,openai',
          OPENAI_API_KEY: 'sk-test-never-logged-0123456789',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100 && !output.includes('catalog ready'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain('catalog ready');
      const models = (await (await request(`${url}/v1/models`)).body.json()) as { data: unknown[] };
      expect(models.data.length).toBeGreaterThan(5);

      // A slow request is in flight when SIGTERM arrives: it must complete.
      upstream.setKnobs('openrouter', { latencyMs: 300 });
      const inFlight = request(`${url}/catalog/models`, { method: 'GET' });
      await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.statusCode).toBe(200);
      await response.body.dump();
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output).toContain('shutting down');
      expect(output).not.toContain('sk-test-never-logged');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await upstream.close();
    }
  }, 30_000);
});
