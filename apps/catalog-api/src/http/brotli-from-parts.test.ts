import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliFromParts } from './brotli-from-parts.ts';

describe('brotliFromParts', () => {
  it('compresses the parts in order as one body', async () => {
    const parts = [
      Buffer.from('{"data":['),
      ...Array.from({ length: 50 }, (_, i) => Buffer.from(`${i},`)),
      Buffer.from('0]}'),
    ];
    const compressed = await brotliFromParts(parts, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    expect(brotliDecompressSync(compressed).equals(Buffer.concat(parts))).toBe(true);
  });

  it('handles large and empty parts', async () => {
    const parts = [randomBytes(300_000), Buffer.alloc(0), Buffer.alloc(200_000, 'a')];
    const compressed = await brotliFromParts(parts, {});
    expect(brotliDecompressSync(compressed).equals(Buffer.concat(parts))).toBe(true);
  });

  it('gives an empty body for no parts', async () => {
    expect(brotliDecompressSync(await brotliFromParts([], {})).length).toBe(0);
  });
});
