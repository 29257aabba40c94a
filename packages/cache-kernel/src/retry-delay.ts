import type { KeyPolicy } from './key-policy.ts';

/**
 * The wait before retry number `attempt` (1-based): exponential from `initialDelayMs`, doubling
 * per attempt, capped at `maxDelayMs`, with "equal jitter": uniformly 50–100 % of that delay, so
 * the retries of many keys spread out while none retries sooner than half the backoff. When the
 * upstream sent a Retry-After, the wait is at least that.
 */
export function retryDelay(
  attempt: number,
  retry: Pick<KeyPolicy['retry'], 'initialDelayMs' | 'maxDelayMs'>,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (0.5 + random() / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
