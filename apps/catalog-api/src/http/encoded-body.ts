import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { brotliFromParts } from './brotli-from-parts.ts';
import { fnv1a } from './fnv1a.ts';
import type { EncodedJson } from './json-list-encoder.ts';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Bodies up to this size are brotli-compressed on the request that first wants br (well under a millisecond). */
export const SYNC_BROTLI_MAX_BYTES = 64 * 1024;

const BROTLI_QUALITY = 5;

/**
 * How long after the first request accepting br a large body's brotli compression starts. The
 * first requests of a new version come in a burst (every client revalidates at once); they are
 * answered in gzip first, then brotli takes a core, instead of competing with them for the CPU.
 */
export const BROTLI_START_DELAY_MS = 50;

/** A value serialised as it is (JSON.stringify), its gzip form made on first use. */
export function encodeJson(value: unknown): EncodedJson {
  const identity = Buffer.from(JSON.stringify(value));
  let gzip: Buffer | undefined;
  return {
    byteLength: identity.length,
    identity: () => identity,
    parts: () => [identity],
    gzip: () => (gzip ??= gzipSync(identity, { level: 6 })),
  };
}

/**
 * A JSON response body serialised once, with its gzip and brotli forms made once and kept: a
 * catalog version is compressed once, not per request. gzip is made on first use. Brotli costs
 * several times more: a large body's brotli form is compressed off the event loop (libuv's
 * thread pool), started shortly after the first request that accepts br, and clients accepting
 * br get gzip (or the JSON itself) until it is ready; a small body's is made at once.
 */
export class EncodedBody {
  readonly etag: string;
  /** The JSON's length in bytes (without making its bytes). */
  readonly byteLength: number;
  readonly #json: EncodedJson;
  #br: Buffer | undefined;
  #brotliStarted = false;

  constructor(json: EncodedJson, etag: string) {
    this.#json = json;
    this.byteLength = json.byteLength;
    this.etag = etag;
  }

  /** The JSON itself (made on first use for a body assembled from parts). */
  get identity(): Buffer {
    return this.#json.identity();
  }

  /** A body of `value` as JSON.stringify writes it. */
  static of(value: unknown, etag: string): EncodedBody {
    return new EncodedBody(encodeJson(value), etag);
  }

  /** The best encoding for an Accept-Encoding header among those ready (br, then gzip, else identity). */
  encodingFor(acceptEncoding: string | undefined): Encoding {
    const accepted = acceptedEncodings(acceptEncoding);
    if (accepted.br && this.#brotliNowOrLater()) return 'br';
    if (accepted.gzip) return 'gzip';
    return 'identity';
  }

  /** Whether the brotli form is made (it is not started by asking). */
  get brotliReady(): boolean {
    return this.#br !== undefined;
  }

  get(encoding: Encoding): Buffer {
    if (encoding === 'gzip') return this.#json.gzip();
    if (encoding === 'br') return (this.#br ??= brotliCompressSync(this.identity, this.#brotliOptions()));
    return this.identity;
  }

  /** Whether the brotli form can be sent now; when not, starts making it (once). */
  #brotliNowOrLater(): boolean {
    if (this.#br) return true;
    if (this.byteLength <= SYNC_BROTLI_MAX_BYTES) {
      this.get('br');
      return true;
    }
    if (!this.#brotliStarted) {
      this.#brotliStarted = true;
      // After the burst of first requests; the parts are streamed to brotli, never joined here.
      const start = setTimeout(() => {
        brotliFromParts(this.#json.parts(), this.#brotliOptions()).then(
          (result) => (this.#br ??= result),
          // On a failure (out of memory) br stays unavailable and gzip keeps being served.
          () => undefined,
        );
      }, BROTLI_START_DELAY_MS);
      start.unref();
    }
    return false;
  }

  #brotliOptions() {
    return {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.byteLength,
      },
    };
  }
}

/**
 * Bodies by catalog version and key (route + query), least recently used first out; bounded.
 * Routes whose bodies depend on different versions can interleave without rebuilding each
 * other's bodies; the bodies of an old version age out as the current one is read.
 */
export class EncodedBodyCache {
  readonly #entries = new Map<string, EncodedBody>();
  readonly #limit: number;
  readonly #maxBytes: number;
  #bytes = 0;

  /**
   * @param limit most bodies kept
   * @param maxBytes most bytes kept, counting each body's JSON twice (its compressed forms are
   *   smaller than the JSON, so this bounds all three); the newest body is always kept
   */
  constructor(limit = 256, maxBytes = 128 * 1024 * 1024) {
    this.#limit = limit;
    this.#maxBytes = maxBytes;
  }

  get(version: string, key: string, build: () => EncodedJson): EncodedBody {
    const cacheKey = `${version}\n${key}`;
    let body = this.#entries.get(cacheKey);
    if (body) {
      // Keep recently used keys at the end (LRU).
      this.#entries.delete(cacheKey);
      this.#entries.set(cacheKey, body);
      return body;
    }
    body = new EncodedBody(build(), `"${version}-${hashKey(key)}"`);
    this.#entries.set(cacheKey, body);
    this.#bytes += 2 * body.byteLength;
    while (this.#entries.size > 1 && (this.#entries.size > this.#limit || this.#bytes > this.#maxBytes)) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(oldestKey);
      this.#bytes -= 2 * oldest.byteLength;
    }
    return body;
  }
}

/** Small stable hash (FNV-1a) so ETags differ per route/query within one version. */
function hashKey(key: string): string {
  return fnv1a(key).toString(36);
}

/** Which compressions an Accept-Encoding header accepts, honouring q=0 and `*`. */
export function acceptedEncodings(acceptEncoding: string | undefined): { br: boolean; gzip: boolean } {
  if (!acceptEncoding) return { br: false, gzip: false };
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return { br: ok('br'), gzip: ok('gzip') };
}

/** Whether If-None-Match names this ETag (or `*`); weak comparison as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}
