export { RedisStore, type RedisStoreOptions } from './redis-store.ts';
export { createRedisClient, reconnectDelay, type RedisConnectionOptions } from './create-redis-client.ts';
export { encodePayload, decodePayload, type CodecOptions, type Compression } from './payload-codec.ts';
