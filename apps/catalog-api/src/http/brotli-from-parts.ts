import { createBrotliCompress, type BrotliOptions } from 'node:zlib';

/** Small parts are handed to brotli in batches of about this many bytes (one thread-pool job each). */
const BATCH_BYTES = 64 * 1024;

/**
 * Brotli-compresses the bytes of `parts` in order, off the event loop (libuv's thread pool), by
 * feeding them to one brotli stream in batches of about 64 KiB: the body is never joined into one
 * buffer first, and the event loop only copies one batch at a time between pool jobs. Resolves
 * with the compressed bytes; rejects when brotli fails (out of memory).
 */
export function brotliFromParts(parts: readonly Buffer[], options: BrotliOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = createBrotliCompress(options);
    const output: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => output.push(chunk));
    stream.once('error', reject);
    stream.once('end', () => resolve(output.length === 1 ? output[0]! : Buffer.concat(output)));
    const batches = batchesOf(parts);
    const next = (): void => {
      const batch = batches.next();
      if (batch.done) stream.end();
      else stream.write(batch.value, next);
    };
    next();
  });
}

/** The parts joined into consecutive batches of about BATCH_BYTES (a large part is its own batch). */
function* batchesOf(parts: readonly Buffer[]): Generator<Buffer> {
  let batch: Buffer[] = [];
  let bytes = 0;
  for (const part of parts) {
    batch.push(part);
    bytes += part.length;
    if (bytes >= BATCH_BYTES) {
      yield batch.length === 1 ? part : Buffer.concat(batch, bytes);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch, bytes);
}
