import { createHash } from 'node:crypto';
import type { CacheRead } from '@catalog/cache-kernel';
import type { Counter } from 'prom-client';

/** JSON with object keys sorted, so equal data prints equal whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A fingerprint of a model list as a set: order and key order do not matter, content does. */
export function modelListFingerprint(models: readonly unknown[] | null): string {
  if (models === null) return 'none';
  const items = models.map(canonical).sort();
  return createHash('sha256').update(items.join('\n')).digest('base64url');
}

/**
 * Dual mode's comparison of the two sides' model lists. A mismatch is a distinct pair of differing
 * lists: the first read that sees legacy list A beside kernel list B counts once, and further reads
 * of the same pair (the `.data` then `.timestamp` of one logical read, or a thousand requests)
 * do not count again; a new write or refresh on either side that still differs counts again.
 * Timestamps are not compared (each side stamps its own writes); neither is the error state.
 */
export class DualReadComparator {
  readonly #mismatches: Counter<'provider'>;
  readonly #lastCounted = new Map<string, string>();
  /** Kernel values are frozen: one fingerprint per value. */
  readonly #kernelPrints = new WeakMap<object, string>();

  constructor(mismatches: Counter<'provider'>) {
    this.#mismatches = mismatches;
  }

  /** Compares; returns whether the sides differ now. */
  compare(provider: string, legacy: readonly unknown[] | null, kernel: CacheRead<unknown[]> | undefined): boolean {
    const left = modelListFingerprint(legacy);
    const right = kernel ? this.#kernelPrint(kernel.value) : 'none';
    if (left === right) {
      this.#lastCounted.delete(provider);
      return false;
    }
    const pair = `${left}|${right}`;
    if (this.#lastCounted.get(provider) !== pair) {
      this.#lastCounted.set(provider, pair);
      this.#mismatches.inc({ provider });
    }
    return true;
  }

  #kernelPrint(value: readonly unknown[]): string {
    let print = this.#kernelPrints.get(value);
    if (print === undefined) this.#kernelPrints.set(value, (print = modelListFingerprint(value)));
    return print;
  }
}
