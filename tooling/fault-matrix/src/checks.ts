import {
  readHealth,
  readMetrics,
  readProviderModels,
  readRedisConnected,
  statusOf,
  type ProviderHealth,
} from './api-reads.ts';
import { metricSum } from './prometheus-text.ts';
import type { Check, ScenarioContext } from './scenario.ts';

// The checks scenarios are made of. Each reads the API (metrics, health, routes) or its Redis and
// says what it saw when the check does not hold yet.

/** The providers a check is about: the target, or every provider for '*'. */
function providersOf(ctx: ScenarioContext, provider: string | undefined): readonly string[] {
  const which = provider ?? ctx.target;
  return which === '*' ? ctx.providers : [which];
}

const label = (provider: string | undefined) => (provider === undefined ? 'the target' : provider);

/** A counter of /metrics went up since before the fault, for each provider concerned. */
function counterRose(metric: string, labels: Record<string, string>, provider: string | undefined): Check {
  const shown = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return {
    what: `metrics: ${metric}{${shown}} rose (${label(provider)})`,
    async test(ctx) {
      const now = await readMetrics(ctx.api.url);
      const flat = providersOf(ctx, provider).filter((p) => {
        const match = { ...labels, provider: p };
        return metricSum(now, metric, match) <= metricSum(ctx.baseline.metrics, metric, match);
      });
      return flat.length > 0 ? `not risen for ${flat.join(', ')}` : undefined;
    },
  };
}

/** provider_fetch_errors_total{reason} rose. */
export const fetchErrors = (reason: string, provider?: string) =>
  counterRose('provider_fetch_errors_total', { reason }, provider);

/** refresh_rejected_total{reason} rose (last-good protection refused a list). */
export const rejectedRefreshes = (reason: 'empty' | 'shrunk' | 'invalid', provider?: string) =>
  counterRose('refresh_rejected_total', { reason }, provider);

/** cache_errors_total (store read, write, decode and validation errors) rose. */
export const storeErrors = (provider?: string) => counterRose('cache_errors_total', {}, provider);

/** A check on each concerned provider's health entry. */
function healthCheck(
  what: string,
  provider: string | undefined,
  holds: (health: ProviderHealth, ctx: ScenarioContext) => boolean,
): Check {
  return {
    what: `health: ${what} (${label(provider)})`,
    async test(ctx) {
      const health = await readHealth(ctx.api.url);
      const wrong = providersOf(ctx, provider)
        .map((p) => health.find((h) => h.provider === p))
        .filter((h) => !h || !holds(h, ctx));
      if (wrong.length === 0) return undefined;
      return wrong
        .map((h) =>
          h
            ? `${h.provider}: state ${h.state}, breaker ${h.breaker}, skipped ${h.skippedCount}, error ${h.lastError?.reason ?? 'none'}`
            : 'not listed',
        )
        .join('; ');
    },
  };
}

/** The provider is served from its last good list while its upstream fails, and says why. */
export const staleWithError = (provider?: string) =>
  healthCheck('state stale-error with its last error', provider, (h) => h.state === 'stale-error' && !!h.lastError);

export const breakerOpen = (provider?: string) => healthCheck('breaker open', provider, (h) => h.breaker === 'open');

/** The last error's reason is one of these. */
export const lastErrorReason = (reasons: readonly string[], provider?: string) =>
  healthCheck(
    `last error ${reasons.join(' or ')}`,
    provider,
    (h) => !!h.lastError && reasons.includes(h.lastError.reason),
  );

/** skippedCount rose by at least `count` over the baseline. */
export const skippedMore = (count: number, provider?: string) =>
  healthCheck(`skippedCount rose by ≥ ${count}`, provider, (h, ctx) => {
    const before = ctx.baseline.health.find((b) => b.provider === h.provider)?.skippedCount ?? 0;
    return h.skippedCount >= before + count;
  });

export const zeroModelsFlagged = (provider?: string) =>
  healthCheck('zeroModels flagged', provider, (h) => h.zeroModels);

