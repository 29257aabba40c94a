import { spawnSync } from 'node:child_process';
import { startRedisServer, type RedisServerHandle } from './redis-server.ts';

export interface RedisClusterHandle {
  readonly nodes: readonly RedisServerHandle[];
  /** Seed URLs of the masters. */
  readonly urls: string[];
  stop(): Promise<void>;
}

/**
 * A throwaway Redis Cluster of `masters` nodes on free loopback ports (no replicas), created with
 * `redis-cli --cluster create`; resolves once CLUSTER INFO says the cluster is ok.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const nodes: RedisServerHandle[] = [];
  try {
    for (let i = 0; i < masters; i++) {
      nodes.push(
        await startRedisServer({
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-node-timeout',
            '2000',
            '--cluster-config-file',
            `nodes-${i}.conf`,
          ],
        }),
      );
    }
    const created = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    const deadline = Date.now() + 15_000;
    while (!nodes.every((n) => n.cli('CLUSTER', 'INFO').includes('cluster_state:ok'))) {
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  return {
    nodes,
    urls: nodes.map((n) => n.url),
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
