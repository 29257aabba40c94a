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

/** An envelope without its value: what can be read or announced without the payload. */
export type EnvelopeMeta = Omit<Envelope, 'value'>;

/** The metadata of an envelope from untrusted JSON (a store, a change event); undefined when malformed. */
export function parseEnvelopeMeta(input: unknown): EnvelopeMeta | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const meta = input as Record<keyof EnvelopeMeta, unknown>;
  const { fetchedAt, freshUntil, staleUntil, expiresAt, writtenAt, version, fence } = meta;
  const times = [fetchedAt, freshUntil, staleUntil, expiresAt, writtenAt];
  if (!times.every((n) => typeof n === 'number' && Number.isFinite(n)) || typeof version !== 'string') return undefined;
  if (fence !== undefined && (typeof fence !== 'number' || !Number.isFinite(fence))) return undefined;
  return {
    fetchedAt: fetchedAt as number,
    freshUntil: freshUntil as number,
    staleUntil: staleUntil as number,
    expiresAt: expiresAt as number,
    version,
    writtenAt: writtenAt as number,
    ...(fence !== undefined ? { fence } : {}),
  };
}

/** The metadata of an envelope (every field but the value). */
export function envelopeMeta(envelope: Envelope): EnvelopeMeta {
  const { fetchedAt, freshUntil, staleUntil, expiresAt, version, writtenAt, fence } = envelope;
  return {
    fetchedAt,
    freshUntil,
    staleUntil,
    expiresAt,
    version,
    writtenAt,
    ...(fence !== undefined ? { fence } : {}),
  };
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

/**
 * deepFreeze for a value just parsed, whose parts are not frozen yet (JSON.parse, a schema's
 * output): freezes every object without asking each whether it is frozen first. Still correct for
 * a part that is (freezing it again changes nothing), only slower than deepFreeze there.
 */
export function freezeParsed<T>(value: T): T {
  if (typeof value === 'object' && value !== null) freezeEvery(value);
  return value;
}

function freezeEvery(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner: unknown = value[i];
      if (typeof inner === 'object' && inner !== null) freezeEvery(inner);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const name in record) {
      const inner = record[name];
      if (typeof inner === 'object' && inner !== null) freezeEvery(inner);
    }
  }
  Object.freeze(value);
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