/** Fresh, breaker closed, no error: the provider's refreshes get through again. */
export const healthy = (provider?: string) =>
  healthCheck(
    'fresh, breaker closed, no error',
    provider,
    (h) => h.state === 'fresh' && h.breaker === 'closed' && !h.lastError,
  );

/** The served model count equals the baseline's (nothing added from a faulty list, nothing lost). */
export const modelCountUnchanged = (provider?: string) =>
  healthCheck('model count as before', provider, (h, ctx) => {
    const before = ctx.baseline.health.find((b) => b.provider === h.provider)?.modelCount;
    return h.modelCount === before;
  });

/** The model added upstream on recovery is served: a refresh got through. */
export const servesMarker: Check = {
  what: 'the model added upstream after the fault is served',
  async test(ctx) {
    const status = await statusOf(ctx.api.url, `/catalog/models/${encodeURIComponent(ctx.marker)}`);
    return status === 200 ? undefined : `/catalog/models/${ctx.marker} answered ${status}`;
  },
};

/** /system/cache reports the Redis connection as `connected`. */
export const redisConnected = (connected: boolean): Check => ({
  what: `/system/cache: redis.connected ${connected}`,
  async test(ctx) {
    const now = await readRedisConnected(ctx.api.url);
    return now === connected ? undefined : `redis.connected is ${now}`;
  },
});

export const redisConnectionErrors: Check = {
  what: 'metrics: redis_connection_errors_total rose',
  async test(ctx) {
    const now = metricSum(await readMetrics(ctx.api.url), 'redis_connection_errors_total');
    const before = metricSum(ctx.baseline.metrics, 'redis_connection_errors_total');
    return now > before ? undefined : `still ${now}`;
  },
};

/**
 * Every provider's entry in Redis decodes with the kernel's codec and is a valid model list
 * matching its version; those of `rewritten` (default all) were fetched after the fault began.
 */
export function storeHealed(rewritten: readonly string[] | '*' = '*'): Check {
  return {
    what: `Redis: every entry valid, ${rewritten === '*' ? 'each' : rewritten.join(', ')} fetched after the fault began`,
    async test(ctx) {
      const problems: string[] = [];
      for (const provider of ctx.providers) {
        const entry = await ctx.store().entry(provider);
        if (entry.kind === 'invalid') problems.push(`${provider}: ${entry.problem}`);
        else if (entry.kind === 'absent') problems.push(`${provider}: absent`);
        else if ((rewritten === '*' || rewritten.includes(provider)) && entry.fetchedAt < ctx.faultAt)
          problems.push(`${provider}: not rewritten yet`);
      }
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  };
}

/** A figure the scenario's steps recorded has the expected value. */
export const figureIs = (name: string, expected: string | number, what: string): Check => ({
  what,
  async test(ctx) {
    const value = ctx.figures[name];
    return value === expected ? undefined : `${name} is ${value ?? 'not recorded'} (expected ${expected})`;
  },
});

/** The scenario's Redis reports evictions (INFO stats evicted_keys). */
export const redisEvicted: Check = {
  what: 'Redis: evicted_keys > 0',
  async test(ctx) {
    const evicted = Number(/evicted_keys:(\d+)/.exec(ctx.redis!.cli('INFO', 'stats'))?.[1] ?? 0);
    ctx.figures.evictedKeys = evicted;
    return evicted > 0 ? undefined : 'no key evicted yet';
  },
};

/** Each provider still serves every model it served before the fault. */
export const keptModels: Check = {
  what: "each provider's models from before the fault still served",
  async test(ctx) {
    const lost: string[] = [];
    for (const [provider, before] of ctx.baseline.models) {
      const served = new Set((await readProviderModels(ctx.api.url, provider)).map((m) => m.id));
      const missing = before.filter((id) => !served.has(id));
      if (missing.length > 0) lost.push(`${provider} lost ${missing.length} (e.g. ${missing[0]})`);
    }
    return lost.length > 0 ? lost.join('; ') : undefined;
  },
};
