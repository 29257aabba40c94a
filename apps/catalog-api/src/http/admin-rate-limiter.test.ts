import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { AdminRateLimiter, adminRateLimitOptions, DEFAULT_ADMIN_RATE_LIMIT } from './admin-rate-limiter.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('AdminRateLimiter', () => {
  it('admits up to requestsPerWindow per client, then refuses with the seconds left in the window', () => {
    const time = clock();
    const limiter = new AdminRateLimiter({ requestsPerWindow: 3, windowMs: 10_000, now: time.now });
    for (let i = 0; i < 3; i++) expect(limiter.admit('10.0.0.1')).toEqual({ allowed: true });
    time.advance(2_500);
    const refused = limiter.admit('10.0.0.1');
    expect(refused).toMatchObject({ allowed: false, retryAfterSec: 8 });
    expect(refused.allowed === false && refused.reason).toContain('too many admin requests');
    // Another client has its own window.
    expect(limiter.admit('10.0.0.2')).toEqual({ allowed: true });
    // The window ends: admitted again.
    time.advance(7_500);
    expect(limiter.admit('10.0.0.1')).toEqual({ allowed: true });
  });

  it('blocks a client after failuresPerWindow failed authentications, whatever it sends next', () => {
    const time = clock();
    const limiter = new AdminRateLimiter({
      requestsPerWindow: 100,
      failuresPerWindow: 2,
      windowMs: 60_000,
      now: time.now,
    });
    for (let i = 0; i < 2; i++) {
      expect(limiter.admit('attacker')).toEqual({ allowed: true });
      limiter.recordFailure('attacker');
    }
    const refused = limiter.admit('attacker');
    expect(refused).toMatchObject({ allowed: false, retryAfterSec: 60 });
    expect(refused.allowed === false && refused.reason).toContain('too many failed admin authentications');
    expect(limiter.admit('operator')).toEqual({ allowed: true });
    time.advance(59_001);
    expect(limiter.admit('attacker')).toMatchObject({ allowed: false, retryAfterSec: 1 });
    time.advance(999);
    expect(limiter.admit('attacker')).toEqual({ allowed: true });
  });

  it('keeps at most maxClients windows, dropping ended ones first, then the oldest', () => {
    const time = clock();
    const limiter = new AdminRateLimiter({ failuresPerWindow: 1, windowMs: 1_000, maxClients: 3, now: time.now });
    limiter.recordFailure('a');
    time.advance(600);
    limiter.recordFailure('b');
    limiter.recordFailure('c');
    time.advance(500); // a's window has ended, b's and c's have not
    limiter.admit('d');
    expect(limiter.size).toBe(3);
    expect(limiter.admit('b').allowed).toBe(false);
    limiter.admit('e'); // all current: the oldest (b) goes
    expect(limiter.size).toBe(3);
    expect(limiter.admit('c').allowed).toBe(false);
    expect(limiter.admit('b').allowed).toBe(true);
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => new AdminRateLimiter({ requestsPerWindow: 0 })).toThrow(
      /requestsPerWindow must be a positive integer/,
    );
    expect(() => new AdminRateLimiter({ windowMs: 1.5 })).toThrow(/windowMs/);
  });

  it('is configured from ADMIN_RATE_LIMIT, ADMIN_AUTH_FAILURE_LIMIT and ADMIN_RATE_WINDOW_MS', () => {
    expect(adminRateLimitOptions(loadConfig({}))).toEqual(DEFAULT_ADMIN_RATE_LIMIT);
    expect(
      adminRateLimitOptions(
        loadConfig({ ADMIN_RATE_LIMIT: '30', ADMIN_AUTH_FAILURE_LIMIT: '3', ADMIN_RATE_WINDOW_MS: '120000' }),
      ),
    ).toEqual({ requestsPerWindow: 30, failuresPerWindow: 3, windowMs: 120_000 });
    expect(() => loadConfig({ ADMIN_AUTH_FAILURE_LIMIT: '0' })).toThrow(/ADMIN_AUTH_FAILURE_LIMIT/);
    expect(() => loadConfig({ ADMIN_RATE_WINDOW_MS: '10' })).toThrow(/ADMIN_RATE_WINDOW_MS/);
  });
});
