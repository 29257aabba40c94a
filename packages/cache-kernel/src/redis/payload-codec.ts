import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

/** First byte of a stored payload: how the JSON after it is encoded. */
const RAW = 0;
const GZIP = 1;
const BROTLI = 2;

/** The largest output piece a size hint may ask for (beyond it the output grows as usual). */
const MAX_CHUNK = 64 * 1024 * 1024;

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
  return encodeJsonBytes(Buffer.from(json, 'utf8'), options);
}

/** encodePayload of the JSON's UTF-8 bytes. */
export function encodeJsonBytes(raw: Buffer, options: CodecOptions = {}): Buffer {
  return compressed(raw, options) ?? Buffer.concat([Buffer.of(RAW), raw]);
}

function compressed(raw: Buffer, options: CodecOptions): Buffer | undefined {
  const compression = options.compression ?? 'brotli';
  if (compression === 'none' || raw.length < (options.compressAboveBytes ?? 4096)) return undefined;
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
  if (packed.length >= raw.length) return undefined;
  return Buffer.concat([Buffer.of(compression === 'gzip' ? GZIP : BROTLI), packed]);
}

/**
 * The JSON text of a stored payload (starting at byte `at` of `buffer`); throws on an unknown or
 * corrupt encoding. `jsonBytes`, when known, sizes the decompression's output at once (~15% of a
 * 128 KB catalog's decompression time is otherwise spent growing it in 16 KiB pieces).
 */
export function decodePayload(buffer: Buffer, at = 0, jsonBytes?: number): string {
  if (buffer.length <= at) throw new Error('empty payload');
  // A hint only (a wrong one costs time, never correctness), capped so a corrupt one allocates little.
  const options = jsonBytes ? { chunkSize: Math.max(constants.Z_MIN_CHUNK, Math.min(jsonBytes, MAX_CHUNK)) } : {};
  switch (buffer[at]) {
    case RAW:
      return buffer.toString('utf8', at + 1); // decoded in place, no view of the body first
    case GZIP:
      return gunzipSync(buffer.subarray(at + 1), options).toString('utf8');
    case BROTLI:
      return brotliDecompressSync(buffer.subarray(at + 1), options).toString('utf8');
    default:
      throw new Error(`unknown payload encoding byte ${buffer[at]}`);
  }
}
