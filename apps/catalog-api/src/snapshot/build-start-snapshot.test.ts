import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockUpstream } from '@catalog/mock-upstream';
import { getFreePort } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildStartSnapshot,
  isStartSnapshotFresh,
  SnapshotBuildError,
  type StartSnapshot,
} from './build-start-snapshot.ts';

async function waitForStatus(url: string, status: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (got === status) return;
    if (Date.now() > until) throw new Error(`${url} answered ${got}, not ${status}, within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the start snapshot', { timeout: 60_000 }, () => {
  let temp: string;
  let built: StartSnapshot;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'catalog-start-snapshot-'));
    built = await buildStartSnapshot(path.join(temp, 'start'));
  }, 60_000);
  afterAll(() => rm(temp, { recursive: true, force: true }));

  it('serves /readyz and /v1/models against the upstream, logging and reporting its own process', async () => {
    const upstream = await startMockUpstream();
    const port = await getFreePort();
    const spawnedAt = Date.now() / 1000;
    const child = spawn(process.execPath, ['--snapshot-blob', built.blob], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        UPSTREAM_BASE_URL: upstream.url,
        PROVIDERS: 'openrouter,groq',
        GROQ_API_KEY: 'sk-test-groq',
        LOG_LEVEL: 'info',
        TMPDIR: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitForStatus(`${url}/readyz`, 200);
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { object: string; data: { id: string }[] };
      expect(models.object).toBe('list');
      expect(models.data.length).toBeGreaterThan(10);
      const stats = upstream.stats();
      expect([stats.groq?.requests, stats.openrouter?.requests]).toEqual([expect.any(Number), expect.any(Number)]);
      // pino and prom-client were loaded at build time, in another process: the values are this one's.
      const listening = output
        .split('\n')
        .filter((line) => line.includes('catalog API listening'))
        .map((line) => JSON.parse(line) as { pid: number; providers: number });
      expect(listening).toEqual([expect.objectContaining({ pid: child.pid, providers: 2 })]);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const startTime = Number(/^process_start_time_seconds (\d+)/m.exec(metrics)?.[1]);
      expect(startTime).toBeGreaterThanOrEqual(Math.floor(spawnedAt) - 1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await upstream.close();
    }
  });

  it('gives every process started from it its own instance id (no randomness taken at build time)', async () => {
    const instances: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await getFreePort();
      const child = spawn(process.execPath, ['--snapshot-blob', built.blob], {
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          HOST: '127.0.0.1',
          PROVIDERS: 'openrouter',
          UPSTREAM_BASE_URL: 'http://127.0.0.1:9',
          LOG_LEVEL: 'error',
          TMPDIR: temp,
        },
        stdio: 'ignore',
      });
      try {
        await waitForStatus(`http://127.0.0.1:${port}/system/cache`, 200);
        const status = (await (await fetch(`http://127.0.0.1:${port}/system/cache`)).json()) as { instance: string };
        instances.push(status.instance);
      } finally {
        child.kill('SIGKILL');
      }
    }
    // Fleet locks are owned by the instance id: two instances from one snapshot must never share it.
    expect(instances[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(instances[1]).not.toBe(instances[0]);
  });

  it('is fresh right after the build and stale once what it was built from differs', async () => {
    expect(await isStartSnapshotFresh(built.outDir)).toBe(true);
    const manifest = JSON.parse(await readFile(built.manifest, 'utf8')) as { inputs: string[] };
    const extra = path.join(temp, 'changed-input.ts');
    await writeFile(extra, 'export {};\n');
    await writeFile(built.manifest, JSON.stringify({ ...manifest, inputs: [...manifest.inputs, extra] }));
    expect(await isStartSnapshotFresh(built.outDir)).toBe(false);
    expect(await isStartSnapshotFresh(path.join(temp, 'never-built'))).toBe(false);
  });

  it('fails the build, naming the module, when module-level code uses a builtin a snapshot cannot hold', async () => {
    const entry = path.join(temp, 'reads-http-at-load.ts');
    await writeFile(entry, "import { STATUS_CODES } from 'node:http';\nconsole.log(STATUS_CODES[200]);\n");
    const failure = await buildStartSnapshot(path.join(temp, 'bad'), { entry }).catch((error: unknown) => error);
    expect(SnapshotBuildError.isInstance(failure)).toBe(true);
    expect((failure as SnapshotBuildError).output).toContain(
      '"node:http" (STATUS_CODES) was used while building the startup snapshot',
    );
  });
});
