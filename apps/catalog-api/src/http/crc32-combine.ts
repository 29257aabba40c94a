/** The CRC-32 polynomial (reflected), as zlib uses it. */
const POLY = 0xedb88320;

/** a(x) · b(x) modulo the CRC polynomial (zlib's multmodp). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const X2N: number[] = [];
{
  let p = 0x40000000; // x^1
  X2N.push(p);
  for (let k = 1; k < 32; k++) X2N.push((p = multModP(p, p)));
}

/** x^(n · 2^k) modulo the polynomial (zlib's x2nmodp). */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/**
 * The CRC-32 of two byte sequences one after the other, from the CRC-32 of each and the second's
 * length (zlib's crc32_combine): a body made of parts gets its CRC without reading its bytes again.
 */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  return crc32CombineShifted(crc1, crc2, crc32Shift(length2));
}

/**
 * What appending `length` bytes does to the CRC before them (x^(8·length) modulo the polynomial,
 * zlib's crc32_combine_gen): computed once for a part kept across bodies, it makes each later
 * combination with that part one multiplication.
 */
export function crc32Shift(length: number): number {
  return x2nModP(length, 3);
}

/** crc32Combine with the second sequence's `crc32Shift(length2)` already computed (zlib's crc32_combine_op). */
export function crc32CombineShifted(crc1: number, crc2: number, shift2: number): number {
  return (multModP(shift2, crc1) ^ crc2) >>> 0;
}
