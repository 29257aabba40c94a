import {
  startRedisCluster,
  startRedisServer,
  type RedisClusterHandle,
  type RedisServerHandle,
} from '@catalog/test-kit';
import { afterAll, beforeAll } from 'vitest';
import { createRedisClient } from './create-redis-client.ts';
import { RedisStore } from './redis-store.ts';
import { registerSharedStoreSuite } from './shared-store-suite.ts';

let standalone: RedisServerHandle;
let cluster: RedisClusterHandle;
const stores: RedisStore[] = [];
let prefixes = 0;

async function connected(store: RedisStore): Promise<RedisStore> {
  if (!(await store.waitUntilConnected(10_000))) throw new Error('Redis did not become ready');
  stores.push(store);
  return store;
}

beforeAll(async () => {
  [standalone, cluster] = await Promise.all([startRedisServer(), startRedisCluster(3)]);
}, 60_000);
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([standalone?.stop(), cluster?.stop()]);
});

registerSharedStoreSuite('standalone Redis', () => ({
  store: (prefix) =>
    connected(
      new RedisStore({ client: createRedisClient({ urls: [standalone.url] }), keyPrefix: prefix ?? `s${++prefixes}:` }),
    ),
  raw: (_key, ...args) => standalone.cli(...args),
  all: (...args) => [standalone.cli(...args)],
}));

registerSharedStoreSuite('a 3-master Redis Cluster', () => ({
  store: (prefix) =>
    connected(
      new RedisStore({
        client: createRedisClient({ urls: cluster.urls, mode: 'cluster' }),
        keyPrefix: prefix ?? `c${++prefixes}:`,
      }),
    ),
  // redis-cli -c follows MOVED redirections to the node owning the key's slot.
  raw: (_key, ...args) => {
    const node = cluster.nodes[0]!;
    return node.cli('-c', ...args);
  },
  all: (...args) => cluster.nodes.map((node) => node.cli(...args)),
}));
