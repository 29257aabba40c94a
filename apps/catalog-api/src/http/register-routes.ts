import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.ts';
import { bearerToken, tokenMatches } from './admin-token.ts';
import { AdminRateLimiter, type AdminRateLimitOptions } from './admin-rate-limiter.ts';
import type { RouteSpec } from './route-spec.ts';

export interface RegisterRoutesOptions {
  /** Admin routes are not registered at all when no token is configured. */
  adminToken: string | undefined;
  /** Per-client limits of the admin routes (DEFAULT_ADMIN_RATE_LIMIT when absent), or a limiter to use. */
  adminRateLimit?: AdminRateLimitOptions | AdminRateLimiter;
}

/** Query parameters a token is refused in (it would end up in access logs and browser history). */
const TOKEN_QUERY_PARAMS = ['token', 'access_token', 'admin_token'];

/**
 * Registers route specs on Fastify: zod validates query, path parameters and body (a bad value
 * is a 400 naming the parameter), and handler results are sent as JSON. Admin routes are guarded
 * before their body is read: a per-client rate limit (429 with Retry-After; failed
 * authentications have a much lower limit), the bearer token checked in constant time (401
 * otherwise; a token in the query string is refused), and a JSON body (415 otherwise).
 */
export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteSpec<any, any, any>[],
  options: RegisterRoutesOptions,
): void {
  const limiter =
    options.adminRateLimit instanceof AdminRateLimiter
      ? options.adminRateLimit
      : new AdminRateLimiter(options.adminRateLimit);
  for (const route of routes) {
    if (route.admin && !options.adminToken) continue;
    app.route({
      method: route.method,
      url: route.url,
      ...(route.admin
        ? { onRequest: async (request: FastifyRequest, reply: FastifyReply) => guardAdmin(route, request, reply) }
        : {}),
      handler: async (request, reply) => {
        const query = parse(route.query, request.query ?? {}, 'query parameter');
        const params = parse(route.params, request.params ?? {}, 'path parameter');
        const body = parse(route.body, request.body ?? {}, 'body field');
        const result = await route.handler({ query, params, body, request, reply });
        if (reply.sent) return reply;
        return result;
      },
    });
  }

  function guardAdmin(route: RouteSpec<any, any, any>, request: FastifyRequest, reply: FastifyReply): void {
    const client = request.ip;
    const decision = limiter.admit(client);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSec));
      throw new ApiError(429, 'rate_limited', `${decision.reason}; retry after ${decision.retryAfterSec} s`);
    }
    const query = request.query as Record<string, unknown> | undefined;
    if (query && TOKEN_QUERY_PARAMS.some((name) => name in query)) {
      limiter.recordFailure(client);
      throw new ApiError(401, 'unauthorized', 'send the admin token in the Authorization header, never in the URL');
    }
    if (!tokenMatches(bearerToken(request.headers.authorization), options.adminToken!)) {
      limiter.recordFailure(client);
      reply.header('www-authenticate', 'Bearer realm="catalog-admin"');
      throw new ApiError(
        401,
        'unauthorized',
        'a valid admin bearer token is required (Authorization: Bearer <ADMIN_TOKEN>)',
      );
    }
    if (route.body && hasBody(request) && !isJson(request.headers['content-type'])) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `send the body as application/json (got ${request.headers['content-type'] ? `\`${request.headers['content-type']}\`` : 'no Content-Type'})`,
      );
    }
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || length > 0;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function parse(
  schema: RouteSpec['query'],
  value: unknown,
  where: 'query parameter' | 'path parameter' | 'body field',
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw ApiError.fromZod(where, result.error);
  return result.data;
}
