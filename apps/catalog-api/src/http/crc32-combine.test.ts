import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine, crc32CombineShifted, crc32Shift } from './crc32-combine.ts';

describe('crc32Combine', () => {
  it('gives the CRC-32 of the concatenation, for any lengths', () => {
    for (const [a, b] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [7, 300],
      [65_536, 3],
      [1_000, 100_000],
    ] as const) {
      const left = randomBytes(a);
      const right = randomBytes(b);
      expect(crc32Combine(crc32(left), crc32(right), right.length)).toBe(crc32(Buffer.concat([left, right])));
    }
  });

  it('gives the same CRC from a shift computed once per length', () => {
    const right = randomBytes(5_181);
    const shift = crc32Shift(right.length);
    for (const length of [0, 1, 64, 9_000]) {
      const left = randomBytes(length);
      expect(crc32CombineShifted(crc32(left), crc32(right), shift)).toBe(crc32(Buffer.concat([left, right])));
    }
  });
});
