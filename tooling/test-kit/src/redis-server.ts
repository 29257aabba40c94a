// Placeholder until the kernel work lands its redis-server helper.
export interface StartRedisServerOptions {
  args?: string[];
}
export interface RedisServerHandle {
  port: number;
}
export function startRedisServer(_options?: StartRedisServerOptions): Promise<RedisServerHandle> {
  throw new Error('not yet');
}
