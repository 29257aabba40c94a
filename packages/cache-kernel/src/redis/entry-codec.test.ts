import { describe, expect, it } from 'vitest';
import type { EnvelopeMeta } from '../envelope.ts';
import { decodeEntry, encodeEntry } from './entry-codec.ts';

const meta: EnvelopeMeta = {
  fetchedAt: 1_764_000_000_123,
  freshUntil: 1_764_000_060_123,
  staleUntil: 1_764_000_120_123,
  expiresAt: 1_764_000_600_123,
  version: 'sha256:9f86d081884c7d65-ünï',
  writtenAt: 1_764_000_000_456.5,
};
const value = [{ id: 'openai/gpt-5', contextLength: 400_000, pricing: { prompt: '0.00000125' } }];
const json = JSON.stringify(value);

describe('entry codec', () => {
  it('round-trips metadata, a fence and the value, raw and compressed', () => {
    for (const compressAboveBytes of [0, 1 << 20]) {
      const entry = encodeEntry({ ...meta, fence: 42 }, json, { compressAboveBytes });
      const decoded = decodeEntry(entry);
      expect(decoded.envelope).toEqual({ ...meta, fence: 42, value });
      expect(decoded.jsonLength).toBe(json.length);
    }
  });

  it('leaves the fence out when the entry has none', () => {
    const { envelope } = decodeEntry(encodeEntry(meta, json));
    expect(envelope).toEqual({ ...meta, value });
    expect('fence' in envelope).toBe(false);
  });

  it('decodes entries one after another without mixing their headers (shared scratch)', () => {
    const first = encodeEntry({ ...meta, fence: 1 }, '[1]');
    const second = encodeEntry({ ...meta, fetchedAt: 5, version: 'b' }, '[2]');
    expect(decodeEntry(first).envelope).toMatchObject({ fetchedAt: meta.fetchedAt, fence: 1, value: [1] });
    expect(decodeEntry(second).envelope).toMatchObject({ fetchedAt: 5, version: 'b', value: [2] });
    expect(decodeEntry(second).envelope).not.toHaveProperty('fence');
  });

  it('refuses what is not an entry of this layout, or is truncated', () => {
    const entry = encodeEntry(meta, json);
    expect(() => decodeEntry(Buffer.from('{"version":"x"}'))).toThrow(/not a stored entry/);
    expect(() => decodeEntry(Buffer.concat([Buffer.of(9), entry.subarray(1)]))).toThrow(/layout byte 9/);
    expect(() => decodeEntry(entry.subarray(0, 20))).toThrow(/not a stored entry/);
    // Header intact, payload cut off right after the version.
    const headerOnly = entry.subarray(0, 55 + Buffer.byteLength(meta.version));
    expect(() => decodeEntry(headerOnly)).toThrow(/truncated/);
    expect(() => decodeEntry(Buffer.concat([headerOnly, Buffer.of(7), Buffer.from(json)]))).toThrow(
      /unknown payload encoding byte 7/,
    );
  });

  it('decodes correctly whatever the JSON length field says (it only sizes the decompression)', () => {
    const big = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: `model-${i}`, contextLength: 8192 })));
    const entry = encodeEntry(meta, big);
    expect(entry.readUInt32LE(49)).toBe(Buffer.byteLength(big));
    for (const wrong of [1, 100, 0xffffffff]) {
      entry.writeUInt32LE(wrong, 49);
      expect(decodeEntry(entry).envelope.value).toEqual(JSON.parse(big));
    }
  });

  it('refuses times that would break every freshness comparison', () => {
    expect(() => decodeEntry(encodeEntry({ ...meta, freshUntil: Number.NaN }, json))).toThrow(/not a finite number/);
    expect(() => decodeEntry(encodeEntry({ ...meta, expiresAt: Number.POSITIVE_INFINITY }, json))).toThrow(
      /not a finite number/,
    );
    expect(() => decodeEntry(encodeEntry({ ...meta, fence: Number.NEGATIVE_INFINITY }, json))).toThrow(
      /infinite fence/,
    );
  });

  it('refuses a version too long for its length field', () => {
    expect(() => encodeEntry({ ...meta, version: 'x'.repeat(70_000) }, json)).toThrow(/at most 65535/);
  });
});
