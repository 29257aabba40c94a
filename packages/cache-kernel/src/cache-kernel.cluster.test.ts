import { startRedisCluster, type RedisClusterHandle } from '@catalog/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheKernel } from './cache-kernel.ts';
import { createRedisClient } from './redis/create-redis-client.ts';
import { RedisStore } from './redis/redis-store.ts';
import { FLEET_KEYS, registerKernelFleetSuite } from './testing/kernel-fleet-suite.ts';
import { List, models } from './testing/kernel-setup.ts';
import { TieredStore } from './tiered-store.ts';

// The kernel on a real 3-master Redis Cluster: the fleet suite (as on standalone Redis), and how
// keys spread over the masters.
let cluster: RedisClusterHandle;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

registerKernelFleetSuite('a 3-master Redis Cluster', () => ({
  mode: 'cluster',
  urls: cluster.urls,
  nodes: cluster.nodes,
  // redis-cli -c follows MOVED redirections to the node owning the key's slot.
  cli: (...args) => cluster.nodes[0]!.cli('-c', ...args),
}));

describe('the kernel on a Redis Cluster', () => {
  it('spreads provider keys over the masters, each key and its lock and fence in one slot', async () => {
    const kernel = new CacheKernel({
      store: new TieredStore(
        new RedisStore({ client: createRedisClient({ urls: cluster.urls, mode: 'cluster' }), keyPrefix: 'c:' }),
      ),
    });
    for (const key of FLEET_KEYS) kernel.register(key, { schema: List, fetch: async () => models(3, key) });
    try {
      expect(await kernel.connect(10_000)).toBe(true);
      await kernel.warm([...FLEET_KEYS]);
      await kernel.settle();
      const holders = cluster.nodes.map((node) => Number(node.cli('DBSIZE')));
      expect(holders.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
      for (const key of FLEET_KEYS) {
        const slots = new Set(
          [`c:{${key}}`, `c:{${key}}:lock`, `c:{${key}}:fence`].map((k) =>
            cluster.nodes[0]!.cli('CLUSTER', 'KEYSLOT', k),
          ),
        );
        expect(slots.size).toBe(1);
      }
    } finally {
      await kernel.close();
    }
  });
});
