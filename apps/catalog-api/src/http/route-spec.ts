import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteInput<TQuery, TParams, TBody> {
  query: TQuery;
  params: TParams;
  body: TBody;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One route: its URL, its zod schemas (validation and the OpenAPI document come from the same
 * schemas) and its handler. The handler's return value is sent as JSON unless it sent a reply.
 */
export interface RouteSpec<TQuery = unknown, TParams = unknown, TBody = unknown> {
  method: HttpMethod;
  /** Fastify syntax, e.g. /v1/models/:id */
  url: string;
  summary: string;
  tag: 'openai' | 'catalog' | 'admin' | 'system' | 'web';
  query?: z.ZodType<TQuery>;
  params?: z.ZodType<TParams>;
  body?: z.ZodType<TBody>;
  /** The 200 response body (documented; not enforced at run time). */
  response?: z.ZodType;
  /** Content type of the 200 response when not JSON. */
  produces?: string;
  /** Requires the admin bearer token. */
  admin?: boolean;
  /** Error statuses this route answers beyond the common ones, with what they mean (documented). */
  errors?: Readonly<Record<number, string>>;
  handler(input: RouteInput<TQuery, TParams, TBody>): Promise<unknown> | unknown;
}

/** Keeps the handler's input types tied to the schemas. */
export function defineRoute<TQuery = undefined, TParams = undefined, TBody = undefined>(
  spec: RouteSpec<TQuery, TParams, TBody>,
): RouteSpec<TQuery, TParams, TBody> {
  return spec;
}
