import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { z } from 'zod';
import type { CacheStore, StoreReadOptions } from './cache-store.ts';
import { isCoordinatedStore, type CoordinatedStore, type StoreEvent } from './coordinated-store.ts';
import { CoarseClock } from './coarse-clock.ts';
import {
  contentVersion,
  deepFreeze,
  freezeParsed,
  envelopeMeta,
  parseEnvelopeMeta,
  type Envelope,
  type EnvelopeMeta,
} from './envelope.ts';
import { KernelEvents, type KernelEventName, type KernelListener } from './kernel-events.ts';
import { CircuitOpenError, NoValueError, RejectedValueError, StoreError, UnknownKeyError } from './kernel-error.ts';
import { KernelMetrics, type KeyCounts } from './kernel-metrics.ts';
import { DEFAULT_KEY_POLICY, jittered, resolvePolicy, type KeyPolicy, type KeyPolicyOverrides } from './key-policy.ts';
import { BREAKER_STATE_VALUE, KeyResilience, type BreakerState } from './key-resilience.ts';
import { defaultCount, guardValue, type CountFn } from './last-good-guard.ts';
import { shareUnchanged } from './share-unchanged.ts';
import { MemoryStore, type HeldEntry } from './memory/memory-store.ts';
import { TieredStore } from './tiered-store.ts';
import { updateDocument, type DocumentUpdate, type UpdateDocumentOptions } from './update-document.ts';

/** Logger with pino's shape. */
export interface KernelLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CacheKernelOptions {
  /** Default: an in-memory store. A TieredStore (memory + Redis) or a RedisStore (memory is put in front) share values across instances. */
  store?: CacheStore;
  /** prom-client registry for the metrics (default: a new one, never the global). */
  registry?: Registry;
  metricPrefix?: string;
  /** Policy defaults for every key (per-key policies override). */
  defaults?: KeyPolicyOverrides;
  /** Coalesce invalidations of one key within this window, ms (default 0: at once). */
  invalidationDebounceMs?: number;
  /**
   * With a shared store that supports it (Redis): one upstream fetch per key across all
   * instances (a lock with owner and expiry), fenced writes, and pub/sub so every instance's
   * memory follows refreshes and invalidations (default true).
   */
  coordination?: boolean;
  logger?: KernelLogger;
  now?: () => number;
  random?: () => number;
}

export interface RegisterOptions<T> {
  /** Fetches the value from upstream; honour the signal (it carries the per-attempt timeout). */
  fetch: (signal: AbortSignal) => Promise<unknown>;
  /** Every fetched (and every remotely stored) value is validated with it. */
  schema: z.ZodType<T>;
  policy?: KeyPolicyOverrides;
  /** Item count for empty/shrink protection and catalog_models (default: array length). */
  count?: CountFn<T>;
  /** Keys invalidated with this one when invalidation cascades (e.g. an aggregate). */
  dependents?: string[];
}

export type ReadState = 'fresh' | 'stale' | 'stale-error';

/** A value as read: the value itself (frozen, never copied), its state, age and origin. */
export interface CacheRead<T> {
  readonly value: T;
  readonly state: ReadState;
  readonly ageMs: number;
  readonly source: 'memory' | 'redis' | 'upstream';
  readonly version: string;
  readonly fetchedAt: number;
}

export interface RefreshOptions {
  /** Fetch even when the value is fresh. */
  readonly force?: boolean;
  /** Fetch even when fresh, unless the value is no longer this version (then adopt the newer one). */
  readonly ifVersion?: string;
}

export interface KeyStatus {
  readonly key: string;
  readonly breaker: BreakerState;
  readonly state: ReadState | 'empty';
  readonly version?: string;
  readonly ageMs?: number;
  readonly count?: number;
  readonly hits: number;
  readonly misses: number;
  readonly hitRate?: number;
  readonly lastAttemptAt?: number;
  readonly lastSuccessAt?: number;
  readonly lastError?: { readonly message: string; readonly reason: string; readonly at: number };
  readonly lastRejection?: { readonly reason: string; readonly detail: string; readonly at: number };
}

interface Registration<T = unknown> {
  readonly key: string;
  readonly options: RegisterOptions<T>;
  readonly policy: KeyPolicy;
  readonly resilience: KeyResilience;
  /** Hits and misses, counted here on the read path (the metrics read them when scraped). */
  readonly counts: KeyCounts;
  readonly count: CountFn<T>;
  inflight?: Promise<Envelope<T>>;
  /** The shared-store read in flight (concurrent cold reads and reloads share it). */
  remoteRead?: Promise<Envelope | undefined>;
  /**
   * The envelope last adopted from the shared store (a peer's fetch), to report its source as
   * redis. A field, not a WeakSet of envelopes: adding to a WeakSet cost ~0.4 µs a read.
   */
  adoptedFromRemote?: Envelope;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  lastFailureAt?: number;
  lastError?: { message: string; reason: string; at: number };
  lastRejection?: { reason: string; detail: string; at: number };
  breakerState: BreakerState;
  /**
   * The last fresh memory hit, handed out again (the same frozen read, the same resolved promise)
   * while the envelope and the coarse clock's tick are unchanged: a hot key's reads allocate nothing.
   */
  freshHit?: {
    /** Memory's entry of the key when the read was made: read again without a lookup. */
    readonly entry: HeldEntry;
    readonly envelope: Envelope;
    readonly now: number;
    readonly read: Promise<CacheRead<unknown>>;
  };
}

const silent: KernelLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** How long a resync waits for the shared store's command connection after the subscription is back. */
const RESYNC_CONNECT_WAIT_MS = 2_000;

