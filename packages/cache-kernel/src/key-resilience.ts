import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { KeyPolicy } from './key-policy.ts';
import { CircuitOpenError } from './kernel-error.ts';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** The numbers circuit_breaker_state exports. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** What a thrown upstream error may say about retrying (duck-typed: no provider dependency). */
interface RetryHints {
  retryable?: unknown;
  retryAfterMs?: unknown;
}

function retryAfterOf(error: unknown): number | undefined {
  const value = (error as RetryHints | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * One key's circuit breaker, retries and per-attempt timeout (cockatiel): retry(breaker(timeout(fetch))).
 * Retries back off exponentially with full jitter, honour a Retry-After carried by the error, and
 * stop for errors marked `retryable: false`, for an open circuit, and when the upstream asks to
 * wait longer than the retry budget (the background sync tries again later).
 */
export class KeyResilience {
  readonly breaker: CircuitBreakerPolicy;
  readonly #policy: IPolicy;
  readonly #key: string;

  constructor(key: string, policy: KeyPolicy, random: () => number = Math.random) {
    this.#key = key;
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: policy.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(policy.breaker.threshold),
    });
    const retryPolicy = retry(
      handleWhen((error) => {
        if (isBrokenCircuitError(error) || isTaskCancelledError(error)) return false;
        if ((error as RetryHints | null)?.retryable === false) return false;
        const after = retryAfterOf(error);
        return after === undefined || after <= policy.retry.maxDelayMs;
      }),
      {
        maxAttempts: policy.retry.maxAttempts,
        backoff: new DelegateBackoff((context) => {
          const exponential = Math.min(
            policy.retry.maxDelayMs,
            policy.retry.initialDelayMs * 2 ** (context.attempt - 1),
          );
          const jittered = Math.round(exponential * (0.5 + random() / 2));
          const after = 'error' in context.result ? retryAfterOf(context.result.error) : undefined;
          return Math.max(jittered, after ?? 0);
        }),
      },
    );
    this.#policy = wrap(retryPolicy, this.breaker, timeout(policy.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** Runs the fetch through retry, breaker and timeout. An open circuit rejects at once with CircuitOpenError. */
  async execute<T>(fetch: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return (await this.#policy.execute(({ signal: attemptSignal }) => fetch(attemptSignal), signal)) as T;
    } catch (error) {
      if (isBrokenCircuitError(error)) throw new CircuitOpenError(this.#key);
      throw error;
    }
  }

  state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'closed';
    }
  }

  /** Record a failure seen outside execute (the legacy set_gateway_error). */
  async recordFailure(error: unknown): Promise<void> {
    await this.breaker
      .execute(() => {
        throw error;
      })
      .catch(() => undefined);
  }

  /** Record a success seen outside execute (the legacy clear_gateway_error); closes a half-open circuit. */
  async recordSuccess(): Promise<void> {
    await this.breaker.execute(() => undefined).catch(() => undefined);
  }
}
