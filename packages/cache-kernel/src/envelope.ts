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

/**
 * Freezes a JSON-like value in place, deeply, so it can be handed out without copying. One walk:
 * only objects are visited (primitives are never passed down), and an object frozen already is
 * taken as frozen all the way down.
 */
export function deepFreeze<T>(value: T): T {
  if (isUnfrozenObject(value)) freezeObject(value);
  return value;
}

function isUnfrozenObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Object.isFrozen(value);
}

function freezeObject(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner: unknown = value[i];
      if (isUnfrozenObject(inner)) freezeObject(inner);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const name in record) {
      const inner = record[name];
      if (isUnfrozenObject(inner)) freezeObject(inner);
    }
  }
  Object.freeze(value);
}
