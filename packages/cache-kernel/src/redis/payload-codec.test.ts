import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from './payload-codec.ts';

const catalog = JSON.stringify(
  Array.from({ length: 400 }, (_, i) => ({
    id: `provider-${i % 7}/model-${i}-instruct`,
    provider: 'openrouter',
    canonicalId: `provider-${i % 7}/model-${i}-instruct`,
    name: `Model ${i} Instruct`,
    contextLength: 131072,
    pricing: { prompt: '0.00000012', completion: '0.0000003' },
    inputModalities: ['text'],
    outputModalities: ['text'],
  })),
);

describe('payload codec', () => {
  it('round-trips every encoding', () => {
    for (const compression of ['brotli', 'gzip', 'none'] as const) {
      expect(decodePayload(encodePayload(catalog, { compression }))).toBe(catalog);
    }
  });

  it('keeps small payloads raw and compresses large ones several-fold', () => {
    expect(encodePayload('{"a":1}')[0]).toBe(0);
    const packed = encodePayload(catalog);
    expect(packed[0]).toBe(2);
    expect(packed.length * 4).toBeLessThan(Buffer.byteLength(catalog));
  });

  it('stores raw when compressing does not pay, even above the threshold', () => {
    const small = '{"id":"a"}';
    for (const compression of ['brotli', 'gzip'] as const) {
      const payload = encodePayload(small, { compression, compressAboveBytes: 0 });
      expect(payload[0]).toBe(0);
      expect(payload.length).toBe(Buffer.byteLength(small) + 1);
      expect(decodePayload(payload)).toBe(small);
    }
  });

  it('refuses corrupt payloads with an error instead of garbage', () => {
    expect(() => decodePayload(Buffer.of(2, 1, 2, 3))).toThrow();
    expect(() => decodePayload(Buffer.of(9, 1))).toThrow(/unknown payload encoding/);
    expect(() => decodePayload(Buffer.alloc(0))).toThrow(/empty/);
  });
});
