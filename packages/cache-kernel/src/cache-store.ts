import type { Envelope } from './envelope.ts';

/** Where a read was answered from. */
export type ReadSource = 'memory' | 'redis';

export interface StoredEntry {
  readonly envelope: Envelope;
  readonly source: ReadSource;
  /** Length of the value's JSON text, when the store read it (sizes the memory tier without serialising again). */
  readonly jsonLength?: number;
}

export interface StoreReadOptions {
  /**
   * Wait up to a remote store's write deadline instead of its (short) read deadline: for a
   * refresh that has a value to serve meanwhile, where giving up on a slow store would mean
   * fetching upstream outside the fleet's lock. A read someone waits on stays short.
   */
  readonly patient?: boolean;
}

/**
 * A place envelopes live. The memory store is the embedded default; the Redis store is shared by
 * every instance; the tiered store puts memory in front of Redis. Values read from a remote store
 * are re-validated by the kernel before use.
 */
export interface CacheStore {
  readonly kind: string;
  /** The local (in-process) tier, read synchronously; undefined when the store has none. */
  peekLocal?(key: string): Envelope | undefined;
  get(key: string, options?: StoreReadOptions): Promise<StoredEntry | undefined>;
  /** Keep a value read (and validated) from a remote tier in the local tier. */
  adoptLocal?(key: string, envelope: Envelope, bytes: number): void;
  /** `json` is the value's JSON text when the caller has it (saves serialising twice). */
  set(key: string, envelope: Envelope, json?: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Small named documents shared by all instances (e.g. operator overrides). */
  getDocument(name: string): Promise<string | undefined>;
  setDocument(name: string, json: string): Promise<void>;
  /**
   * Writes `json` only if the document is still `expected` (undefined: absent), atomically with
   * respect to every other writer of this store. True when written, false when it had changed.
   */
  compareAndSetDocument(name: string, expected: string | undefined, json: string): Promise<boolean>;
  /** Whether a remote tier is connected; undefined for stores without one. */
  isConnected?(): boolean;
  /** Resolves true once connected, false after `timeoutMs`. */
  waitUntilConnected?(timeoutMs: number): Promise<boolean>;
  /** Called when a remote tier comes back after a failure (the kernel rewrites its values). */
  onReconnect?(listener: () => void): void;
  /** Called on every remote connection error (counted in redis_connection_errors_total). */
  onConnectionError?(listener: (error: unknown) => void): void;
  close(): Promise<void>;
}
