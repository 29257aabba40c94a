export { getFreePort } from './free-port.ts';
export { startRedisServer, type RedisServerHandle, type StartRedisServerOptions } from './redis-server.ts';
export {
  createUpstreamServer,
  type RecordedRequest,
  type UpstreamReply,
  type UpstreamRoute,
  type UpstreamServer,
} from './upstream-server.ts';
export { useUpstreamServer } from './use-upstream-server.ts';
export {
  loadFixtureSet,
  matchFixtureRoute,
  renderFixtureRoute,
  type FixtureRoute,
  type FixtureSet,
} from './fixture-routes.ts';
export { findModelList } from './find-model-list.ts';
export { startTcpProxy, type TcpProxyHandle } from './tcp-proxy.ts';
export { startRedisCluster, type RedisClusterHandle } from './redis-cluster.ts';
export { startRedisSentinel, type RedisSentinelHandle } from './redis-sentinel.ts';
export { startNodeProcess, type NodeProcessHandle, type NodeProcessOptions } from './node-process.ts';
export { seededRandom } from './seeded-random.ts';
