import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches, negotiateEncoding, type EncodedBodyCache } from './encoded-body.ts';

export interface SendJsonOptions {
  cache: EncodedBodyCache;
  /** The catalog version the body was built from. */
  version: string;
  /** Identifies the body within the version (route + normalised query). */
  key: string;
  build: () => unknown;
  /** Cache-Control for the response (default: revalidate every time, cache 30 s at most). */
  cacheControl?: string;
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
  const body = options.cache.get(options.version, options.key, options.build);
  reply.header('etag', body.etag);
  reply.header('cache-control', options.cacheControl ?? 'public, max-age=30, must-revalidate');
  reply.header('vary', 'accept-encoding');
  reply.header('x-catalog-version', options.version);
  if (etagMatches(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  reply.header('content-type', 'application/json; charset=utf-8');
  return reply.send(body.get(encoding));
}

/** A stable cache key for a query: parameters sorted. */
export function queryKey(path: string, query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${path}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
}
