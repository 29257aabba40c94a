import type { BreakerState } from './key-resilience.ts';

/** Everything the kernel reports, for logging and dashboards. */
export interface KernelEventMap {
  hit: { key: string; state: 'fresh' | 'stale' | 'stale-error'; source: 'memory' | 'redis' };
  miss: { key: string };
  'refresh-start': { key: string };
  'refresh-success': { key: string; durationMs: number; version: string; changed: boolean; count: number | undefined };
  'refresh-failure': { key: string; durationMs: number; error: unknown };
  /** A failed attempt is retried after `delayMs` (backoff with jitter, or the upstream's Retry-After). */
  retry: { key: string; attempt: number; delayMs: number; error: unknown };
  rejected: { key: string; reason: 'invalid' | 'empty' | 'shrunk'; detail: string };
  breaker: { key: string; state: BreakerState };
  'store-error': { key: string | undefined; operation: string; error: unknown };
  invalidate: { key: string; cascade: boolean };
  'warm-progress': { key: string; done: number; total: number; ok: boolean; error?: unknown };
  repopulate: { keys: number; failed: number };
  /** Another instance changed a key: memory dropped (and reloads) it. */
  coherence: { key: string; op: 'set' | 'delete' };
  /** After a lost subscription: values compared with the store, `dropped` of them stale. */
  resync: { dropped: number };
}

export type KernelEventName = keyof KernelEventMap;
export type KernelListener<E extends KernelEventName> = (event: KernelEventMap[E]) => void;

/** A small typed emitter; a throwing listener is isolated from the kernel and the other listeners. */
export class KernelEvents {
  readonly #listeners = new Map<KernelEventName, Set<(event: never) => void>>();

  on<E extends KernelEventName>(name: E, listener: KernelListener<E>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  emit<E extends KernelEventName>(name: E, event: KernelEventMap[E]): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as KernelListener<E>)(event);
      } catch {
        // A listener's failure must never break a cache read.
      }
    }
  }

  has(name: KernelEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }
}
