import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { createCache } from 'cache-manager';
// Keyv 5, the major cache-manager itself depends on (cacheable re-exports it).
import { Cacheable, createKeyv, Keyv } from 'cacheable';

/** An in-memory cache library under test: set once, then read many times. */
export interface PeerCache {
  set(key: string, value: unknown): Promise<void>;
  get(key: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface PeerConfig {
  /** e.g. "bentocache (README: memoryDriver, serialize on)" */
  readonly name: string;
  create(): PeerCache;
}

const HOUR = 3_600_000;

/**
 * The peers of scenario 1, in memory only: each configured as its README (or docs page) shows,
 * and again with its copy/serialize option off. Whether a configuration copies is measured, not
 * assumed (scenario 1 checks the identity of what a read returns).
 */
export const PEER_CONFIGS: readonly PeerConfig[] = [
  {
    // bentocache.dev/docs/cache-drivers: a memory L1 with a size bound (needs serialize, the default).
    name: 'bentocache, docs setup (memoryDriver maxSize 10mb; serialize on)',
    create: () => bento(memoryDriver({ maxSize: '10mb' })),
  },
  {
    name: 'bentocache, serialize: false',
    create: () => bento(memoryDriver({ maxItems: 1000, serialize: false })),
  },
  {
    // README "Basic Usage": new Cacheable() — CacheableMemory primary, useClone true by default.
    name: 'cacheable, README setup (new Cacheable(); useClone on)',
    create: () => cacheable(new Cacheable()),
  },
  {
    name: 'cacheable, useClone: false',
    create: () => cacheable(new Cacheable({ primary: createKeyv({ useClone: false }) })),
  },
  {
    // README: "const cache = createCache()" — its own in-memory Keyv.
    name: 'cache-manager, README setup (createCache())',
    create: () => cacheManager(createCache()),
  },
  {
    // README: keyv.serialize = keyv.deserialize = undefined, "as it will try to do json serialization".
    name: 'cache-manager, Keyv serialize/deserialize undefined',
    create: () => {
      const keyv = new Keyv();
      keyv.serialize = undefined;
      keyv.deserialize = undefined;
      return cacheManager(createCache({ stores: [keyv] }));
    },
  },
];

function bento(driver: ReturnType<typeof memoryDriver>): PeerCache {
  const cache = new BentoCache({ default: 'memory', stores: { memory: bentostore().useL1Layer(driver) } });
  return {
    set: async (key, value) => void (await cache.set({ key, value, ttl: HOUR })),
    get: (key) => cache.get({ key }),
    close: () => cache.disconnect(),
  };
}

function cacheable(cache: Cacheable): PeerCache {
  return {
    set: async (key, value) => void (await cache.set(key, value, HOUR)),
    get: (key) => cache.get(key),
    close: () => cache.disconnect(),
  };
}

function cacheManager(cache: ReturnType<typeof createCache>): PeerCache {
  return {
    set: async (key, value) => void (await cache.set(key, value, HOUR)),
    get: (key) => cache.get(key),
    close: async () => void (await cache.disconnect()),
  };
}
