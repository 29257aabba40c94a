/** How one key is cached and fetched. Every field has a default; override globally or per key. */
export interface KeyPolicy {
  /** A value is fresh this long after its fetch (default 15 min). */
  freshTtlMs: number;
  /** After that it is served stale, with one background refresh, for this long (default 1 h). */
  staleTtlMs: number;
  /** While the upstream keeps failing, the last good value is served up to this age (default 24 h). */
  maxStaleMs: number;
  /** TTLs are spread by ±this ratio so keys do not expire together (default 0.1). */
  jitterRatio: number;
  /** Per-attempt timeout of the fetch, ms (default 30 s). */
  timeoutMs: number;
  retry: {
    /** Attempts after the first (default 2). */
    maxAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
  };
  breaker: {
    /** Consecutive failures that open the circuit (default 5). */
    threshold: number;
    /** Time the circuit stays open before one half-open probe (default 30 s). */
    halfOpenAfterMs: number;
  };
  guard: {
    /** Refuse an empty list (default true). */
    rejectEmpty: boolean;
    /** Refuse a list that shrank by more than this ratio against the last good one (default 0.5; 1 disables). */
    maxShrinkRatio: number;
  };
}

export type KeyPolicyOverrides = Partial<Omit<KeyPolicy, 'retry' | 'breaker' | 'guard'>> & {
  retry?: Partial<KeyPolicy['retry']>;
  breaker?: Partial<KeyPolicy['breaker']>;
  guard?: Partial<KeyPolicy['guard']>;
};

export const DEFAULT_KEY_POLICY: KeyPolicy = Object.freeze({
  freshTtlMs: 15 * 60_000,
  staleTtlMs: 60 * 60_000,
  maxStaleMs: 24 * 60 * 60_000,
  jitterRatio: 0.1,
  timeoutMs: 30_000,
  retry: Object.freeze({ maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 10_000 }),
  breaker: Object.freeze({ threshold: 5, halfOpenAfterMs: 30_000 }),
  guard: Object.freeze({ rejectEmpty: true, maxShrinkRatio: 0.5 }),
});

/** Layers overrides on a base policy and checks the result. */
export function resolvePolicy(base: KeyPolicy, ...layers: (KeyPolicyOverrides | undefined)[]): KeyPolicy {
  let policy = base;
  for (const layer of layers) {
    if (!layer) continue;
    policy = {
      ...policy,
      ...layer,
      retry: { ...policy.retry, ...layer.retry },
      breaker: { ...policy.breaker, ...layer.breaker },
      guard: { ...policy.guard, ...layer.guard },
    };
  }
  const problems: string[] = [];
  if (!(policy.freshTtlMs > 0)) problems.push('freshTtlMs must be > 0');
  if (!(policy.staleTtlMs >= 0)) problems.push('staleTtlMs must be >= 0');
  if (!(policy.maxStaleMs >= policy.freshTtlMs + policy.staleTtlMs))
    problems.push('maxStaleMs must be >= freshTtlMs + staleTtlMs');
  if (!(policy.jitterRatio >= 0 && policy.jitterRatio < 1)) problems.push('jitterRatio must be in [0, 1)');
  if (!(policy.timeoutMs > 0)) problems.push('timeoutMs must be > 0');
  if (!(policy.retry.maxAttempts >= 0)) problems.push('retry.maxAttempts must be >= 0');
  if (!(policy.breaker.threshold >= 1)) problems.push('breaker.threshold must be >= 1');
  if (!(policy.guard.maxShrinkRatio > 0 && policy.guard.maxShrinkRatio <= 1))
    problems.push('guard.maxShrinkRatio must be in (0, 1]');
  if (problems.length > 0) throw new RangeError(`invalid cache policy: ${problems.join('; ')}`);
  return policy;
}

/** A TTL spread by ±jitterRatio. */
export function jittered(ms: number, jitterRatio: number, random: () => number): number {
  return Math.round(ms * (1 + (random() * 2 - 1) * jitterRatio));
}
