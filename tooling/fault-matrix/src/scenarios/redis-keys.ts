// The Redis keys of one provider as the API lays them out (RedisStore with its default prefix
// `catalog:`; the braces are the Cluster hash tag), for scenarios that damage them.

/** The provider's entry (a hash: entry `e` = binary header + payload, metadata JSON `m`, fence `f`). */
export const entryKey = (provider: string) => `catalog:{${provider}}`;

/** The counter that issues the entry's write fences. */
export const fenceKey = (provider: string) => `${entryKey(provider)}:fence`;

/** The fleet's refresh lock of the provider. */
export const lockKey = (provider: string) => `${entryKey(provider)}:lock`;
