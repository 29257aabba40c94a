import type { Cluster, Redis } from 'ioredis';
import type { CacheStore, StoredEntry } from '../cache-store.ts';
import type { Envelope } from '../envelope.ts';
import { StoreError } from '../kernel-error.ts';
import { decodePayload, encodePayload, type CodecOptions } from './payload-codec.ts';

export interface RedisStoreOptions extends CodecOptions {
  /** An ioredis client (standalone, Sentinel or Cluster). Create one with `createRedisClient`. */
  client: Redis | Cluster;
  /** Prefix of every key (default "catalog:"). */
  keyPrefix?: string;
  /** A read slower than this fails (and the kernel answers from memory): default 50 ms. */
  readTimeoutMs?: number;
  /** Default 1 000 ms. */
  writeTimeoutMs?: number;
  /** Close the client on close() (default true). */
  ownsClient?: boolean;
}

interface StoredMeta {
  fetchedAt: number;
  freshUntil: number;
  staleUntil: number;
  expiresAt: number;
  version: string;
  writtenAt: number;
}

/**
 * Envelopes in Redis, one hash per key (`<prefix>{<key>}`, the braces make it a Cluster hash
 * tag): field `m` holds the small metadata, field `d` the value's JSON, compressed when that pays.
 * Reading the version alone (`peekVersion`) never transfers the payload. Every command has a
 * deadline; failures are StoreErrors the kernel counts and answers around.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  readonly client: Redis | Cluster;
  readonly #prefix: string;
  readonly #readTimeoutMs: number;
  readonly #writeTimeoutMs: number;
  readonly #codec: CodecOptions;
  readonly #ownsClient: boolean;
  readonly #reconnectListeners: (() => void)[] = [];
  readonly #errorListeners: ((error: unknown) => void)[] = [];
  #wasDown = false;

  constructor(options: RedisStoreOptions) {
    this.client = options.client;
    this.#prefix = options.keyPrefix ?? 'catalog:';
    this.#readTimeoutMs = options.readTimeoutMs ?? 50;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 1_000;
    this.#codec = options;
    this.#ownsClient = options.ownsClient ?? true;
    this.client.on('error', (error: unknown) => {
      this.#wasDown = true;
      for (const listener of this.#errorListeners) listener(error);
    });
    this.client.on('close', () => {
      // A lost connection counts as a connection error (failed reconnects emit 'error' too).
      if (!this.#wasDown) for (const listener of this.#errorListeners) listener(new Error('Redis connection closed'));
      this.#wasDown = true;
    });
    this.client.on('ready', () => {
      if (!this.#wasDown) return;
      this.#wasDown = false;
      for (const listener of this.#reconnectListeners) listener();
    });
  }

  /** The Redis key of a cache key: hash-tagged so all of one key's data shares a Cluster slot. */
  redisKey(key: string): string {
    return `${this.#prefix}{${key}}`;
  }

  isConnected(): boolean {
    return this.client.status === 'ready';
  }

  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  onConnectionError(listener: (error: unknown) => void): void {
    this.#errorListeners.push(listener);
  }

  async get(key: string): Promise<StoredEntry | undefined> {
    const [meta, data] = await this.#withDeadline('read', this.#readTimeoutMs, () =>
      this.client.hmgetBuffer(this.redisKey(key), 'm', 'd'),
    );
    if (!meta || !data) return undefined;
    let envelope: Envelope;
    try {
      const parsed = JSON.parse(meta.toString('utf8')) as StoredMeta;
      envelope = { ...checkMeta(parsed), value: JSON.parse(decodePayload(data)) as unknown };
    } catch (error) {
      throw new StoreError('decode', `the entry of "${key}" in Redis is corrupt and was ignored`, error);
    }
    return { envelope, source: 'redis' };
  }

  /** The stored version and timestamps only (no payload): to confirm freshness cheaply. */
  async peekMeta(key: string): Promise<Omit<Envelope, 'value'> | undefined> {
    const meta = await this.#withDeadline('read', this.#readTimeoutMs, () => this.client.hget(this.redisKey(key), 'm'));
    if (!meta) return undefined;
    try {
      return checkMeta(JSON.parse(meta) as StoredMeta);
    } catch (error) {
      throw new StoreError('decode', `the metadata of "${key}" in Redis is corrupt`, error);
    }
  }

  async set(key: string, envelope: Envelope, json?: string): Promise<void> {
    const { value, ...meta } = envelope;
    const payload = encodePayload(json ?? JSON.stringify(value), this.#codec);
    const redisKey = this.redisKey(key);
    const ttl = Math.max(1_000, envelope.expiresAt - Date.now());
    await this.#withDeadline('write', this.#writeTimeoutMs, async () => {
      // DEL first: a key of the wrong type (or a stale field) never blocks the write.
      const results = await this.client
        .multi()
        .del(redisKey)
        .hset(redisKey, 'm', JSON.stringify(meta), 'd', payload)
        .pexpire(redisKey, ttl)
        .exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    });
  }

  async delete(key: string): Promise<void> {
    await this.#withDeadline('write', this.#writeTimeoutMs, () => this.client.del(this.redisKey(key)));
  }

  async getDocument(name: string): Promise<string | undefined> {
    const value = await this.#withDeadline('read', Math.max(this.#readTimeoutMs, 500), () =>
      this.client.get(`${this.#prefix}doc:{${name}}`),
    );
    return value ?? undefined;
  }

  async setDocument(name: string, json: string): Promise<void> {
    await this.#withDeadline('write', this.#writeTimeoutMs, () =>
      this.client.set(`${this.#prefix}doc:{${name}}`, json),
    );
  }

  async close(): Promise<void> {
    if (!this.#ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  async #withDeadline<T>(operation: 'read' | 'write', ms: number, run: () => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready') {
      throw new StoreError(operation, `Redis is not connected (status ${this.client.status})`);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        run(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new StoreError(operation, `Redis did not answer within ${ms} ms`)), ms);
        }),
      ]);
    } catch (error) {
      if (StoreError.isInstance(error)) throw error;
      throw new StoreError(operation, error instanceof Error ? error.message : String(error), error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function checkMeta(meta: StoredMeta): Omit<Envelope, 'value'> {
  const numbers = [meta.fetchedAt, meta.freshUntil, meta.staleUntil, meta.expiresAt, meta.writtenAt];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n)) || typeof meta.version !== 'string') {
    throw new Error('metadata fields missing or of the wrong type');
  }
  return {
    fetchedAt: meta.fetchedAt,
    freshUntil: meta.freshUntil,
    staleUntil: meta.staleUntil,
    expiresAt: meta.expiresAt,
    version: meta.version,
    writtenAt: meta.writtenAt,
  };
}
