import { CatalogError, hasErrorCode } from './catalog-error.ts';

/**
 * Base of every failure talking to an upstream. `retryable` says whether trying again may help;
 * `retryAfterMs` carries the upstream's Retry-After when it sent one. The kernel's retry policy
 * reads both (duck-typed, so the kernel does not depend on this package).
 */
export class UpstreamError extends CatalogError {
  readonly provider: string;
  readonly url: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** A short machine-readable reason, used as a metrics label. */
  readonly reason: string;

  constructor(
    code: string,
    reason: string,
    message: string,
    details: { provider: string; url: string; retryable: boolean; retryAfterMs?: number | undefined },
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'UpstreamError';
    this.reason = reason;
    this.provider = details.provider;
    this.url = details.url;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }

  static override isInstance(value: unknown): value is UpstreamError {
    return (
      CatalogError.isInstance(value) && typeof (value as UpstreamError).reason === 'string' && 'retryable' in value
    );
  }
}

/** The upstream answered with a non-2xx status. */
export class UpstreamHttpError extends UpstreamError {
  static readonly code = 'UPSTREAM_HTTP';
  readonly status: number;
  readonly bodyExcerpt: string;

  constructor(details: {
    provider: string;
    url: string;
    status: number;
    bodyExcerpt: string;
    retryAfterMs?: number | undefined;
  }) {
    const { status } = details;
    const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
    const hint =
      status === 401 || status === 403
        ? ' Check the API key (it was rejected).'
        : status === 429
          ? ' Rate limited: the request will be retried after the Retry-After delay.'
          : status === 404
            ? ' Check the base URL.'
            : '';
    super(
      UpstreamHttpError.code,
      status === 401 || status === 403 ? 'unauthorized' : status === 429 ? 'rate_limited' : `http_${status}`,
      `${details.provider}: ${details.url} answered ${status}.${hint}` +
        (details.bodyExcerpt ? ` Body: ${details.bodyExcerpt}` : ''),
      { ...details, retryable },
    );
    this.name = 'UpstreamHttpError';
    this.status = status;
    this.bodyExcerpt = details.bodyExcerpt;
  }

  static override isInstance(value: unknown): value is UpstreamHttpError {
    return hasErrorCode(value, UpstreamHttpError.code);
  }
}

/** The connection failed (refused, reset, DNS) or the request timed out. */
export class UpstreamNetworkError extends UpstreamError {
  static readonly code = 'UPSTREAM_NETWORK';

  constructor(details: { provider: string; url: string; timedOut: boolean; cause: unknown }) {
    const what = details.timedOut ? 'timed out' : `failed: ${describeCause(details.cause)}`;
    super(
      UpstreamNetworkError.code,
      details.timedOut ? 'timeout' : 'network',
      `${details.provider}: ${details.url} ${what}. The upstream may be down or unreachable from here.`,
      { provider: details.provider, url: details.url, retryable: true },
      { cause: details.cause },
    );
    this.name = 'UpstreamNetworkError';
  }

  static override isInstance(value: unknown): value is UpstreamNetworkError {
    return hasErrorCode(value, UpstreamNetworkError.code);
  }
}

/** The response body was larger than the configured maximum; it was not read further. */
export class ResponseTooLargeError extends UpstreamError {
  static readonly code = 'RESPONSE_TOO_LARGE';
  readonly limitBytes: number;

  constructor(details: { provider: string; url: string; limitBytes: number }) {
    super(
      ResponseTooLargeError.code,
      'too_large',
      `${details.provider}: ${details.url} returned more than ${details.limitBytes} bytes. ` +
        'Raise the `maxBodyBytes` setting if this upstream really sends that much.',
      { provider: details.provider, url: details.url, retryable: false },
    );
    this.name = 'ResponseTooLargeError';
    this.limitBytes = details.limitBytes;
  }

  static override isInstance(value: unknown): value is ResponseTooLargeError {
    return hasErrorCode(value, ResponseTooLargeError.code);
  }
}

/** The body was not valid JSON. */
export class InvalidJsonError extends UpstreamError {
  static readonly code = 'INVALID_JSON';
  readonly bodyExcerpt: string;

  constructor(details: { provider: string; url: string; bodyExcerpt: string; cause: unknown }) {
    super(
      InvalidJsonError.code,
      'invalid_json',
      `${details.provider}: ${details.url} did not return valid JSON (${describeCause(details.cause)}). ` +
        `Body starts: ${details.bodyExcerpt}`,
      { provider: details.provider, url: details.url, retryable: true },
      { cause: details.cause },
    );
    this.name = 'InvalidJsonError';
    this.bodyExcerpt = details.bodyExcerpt;
  }

  static override isInstance(value: unknown): value is InvalidJsonError {
    return hasErrorCode(value, InvalidJsonError.code);
  }
}

/** The JSON was valid but not the shape the provider documents (e.g. no `data` array). */
export class UnexpectedShapeError extends UpstreamError {
  static readonly code = 'UNEXPECTED_SHAPE';
  readonly issues: string;

  constructor(details: { provider: string; url: string; expected: string; issues: string }) {
    super(
      UnexpectedShapeError.code,
      'unexpected_shape',
      `${details.provider}: ${details.url} returned JSON of an unexpected shape: expected ${details.expected}; ` +
        `${details.issues}. The upstream API may have changed: check the provider's docs.`,
      { provider: details.provider, url: details.url, retryable: false },
    );
    this.name = 'UnexpectedShapeError';
    this.issues = details.issues;
  }

  static override isInstance(value: unknown): value is UnexpectedShapeError {
    return hasErrorCode(value, UnexpectedShapeError.code);
  }
}

/** Pagination did not end: too many pages, or the upstream repeated a cursor. */
export class PaginationError extends UpstreamError {
  static readonly code = 'PAGINATION';

  constructor(details: { provider: string; url: string; reason: string }) {
    super(
      PaginationError.code,
      'pagination',
      `${details.provider}: pagination from ${details.url} did not end: ${details.reason}.`,
      { provider: details.provider, url: details.url, retryable: false },
    );
    this.name = 'PaginationError';
  }

  static override isInstance(value: unknown): value is PaginationError {
    return hasErrorCode(value, PaginationError.code);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
  return String(cause);
}
