import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * A JSON response body serialised once, with its gzip and brotli forms made on first use and
 * kept: a catalog version is compressed once, not per request.
 */
export class EncodedBody {
  readonly etag: string;
  readonly identity: Buffer;
  #gzip: Buffer | undefined;
  #br: Buffer | undefined;

  constructor(value: unknown, etag: string) {
    this.identity = Buffer.from(JSON.stringify(value));
    this.etag = etag;
  }

  get(encoding: Encoding): Buffer {
    if (encoding === 'gzip') return (this.#gzip ??= gzipSync(this.identity, { level: 6 }));
    if (encoding === 'br') {
      return (this.#br ??= brotliCompressSync(this.identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.length },
      }));
    }
    return this.identity;
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

  get(version: string, key: string, build: () => unknown): EncodedBody {
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
    this.#bytes += 2 * body.identity.length;
    while (this.#entries.size > 1 && (this.#entries.size > this.#limit || this.#bytes > this.#maxBytes)) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(oldestKey);
      this.#bytes -= 2 * oldest.identity.length;
    }
    return body;
  }
}

/** Small stable hash (FNV-1a) so ETags differ per route/query within one version. */
function hashKey(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The best encoding the client accepts (br, then gzip, else identity), honouring q=0. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Whether If-None-Match names this ETag (or `*`); weak comparison as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}
