import { constants, crc32, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.ts';

/** gzip member header: magic, deflate, no flags, no mtime, no extra flags, OS unix (as zlib writes it). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** An empty final deflate block (fixed Huffman, end of block): ends a stream of flushed parts. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** One part of a gzip body: its bytes compressed on their own, with their CRC-32 and length. */
export interface GzipPart {
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/**
 * Compresses one part of a gzip body on its own: raw deflate ended with a full flush, so it ends
 * on a byte boundary, is not final and refers to nothing before it. Parts compressed separately
 * and concatenated are one valid deflate stream of their bytes in that order: an unchanged part
 * of a new body is reused as it is, only changed parts are compressed again.
 */
export function deflatePart(bytes: Buffer, level = 6): GzipPart {
  return {
    deflated: deflateRawSync(bytes, { level, finishFlush: constants.Z_FULL_FLUSH }),
    crc: crc32(bytes),
    length: bytes.length,
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
  for (const part of parts) {
    crc = crc32Combine(crc, part.crc, part.length);
    length += part.length;
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  return Buffer.concat([GZIP_HEADER, ...parts.map((part) => part.deflated), FINAL_BLOCK, trailer]);
}
