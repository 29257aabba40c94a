import { describe, expect, it } from 'vitest';
import { LegacyDictCache } from './legacy-dict-cache.ts';

function setup(fetch: (slug: string) => Promise<unknown>) {
  let now = 0;
  const cache = new LegacyDictCache({ fetch, timeScale: 1 / 3600, now: () => now }); // ttl 1 s, stale_ttl 2 s, backoff 16.7 ms
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('LegacyDictCache (model of the seed cache.py)', () => {
  it('serves fresh data from the dict and refetches on the request path once ttl has passed', async () => {
    const calls: string[] = [];
    const { cache, advance } = setup(async (slug) => (calls.push(slug), [slug]));
    expect(await cache.read('groq')).toEqual({ data: ['groq'], hit: false, empty: false });
    advance(999);
    expect(await cache.read('groq')).toMatchObject({ hit: true });
    advance(1);
    expect(await cache.read('groq')).toMatchObject({ hit: false });
    expect(calls).toEqual(['groq', 'groq']);
  });

  it('has no single-flight: concurrent cold requests each call upstream', async () => {
    let calls = 0;
    const { cache } = setup(async () => (calls++, []));
    await Promise.all([cache.read('a'), cache.read('a'), cache.read('a')]);
    expect(calls).toBe(3);
  });

  it('backs off after a failure: stale data within stale_ttl, else [], without calling upstream', async () => {
    let fail = false;
    let calls = 0;
    const { cache, advance } = setup(async () => {
      calls++;
      if (fail) throw new Error('503');
      return ['m'];
    });
    await cache.read('x');
    fail = true;
    advance(1_500);
    expect(await cache.read('x')).toEqual({ data: ['m'], hit: false, empty: false }); // fetched, failed, stale data
    expect(await cache.read('x')).toEqual({ data: ['m'], hit: true, empty: false }); // in backoff: no call
    expect(calls).toBe(2);
    advance(600); // past stale_ttl and past the backoff
    expect(await cache.read('x')).toEqual({ data: [], hit: false, empty: true });
    expect(calls).toBe(3);
  });

  it('doubles the backoff per consecutive failure', async () => {
    let calls = 0;
    const { cache, advance } = setup(async () => {
      calls++;
      throw new Error('down');
    });
    await cache.read('y'); // failure 1: 16.7 ms backoff
    advance(17);
    await cache.read('y'); // failure 2: 33.3 ms
    advance(17);
    await cache.read('y'); // still backing off
    expect(calls).toBe(2);
    advance(17);
    await cache.read('y');
    expect(calls).toBe(3);
  });
});
