import path from 'node:path';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { getFreePort } from '@catalog/test-kit/fixtures';
import { apiProviders, APP_SRC, startSnapshotBlob } from './app-source.ts';
import { residentBytes, spawnNode, spawnTracked, stopProcess } from './processes.ts';

/**
 * How the API is started: `source` is `pnpm start` (src/main.ts from the TypeScript sources),
 * `snapshot` is `pnpm start:snapshot` (the startup snapshot dist/start/catalog-api.blob, which the
 * caller builds first with buildStartSnapshot()).
 */
export type ApiStart = 'source' | 'snapshot';

export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
  /**
   * Polls /readyz every `intervalMs` until it answers 200: when the server first answered at all
   * (listening) and when it was ready, in ms since spawn.
   */
  waitReady(options?: { intervalMs?: number; timeoutMs?: number }): Promise<{ listeningMs: number; readyMs: number }>;
  resident(): Promise<{ rss: number; peak: number }>;
  stop(): Promise<void>;
}

/**
 * The catalog API (apps/catalog-api/src/main.ts, or its start snapshot) in its own process, in memory mode unless
 * REDIS_URL is given, against an upstream base URL (the mock upstream), with a placeholder key
 * for every provider that needs one.
 */
export async function startApiProcess(options: {
  upstreamUrl: string;
  /** Provider slugs to serve (default: all). */
  providers?: readonly string[];
  env?: Record<string, string>;
  /** Default `source`. */
  start?: ApiStart;
}): Promise<ApiProcess> {
  const port = await getFreePort();
  const { keyEnv } = await apiProviders();
  const spawnedAt = performance.now();
  const spawnOptions: SpawnOptions = {
    env: {
      ...process.env,
      ...keyEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      UPSTREAM_BASE_URL: options.upstreamUrl,
      LOG_LEVEL: 'error',
      ...(options.providers ? { PROVIDERS: options.providers.join(',') } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  };
  const child: ChildProcess =
    options.start === 'snapshot'
      ? spawnTracked(process.execPath, ['--snapshot-blob', startSnapshotBlob()], spawnOptions)
      : spawnNode(path.join(APP_SRC, 'main.ts'), [], spawnOptions);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid!,
    spawnedAt,
    async waitReady({ intervalMs = 5, timeoutMs = 60_000 } = {}) {
      let listeningMs: number | undefined;
      for (;;) {
        const status = await fetch(`${url}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        const at = performance.now() - spawnedAt;
        if (status !== 0) listeningMs ??= at;
        if (status === 200) return { listeningMs: listeningMs!, readyMs: at };
        if (child.exitCode !== null) throw new Error(`the API exited (code ${child.exitCode}) before it was ready`);
        if (at > timeoutMs) throw new Error(`the API was not ready within ${timeoutMs} ms (last status ${status})`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    resident: () => residentBytes(child.pid!),
    stop: () => stopProcess(child),
  };
}
