import type { Cluster, Redis } from 'ioredis';
import type { CacheStore, StoredEntry, StoreReadOptions } from '../cache-store.ts';
import type { CoordinatedStore, StoreEvent } from '../coordinated-store.ts';
import { parseEnvelopeMeta, type Envelope, type EnvelopeMeta } from '../envelope.ts';
import { StoreError } from '../kernel-error.ts';
import { CommandDeadlines, type Deadline } from './command-deadlines.ts';
import { subscribeEvents, type EventSubscription } from './event-subscription.ts';
import { decodeEntry, encodeEntry } from './entry-codec.ts';
import { decodePayload, type CodecOptions } from './payload-codec.ts';

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

/**
 * Writes unless the stored fence is newer, or (for a fenced write) a newer fence was issued since:
 * by a later refresh, or by an invalidation, so a copy held elsewhere since before it (e.g. by an
 * instance that was cut off and writes its memory back on reconnect) never returns. A key of the
 * wrong type is replaced. KEYS: the entry, its fence counter (same hash tag, same slot).
 */
const SET_FENCED = `
local fence = tonumber(ARGV[1])
local current = redis.pcall('HGET', KEYS[1], 'f')
if type(current) == 'table' and current.err then current = false end
if current and tonumber(current) and tonumber(current) > fence then return 0 end
if fence > 0 then
  local issued = redis.pcall('GET', KEYS[2])
  if type(issued) ~= 'table' and tonumber(issued) and tonumber(issued) > fence then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'm', ARGV[2], 'e', ARGV[3], 'f', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Deletes the entry and bumps its fence counter (an invalidation is newer than every earlier write). */
const DELETE_FENCED = `
redis.call('DEL', KEYS[1])
local counter = redis.call('TYPE', KEYS[2]).ok
if counter == 'string' or counter == 'none' then redis.pcall('INCR', KEYS[2]) end
return 1`;

/**
 * Issues the next fence of a key: never at or below the stored entry's, so a counter that was lost
 * (evicted under allkeys-lru, deleted) or replaced by a key of another type cannot leave every
 * later write refused. KEYS: the entry, its fence counter.
 */
const NEXT_FENCE = `
local floor = 0
local stored = redis.pcall('HGET', KEYS[1], 'f')
if type(stored) ~= 'table' and tonumber(stored) then floor = tonumber(stored) end
local issued = redis.pcall('INCR', KEYS[2])
if type(issued) == 'table' then
  redis.call('DEL', KEYS[2])
  issued = redis.call('INCR', KEYS[2])
end
if issued <= floor then
  issued = floor + 1
  redis.call('SET', KEYS[2], issued)
end
return issued`;

/**
 * Takes the lock if free. A lock key that could never expire (of another type, or without an
 * expiry: written by something else) is taken over, so it cannot stop refreshes for good.
 */
const ACQUIRE_LOCK = `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'none' and (kind ~= 'string' or redis.call('PTTL', KEYS[1]) < 0) then redis.call('DEL', KEYS[1]) end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
return 0`;

/** Deletes the lock only when the caller still owns it. */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Writes a document only if it still holds the expected text (ARGV[1] '0': absent, '1': equal to
 * ARGV[2]). A key of another type counts as changed, never as absent.
 */
const COMPARE_AND_SET_DOCUMENT = `
local kind = redis.call('TYPE', KEYS[1]).ok
if ARGV[1] == '0' then
  if kind ~= 'none' then return 0 end
