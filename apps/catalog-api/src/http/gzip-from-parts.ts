import { constants, crc32, deflateRawSync } from 'node:zlib';

/** gzip member header: magic, deflate, no flags, no mtime, no extra flags, OS unix (as zlib writes it). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** An empty final deflate block (fixed Huffman, end of block): ends a stream of flushed parts. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * One part of a gzip body, compressed on its own: raw deflate ended with a full flush, so it
 * ends on a byte boundary, is not final and refers to nothing before it. Parts compressed
 * separately and concatenated are one valid deflate stream of their bytes in that order: an
 * unchanged part of a new body is reused as it is, only changed parts are compressed again.
 */
export function deflatePart(bytes: Buffer, level = 6): Buffer {
  return deflateRawSync(bytes, { level, finishFlush: constants.Z_FULL_FLUSH });
}

/**
 * A gzip body (RFC 1952) from parts made by `deflatePart`, in order, whose bytes concatenated
 * are `identity`: the header, the parts, a final empty block, and the CRC-32 and length of
 * `identity`. Any gzip decoder reads it as one member.
 */
export function gzipFromParts(parts: readonly Buffer[], identity: Buffer): Buffer {
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc32(identity), 0);
  trailer.writeUInt32LE(identity.length >>> 0, 4);
  return Buffer.concat([GZIP_HEADER, ...parts, FINAL_BLOCK, trailer]);
}
