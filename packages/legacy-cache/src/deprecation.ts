import { Counter, type Registry } from 'prom-client';

/**
 * Deprecation bookkeeping: every legacy function counts its calls in
 * legacy_cache_calls_total{function} and warns once per process (process.emitWarning with a
 * code), naming its replacement, so operators see usage reach zero before the layer is deleted.
 */
const warned = new Set<string>();

/** Forget which functions already warned (tests; a process normally warns once per function). */
export function resetDeprecationWarnings(): void {
  warned.clear();
}

export class DeprecationTracker {
  readonly #calls: Counter<'function'>;

  readonly #emit: (message: string, options: { type: string; code: string }) => void;

  constructor(
    registry: Registry,
    emit: (message: string, options: { type: string; code: string }) => void = process.emitWarning,
  ) {
    this.#emit = emit;
    const existing = registry.getSingleMetric('legacy_cache_calls_total') as Counter<'function'> | undefined;
    this.#calls =
      existing ??
      new Counter({
        name: 'legacy_cache_calls_total',
        help: 'Calls to the deprecated legacy cache API, by function (phase 5 deletes the layer once this stays flat)',
        labelNames: ['function'],
        registers: [registry],
      });
  }

  called(fn: string, replacement: string): void {
    this.#calls.inc({ function: fn });
    if (warned.has(fn)) return;
    warned.add(fn);
    this.#emit(`${fn}() is deprecated; ${replacement}. See docs/MIGRATION.md.`, {
      type: 'DeprecationWarning',
      code: `CATALOG_LEGACY_${fn.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
    });
  }
}
