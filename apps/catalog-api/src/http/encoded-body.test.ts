import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EncodedBody, EncodedBodyCache, etagMatches, negotiateEncoding } from './encoded-body.ts';

describe('EncodedBody', () => {
  it('compresses once per encoding and round-trips', () => {
    const body = new EncodedBody({ data: Array.from({ length: 200 }, (_, i) => ({ id: `model-${i}` })) }, '"v1"');
    const gzip = body.get('gzip');
    expect(body.get('gzip')).toBe(gzip);
    expect(JSON.parse(gunzipSync(gzip).toString()).data).toHaveLength(200);
    expect(JSON.parse(brotliDecompressSync(body.get('br')).toString()).data).toHaveLength(200);
    expect(gzip.length).toBeLessThan(body.identity.length / 4);
  });
});

describe('EncodedBodyCache', () => {
  it('builds a body once per version and key, and forgets old versions', () => {
    const cache = new EncodedBodyCache(2);
    let builds = 0;
    const build = () => ({ n: ++builds });
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
    const build = () => ({ n: ++builds });
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
    const big = () => ({ pad: 'x'.repeat(300) }); // ~312 bytes of JSON, counted twice
    const first = cache.get('v1', '/a', big);
    expect(cache.get('v1', '/a', big)).toBe(first);
    cache.get('v1', '/b', big);
    expect(cache.get('v1', '/a', big)).not.toBe(first); // evicted: 3 bodies would exceed 1000 bytes
    const huge = cache.get('v1', '/huge', () => ({ pad: 'y'.repeat(5_000) }));
    expect(cache.get('v1', '/huge', () => ({}))).toBe(huge);
  });
});

describe('negotiateEncoding', () => {
  it('prefers br, then gzip, and honours q=0', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
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