/**
 * The cache kernel: every registered key is served from memory when it can be, from the shared
 * store when memory misses, and fetched upstream (single-flight, through breaker, retries and
 * timeout, with last-good protection) when nothing usable is held. Reads never wait on a failing
 * upstream when a last good value exists, and never wait on a slow or dead shared store beyond its
 * read deadline.
 */
export class CacheKernel {
  readonly registry: Registry;
  readonly events = new KernelEvents();
  readonly #local: MemoryStore;
  readonly #remote: CacheStore | undefined;
  readonly #storeKind: string;
  readonly #registrations = new Map<string, Registration>();
  readonly #metrics: KernelMetrics;
  readonly #defaults: KeyPolicy;
  readonly #logger: KernelLogger;
  readonly #now: () => number;
  /** The clock of memory hits unless `now` is injected (no clock read per hit; see #hitTime). */
  readonly #coarseClock: CoarseClock | undefined;
  readonly #random: () => number;
  readonly #debounceMs: number;
  readonly #debounced = new Map<
    string,
    { timer: NodeJS.Timeout; cascade: boolean; done: Promise<void>; resolve: () => void }
  >();
  readonly #background = new Set<Promise<unknown>>();
  #lastWrite = 0;
  #closed = false;
  /** This instance's identity in locks and change events. */
  readonly instanceId = randomUUID();
  readonly #coordinated: CoordinatedStore | undefined;
  readonly #peerWaiters = new Map<string, Set<() => void>>();
  /** The last stored version of each key that failed validation here (not read again). */
  readonly #invalidRemote = new Map<string, string>();