elseif kind ~= 'string' or redis.call('GET', KEYS[1]) ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
return 1`;

/**
 * Envelopes in Redis, one hash per key (`<prefix>{<key>}`, the braces make it a Cluster hash
 * tag): field `e` holds the entry (a binary metadata header, then the value's JSON, compressed
 * when that pays; entry-codec.ts), read in one command as one bulk reply; field `m` holds the
 * metadata as JSON, so reading the version alone (`peekVersion`) never transfers the payload;
 * field `f` the fence of the write. Every command has a deadline; failures are StoreErrors the
 * kernel counts and answers around.
 */
export class RedisStore implements CoordinatedStore {
  readonly kind = 'redis';
  readonly client: Redis | Cluster;
  readonly #prefix: string;
  readonly #readTimeoutMs: number;
  readonly #writeTimeoutMs: number;
  readonly #codec: CodecOptions;
  readonly #ownsClient: boolean;
  readonly #reconnectListeners: (() => void)[] = [];
  readonly #errorListeners: ((error: unknown) => void)[] = [];
  readonly #deadlines = new CommandDeadlines();
  #wasDown = false;
  #subscription: EventSubscription | undefined;

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

  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (connected: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(connected);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.on('ready', onReady);
    });
  }

  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  onConnectionError(listener: (error: unknown) => void): void {
    this.#errorListeners.push(listener);
  }

  /** The entry, in one command (one bulk reply: header and payload, entry-codec.ts). */
  get(key: string, options: StoreReadOptions = {}): Promise<StoredEntry | undefined> {
    const redisKey = this.redisKey(key);
    return this.#withDeadline(
      'read',
      this.#readDeadline(options),
      () => this.client.hgetBuffer(redisKey, 'e'),
      (entry, deadline) =>
        entry
          ? decodeStored(key, entry)
          : this.#getSeparateFields(key, redisKey, this.#deadlines.remainingMs(deadline)),
    );
  }

  /**
   * An entry of the earlier layout (fields `m` and `d`, written by cache-kernel 0.1, before the
   * one-field entry): still read, at one more command within what is left of the read's deadline,
   * until a refresh rewrites it. Also what a missing key costs (a miss is followed by an upstream
   * fetch anyway).
   */
  #getSeparateFields(key: string, redisKey: string, remainingMs: number): Promise<StoredEntry | undefined> {
    return this.#withDeadline(
      'read',
      Math.max(1, Math.ceil(remainingMs)),
      () => this.client.hmgetBuffer(redisKey, 'm', 'd'),
      ([meta, data]) => {
        if (!meta || !data) return undefined;
        try {
          const json = decodePayload(data);
          const envelope = {
            ...checkMeta(JSON.parse(meta.toString('utf8')) as unknown),
            value: JSON.parse(json) as unknown,
          };
          return { envelope, source: 'redis' as const, jsonLength: json.length };
        } catch (error) {
          throw corruptEntry(key, error);
        }
      },
    );
  }

  #readDeadline(options: StoreReadOptions): number {
    return options.patient ? Math.max(this.#readTimeoutMs, this.#writeTimeoutMs) : this.#readTimeoutMs;
  }

  /** The stored version and timestamps only (no payload): to confirm freshness cheaply. */
  async peekMeta(key: string, options: StoreReadOptions = {}): Promise<EnvelopeMeta | undefined> {
    const meta = await this.#withDeadline('read', this.#readDeadline(options), () =>
      this.client.hget(this.redisKey(key), 'm'),
    );
    if (!meta) return undefined;
    try {
      return checkMeta(JSON.parse(meta) as unknown);
    } catch (error) {
      throw new StoreError('decode', `the metadata of "${key}" in Redis is corrupt`, error);
    }
  }

  async set(key: string, envelope: Envelope, json?: string): Promise<void> {
    await this.setFenced(key, { ...envelope, fence: envelope.fence ?? 0 }, json);
  }

  async setFenced(key: string, envelope: Envelope & { fence: number }, json?: string): Promise<boolean> {
    const { value, ...meta } = envelope;
    const entry = encodeEntry(meta, json ?? JSON.stringify(value), this.#codec);
    const ttl = Math.max(1_000, envelope.expiresAt - Date.now());
    const written = await this.#withDeadline('write', this.#writeTimeoutMs, () =>
      this.client.eval(
        SET_FENCED,
        2,
        this.redisKey(key),
        this.#fenceKey(key),
        String(envelope.fence),
        JSON.stringify(meta),
        entry,
        String(ttl),
      ),
    );
    return Number(written) === 1;
  }

  async acquireLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const answer = await this.#withDeadline('lock', this.#writeTimeoutMs, () =>
      this.client.eval(ACQUIRE_LOCK, 1, this.#lockKey(key), owner, String(Math.max(1, Math.round(ttlMs)))),
    );
    return Number(answer) === 1;
  }

  async releaseLock(key: string, owner: string): Promise<void> {
    await this.#withDeadline('unlock', this.#writeTimeoutMs, () =>
      this.client.eval(RELEASE_LOCK, 1, this.#lockKey(key), owner),
    );
  }

  async isLocked(key: string, options: StoreReadOptions = {}): Promise<boolean> {
    const exists = await this.#withDeadline('read', this.#readDeadline(options), () =>
      this.client.exists(this.#lockKey(key)),
    );
    return exists === 1;
  }

  async nextFence(key: string): Promise<number> {
    const issued = await this.#withDeadline('fence', this.#writeTimeoutMs, () =>
      this.client.eval(NEXT_FENCE, 2, this.redisKey(key), this.#fenceKey(key)),
    );
    return Number(issued);
  }

  #fenceKey(key: string): string {
    return `${this.redisKey(key)}:fence`;
  }

  #lockKey(key: string): string {
    return `${this.redisKey(key)}:lock`;
  }

  #documentKey(name: string): string {
    return `${this.#prefix}doc:{${name}}`;
  }

  async publish(event: StoreEvent): Promise<void> {
    await this.#withDeadline('publish', this.#writeTimeoutMs, () =>
      this.client.publish(this.#channel, JSON.stringify(event)),
    );
  }

  async subscribe(listener: (event: StoreEvent) => void, onResubscribed: () => void): Promise<void> {
    if (this.#subscription) throw new Error('RedisStore.subscribe: already subscribed');
    this.#subscription = subscribeEvents(this.client, this.#channel, {
      onMessage(message) {
        try {
          listener(JSON.parse(message) as StoreEvent);
        } catch {
          // a malformed event is ignored; the fence check on reads keeps values correct
        }
      },
      onResubscribed,
    });
    await this.#subscription.ready;
  }

  get #channel(): string {
    return `${this.#prefix}events`;
  }

  /** Deletes the entry and issues a new fence, so no write fenced before the delete lands after it. */
  async delete(key: string): Promise<void> {
    await this.#withDeadline('write', this.#writeTimeoutMs, () =>
      this.client.eval(DELETE_FENCED, 2, this.redisKey(key), this.#fenceKey(key)),
    );
  }

  async getDocument(name: string): Promise<string | undefined> {
    const value = await this.#withDeadline('read', Math.max(this.#readTimeoutMs, 500), () =>
      this.client.get(this.#documentKey(name)),
    );
    return value ?? undefined;
  }

  async setDocument(name: string, json: string): Promise<void> {
    await this.#withDeadline('write', this.#writeTimeoutMs, () => this.client.set(this.#documentKey(name), json));
  }

  async compareAndSetDocument(name: string, expected: string | undefined, json: string): Promise<boolean> {
    const written = await this.#withDeadline('write', this.#writeTimeoutMs, () =>
      this.client.eval(
        COMPARE_AND_SET_DOCUMENT,
        1,
        this.#documentKey(name),
        expected === undefined ? '0' : '1',
        expected ?? '',
        json,
      ),
    );
    return Number(written) === 1;
  }

  async close(): Promise<void> {
    this.#subscription?.close();
    this.#subscription = undefined;
    if (!this.#ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /**
   * Runs a command with a deadline; `map` turns its reply into the result (its throw rejects, a
   * promise it returns is followed). One promise settled by whichever comes first, the reply or the
   * deadline (no race of two); a reply after the deadline is not mapped.
   */
  #withDeadline<T, R = T>(
    operation: 'read' | 'write' | 'lock' | 'unlock' | 'fence' | 'publish',
    ms: number,
    run: () => Promise<T>,
    map?: (reply: T, deadline: Deadline) => R | Promise<R>,
  ): Promise<R> {
    if (this.client.status !== 'ready') {
      return Promise.reject(new StoreError(operation, `Redis is not connected (status ${this.client.status})`));
    }
    return new Promise<R>((resolve, reject) => {
      const deadline = this.#deadlines.start(ms, () =>
        reject(new StoreError(operation, `Redis did not answer within ${ms} ms`)),
      );
      let reply: Promise<T>;
      try {
        reply = run();
      } catch (error) {
        reply = Promise.reject(error as Error);
      }
      reply.then(
        (value) => {
          if (!deadline.settle()) return;
          if (map === undefined) return resolve(value as unknown as R);
          try {
            resolve(map(value, deadline));
          } catch (error) {
            reject(error as Error);
          }
        },
        (error: unknown) => {
          deadline.settle();
          reject(
            StoreError.isInstance(error)
              ? error
              : new StoreError(operation, error instanceof Error ? error.message : String(error), error),
          );
        },
      );
    });
  }
}

/** A value and its metadata from one entry (entry-codec.ts); a StoreError('decode') when corrupt. */
function decodeStored(key: string, entry: Buffer): StoredEntry {
  try {
    const { envelope, jsonLength } = decodeEntry(entry);
    return { envelope, source: 'redis', jsonLength };
  } catch (error) {
    throw corruptEntry(key, error);
  }
}

function corruptEntry(key: string, cause: unknown): StoreError {
  return new StoreError('decode', `the entry of "${key}" in Redis is corrupt and was ignored`, cause);
}

/**
 * The stored metadata, checked (envelope.ts's parseEnvelopeMeta); throws when malformed. A fence
 * that is not a number is left out, as the store never writes one.
 */
function checkMeta(stored: unknown): EnvelopeMeta {
  const fence = (stored as { fence?: unknown } | null)?.fence;
  const meta = parseEnvelopeMeta(
    fence === undefined || typeof fence === 'number' ? stored : { ...stored!, fence: undefined },
  );
  if (!meta) throw new Error('metadata fields missing or of the wrong type');
  return meta;
}
