import type { AppConfig } from '../config.ts';

export interface AdminRateLimitOptions {
  /** Admin requests one client may make per window (default 120). */
  requestsPerWindow?: number;
  /**
   * Failed authentications (no, wrong or misplaced token) one client may make per window (default
   * 10). Beyond it every admin request from that client, even with the right token, gets a 429
   * until the window ends: guessing the token costs a window per few attempts.
   */
  failuresPerWindow?: number;
  /** Window length, ms (default 60 000). */
  windowMs?: number;
  /** Most clients tracked at once (default 10 000); the oldest windows are dropped beyond it. */
  maxClients?: number;
  now?: () => number;
}

/** What the limiter says about one request. */
export type AdminRateDecision = { allowed: true } | { allowed: false; retryAfterSec: number; reason: string };

interface ClientWindow {
  startedAt: number;
  requests: number;
  failures: number;
}

export const DEFAULT_ADMIN_RATE_LIMIT = {
  requestsPerWindow: 120,
  failuresPerWindow: 10,
  windowMs: 60_000,
} as const;

/**
 * A small fixed-window limiter for the admin routes, per client (its IP address): every admin
 * request counts, failed authentications count separately with a much lower limit. In memory and
 * per instance; memory is bounded by `maxClients`.
 */
export class AdminRateLimiter {
  readonly #requestsPerWindow: number;
  readonly #failuresPerWindow: number;
  readonly #windowMs: number;
  readonly #maxClients: number;
  readonly #now: () => number;
  readonly #clients = new Map<string, ClientWindow>();

  constructor(options: AdminRateLimitOptions = {}) {
    this.#requestsPerWindow = positiveInt(
      'requestsPerWindow',
      options.requestsPerWindow,
      DEFAULT_ADMIN_RATE_LIMIT.requestsPerWindow,
    );
    this.#failuresPerWindow = positiveInt(
      'failuresPerWindow',
      options.failuresPerWindow,
      DEFAULT_ADMIN_RATE_LIMIT.failuresPerWindow,
    );
    this.#windowMs = positiveInt('windowMs', options.windowMs, DEFAULT_ADMIN_RATE_LIMIT.windowMs);
    this.#maxClients = positiveInt('maxClients', options.maxClients, 10_000);
    this.#now = options.now ?? Date.now;
  }

  /** Counts a request from `client` and says whether it may go on. */
  admit(client: string): AdminRateDecision {
    const window = this.#window(client);
    if (window.failures >= this.#failuresPerWindow) {
      return this.#refuse(window, `too many failed admin authentications from this client (${this.#limits()})`);
    }
    if (window.requests >= this.#requestsPerWindow) {
      return this.#refuse(window, `too many admin requests from this client (${this.#limits()})`);
    }
    window.requests++;
    return { allowed: true };
  }

  /** Records a failed authentication by `client`. */
  recordFailure(client: string): void {
    this.#window(client).failures++;
  }

  /** Clients currently tracked (for tests and status). */
  get size(): number {
    return this.#clients.size;
  }

  #limits(): string {
    return `${this.#failuresPerWindow} failed authentications and ${this.#requestsPerWindow} requests per ${this.#windowMs / 1000} s`;
  }

  #refuse(window: ClientWindow, reason: string): AdminRateDecision {
    const retryAfterSec = Math.max(1, Math.ceil((window.startedAt + this.#windowMs - this.#now()) / 1000));
    return { allowed: false, retryAfterSec, reason };
  }

  #window(client: string): ClientWindow {
    const now = this.#now();
    let window = this.#clients.get(client);
    if (window && now - window.startedAt >= this.#windowMs) {
      this.#clients.delete(client);
      window = undefined;
    }
    if (!window) {
      if (this.#clients.size >= this.#maxClients) this.#evict(now);
      window = { startedAt: now, requests: 0, failures: 0 };
      this.#clients.set(client, window);
    }
    return window;
  }

  /** Drops ended windows; when every window is current, the oldest (Map order is start order). */
  #evict(now: number): void {
    for (const [client, window] of this.#clients) {
      if (now - window.startedAt >= this.#windowMs) this.#clients.delete(client);
    }
    while (this.#clients.size >= this.#maxClients) {
      this.#clients.delete(this.#clients.keys().next().value!);
    }
  }
}

/** The limiter's options from the API configuration (ADMIN_RATE_LIMIT, ADMIN_AUTH_FAILURE_LIMIT, ADMIN_RATE_WINDOW_MS). */
export function adminRateLimitOptions(
  config: Pick<AppConfig, 'ADMIN_RATE_LIMIT' | 'ADMIN_AUTH_FAILURE_LIMIT' | 'ADMIN_RATE_WINDOW_MS'>,
): AdminRateLimitOptions {
  return {
    requestsPerWindow: config.ADMIN_RATE_LIMIT,
    failuresPerWindow: config.ADMIN_AUTH_FAILURE_LIMIT,
    windowMs: config.ADMIN_RATE_WINDOW_MS,
  };
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`AdminRateLimiter: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
