const MARKER = Symbol.for('@catalog/error');

/**
 * Base of the kernel's errors: a stable `code` and an `isInstance` guard that works across
 * duplicated package copies (same marker scheme as @catalog/provider-contract, no dependency).
 */
export class KernelError extends Error {
  readonly [MARKER] = true;
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KernelError';
    this.code = code;
  }

  static isInstance(value: unknown): value is KernelError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }
}

const hasCode = (value: unknown, code: string) => KernelError.isInstance(value) && value.code === code;

/** A key was read or refreshed that was never registered. */
export class UnknownKeyError extends KernelError {
  static readonly code = 'KERNEL_UNKNOWN_KEY';
  constructor(key: string) {
    super(
      UnknownKeyError.code,
      `cache key "${key}" is not registered: call kernel.register("${key}", { fetch, schema }) first`,
    );
    this.name = 'UnknownKeyError';
  }
  static override isInstance(value: unknown): value is UnknownKeyError {
    return hasCode(value, UnknownKeyError.code);
  }
}

/** There is no value to serve: nothing cached (or too old) and the fetch failed. */
export class NoValueError extends KernelError {
  static readonly code = 'KERNEL_NO_VALUE';
  readonly key: string;
  constructor(key: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(NoValueError.code, `no value for "${key}": nothing usable is cached and the fetch failed (${why})`, {
      cause,
    });
    this.name = 'NoValueError';
    this.key = key;
  }
  static override isInstance(value: unknown): value is NoValueError {
    return hasCode(value, NoValueError.code);
  }
}

/** A fetched value was refused by last-good protection; the previous value stays. */
export class RejectedValueError extends KernelError {
  static readonly code = 'KERNEL_REJECTED_VALUE';
  readonly key: string;
  readonly reason: 'invalid' | 'empty' | 'shrunk';
  constructor(key: string, reason: 'invalid' | 'empty' | 'shrunk', detail: string) {
    super(
      RejectedValueError.code,
      `refused the new value of "${key}" (${reason}): ${detail}; the last good value is kept`,
    );
    this.name = 'RejectedValueError';
    this.key = key;
    this.reason = reason;
  }
  static override isInstance(value: unknown): value is RejectedValueError {
    return hasCode(value, RejectedValueError.code);
  }
}

/** The breaker is open: the upstream is not called until the half-open probe. */
export class CircuitOpenError extends KernelError {
  static readonly code = 'KERNEL_CIRCUIT_OPEN';
  constructor(key: string) {
    super(
      CircuitOpenError.code,
      `the circuit for "${key}" is open after repeated failures; the upstream is not called until it half-opens`,
    );
    this.name = 'CircuitOpenError';
  }
  static override isInstance(value: unknown): value is CircuitOpenError {
    return hasCode(value, CircuitOpenError.code);
  }
}

/** The shared store failed or was too slow; the kernel carries on from memory. */
export class StoreError extends KernelError {
  static readonly code = 'KERNEL_STORE';
  readonly operation: string;
  constructor(operation: string, detail: string, cause?: unknown) {
    super(StoreError.code, `cache store ${operation} failed: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.operation = operation;
  }
  static override isInstance(value: unknown): value is StoreError {
    return hasCode(value, StoreError.code);
  }
}

/** One fetch attempt ran past the key's per-attempt timeout (its AbortSignal fired). */
export class FetchTimeoutError extends KernelError {
  static readonly code = 'KERNEL_FETCH_TIMEOUT';
  /** The metrics label (provider_fetch_errors_total{reason}). */
  readonly reason = 'timeout';
  readonly retryable = true;
  readonly key: string;
  readonly timeoutMs: number;
  constructor(key: string, timeoutMs: number, cause?: unknown) {
    super(
      FetchTimeoutError.code,
      `the upstream fetch of "${key}" timed out: the last attempt ran past the per-attempt timeout of ${timeoutMs} ms`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'FetchTimeoutError';
    this.key = key;
    this.timeoutMs = timeoutMs;
  }
  static override isInstance(value: unknown): value is FetchTimeoutError {
    return hasCode(value, FetchTimeoutError.code);
  }
}

/**
 * The upstream asked to wait (Retry-After, e.g. on a 429 or 503) longer than the retry budget:
 * it is not called again before `retryAt`.
 */
export class RetryLaterError extends KernelError {
  static readonly code = 'KERNEL_RETRY_LATER';
  readonly reason = 'retry_after';
  readonly retryable = false;
  readonly key: string;
  /** Epoch ms (the kernel's clock) from which the upstream may be called again. */
  readonly retryAt: number;
  constructor(key: string, waitMs: number, retryAt: number) {
    super(
      RetryLaterError.code,
      `the upstream of "${key}" asked to wait (Retry-After): not called again for ${Math.ceil(waitMs)} ms`,
    );
    this.name = 'RetryLaterError';
    this.key = key;
    this.retryAt = retryAt;
  }
  static override isInstance(value: unknown): value is RetryLaterError {
    return hasCode(value, RetryLaterError.code);
  }
}

/** A document kept changing under a compare-and-set update (other writers won every attempt). */
export class DocumentConflictError extends KernelError {
  static readonly code = 'KERNEL_DOCUMENT_CONFLICT';
  readonly document: string;
  readonly attempts: number;
  constructor(document: string, attempts: number) {
    super(
      DocumentConflictError.code,
      `document "${document}" was changed by other writers during each of ${attempts} update attempts: ` +
        'nothing of this update was written; retry it (or raise `attempts`)',
    );
    this.name = 'DocumentConflictError';
    this.document = document;
    this.attempts = attempts;
  }
  static override isInstance(value: unknown): value is DocumentConflictError {
    return hasCode(value, DocumentConflictError.code);
  }
}
