import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EncodedBody } from './encoded-body.ts';
import { versionedResponse } from './send-json.ts';

/** A URL's body for one catalog version. */
export interface VersionedBody {
  readonly version: string;
  readonly body: EncodedBody;
}

interface FastEntry extends VersionedBody {
  readonly cacheControl: string;
  readonly refresh: (() => Promise<VersionedBody>) | undefined;
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
 * pipeline. A URL remembered with a `refresh` (how its route builds the body for the current
 * version) is also answered here on the first request of a new version: the body is built and
 * remembered without going through Fastify. Anything else — an unknown URL, another method, a new
 * version of a URL without `refresh`, shutdown — goes to Fastify, which remembers the URL for
 * next time. URLs without `refresh` are kept for the current version only.
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

  /**
   * Records what a route answered for a URL. A new version forgets the old one's URLs that have
   * no `refresh`; those with one are built again for the new version on their next request.
   */
  remember(
    url: string,
    version: string,
    body: EncodedBody,
    cacheControl: string,
    refresh?: () => Promise<VersionedBody>,
  ): void {
    if (version !== this.#version) {
      this.#version = version;
      for (const [oldUrl, old] of this.#entries) if (!old.refresh) this.#forget(oldUrl, old);
    }
    const previous = this.#entries.get(url);
    if (previous?.body === body && previous.refresh === refresh) return;
    if (previous) this.#forget(url, previous);
    this.#entries.set(url, { version, body, cacheControl, refresh });
    this.#bytes += 2 * body.byteLength;
    while (this.#entries.size > 1 && (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes)) {
      const [oldestUrl, oldest] = this.#entries.entries().next().value!;
      this.#forget(oldestUrl, oldest);
    }
  }

  #forget(url: string, entry: FastEntry): void {
    this.#entries.delete(url);
    this.#bytes -= 2 * entry.body.byteLength;
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
    const url = request.url;
    const entry = this.#entries.get(url);
    if (!entry) return false;
    return this.#currentVersion().then(async (version) => {
      const current = entry.version === version ? entry : await this.#refreshed(url, entry, version);
      if (!current || this.#closing) return false;
      const answer = versionedResponse(
        current.body,
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

  /** The URL's body built for `version` by its route's `refresh` (remembered); undefined without one. */
  async #refreshed(url: string, entry: FastEntry, version: string): Promise<VersionedBody | undefined> {
    if (!entry.refresh) return undefined;
    const next = await entry.refresh();
    // The catalog moved on while building: Fastify answers with the newest.
    if (next.version !== version) return undefined;
    this.remember(url, next.version, next.body, entry.cacheControl, entry.refresh);
    return next;
  }
}
