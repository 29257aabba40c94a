import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeJson, etagMatches, type EncodedBody, type EncodedBodyCache } from './encoded-body.ts';
import type { FastPath, VersionedBody } from './fast-path.ts';
import type { EncodedJson } from './json-list-encoder.ts';

export const DEFAULT_CACHE_CONTROL = 'public, max-age=30, must-revalidate';

/** How the body is made: its value (serialised with JSON.stringify), or its JSON already encoded by the route. */
export type SendJsonOptions = SendJsonCommonOptions &
  ({ build: () => unknown; encode?: never } | { encode: () => EncodedJson; build?: never });

export interface SendJsonCommonOptions {
  cache: EncodedBodyCache;
  /** The catalog version the body was built from. */
  version: string;
  /** Identifies the body within the version (route + normalised query). */
  key: string;
  /** Cache-Control for the response (default: revalidate every time, cache 30 s at most). */
  cacheControl?: string;
  /**
   * Give it when the body depends on nothing but the catalog version (`version` is the view's)
   * and the request URL: later requests for the same URL and version skip Fastify.
   */
  fastPath?: FastPath | undefined;
  /**
   * With `fastPath`: this URL's body for the catalog's current version (its version and how to
   * encode it). The fast path then builds the body of a new version itself, without Fastify.
   */
  refresh?: () => Promise<{ version: string; encode: () => EncodedJson }>;
}

/** What to answer for a versioned body: 304 when If-None-Match names it, else the best encoding. */
export interface VersionedResponse {
  status: 200 | 304;
  headers: OutgoingHttpHeaders;
  payload: Buffer | undefined;
}

/** The status, headers and payload of a versioned body, for a request's conditional and encoding headers. */
export function versionedResponse(
  body: EncodedBody,
  version: string,
  cacheControl: string,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): VersionedResponse {
  const headers: OutgoingHttpHeaders = {
    etag: body.etag,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    'x-catalog-version': version,
  };
  if (etagMatches(ifNoneMatch, body.etag)) return { status: 304, headers, payload: undefined };
  const encoding = body.encodingFor(acceptEncoding);
  const payload = body.get(encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = payload.length;
  return { status: 200, headers, payload };
}

/**
 * Sends a JSON body that depends only on the catalog version: built and compressed once per
 * version, with an ETag, 304 on If-None-Match, and br/gzip by Accept-Encoding.
 */
export function sendVersionedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SendJsonOptions,
): FastifyReply {
  const body = options.cache.get(options.version, options.key, () =>
    options.encode ? options.encode() : encodeJson(options.build()),
  );
  const cacheControl = options.cacheControl ?? DEFAULT_CACHE_CONTROL;
  const { refresh, cache, key } = options;
  options.fastPath?.remember(
    request.url,
    options.version,
    body,
    cacheControl,
    refresh &&
      (async (): Promise<VersionedBody> => {
        const next = await refresh();
        return { version: next.version, body: cache.get(next.version, key, next.encode) };
      }),
  );
  const response = versionedResponse(
    body,
    options.version,
    cacheControl,
    request.headers['if-none-match'],
    request.headers['accept-encoding'],
  );
  reply.code(response.status).headers(response.headers);
  return response.payload ? reply.send(response.payload) : reply.send();
}

/** A stable cache key for a query: parameters sorted. */
export function queryKey(path: string, query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${path}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
}
