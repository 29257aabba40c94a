import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getFreePort } from './free-port.ts';
import { startRedisServer, type RedisServerHandle } from './redis-server.ts';

export interface RedisSentinelHandle {
  readonly master: RedisServerHandle;
  readonly replica: RedisServerHandle;
  /** The sentinel's URL (what clients connect to) and the monitored group name. */
  readonly sentinelUrl: string;
  readonly name: string;
  /** The port of the current master, as the sentinel reports it. */
  currentMasterPort(): number;
  stop(): Promise<void>;
}

/**
 * A throwaway Sentinel setup on loopback: one master, one replica and one sentinel with short
 * timeouts (down after 500 ms), so a failover takes a couple of seconds.
 */
export async function startRedisSentinel(): Promise<RedisSentinelHandle> {
  const master = await startRedisServer();
  const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  const port = await getFreePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-sentinel-'));
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor mymaster 127.0.0.1 ${master.port} 1`,
      'sentinel down-after-milliseconds mymaster 500',
      'sentinel failover-timeout mymaster 2000',
      'sentinel parallel-syncs mymaster 1',
      '',
    ].join('\n'),
  );
  const sentinel: ChildProcess = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  const ask = (...args: string[]) =>
    spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 5_000 }).stdout.trim();
  const deadline = Date.now() + 10_000;
  while (!ask('SENTINEL', 'get-master-addr-by-name', 'mymaster').includes(String(master.port))) {
    if (Date.now() > deadline) throw new Error('the sentinel did not start monitoring the master within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Wait until the replica is in sync, so a failover has something to promote.
  while (!replica.cli('INFO', 'replication').includes('master_link_status:up')) {
    if (Date.now() > deadline) throw new Error('the replica did not sync within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    master,
    replica,
    sentinelUrl: `redis://127.0.0.1:${port}`,
    name: 'mymaster',
    currentMasterPort: () => Number(ask('SENTINEL', 'get-master-addr-by-name', 'mymaster').split('\n')[1]),
    async stop() {
      sentinel.kill('SIGKILL');
      await Promise.all([master.stop(), replica.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
