import { createHash, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenMatches } from '../src/http/admin-token.ts';
import { DEFAULT_ADMIN_RATE_LIMIT } from '../src/http/admin-rate-limiter.ts';
import { expectApiError, Probe } from './http-probe.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './start-test-app.ts';

// The real timingSafeEqual, watched: the test below checks what tokenMatches hands it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const sha256 = (text: string) => createHash('sha256').update(text).digest();

// Every test gets its own app: the admin limiter counts per app and per client address.
let t: TestApp;
let probe: Probe;
beforeEach(async () => {
  t = await startTestApp();
  probe = new Probe(t.url);
});
afterEach(async () => {
  await probe.close();
  await t.close();
});

async function adminRoutes(): Promise<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string }[]> {
  const doc = JSON.parse((await probe.send({ path: '/openapi.json' })).text) as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.security)
      .map(([method]) => ({ method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE', path })),
  );
}

const cache = (probeOf: Probe, authorization?: string, query = '') =>
  probeOf.send({ path: `/admin/cache${query}`, headers: authorization ? { authorization } : {} });

describe('admin authentication', () => {
  it('every admin route (from /openapi.json) answers 401 without a token, asking for a bearer', async () => {
    const routes = await adminRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const response = await probe.send({
        method: route.method,
        path: route.path,
        headers: { 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      });
      expect(expectApiError(response, 401).code, `${route.method} ${route.path}`).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="catalog-admin"');
    }
    expect((await cache(probe, `Bearer ${ADMIN_TOKEN}`)).status).toBe(200);
  });

  it('a wrong token is a 401: near misses, other schemes, extra words', async () => {
    const wrong = [
      'Bearer wrong-token-0123456789',
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.toUpperCase()}`,
      `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}`,
      `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`,
      `Token ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
      'Bearer',
    ];
    for (const authorization of wrong) {
      const response = await cache(probe, authorization);
      expect(expectApiError(response, 401).message, authorization).not.toContain(ADMIN_TOKEN);
    }
    expect((await cache(probe, `bearer   ${ADMIN_TOKEN}  `)).status).toBe(200);
  });

  it('the token in the query string is a 401, even with the right Authorization header', async () => {
    for (const name of ['token', 'access_token', 'admin_token']) {
      const response = await cache(probe, `Bearer ${ADMIN_TOKEN}`, `?${name}=${ADMIN_TOKEN}`);
      expect(expectApiError(response, 401).message).toContain('never in the URL');
    }
  });

  it('property: any Authorization header is a 401 (then 429), never a 200 or a 5xx', async () => {
    const header = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.constantFrom('Bearer ', 'Bearer \t', `Bearer ${'a'.repeat(8_000)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        header.filter((value) => value.trim() !== '' && /^[\t\x20-\x7e]*$/.test(value) && !value.includes(ADMIN_TOKEN)),
        async (authorization) => {
          const response = await cache(probe, authorization);
          expectApiError(response, [401, 429]);
          if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('admin rate limit', () => {
  it(`after ${DEFAULT_ADMIN_RATE_LIMIT.failuresPerWindow} failed authentications a client gets 429 with Retry-After, even with the right token`, async () => {
    for (let i = 0; i < DEFAULT_ADMIN_RATE_LIMIT.failuresPerWindow; i++) {
      expect((await cache(probe, `Bearer guess-${i}-0123456789abcdef`)).status).toBe(401);
    }
    const limited = await cache(probe, 'Bearer guess-next-0123456789abcdef');
    expect(expectApiError(limited, 429).code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(DEFAULT_ADMIN_RATE_LIMIT.windowMs / 1000);
    expect(expectApiError(limited, 429).message).toContain(`retry after ${retryAfter} s`);
    // The right token does not lift the block: guessing costs a whole window per few attempts.
    expectApiError(await cache(probe, `Bearer ${ADMIN_TOKEN}`), 429);
    // Public routes are not limited; another client address is not blocked.
    expect((await probe.send({ path: '/healthz' })).status).toBe(200);
    const other = new Probe(t.url, '127.0.0.2');
    try {
      expect((await cache(other, `Bearer ${ADMIN_TOKEN}`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it(`admits ${DEFAULT_ADMIN_RATE_LIMIT.requestsPerWindow} authenticated admin requests per client and window, then 429`, async () => {
    for (let i = 0; i < DEFAULT_ADMIN_RATE_LIMIT.requestsPerWindow; i++) {
      expect((await cache(probe, `Bearer ${ADMIN_TOKEN}`)).status).toBe(200);
    }
    const limited = await cache(probe, `Bearer ${ADMIN_TOKEN}`);
    expect(expectApiError(limited, 429).message).toContain('too many admin requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('constant-time token comparison', () => {
  it('tokenMatches always compares two SHA-256 digests with timingSafeEqual, whatever the length', () => {
    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    const presented = [
      undefined,
      '',
      'x',
      ADMIN_TOKEN.slice(0, -1),
      ADMIN_TOKEN,
      `${ADMIN_TOKEN}${'y'.repeat(4_096)}`,
      '€'.repeat(64),
    ];
    const results = presented.map((token) => tokenMatches(token, ADMIN_TOKEN));
    expect(results).toEqual([false, false, false, false, true, false, false]);
    // No early exit: one comparison per call, of equal-length digests, never of the raw tokens.
    expect(compare).toHaveBeenCalledTimes(presented.length);
    compare.mock.calls.forEach(([a, b], i) => {
      expect(Buffer.from(a as Uint8Array)).toEqual(sha256(presented[i] ?? ''));
      expect(Buffer.from(b as Uint8Array)).toEqual(sha256(ADMIN_TOKEN));
    });
  });

  it('the admin routes check the token through it', async () => {
    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    await cache(probe, 'Bearer short');
    await cache(probe, `Bearer ${ADMIN_TOKEN}`);
    const digestCalls = compare.mock.calls.filter(([a, b]) => a.byteLength === 32 && b.byteLength === 32);
    expect(digestCalls.map(([a]) => Buffer.from(a as Uint8Array))).toEqual([sha256('short'), sha256(ADMIN_TOKEN)]);
  });
});
