import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getFreePort } from './free-port.ts';

export interface StartRedisServerOptions {
  /** Extra redis-server arguments, e.g. ['--maxmemory', '2mb']. */
  args?: string[];
  /** Use this port (default: a free one). */
  port?: number;
}

export interface RedisServerHandle {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stop it (SIGTERM, wait for exit). Idempotent. */
  stop(): Promise<void>;
  /** Crash it (SIGKILL). */
  kill(): Promise<void>;
  /** Start it again on the same port, empty. */
  restart(): Promise<void>;
  /** CLIENT PAUSE for `ms` (all clients wait). */
  pause(ms: number): Promise<void>;
  /** Run redis-cli against it; returns stdout. */
  cli(...args: string[]): string;
  readonly running: boolean;
}

const started = new Set<RedisServerHandle>();
process.once('exit', () => {
  for (const server of started) void server.kill();
});

/**
 * A throwaway redis-server on a free loopback port, for tests: no persistence, its own working
 * folder, stopped on process exit. Only servers it started are ever stopped.
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await getFreePort());
  const host = '127.0.0.1';
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-redis-'));
  let child: ChildProcess | undefined;

  const cli = (...args: string[]): string => {
    const result = spawnSync('redis-cli', ['-h', host, '-p', String(port), ...args], {
      encoding: 'utf8',
      timeout: 5_000,
    });
    if (result.error) throw result.error;
    return result.stdout.trim();
  };

  const launch = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        host,
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--protected-mode',
        'yes',
        ...(options.args ?? []),
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) =>
        reject(new Error(`redis-server on port ${port} exited (code ${code}) before it answered`)),
      ),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) await exited;
      try {
        if (cli('PING') === 'PONG') return;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
  };

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return resolve();
      current.once('exit', () => resolve());
      current.kill(signal);
    });

  await launch();
  const handle: RedisServerHandle = {
    host,
    port,
    url: `redis://${host}:${port}`,
    async stop() {
      await waitExit('SIGTERM');
      started.delete(handle);
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      await waitExit('SIGKILL');
    },
    async restart() {
      await waitExit('SIGKILL');
      await launch();
    },
    async pause(ms: number) {
      cli('CLIENT', 'PAUSE', String(ms));
    },
    cli,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
  };
  started.add(handle);
  return handle;
}