  constructor(options: CacheKernelOptions = {}) {
    const store = options.store ?? new MemoryStore();
    if (store instanceof MemoryStore) {
      this.#local = store;
    } else if (store instanceof TieredStore) {
      this.#local = store.local;
      this.#remote = store.remote;
    } else {
      this.#local = new MemoryStore();
      this.#remote = store;
    }
    this.#storeKind = this.#remote ? `memory+${this.#remote.kind}` : 'memory';
    this.registry = options.registry ?? new Registry();
    this.#defaults = resolvePolicy(DEFAULT_KEY_POLICY, options.defaults);
    this.#logger = options.logger ?? silent;
    this.#now = options.now ?? Date.now;
    this.#coarseClock = options.now ? undefined : new CoarseClock();
    this.#random = options.random ?? Math.random;
    this.#debounceMs = options.invalidationDebounceMs ?? 0;
    this.#metrics = new KernelMetrics(this.registry, options.metricPrefix ?? '', {
      keys: () => [...this.#registrations.keys()],
      ageSeconds: (key) => {
        const envelope = this.#local.peekLocal(key);
        return envelope ? Math.max(0, (this.#now() - envelope.fetchedAt) / 1000) : undefined;
      },
      counts: (key) => this.#registrations.get(key)!.counts,
    });
    this.#remote?.onConnectionError?.((error) => {
      this.#metrics.redisConnectionError();
      this.events.emit('store-error', { key: undefined, operation: 'connection', error });
    });
    this.#remote?.onReconnect?.(() => this.#track(this.#repopulate()));
    this.#coordinated = options.coordination !== false && isCoordinatedStore(this.#remote) ? this.#remote : undefined;
    if (this.#coordinated) {
      this.#track(
        this.#coordinated
          .subscribe(
            (event) => this.#onPeerEvent(event),
            () => this.#track(this.#resync()),
          )
          .catch((error: unknown) =>
            this.events.emit('store-error', { key: undefined, operation: 'subscribe', error }),
          ),
      );
    }
  }

  /** The store in use, e.g. "memory" or "memory+redis". */
  get storeKind(): string {
    return this.#storeKind;
  }

  /**
   * Waits (at most `timeoutMs`) for the shared store's connection, so a starting instance joins
   * the fleet's coordination instead of fetching on its own. Resolves false on timeout: serving
   * never waits for Redis beyond this.
   */
  async connect(timeoutMs = 2_000): Promise<boolean> {
    if (!this.#remote?.waitUntilConnected) return true;
    return this.#remote.waitUntilConnected(timeoutMs);
  }

  /** Whether the shared store is connected (undefined without one). */
  remoteConnected(): boolean | undefined {
    return this.#remote ? (this.#remote.isConnected?.() ?? true) : undefined;
  }

  register<T>(key: string, options: RegisterOptions<T>): void {
    if (this.#registrations.has(key)) throw new RangeError(`cache key "${key}" is registered already`);
    const policy = resolvePolicy(this.#defaults, options.policy);
    const resilience = new KeyResilience(key, policy, { random: this.#random, now: this.#now });
    const registration: Registration<T> = {
      key,
      options,
      policy,
      resilience,
      counts: this.#metrics.addKey(key),
      count: options.count ?? (defaultCount as CountFn<T>),
      breakerState: 'closed',
    };
    resilience.onRetry((notice) => this.events.emit('retry', { key, ...notice }));
    resilience.breaker.onStateChange(() => {
      const state = resilience.state();
      if (state === registration.breakerState) return;
      registration.breakerState = state;
      this.#metrics.breaker(key, BREAKER_STATE_VALUE[state]);
      this.events.emit('breaker', { key, state });
      this.#logger.warn({ key, state }, `circuit ${state}`);
    });
    this.#registrations.set(key, registration as Registration);
  }

  isRegistered(key: string): boolean {
    return this.#registrations.has(key);
  }

  keys(): string[] {
    return [...this.#registrations.keys()];
  }

  /**
   * The value of `key`. Fresh: at once. Stale within the window: at once, with one background
   * refresh. Past it while the upstream fails: the last good value up to maxStale ('stale-error').
   * Nothing usable: one shared fetch (single-flight); NoValueError if it fails.
   */
  get<T = unknown>(key: string): Promise<CacheRead<T>> {
    // The memory hit, without an async frame: an already-resolved promise of the held value.
    const registration = this.#registrations.get(key);
    if (registration !== undefined) {
      const now = this.#hitTime();
      // Within the clock tick of the last fresh read, with memory's entry unchanged: that read again.
      const last = registration.freshHit;
      if (last !== undefined && last.now === now && last.entry.read() === last.envelope) {
        this.#noteHit(registration, 'fresh', 'memory');
        return last.read as Promise<CacheRead<T>>;
      }
      const entry = this.#local.peekEntry(key);
      const local = entry?.read();
      if (entry !== undefined && local !== undefined && now < local.staleUntil) {
        const read = this.#serveHeld(registration, local, 'memory', now);
        const resolved = Promise.resolve(read);
        // Only a fresh read is reused: a stale one must start its background refresh each time.
        if (read.state === 'fresh') registration.freshHit = { entry, envelope: local, now, read: resolved };
        return resolved as Promise<CacheRead<T>>;
      }
    }
    return this.#getBeyondMemory<T>(key);
  }

  /**
   * The time for a memory hit: the coarse clock's (a method of one class, so the hit path calls one
   * function whichever kernel it runs for), or the injected clock.
   */
  #hitTime(): number {
    return this.#coarseClock !== undefined ? this.#coarseClock.now() : this.#now();
  }

  /** get() when memory holds nothing servable at once: the shared store, then one shared fetch. */
  async #getBeyondMemory<T>(key: string): Promise<CacheRead<T>> {
    const registration = this.#registration(key);
    const now = this.#now();
    const local = this.#local.peekLocal(key);
    if (local !== undefined && now < local.staleUntil)
      return this.#serveHeld(registration, local, 'memory', now) as CacheRead<T>;

    let held: { envelope: Envelope; source: 'memory' | 'redis' } | undefined =
      local !== undefined && now < local.expiresAt ? { envelope: local, source: 'memory' } : undefined;
    // A fetch in flight ends with the shared store's value (adopted) or a new one: join it rather
    // than read the store too. Concurrent reads share one store read (no flood of reads of one key).
    // A store known to be disconnected is not asked (it would only fail): straight to the fetch.
    if (
      this.#remote &&
      registration.inflight === undefined &&
      (held === undefined || now >= held.envelope.staleUntil) &&
      this.#remoteReachable()
    ) {
      const remote = await this.#readRemoteShared(registration);
      if (remote && now < remote.expiresAt && (!held || remote.writtenAt > held.envelope.writtenAt)) {
        held = { envelope: remote, source: 'redis' };
      }
    }
    if (held && now < held.envelope.staleUntil)
      return this.#serveHeld(registration, held.envelope, held.source, now) as CacheRead<T>;

    if (held && this.#upstreamFailing(registration)) {
      // Past the stale window and the upstream is failing: serve the last good value at once.
      this.#refreshInBackground(registration);
      this.#noteHit(registration, 'stale-error', held.source);
      return this.#read(held.envelope, 'stale-error', held.source, now) as CacheRead<T>;
    }

    this.#metrics.miss(key);
    this.events.emit('miss', { key });
    try {
      const envelope = await this.#fetch(registration);
      return this.#read(
        envelope,
        'fresh',
        registration.adoptedFromRemote === envelope ? 'redis' : 'upstream',
        this.#now(),
      ) as CacheRead<T>;
    } catch (error) {
      if (held) return this.#read(held.envelope, 'stale-error', held.source, this.#now()) as CacheRead<T>;
      throw new NoValueError(key, error);
    }
  }

  /** What memory holds for `key` now, with its state; never fetches, never waits. */
  peek<T = unknown>(key: string): CacheRead<T> | undefined {
    const registration = this.#registration(key);
    const now = this.#now();
    const envelope = this.#local.peekLocal(key);
    if (!envelope || now >= envelope.expiresAt) return undefined;
    return this.#read(envelope, this.#stateOf(registration, envelope, now), 'memory', now) as CacheRead<T>;
  }

  /**
   * A read that never waits: what memory holds now, counted as a hit (or a miss when nothing
   * usable is held). Like get(), a stale value triggers one background refresh, and a missing
   * one a background fetch; the caller does not wait for either.
   */
  readNow<T = unknown>(key: string): CacheRead<T> | undefined {
    const registration = this.#registration(key);
    const now = this.#now();
    const envelope = this.#local.peekLocal(key);
    if (!envelope || now >= envelope.expiresAt) {
      this.#metrics.miss(key);
      if (this.events.has('miss')) this.events.emit('miss', { key });
      this.#refreshInBackground(registration);
      return undefined;
    }
    return this.#serveHeld(registration, envelope, 'memory', now) as CacheRead<T>;
  }

  /**
   * Fetch now (shared with any fetch in flight). Without `force`, a fresh value is kept as is.
   * With `ifVersion`, fetch even though the value is fresh, unless it is no longer that version:
   * a value another instance (or a concurrent call) stored since is adopted instead of fetching
   * again — what a scheduled early refresh wants, so a fleet makes one fetch per refresh.
   * On failure the last good value stays and the error is thrown.
   */
  async refresh<T = unknown>(key: string, options: RefreshOptions = {}): Promise<CacheRead<T>> {
    const registration = this.#registration(key);
    const held = this.#local.peekLocal(key);
    const now = this.#now();
    const keep = options.ifVersion !== undefined ? held?.version !== options.ifVersion : !options.force;
    if (keep && held && now < held.freshUntil) return this.#read(held, 'fresh', 'memory', now) as CacheRead<T>;
    const envelope = await this.#fetch(registration, options.ifVersion ?? options.force === true);
    return this.#read(
      envelope,
      'fresh',
      registration.adoptedFromRemote === envelope ? 'redis' : 'upstream',
      this.#now(),
    ) as CacheRead<T>;
  }

  /**
   * Store a value obtained elsewhere (e.g. by legacy code during a migration) as if it had been
   * fetched: validated with the key's schema and, unless `guard: false`, subject to last-good
   * protection. Returns the stored read.
   */
  set<T = unknown>(key: string, value: unknown, options: { guard?: boolean } = {}): CacheRead<T> {
    const registration = this.#registration(key);
    const held = this.#local.peekLocal(key);
    const checked =
      options.guard === false
        ? guardValue(
            key,
            value,
            registration.options.schema,
            { rejectEmpty: false, maxShrinkRatio: 1 },
            registration.count,
            undefined,
          )
        : guardValue(
            key,
            value,
            registration.options.schema,
            registration.policy.guard,
            registration.count,
            held?.value,
          );
    const envelope = this.#storeValue(registration, checked, held);
    return this.#read(envelope, 'fresh', 'memory', envelope.fetchedAt) as CacheRead<T>;
  }

  /**
   * Drop `key` everywhere (memory and the shared store). With `cascade`, its registered
   * dependents go too. With a debounce window, a burst of invalidations runs once.
   */
  invalidate(key: string, options: { cascade?: boolean } = {}): Promise<void> {
    this.#registration(key);
    const cascade = options.cascade ?? false;
    if (this.#debounceMs <= 0) return this.#invalidateNow(key, cascade);
    const pending = this.#debounced.get(key);
    if (pending) {
      pending.cascade ||= cascade;
      return pending.done;
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const timer = setTimeout(() => {
      const entry = this.#debounced.get(key)!;
      this.#debounced.delete(key);
      void this.#invalidateNow(key, entry.cascade).finally(entry.resolve);
    }, this.#debounceMs);
    this.#debounced.set(key, { timer, cascade, done, resolve });
    return done;
  }

  async invalidateAll(): Promise<void> {
    for (const key of this.#registrations.keys()) await this.#invalidateNow(key, false);
  }

  /** Fetch the given keys with bounded concurrency, reporting progress; never throws. */
  async warm(
    keys: readonly string[] = this.keys(),
    options: {
      concurrency?: number;
      onProgress?: (event: { key: string; done: number; total: number; ok: boolean; error?: unknown }) => void;
    } = {},
  ): Promise<{ key: string; ok: boolean; error?: unknown }[]> {
    for (const key of keys) this.#registration(key);
    const results: { key: string; ok: boolean; error?: unknown }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        let result: { key: string; ok: boolean; error?: unknown };
        try {
          await this.get(key);
          result = { key, ok: true };
        } catch (error) {
          result = { key, ok: false, error };
        }
        results.push(result);
        const event = { ...result, done: results.length, total: keys.length };
        this.events.emit('warm-progress', event);
        options.onProgress?.(event);
      }
    };
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, keys.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }

  status(key: string): KeyStatus {
    const registration = this.#registration(key);
    const now = this.#now();
    const envelope = this.#local.peekLocal(key);
    const { hits, misses } = registration.counts;
    const usable = envelope && now < envelope.expiresAt ? envelope : undefined;
    return {
      key,
      breaker: registration.resilience.state(),
      state: usable ? this.#stateOf(registration, usable, now) : 'empty',
      ...(usable
        ? { version: usable.version, ageMs: now - usable.fetchedAt, count: registration.count(usable.value) }
        : {}),
      hits,
      misses,
      ...(hits + misses > 0 ? { hitRate: hits / (hits + misses) } : {}),
      ...(registration.lastAttemptAt !== undefined ? { lastAttemptAt: registration.lastAttemptAt } : {}),
      ...(registration.lastSuccessAt !== undefined ? { lastSuccessAt: registration.lastSuccessAt } : {}),
      ...(registration.lastError ? { lastError: registration.lastError } : {}),
      ...(registration.lastRejection ? { lastRejection: registration.lastRejection } : {}),
    };
  }

  /** The legacy set_gateway_error: count a failure against the key's breaker. */
  recordFailure(key: string, error: unknown): Promise<void> {
    return this.#registration(key).resilience.recordFailure(error);
  }

  /** The legacy clear_gateway_error: count a success (closes a half-open breaker). */
  recordSuccess(key: string): Promise<void> {
    return this.#registration(key).resilience.recordSuccess();
  }

  /** The legacy is_gateway_in_error_state: the breaker is open (or half-open). */
  isFailing(key: string): boolean {
    return this.#registration(key).resilience.state() !== 'closed';
  }

  on<E extends KernelEventName>(name: E, listener: KernelListener<E>): () => void {
    return this.events.on(name, listener);
  }

  /** Named JSON documents in the store (shared across instances when the store is). */
  async getDocument(name: string): Promise<string | undefined> {
    if (this.#remote) {
      try {
        const remote = await this.#remote.getDocument(name);
        if (remote !== undefined) return remote;
      } catch (error) {
        this.events.emit('store-error', { key: undefined, operation: 'document-read', error });
      }
    }
    return this.#local.getDocument(name);
  }

  async setDocument(name: string, json: string): Promise<void> {
    await this.#local.setDocument(name, json);
    if (this.#remote) await this.#remote.setDocument(name, json);
  }

  /**
   * Changes a document without losing a concurrent change by another instance: `update` gets the
   * current text (undefined: absent) and returns the new one (undefined: no change); the write is a
   * compare-and-set on the shared store (memory follows it), retried on conflict with `update`
   * applied again to what the other writer stored. Resolves to the text after the update; throws
   * DocumentConflictError after `attempts`, or StoreError when the shared store cannot be read or
   * written (never falling back to memory, which could overwrite a newer shared document).
   */
  async updateDocument(
    name: string,
    update: DocumentUpdate,
    options: UpdateDocumentOptions = {},
  ): Promise<string | undefined> {
    const store = this.#remote ?? this.#local;
    const after = await updateDocument(store, name, update, { ...options, random: this.#random });
    if (this.#remote && after !== undefined) await this.#local.setDocument(name, after);
    return after;
  }

  /** Wait for background work (refreshes, store writes) to settle. */
  async settle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#debounced.values()) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.#debounced.clear();
    await this.settle();
    this.#coarseClock?.stop();
    await this.#remote?.close();
  }

  // ---------------------------------------------------------------------------------------------

  #registration(key: string): Registration {
    const registration = this.#registrations.get(key);
    if (!registration) throw new UnknownKeyError(key);
    return registration;
  }

  #read(envelope: Envelope, state: ReadState, source: CacheRead<unknown>['source'], now: number): CacheRead<unknown> {
    // Frozen: a fresh memory read is handed to every caller within one clock tick (see freshHit).
    return Object.freeze({
      value: envelope.value,
      state,
      ageMs: Math.max(0, now - envelope.fetchedAt),
      source,
      version: envelope.version,
      fetchedAt: envelope.fetchedAt,
    });
  }

  #upstreamFailing(registration: Registration): boolean {
    if (registration.resilience.state() !== 'closed') return true;
    return registration.lastFailureAt !== undefined && (registration.lastSuccessAt ?? 0) < registration.lastFailureAt;
  }

  #stateOf(registration: Registration, envelope: Envelope, now: number): ReadState {
    if (now < envelope.freshUntil) return 'fresh';
    return this.#upstreamFailing(registration) || now >= envelope.staleUntil ? 'stale-error' : 'stale';
  }

  /** Serve a held value within its stale window; a stale one triggers one background refresh. */
  #serveHeld(
    registration: Registration,
    envelope: Envelope,
    source: 'memory' | 'redis',
    now: number,
  ): CacheRead<unknown> {
    const state = this.#stateOf(registration, envelope, now);
    if (state !== 'fresh') this.#refreshInBackground(registration);
    this.#noteHit(registration, state, source);
    return this.#read(envelope, state, source, now);
  }

  /** Counts a hit and tells 'hit' listeners (when there are any). */
  #noteHit(registration: Registration, state: ReadState, source: 'memory' | 'redis'): void {
    registration.counts.hits++;
    if (this.events.has('hit')) this.events.emit('hit', { key: registration.key, state, source });
  }

  #refreshInBackground(registration: Registration): void {
    if (registration.inflight || this.#closed) return;
    // No upstream call while the circuit is open (until its half-open probe is due) or before the
    // upstream's Retry-After.
    if (!registration.resilience.callable()) return;
    this.#track(this.#fetch(registration).catch(() => undefined));
  }

  #track(promise: Promise<unknown>): void {
    this.#background.add(promise);
    void promise.finally(() => this.#background.delete(promise));
  }

  /** False when the shared store reports itself disconnected (its commands would fail at once). */
  #remoteReachable(): boolean {
    return this.#remote?.isConnected?.() !== false;
  }

  /** One shared-store read of a key at a time (short deadline): concurrent callers share it. */
  #readRemoteShared(registration: Registration): Promise<Envelope | undefined> {
    return registration.remoteRead ?? this.#startRemoteRead(registration, () => this.#readRemote(registration));
  }

  /** Starts a read that later callers of #readRemoteShared join (a read started earlier may predate a change). */
  #startRemoteRead(
    registration: Registration,
    run: () => Promise<Envelope | undefined>,
  ): Promise<Envelope | undefined> {
    const read = run();
    registration.remoteRead = read;
    const clear = () => {
      if (registration.remoteRead === read) registration.remoteRead = undefined;
    };
    read.then(clear, clear);
    return read;
  }

  /**
   * Reads `key` from the shared store into memory. `previous`: the value whose unchanged parts
   * the read keeps (default: what memory holds; a peer event passes what it held before dropping it).
   */
  async #readRemote(
    registration: Registration,
    options: StoreReadOptions = {},
    previous: Envelope | undefined = this.#local.peekLocal(registration.key),
  ): Promise<Envelope | undefined> {
    const key = registration.key;
    let stored;
    try {
      stored = await this.#remote!.get(key, options);
    } catch (error) {
      this.#metrics.storeError(key);
      this.events.emit('store-error', { key, operation: 'read', error });
      if (StoreError.isInstance(error) && error.operation === 'decode')
        this.#logger.warn({ key, err: error }, 'corrupt entry in the shared store ignored');
      return undefined;
    }
    if (!stored) return undefined;
    const parsed = registration.options.schema.safeParse(stored.envelope.value);
    if (!parsed.success) {
      this.#invalidRemote.set(key, stored.envelope.version);
      this.#metrics.storeError(key);
      this.events.emit('store-error', { key, operation: 'validate', error: parsed.error });
      this.#logger.warn({ key }, 'entry in the shared store failed validation and was ignored');
      return undefined;
    }
    // Nothing held: the parsed value is new throughout (no part to share, none frozen yet).
    const value = previous ? deepFreeze(shareUnchanged(previous.value, parsed.data)) : freezeParsed(parsed.data);
    // A schema that returns its input (no transforms) leaves the store's new envelope as it is.
    const envelope: Envelope = value === stored.envelope.value ? stored.envelope : { ...stored.envelope, value };
    registration.adoptedFromRemote = envelope;
    this.#local.put(key, envelope, stored.jsonLength ?? estimateBytes(envelope.value));
    return envelope;
  }

  /**
   * One upstream fetch per key at a time; the result passes last-good protection before it is
   * stored. `force`: true skips adopting a fresh stored value; a version string adopts a fresh
   * stored value only when it is not that version. `inflight` is set before the work starts, so
   * an event listener that asks for the key again (synchronously) joins this fetch.
   */
  #fetch(registration: Registration, force: boolean | string = false): Promise<Envelope> {
    if (registration.inflight) return registration.inflight;
    let resolve!: (envelope: Envelope) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Envelope>((onValue, onError) => ([resolve, reject] = [onValue, onError]));
    registration.inflight = promise;
    void promise.then(
      () => (registration.inflight = undefined),
      () => (registration.inflight = undefined),
    );
    // No coordination through a store known to be disconnected: fetch here; the value is written
    // back when the store reconnects (repopulate).
    const work =
      this.#coordinated && this.#remoteReachable()
        ? this.#coordinatedFetch(registration, this.#coordinated, force)
        : this.#upstreamFetch(registration);
    work.then(resolve, reject);
    return promise;
  }

  /** Fetch from upstream through the resilience policy, guard the value, store it. */
  async #upstreamFetch(registration: Registration, fence?: number): Promise<Envelope> {
    const key = registration.key;
    const started = this.#now();
    registration.lastAttemptAt = started;
    this.events.emit('refresh-start', { key });
    let fetched: unknown;
    try {
      fetched = await registration.resilience.execute((signal) => registration.options.fetch(signal));
    } catch (error) {
      const reason = CircuitOpenError.isInstance(error) ? 'circuit_open' : reasonOf(error);
      registration.lastFailureAt = this.#now();
      registration.lastError = {
        message: error instanceof Error ? error.message : String(error),
        reason,
        at: registration.lastFailureAt,
      };
      this.#metrics.fetchError(key, reason);
      this.#metrics.fetched(key, (this.#now() - started) / 1000, 'error');
      this.events.emit('refresh-failure', { key, durationMs: this.#now() - started, error });
      this.#logger.warn({ key, reason, err: error }, 'upstream fetch failed');
      throw error;
    }
    const held = this.#local.peekLocal(key);
    let value: unknown;
    try {
      value = guardValue(
        key,
        fetched,
        registration.options.schema,
        registration.policy.guard,
        registration.count,
        held?.value,
      );
    } catch (error) {
      if (RejectedValueError.isInstance(error)) {
        const at = this.#now();
        registration.lastRejection = { reason: error.reason, detail: error.message, at };
        registration.lastFailureAt = at;
        registration.lastError = { message: error.message, reason: `rejected_${error.reason}`, at };
        this.#metrics.rejected(key, error.reason);
        this.#metrics.fetched(key, (at - started) / 1000, 'rejected');
        this.events.emit('rejected', { key, reason: error.reason, detail: error.message });
        this.#logger.warn({ key, reason: error.reason }, error.message);
      }
      throw error;
    }
    let envelope = this.#storeValue(registration, value, held, fence);
    if (fence !== undefined && this.#coordinated)
      envelope = await this.#publishFenced(registration, envelope, this.#coordinated);
    const now = envelope.fetchedAt;
    const version = envelope.version;
    registration.lastSuccessAt = now;
    registration.lastError = undefined;
    const count = registration.count(envelope.value);
    this.#metrics.fetched(key, (now - started) / 1000, 'success');
    this.events.emit('refresh-success', {
      key,
      durationMs: now - started,
      version,
      changed: held?.version !== version,
      count,
    });
    return envelope;
  }

  /**
   * A refresh coordinated across instances: the lock holder fetches upstream; the others wait for
   * its write (notified over pub/sub, checked against the store) instead of calling upstream. A
   * holder that crashed is replaced once its lock expires. With the store unreachable, this
   * instance fetches on its own: serving never depends on Redis.
   */
  async #coordinatedFetch(
    registration: Registration,
    store: CoordinatedStore,
    force: boolean | string,
  ): Promise<Envelope> {
    const key = registration.key;
    const policy = registration.policy;
    const lockTtl =
      policy.timeoutMs * (policy.retry.maxAttempts + 1) + policy.retry.maxDelayMs * policy.retry.maxAttempts + 2_000;
    // With a value still servable without waiting (fresh or in its stale window) nobody waits on
    // this refresh: coordination may wait for a slow store (its write deadline) instead of giving
    // up after the read deadline and fetching outside the lock. A read someone waits on (cold, or
    // past the stale window) keeps the short deadline: it never waits on Redis.
    const held = this.#local.peekLocal(key);
    const reads: StoreReadOptions = { patient: held !== undefined && this.#now() < held.staleUntil };
    for (let attempt = 0; attempt < 3; attempt++) {
      let acquired: boolean;
      let fenceBefore: number;
      try {
        // A corrupt stored entry (already counted by the read) does not stop coordination.
        fenceBefore = await store.peekMeta(key, reads).then(
          (meta) => meta?.fence ?? -1,
          (error: unknown) => {
            if (StoreError.isInstance(error) && error.operation === 'decode') return -1;
            throw error;
          },
        );
        acquired = await store.acquireLock(key, this.instanceId, lockTtl);
      } catch (error) {
        this.#storeFailure(key, 'lock', error);
        return this.#upstreamFetch(registration);
      }
      if (acquired) {
        try {
          // Double-check: another instance may have refreshed between our read and the lock.
          if (force !== true) {
            const meta = await store.peekMeta(key, reads).catch(() => undefined);
            const replaced = typeof force !== 'string' || meta?.version !== force;
            if (meta && replaced && this.#now() < meta.freshUntil && meta.version !== this.#invalidRemote.get(key)) {
              const adopted = await this.#readRemote(registration, reads);
              if (adopted) return adopted;
            }
          }
          let fence: number | undefined;
          try {
            fence = await store.nextFence(key);
          } catch (error) {
            this.#storeFailure(key, 'fence', error);
          }
          return await this.#upstreamFetch(registration, fence);
        } finally {
          // Tracked: close() waits for it, so a shutting-down instance never leaves its lock behind.
          this.#track(
            store.releaseLock(key, this.instanceId).catch((error: unknown) => this.#storeFailure(key, 'unlock', error)),
          );
        }
      }
      const written = await this.#awaitPeerWrite(registration, store, fenceBefore, lockTtl, reads);
      if (written) return written;
    }
    // The lock kept changing hands without a value arriving: fetch here rather than wait forever.
    return this.#upstreamFetch(registration);
  }

  /** Waits for another instance's write of `key` (newer than `fenceBefore`), or for its lock to go. */
  async #awaitPeerWrite(
    registration: Registration,
    store: CoordinatedStore,
    fenceBefore: number,
    maxWaitMs: number,
    reads: StoreReadOptions,
  ): Promise<Envelope | undefined> {
    const key = registration.key;
    const deadline = Date.now() + maxWaitMs;
    while (Date.now() < deadline && !this.#closed) {
      await new Promise<void>((resolve) => {
        const waiters = this.#peerWaiters.get(key) ?? new Set();
        this.#peerWaiters.set(key, waiters);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 50);
        waiters.add(wake);
      });
      // A change event started a reload of the key (or confirmed it in place): a value newer than
      // before is the holder's.
      const reloaded = await registration.remoteRead;
      if (reloaded && (reloaded.fence ?? -1) > fenceBefore) return reloaded;
      const confirmed = this.#local.peekLocal(key);
      if (confirmed && (confirmed.fence ?? -1) > fenceBefore && registration.adoptedFromRemote === confirmed)
        return confirmed;
      try {
        const meta = await store.peekMeta(key, reads);
        if (meta && (meta.fence ?? -1) > fenceBefore) {
          const envelope = await this.#readRemote(registration, reads);
          if (envelope) return envelope;
        }
        if (!(await store.isLocked(key, reads))) return undefined;
      } catch (error) {
        this.#storeFailure(key, 'wait', error);
        return undefined;
      }
    }
    return undefined;
  }

  /** Writes a fenced value and tells the fleet; a newer value already stored wins and is adopted. */
  async #publishFenced(registration: Registration, envelope: Envelope, store: CoordinatedStore): Promise<Envelope> {
    const key = registration.key;
    try {
      const written = await store.setFenced(key, { ...envelope, fence: envelope.fence ?? 0 });
      if (!written) {
        this.events.emit('store-error', {
          key,
          operation: 'fenced-write-refused',
          error: new Error('a newer value was stored meanwhile'),
        });
        return (await this.#readRemote(registration)) ?? envelope;
      }
      await store.publish({
        key,
        op: 'set',
        fence: envelope.fence ?? 0,
        version: envelope.version,
        origin: this.instanceId,
        meta: envelopeMeta(envelope),
      });
    } catch (error) {
      this.#storeFailure(key, 'write', error);
    }
    return envelope;
  }

  /** Another instance changed `key`: drop what memory holds if it is older, and reload it. */
  #onPeerEvent(event: StoreEvent): void {
    if (event.origin === this.instanceId) return;
    const registration = this.#registrations.get(event.key);
    if (!registration) return;
    const local = this.#local.peekLocal(event.key);
    if (event.op === 'delete') {
      this.#wakePeerWaiters(event.key);
      if (local) void this.#local.delete(event.key);
      this.events.emit('coherence', { key: event.key, op: 'delete' });
      return;
    }
    if (local && (local.fence ?? -1) >= event.fence) return this.#wakePeerWaiters(event.key);
    // The same content as held (a peer's refresh found nothing new): keep serving it and confirm
    // the new timestamps and fence from the metadata alone, without transferring the payload.
    // Otherwise drop it and reload. Started before waiters wake, so they join this read.
    const sameContent = local !== undefined && event.version === local.version ? local : undefined;
    // The event carries the stored metadata of that same version: adopted as it is, no read at all.
    const announced = sameContent ? parseEnvelopeMeta(event.meta) : undefined;
    if (sameContent && announced?.version === sameContent.version && announced.fence === event.fence) {
      this.#adoptConfirmed(registration, sameContent, announced);
      this.#wakePeerWaiters(event.key);
      this.events.emit('coherence', { key: event.key, op: 'set' });
      return;
    }
    if (!sameContent) void this.#local.delete(event.key);
    this.#track(
      this.#startRemoteRead(registration, () =>
        sameContent ? this.#confirmRemote(registration, sameContent) : this.#readRemote(registration, {}, local),
      ),
    );
    this.#wakePeerWaiters(event.key);
    this.events.emit('coherence', { key: event.key, op: 'set' });
  }

  #wakePeerWaiters(key: string): void {
    for (const wake of this.#peerWaiters.get(key) ?? []) wake();
  }

  /**
   * A peer stored `held`'s content again: adopt the stored metadata (timestamps, fence) for the
   * value held, reading the metadata only. A different stored version is read in full.
   */
  async #confirmRemote(registration: Registration, held: Envelope): Promise<Envelope | undefined> {
    const key = registration.key;
    let meta: EnvelopeMeta | undefined;
    try {
      meta = await this.#coordinated!.peekMeta(key);
    } catch (error) {
      // Not confirmed: the held value (the same content) stays until its own TTLs.
      this.#storeFailure(key, 'read', error);
      return undefined;
    }
    if (!meta) return undefined;
    if (meta.version !== held.version) {
      void this.#local.delete(key);
      return this.#readRemote(registration);
    }
    return this.#adoptConfirmed(registration, held, meta);
  }

  /** The held value with the stored metadata of its version (new timestamps and fence), in place. */
  #adoptConfirmed(registration: Registration, held: Envelope, meta: EnvelopeMeta): Envelope | undefined {
    const envelope: Envelope = Object.freeze({ ...meta, value: held.value });
    if (!this.#local.replace(registration.key, envelope)) return undefined;
    registration.adoptedFromRemote = envelope;
    return envelope;
  }

  /**
   * The subscription was lost (messages may have been missed): compare every value held with
   * the store and drop those that differ, and those that cannot be compared (they may be stale).
   *
   * Staleness bound. An instance serves a value older than the fleet's newest one:
   * - while subscribed, for the pub/sub delivery time (one Redis round trip);
   * - after losing its subscription, for the outage, plus the reconnect delay once Redis is
   *   reachable again (at most createRedisClient's `maxReconnectDelayMs`), plus this pass: at most
   *   RESYNC_CONNECT_WAIT_MS for the command connection, then one metadata read per held key
   *   (each bounded by the store's read deadline);
   * - and never past the value's own (jittered) fresh TTL plus one fetch: after it, reads
   *   refresh it, from the upstream on its own while Redis is unreachable.
   * Tested in testing/kernel-fleet-suite.ts ("an instance cut off from Redis").
   */
  async #resync(): Promise<void> {
    const store = this.#coordinated;
    if (!store) return;
    // The subscriber is back; the command connection may still be reconnecting.
    await store.waitUntilConnected?.(RESYNC_CONNECT_WAIT_MS);
    let dropped = 0;
    for (const [key, registration] of this.#registrations) {
      const local = this.#local.peekLocal(key);
      if (!local) continue;
      let meta: Omit<Envelope, 'value'> | undefined;
      try {
        meta = await store.peekMeta(key);
      } catch (error) {
        this.#storeFailure(key, 'resync', error);
        await this.#local.delete(key); // not comparable: it may be stale
        dropped++;
        continue;
      }
      if (meta && meta.version === local.version && (meta.fence ?? -1) === (local.fence ?? -1)) continue;
      if (!meta && (local.fence ?? -1) < 0) continue; // never shared: nothing to compare
      await this.#local.delete(key);
      dropped++;
      if (meta) this.#track(this.#readRemote(registration));
    }
    this.events.emit('resync', { dropped });
  }

  #storeFailure(key: string, operation: string, error: unknown): void {
    this.#metrics.storeError(key);
    this.events.emit('store-error', { key, operation, error });
  }

  /** Builds the envelope of a validated value, keeps it in memory and writes it to the shared store. */
  #storeValue(registration: Registration, value: unknown, held: Envelope | undefined, fence?: number): Envelope {
    const json = JSON.stringify(value);
    const version = contentVersion(json);
    const now = this.#now();
    const policy = registration.policy;
    const freshUntil = now + jittered(policy.freshTtlMs, policy.jitterRatio, this.#random);
    const envelope: Envelope = Object.freeze({
      // Same content as held: keep the held (already frozen) object, so readers see no change;
      // else the parts that did not change are the held ones (a consumer compares by identity).
      value: held && held.version === version ? held.value : deepFreeze(shareUnchanged(held?.value, value)),
      fetchedAt: now,
      freshUntil,
      staleUntil: freshUntil + policy.staleTtlMs,
      expiresAt: now + policy.maxStaleMs,
      version,
      writtenAt: (this.#lastWrite = Math.max(now, this.#lastWrite + 1)),
      ...(fence !== undefined ? { fence } : {}),
    });
    this.#local.put(registration.key, envelope, json.length);
    // Fenced values are written (and announced) by the coordinated refresh itself.
    if (this.#remote && fence === undefined) this.#track(this.#writeRemote(registration.key, envelope, json));
    const count = registration.count(envelope.value);
    if (count !== undefined) this.#metrics.models(registration.key, count);
    return envelope;
  }

  async #writeRemote(key: string, envelope: Envelope, json?: string): Promise<boolean> {
    try {
      await this.#remote!.set(key, envelope, json);
      return true;
    } catch (error) {
      this.#metrics.storeError(key);
      this.events.emit('store-error', { key, operation: 'write', error });
      return false;
    }
  }

  /** The shared store came back (possibly empty): write every value memory holds to it again. */
  async #repopulate(): Promise<void> {
    let keys = 0;
    let failed = 0;
    for (const key of this.#registrations.keys()) {
      const envelope = this.#local.peekLocal(key);
      if (!envelope || this.#now() >= envelope.expiresAt) continue;
      keys++;
      if (!(await this.#writeRemote(key, envelope))) failed++;
    }
    this.events.emit('repopulate', { keys, failed });
    this.#logger.info({ keys, failed }, 'shared store reconnected: values written again');
  }

  async #invalidateNow(key: string, cascade: boolean): Promise<void> {
    const registration = this.#registration(key);
    const targets = cascade ? [key, ...(registration.options.dependents ?? [])] : [key];
    for (const target of targets) {
      if (!this.#registrations.has(target)) continue;
      await this.#local.delete(target);
      if (this.#remote) {
        try {
          await this.#remote.delete(target);
        } catch (error) {
          this.#metrics.storeError(target);
          this.events.emit('store-error', { key: target, operation: 'delete', error });
        }
      }
      this.#metrics.invalidation(target);
      this.events.emit('invalidate', { key: target, cascade });
      if (this.#coordinated) {
        await this.#coordinated
          .publish({ key: target, op: 'delete', fence: 0, origin: this.instanceId })
          .catch((error: unknown) => this.#storeFailure(target, 'publish', error));
      }
    }
  }
}

function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string' && /^[a-z0-9_]{1,40}$/.test(reason)) return reason;
  if ((error as { name?: unknown } | null)?.name === 'TaskCancelledError') return 'timeout';
  return 'error';
}

function estimateBytes(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
