import path from 'node:path';
import { getFreePort, startNodeProcess, type NodeProcessHandle } from '@catalog/test-kit';
import { API_SRC, providerKeys } from './provider-keys.ts';

export const ADMIN_TOKEN = 'fault-matrix-admin-token-0123456789';

export interface ApiProcessOptions {
  upstreamUrl: string;
  providers: readonly string[];
  redisUrl?: string;
  /** Listen here (default: a free port); a restarted instance reuses its predecessor's. */
  port?: number;
  /** More configuration (FRESH_TTL_MS, PROVIDER_POLICIES…). */
  env?: Record<string, string>;
}

/** The catalog API (apps/catalog-api/src/main.ts) running in its own process. */
export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  readonly process: NodeProcessHandle;
  /** The placeholder keys it was given (none may ever show in its output). */
  readonly secrets: readonly string[];
  /** Until /readyz answers 200 (every provider has a value or failed its first try). */
  waitReady(timeoutMs?: number): Promise<void>;
  /** Until /healthz answers (listening). */
  waitListening(timeoutMs?: number): Promise<void>;
  /** Whether it is still running. */
  readonly running: boolean;
  /** SIGTERM and wait for the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL and wait. */
  kill(): Promise<void>;
}

async function waitForStatus(
  url: string,
  ok: (status: number) => boolean,
  timeoutMs: number,
  process: NodeProcessHandle,
) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null || process.child.signalCode !== null) {
      throw new Error(
        `the API exited (${process.child.exitCode ?? process.child.signalCode}) while waiting for ${url}:\n${process.output().slice(-2_000)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (ok(response.status)) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `${url} not ready within ${timeoutMs} ms (last: ${last}); output:\n${process.output().slice(-2_000)}`,
  );
}

/**
 * Starts main.ts against the upstream (every provider at `<upstreamUrl>/<slug>`), in memory mode
 * unless `redisUrl` is given, with a placeholder key for every provider and admin routes on. Only
 * PATH and HOME are taken from this process's environment.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = options.port ?? (await getFreePort());
  const { keyEnv } = await providerKeys();
  const handle = startNodeProcess(path.join(API_SRC, 'main.ts'), [], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...keyEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      UPSTREAM_BASE_URL: options.upstreamUrl,
      PROVIDERS: options.providers.join(','),
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = () => handle.child.exitCode !== null || handle.child.signalCode !== null;
  return {
    url,
    port,
    process: handle,
    secrets: Object.values(keyEnv),
    waitReady: (timeoutMs = 20_000) => waitForStatus(`${url}/readyz`, (s) => s === 200, timeoutMs, handle),
    waitListening: (timeoutMs = 20_000) => waitForStatus(`${url}/healthz`, (s) => s === 200, timeoutMs, handle),
    get running() {
      return !exited();
    },
    async stop(graceMs = 10_000) {
      if (exited()) return handle.child.exitCode;
      const force = setTimeout(() => handle.kill(), graceMs);
      handle.child.kill('SIGTERM');
      const code = await handle.exited;
      clearTimeout(force);
      return code;
    },
    async kill() {
      if (exited()) return;
      handle.kill();
      await handle.exited;
    },
  };
}
