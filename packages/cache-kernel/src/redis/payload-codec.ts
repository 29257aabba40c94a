import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

/** First byte of a stored payload: how the JSON after it is encoded. */
const RAW = 0;
const GZIP = 1;
const BROTLI = 2;

export type Compression = 'brotli' | 'gzip' | 'none';

export interface CodecOptions {
  /** Compress payloads at least this large, in bytes (default 4 KiB). */
  compressAboveBytes?: number;
  compression?: Compression;
  /** Brotli quality 0–11 (default 5: fast to write, ~8× smaller for model catalogs). */
  brotliQuality?: number;
}

/**
 * Encodes a JSON text for Redis: raw when small, compressed when that pays (the compressed form
 * is kept only if it is smaller). Decoding accepts every form.
 */
export function encodePayload(json: string, options: CodecOptions = {}): Buffer {
  const raw = Buffer.from(json, 'utf8');
  const threshold = options.compressAboveBytes ?? 4096;
  const compression = options.compression ?? 'brotli';
  if (compression === 'none' || raw.length < threshold) return Buffer.concat([Buffer.of(RAW), raw]);
  const packed =
    compression === 'gzip'
      ? gzipSync(raw, { level: 6 })
      : brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        });
  if (packed.length >= raw.length) return Buffer.concat([Buffer.of(RAW), raw]);
  return Buffer.concat([Buffer.of(compression === 'gzip' ? GZIP : BROTLI), packed]);
}

/** The JSON text of a stored payload; throws on an unknown or corrupt encoding. */
export function decodePayload(payload: Buffer): string {
  if (payload.length === 0) throw new Error('empty payload');
  switch (payload[0]) {
    case RAW:
      return payload.toString('utf8', 1); // decoded in place, no view of the body first
    case GZIP:
      return gunzipSync(payload.subarray(1)).toString('utf8');
    case BROTLI:
      return brotliDecompressSync(payload.subarray(1)).toString('utf8');
    default:
      throw new Error(`unknown payload encoding byte ${payload[0]}`);
  }
}
