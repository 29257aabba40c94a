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
  type RetryPolicy,
} from 'cockatiel';
import type { KeyPolicy } from './key-policy.ts';
import { CircuitOpenError, FetchTimeoutError, RetryLaterError } from './kernel-error.ts';
import { retryDelay } from './retry-delay.ts';

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

/** A retry about to happen: after `delayMs`, attempt number `attempt` (1 = the first retry). */
export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/**
 * One key's circuit breaker, retries and per-attempt timeout (cockatiel): retry(breaker(timeout(fetch))).
 * Retries back off exponentially with equal jitter (`retryDelay`), honour a Retry-After carried by
 * the error, and retry timed-out attempts; they stop for errors marked `retryable: false` and for an
 * open circuit. When the upstream asks to wait longer than `retry.maxDelayMs`, it is not retried:
 * the failure is returned, and the upstream is not called again until that wait is over
 * (RetryLaterError meanwhile).
 */
export class KeyResilience {
  readonly breaker: CircuitBreakerPolicy;
  readonly #retry: RetryPolicy;
  readonly #policy: IPolicy;
  readonly #key: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #halfOpenAfterMs: number;
  /** The upstream's last Retry-After ends here (epoch ms of `now`); 0: no wait pending. */
  #retryAt = 0;
  /** When the circuit last opened (Date.now(), cockatiel's clock). */
  #openedAt = 0;

  constructor(key: string, policy: KeyPolicy, options: { random?: () => number; now?: () => number } = {}) {
    const random = options.random ?? Math.random;
    this.#key = key;
    this.#timeoutMs = policy.timeoutMs;
    this.#now = options.now ?? Date.now;
    this.#halfOpenAfterMs = policy.breaker.halfOpenAfterMs;
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: policy.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(policy.breaker.threshold),
    });
    this.breaker.onBreak(() => (this.#openedAt = Date.now()));
    this.#retry = retry(
      handleWhen((error) => {
        if (isBrokenCircuitError(error)) return false;
        if ((error as RetryHints | null)?.retryable === false) return false;
        const after = retryAfterOf(error);
        return after === undefined || after <= policy.retry.maxDelayMs;
      }),
      {
        maxAttempts: policy.retry.maxAttempts,
        backoff: new DelegateBackoff((context) =>
          retryDelay(
            context.attempt,
            policy.retry,
            random,
            'error' in context.result ? retryAfterOf(context.result.error) : undefined,
          ),
        ),
      },
    );
    this.#policy = wrap(this.#retry, this.breaker, timeout(policy.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /**
   * Runs the fetch through retry, breaker and timeout. Rejects at once, without calling the
   * upstream, with CircuitOpenError while the circuit is open and with RetryLaterError while a
   * Retry-After is pending; a last attempt that timed out rejects with FetchTimeoutError.
   */
  async execute<T>(fetch: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const wait = this.retryAfterRemainingMs();
    if (wait > 0) throw new RetryLaterError(this.#key, wait, this.#retryAt);
    const attempt = async (attemptSignal: AbortSignal): Promise<T> => {
      try {
        return await fetch(attemptSignal);
      } catch (error) {
        // Failing with its signal aborted (and not by the caller): the per-attempt timeout fired,
        // whatever error the fetch made of the abort.
        if (attemptSignal.aborted && !signal?.aborted) throw new FetchTimeoutError(this.#key, this.#timeoutMs, error);
        throw error;
      }
    };
    try {
      return (await this.#policy.execute(({ signal: attemptSignal }) => attempt(attemptSignal), signal)) as T;
    } catch (error) {
      if (isBrokenCircuitError(error)) throw new CircuitOpenError(this.#key);
      const after = retryAfterOf(error);
      if (after !== undefined) this.#retryAt = Math.max(this.#retryAt, this.#now() + after);
      // The timeout won the race against the fetch (one that ignores its signal).
      if (isTaskCancelledError(error) && !signal?.aborted)
        throw new FetchTimeoutError(this.#key, this.#timeoutMs, error);
      throw error;
    }
  }

  /** How long the upstream still asked to wait (its last Retry-After), ms; 0 when it may be called. */
  retryAfterRemainingMs(): number {
    return Math.max(0, this.#retryAt - this.#now());
  }

  /**
   * Whether a call now would reach the upstream: the circuit is closed, or open long enough for
   * its half-open probe (and no probe runs yet), and no Retry-After is pending. Background
   * refreshes start only then, so an open circuit still recovers while reads are served the
   * last good value.
   */
  callable(): boolean {
    if (this.retryAfterRemainingMs() > 0) return false;
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return true;
      case CircuitState.Open:
        return Date.now() - this.#openedAt >= this.#halfOpenAfterMs;
      default:
        return false; // a half-open probe is running, or the circuit is isolated
    }
  }

  /** Called before every retry, with its delay. */
  onRetry(listener: (notice: RetryNotice) => void): void {
    this.#retry.onRetry((event) =>
      listener({ attempt: event.attempt, delayMs: event.delay, error: 'error' in event ? event.error : event.value }),
    );
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
