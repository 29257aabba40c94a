import { createHash } from 'node:crypto';

/** How every value is stored: the value plus when it was fetched, until when it is fresh or servable, and its content version. */
export interface Envelope<T = unknown> {
  readonly value: T;
  /** Epoch ms of the upstream fetch. */
  readonly fetchedAt: number;
  /** Fresh until (epoch ms). */
  readonly freshUntil: number;
  /** Servable as stale until (epoch ms); after that only while the upstream keeps failing. */
  readonly staleUntil: number;
  /** Never served after this (epoch ms): fetchedAt + maxStale. Stores may drop the entry then. */
  readonly expiresAt: number;
  /** Content hash of the value: equal content, equal version, on every instance. */
  readonly version: string;
  /** Monotonic write stamp (epoch ms of the write, ties broken by a counter). */
  readonly writtenAt: number;
  /**
   * Fencing token of the refresh that produced the value (shared stores): a write carrying an
   * older token than the stored one is refused, so a slow refresh never overwrites a newer value.
   */
  readonly fence?: number;
}

/** The content version of a JSON-serialisable value (sha256, base64url, 22 characters). */
export function contentVersion(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 22);
}

/** Freezes a JSON-like value in place, deeply, so it can be handed out without copying. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  return value;
}
