import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EncodedBody } from './encoded-body.ts';
import { versionedResponse } from './send-json.ts';

interface FastEntry {
  readonly body: EncodedBody;
  readonly cacheControl: string;
}

export interface FastPathOptions {
  /** The current catalog version (the request's read of the catalog: counted, bounded wait). */
  currentVersion: () => Promise<string>;
  /** Most URLs remembered (default 1024). */
  maxEntries?: number;
  /** Most body bytes the remembered URLs may keep alive, counting each JSON twice (default 64 MiB). */
  maxBytes?: number;
}

/**
 * The hot path for versioned GET bodies, below Fastify. Once a route has answered a URL with a
 * body that depends only on the catalog version (`sendVersionedJson` with `fastPath`), later GETs
 * of the exact same URL, while that version is current, are answered here by node:http with the
 * same headers (ETag and 304, br/gzip, Cache-Control): no routing, validation, logger or reply
 * pipeline. Anything else — an unknown URL, another method, a new version, shutdown — goes to
 * Fastify, which remembers the URL for next time. Only the current version's URLs are kept.
 */
export class FastPath {
  readonly #entries = new Map<string, FastEntry>();
  readonly #currentVersion: () => Promise<string>;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #version: string | undefined;
  #bytes = 0;
  #closing = false;

  constructor(options: FastPathOptions) {
    this.#currentVersion = options.currentVersion;
    this.#maxEntries = options.maxEntries ?? 1024;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Records what a route answered for a URL. A new version forgets the old one's URLs. */
  remember(url: string, version: string, body: EncodedBody, cacheControl: string): void {
    if (version !== this.#version) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#version = version;
    }
    const previous = this.#entries.get(url);
    if (previous?.body === body) return;
    if (previous) this.#bytes -= 2 * previous.body.byteLength;
    this.#entries.set(url, { body, cacheControl });
    this.#bytes += 2 * body.byteLength;
    while (this.#entries.size > 1 && (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes)) {
      const [oldestUrl, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(oldestUrl);
      this.#bytes -= 2 * oldest.body.byteLength;
    }
  }

  /** From now on every request goes through Fastify (which answers 503 while closing). */
  close(): void {
    this.#closing = true;
    this.#entries.clear();
  }

  /** A node:http request listener: the fast path first, `fallback` (Fastify) for what it does not serve. */
  listener(fallback: RequestListener): RequestListener {
    return (request, response) => {
      const served = this.serve(request, response);
      if (served === false) return fallback(request, response);
      served.then(
        (done) => done || fallback(request, response),
        () => fallback(request, response),
      );
    };
  }

  /**
   * Answers the request when it can. `false` (or a promise of it) means it did not touch the
   * response and Fastify must handle the request.
   */
  serve(request: IncomingMessage, response: ServerResponse): false | Promise<boolean> {
    if (this.#closing || request.method !== 'GET' || request.url === undefined) return false;
    const entry = this.#entries.get(request.url);
    if (!entry) return false;
    const rememberedVersion = this.#version!;
    return this.#currentVersion().then((version) => {
      if (version !== rememberedVersion || this.#closing) return false;
      const answer = versionedResponse(
        entry.body,
        version,
        entry.cacheControl,
        request.headers['if-none-match'],
        request.headers['accept-encoding'],
      );
      response.writeHead(answer.status, answer.headers);
      response.end(answer.payload);
      return true;
    });
  }
}
