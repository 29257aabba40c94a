import { constants, crc32, deflateRawSync } from 'node:zlib';
import { crc32CombineShifted, crc32Shift } from './crc32-combine.ts';

/** gzip member header: magic, deflate, no flags, no mtime, no extra flags, OS unix (as zlib writes it). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** An empty final deflate block (fixed Huffman, end of block): ends a stream of flushed parts. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** One part of a gzip body: its bytes compressed on their own, with their CRC-32 and length. */
export interface GzipPart {
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
  /** `crc32Shift(length)`: combining this part's CRC into a body's is then one multiplication. */
  readonly shift: number;
}

/** The smallest deflate window (2^9 bytes, zlib's minimum for raw deflate) up to its default (32 KiB). */
const MIN_WINDOW_BITS = 9;
const MAX_WINDOW_BITS = 15;

/** zlib keeps this many bytes of look-ahead: a match reaches at most the window size minus this back. */
const MIN_LOOKAHEAD = 262;

/**
 * The window a part of `length` bytes needs: no match can reach further back than its start, so a
 * window covering the whole part compresses it to the same bytes as the default 32 KiB one, and
 * zlib allocates and clears less state for it.
 */
function windowBitsFor(length: number): number {
  const bits = Math.ceil(Math.log2(length + MIN_LOOKAHEAD));
  return Math.min(MAX_WINDOW_BITS, Math.max(MIN_WINDOW_BITS, bits));
}

/**
 * Compresses one part of a gzip body on its own: raw deflate ended with a full flush, so it ends
 * on a byte boundary, is not final and refers to nothing before it. Parts compressed separately
 * and concatenated are one valid deflate stream of their bytes in that order: an unchanged part
 * of a new body is reused as it is, only changed parts are compressed again.
 */
export function deflatePart(bytes: Buffer, level = 6): GzipPart {
  return {
    deflated: deflateRawSync(bytes, {
      level,
      windowBits: windowBitsFor(bytes.length),
      finishFlush: constants.Z_FULL_FLUSH,
    }),
    crc: crc32(bytes),
    length: bytes.length,
    shift: crc32Shift(bytes.length),
  };
}

/**
 * A gzip body (RFC 1952) of the parts' bytes in order: the header, the parts, a final empty
 * block, and the CRC-32 (combined from the parts') and length of the whole. Any gzip decoder
 * reads it as one member.
 */
export function gzipFromParts(parts: readonly GzipPart[]): Buffer {
  let crc = 0;
  let length = 0;
  let size = GZIP_HEADER.length + FINAL_BLOCK.length + 8;
  const pieces: Buffer[] = [GZIP_HEADER];
  for (const part of parts) {
    crc = crc32CombineShifted(crc, part.crc, part.shift);
    length += part.length;
    size += part.deflated.length;
    pieces.push(part.deflated);
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  pieces.push(FINAL_BLOCK, trailer);
  return Buffer.concat(pieces, size);
}
