import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { EncodedBody, EncodedBodyCache, encodeJson, etagMatches, SYNC_BROTLI_MAX_BYTES } from './encoded-body.ts';

describe('EncodedBody', () => {
  it('compresses once per encoding and round-trips', () => {
    const body = EncodedBody.of({ data: Array.from({ length: 200 }, (_, i) => ({ id: `model-${i}` })) }, '"v1"');
    const gzip = body.get('gzip');
    expect(body.get('gzip')).toBe(gzip);
    expect(JSON.parse(gunzipSync(gzip).toString()).data).toHaveLength(200);
    expect(JSON.parse(brotliDecompressSync(body.get('br')).toString()).data).toHaveLength(200);
    expect(gzip.length).toBeLessThan(body.identity.length / 4);
  });
});

describe('EncodedBody brotli', () => {
  const large = () =>
    EncodedBody.of({ data: Array.from({ length: 5_000 }, (_, i) => ({ id: `provider/model-${i}` })) }, '"v1"');

  it("makes a small body's brotli form on the first request that accepts br", () => {
    const body = EncodedBody.of({ data: [{ id: 'a' }] }, '"v1"');
    expect(body.identity.length).toBeLessThan(SYNC_BROTLI_MAX_BYTES);
    expect(body.encodingFor('gzip, br')).toBe('br');
    expect(body.brotliReady).toBe(true);
  });

  it('compresses a large body off the event loop, serving gzip (or the JSON) to br clients until then', async () => {
    const body = large();
    expect(body.identity.length).toBeGreaterThan(SYNC_BROTLI_MAX_BYTES);
    expect(body.encodingFor('gzip, deflate, br')).toBe('gzip');
    expect(body.encodingFor('br')).toBe('identity');
    expect(body.brotliReady).toBe(false);
    await vi.waitUntil(() => body.brotliReady, { timeout: 5_000 });
    expect(body.encodingFor('gzip, deflate, br')).toBe('br');
    expect(brotliDecompressSync(body.get('br')).equals(body.identity)).toBe(true);
    // Clients that do not accept br are not affected.
    expect(body.encodingFor('gzip')).toBe('gzip');
    expect(body.encodingFor(undefined)).toBe('identity');
  });

  it('never starts brotli for clients that do not accept it', async () => {
    const body = large();
    expect(body.encodingFor('gzip')).toBe('gzip');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(body.brotliReady).toBe(false);
  });
});

describe('EncodedBodyCache', () => {
  it('builds a body once per version and key, and forgets old versions', () => {
    const cache = new EncodedBodyCache(2);
    let builds = 0;
    const build = () => encodeJson({ n: ++builds });
    const a = cache.get('v1', '/a', build);
    expect(cache.get('v1', '/a', build)).toBe(a);
    expect(builds).toBe(1);
    expect(cache.get('v1', '/b', build).etag).not.toBe(a.etag);
    cache.get('v1', '/c', build);
    cache.get('v1', '/a', build);
    expect(builds).toBe(4); // /a was evicted by the bound of 2
    cache.get('v2', '/a', build);
    expect(builds).toBe(5);
  });

  it('keeps the bodies of interleaved versions instead of rebuilding them on every switch', () => {
    const cache = new EncodedBodyCache();
    let builds = 0;
    const build = () => encodeJson({ n: ++builds });
    for (let i = 0; i < 6; i++) {
      cache.get('v1', '/v1/models', build);
      cache.get('v1-fresh', '/catalog/providers/groq/models', build);
    }
    expect(builds).toBe(2);
    // A new version builds its own body; the old one ages out by the bound, not at once.
    cache.get('v2', '/v1/models', build);
    expect(builds).toBe(3);
  });

  it('is bounded by bytes, always keeping the newest body', () => {
    const cache = new EncodedBodyCache(100, 1_000);
    const big = () => encodeJson({ pad: 'x'.repeat(300) }); // ~312 bytes of JSON, counted twice
    const first = cache.get('v1', '/a', big);
    expect(cache.get('v1', '/a', big)).toBe(first);
    cache.get('v1', '/b', big);
    expect(cache.get('v1', '/a', big)).not.toBe(first); // evicted: 3 bodies would exceed 1000 bytes
    const huge = cache.get('v1', '/huge', () => encodeJson({ pad: 'y'.repeat(5_000) }));
    expect(cache.get('v1', '/huge', () => encodeJson({}))).toBe(huge);
  });
});

describe('encodingFor, a small body (its brotli form made at once)', () => {
  it('prefers br, then gzip, and honours q=0', () => {
    const small = EncodedBody.of({ data: [{ id: 'a' }] }, '"v1"');
    expect(small.encodingFor('gzip, deflate, br')).toBe('br');
    expect(small.encodingFor('gzip')).toBe('gzip');
    expect(small.encodingFor('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(small.encodingFor('*')).toBe('br');
    expect(small.encodingFor('identity')).toBe('identity');
    expect(small.encodingFor(undefined)).toBe('identity');
  });
});

describe('etagMatches', () => {
  it('matches lists, weak tags and *', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});
