import { Counter, type Registry } from 'prom-client';

/**
 * Every legacy access the layer counts and warns about, with its replacement. The key is the
 * `function` label of legacy_cache_calls_total: a function's own name (`getModelsCache`), or, for
 * the per-provider cache object, `modelsCache.<field>.<read|write>`. The warning code is derived
 * from it (see {@link warningCode}). docs/MIGRATION.md lists the same table.
 */
export const LEGACY_FUNCTIONS = {
  getModelsCache: 'use kernel.get(gateway) (waits for a cold fetch) or kernel.peek(gateway) (never waits)',
  clearModelsCache: 'use kernel.invalidate(gateway)',
  isCacheFresh: "use the read's state: kernel.peek(gateway)?.state === 'fresh'",
  isGatewayInErrorState: 'use kernel.isFailing(gateway): the circuit breaker decides',
  setGatewayError:
    'use kernel.recordFailure(gateway, error) where you fetch outside the kernel (kernel.get records it)',
  clearGatewayError: 'use kernel.recordSuccess(gateway) where you fetch outside the kernel (kernel.get records it)',
  'modelsCache.data.read': 'use kernel.peek(gateway)?.value',
  'modelsCache.data.write': 'use kernel.set(gateway, models) (the kernel stores what it fetches itself)',
  'modelsCache.timestamp.read': 'use kernel.peek(gateway)?.fetchedAt (or .ageMs)',
  'modelsCache.timestamp.write': 'remove it: the kernel manages timestamps',
  'modelsCache.ttl.read': "freshness is the key's policy (freshTtlMs): use kernel.peek(gateway)?.state",
  'modelsCache.stale_ttl.read': "the stale window is the key's policy (staleTtlMs): use kernel.peek(gateway)?.state",
  initializeFalCacheFromCatalog: "use kernel.warm(['fal'])",
  initializeFeatherlessCacheFromCatalog: "use kernel.warm(['featherless'])",
  getModelzCache: "use kernel.peek('modelz')",
  clearModelzCache: "use kernel.invalidate('modelz')",
  modelsAggregateCache: 'use the aggregator (catalog.view())',
  providerAggregateCache: 'use the aggregator (catalog.health())',
  huggingfaceCache: "use kernel.peek('huggingface')",
} as const;

export type LegacyFunction = keyof typeof LEGACY_FUNCTIONS;

/**
 * The DeprecationWarning code of a legacy access: `CATALOG_LEGACY_` and the label in upper snake
 * case, dots as underscores: `getModelsCache` → `CATALOG_LEGACY_GET_MODELS_CACHE`,
 * `modelsCache.data.write` → `CATALOG_LEGACY_MODELS_CACHE_DATA_WRITE`.
 */
export function warningCode(fn: LegacyFunction): string {
  return `CATALOG_LEGACY_${fn
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\./g, '_')
    .toUpperCase()}`;
}

/** How the warning names the access: `getModelsCache()`, `reading modelsCache(gateway).timestamp`. */
function describe(fn: LegacyFunction): string {
  const [object, field, access] = fn.split('.');
  if (!field) return `${fn}()`;
  return `${access === 'write' ? 'assigning' : 'reading'} ${object}(gateway).${field}`;
}

export type EmitWarning = (message: string, options: { type: string; code: string }) => void;

const warned = new Set<LegacyFunction>();

/** Forget which accesses already warned (tests; a process normally warns once per access). */
export function resetDeprecationWarnings(): void {
  warned.clear();
}

/**
 * Deprecation bookkeeping: every legacy access counts in legacy_cache_calls_total{function} and
 * warns once per process (process.emitWarning, type DeprecationWarning, with a code) naming its
 * replacement, so operators see usage reach zero before the layer is deleted (phase 5).
 */
export class DeprecationTracker {
  readonly #calls: Counter<'function'>;
  readonly #emit: EmitWarning;

  constructor(registry: Registry, emit: EmitWarning = process.emitWarning) {
    this.#emit = emit;
    this.#calls =
      (registry.getSingleMetric('legacy_cache_calls_total') as Counter<'function'> | undefined) ??
      new Counter({
        name: 'legacy_cache_calls_total',
        help: 'Accesses to the deprecated legacy cache API, by function (phase 5 deletes the layer once this stays flat)',
        labelNames: ['function'],
        registers: [registry],
      });
  }

  called(fn: LegacyFunction): void {
    this.#calls.inc({ function: fn });
    if (warned.has(fn)) return;
    warned.add(fn);
    this.#emit(`${describe(fn)} is deprecated; ${LEGACY_FUNCTIONS[fn]}. See docs/MIGRATION.md.`, {
      type: 'DeprecationWarning',
      code: warningCode(fn),
    });
  }
}
