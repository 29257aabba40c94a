import type { CacheStore, StoreReadOptions } from './cache-store.ts';
import type { Envelope, EnvelopeMeta } from './envelope.ts';

/** A change one instance made, broadcast to the others so their memory tier stays coherent. */
export interface StoreEvent {
  readonly key: string;
  readonly op: 'set' | 'delete';
  /** Fence of the value written (set) or 0 (delete). */
  readonly fence: number;
  readonly version?: string;
  /** The instance that made the change (it ignores its own events). */
  readonly origin: string;
  /**
   * For a set: the metadata of the envelope written (sent after the store accepted the write), so an
   * instance holding the same version adopts the new timestamps and fence without reading anything.
   */
  readonly meta?: EnvelopeMeta;
}

/**
 * A shared store that lets instances coordinate (Redis): a lock per key with an owner token and
 * expiry (one upstream fetch per refresh across the fleet), fencing tokens and compare-and-set
 * writes (a slow, older refresh never overwrites a newer value), and pub/sub change events.
 */
export interface CoordinatedStore extends CacheStore {
  /** Take the refresh lock of `key` for `ttlMs`; false when another owner holds it. */
  acquireLock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Release the lock only if `owner` still holds it. */
  releaseLock(key: string, owner: string): Promise<void>;
  /** Whether anyone holds the lock of `key` now. */
  isLocked(key: string, options?: StoreReadOptions): Promise<boolean>;
  /** A new, strictly increasing fencing token for `key`. */
  nextFence(key: string): Promise<number>;
  /** Write unless the stored value carries a newer fence; false when refused. */
  setFenced(key: string, envelope: Envelope & { fence: number }, json?: string): Promise<boolean>;
  /** The stored envelope without its value (no payload transfer), or undefined. */
  peekMeta(key: string, options?: StoreReadOptions): Promise<EnvelopeMeta | undefined>;
  publish(event: StoreEvent): Promise<void>;
  /** Receive every change event; `onResubscribed` is called after a lost subscription comes back. */
  subscribe(listener: (event: StoreEvent) => void, onResubscribed: () => void): Promise<void>;
}

export function isCoordinatedStore(store: CacheStore | undefined): store is CoordinatedStore {
  return store !== undefined && typeof (store as Partial<CoordinatedStore>).acquireLock === 'function';
}
