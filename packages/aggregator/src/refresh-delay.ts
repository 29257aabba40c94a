/** Background sync timing (see {@link refreshDelay}). */
export interface RefreshTiming {
  /** The provider's fresh TTL, ms. */
  readonly freshTtlMs: number;
  /** Refresh this fraction of the fresh TTL before it ends, in (0, 0.5]. */
  readonly lead: number;
  /** The lead is spread uniformly by ±this fraction of itself, in [0, 1). */
  readonly jitter: number;
}

export const DEFAULT_REFRESH_LEAD = 0.25;
export const DEFAULT_REFRESH_JITTER = 0.4;
/** A failed refresh, or a value that is not fresh any more, is retried this soon at most (jittered). */
const RETRY_MS = 5_000;
const MIN_RETRY_MS = 50;
/** A provider with no value is retried this soon at most (jittered); requests also trigger fetches. */
const EMPTY_RETRY_MS = 60_000;

export function checkRefreshTiming(timing: RefreshTiming): void {
  if (!(timing.freshTtlMs > 0)) throw new RangeError(`freshTtlMs must be > 0 (got ${timing.freshTtlMs})`);
  if (!(timing.lead > 0 && timing.lead <= 0.5))
    throw new RangeError(`refreshLead must be in (0, 0.5] (got ${timing.lead})`);
  if (!(timing.jitter >= 0 && timing.jitter < 1))
    throw new RangeError(`refreshJitter must be in [0, 1) (got ${timing.jitter})`);
}

/**
 * When a fresh value fetched at `fetchedAt` is due for its background refresh: `lead` × TTL
 * before its fresh TTL ends, the lead spread by ±`jitter` of itself. With the defaults (lead
 * 0.25, jitter 0.4) a refresh starts between 65 % and 85 % of the fresh TTL: before the value
 * stops being fresh even when the kernel shortens that TTL by its own jitter (±10 % by default),
 * and spread so that providers (and instances) do not all refresh at the same moment.
 */
export function refreshDueAt(fetchedAt: number, timing: RefreshTiming, random: () => number): number {
  const leadMs = timing.freshTtlMs * timing.lead * (1 + (random() * 2 - 1) * timing.jitter);
  return fetchedAt + timing.freshTtlMs - leadMs;
}

/**
 * How long until the next background refresh of one provider, ms. `held` is the value the cache
 * holds now (none: a first fetch is retried within a minute), `failed` whether the last refresh
 * failed (retried within 5 s, jittered, never sooner than the lead allows for short TTLs).
 */
export function refreshDelay(
  held: { readonly fetchedAt: number; readonly state: string } | undefined,
  options: { timing: RefreshTiming; now: number; random: () => number; failed?: boolean },
): number {
  const { timing, now, random } = options;
  const spread = () => 1 + (random() * 2 - 1) * timing.jitter;
  const retryMs = Math.max(MIN_RETRY_MS, Math.min(RETRY_MS, timing.freshTtlMs * timing.lead * (1 - timing.jitter)));
  if (!held) return Math.min(EMPTY_RETRY_MS, timing.freshTtlMs) * spread();
  if (options.failed || held.state !== 'fresh') return retryMs * spread();
  return Math.max(0, refreshDueAt(held.fetchedAt, timing, random) - now);
}
