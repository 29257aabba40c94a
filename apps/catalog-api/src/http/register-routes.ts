import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.ts';
import { bearerToken, tokenMatches } from './admin-token.ts';
import type { RouteSpec } from './route-spec.ts';

export interface RegisterRoutesOptions {
  /** Admin routes are not registered at all when no token is configured. */
  adminToken: string | undefined;
}

/**
 * Registers route specs on Fastify: zod validates query, path parameters and body (a bad value
 * is a 400 naming the parameter), admin routes check the bearer token in constant time (401
 * otherwise; a token in the query string is refused), and handler results are sent as JSON.
 */
export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteSpec<any, any, any>[],
  options: RegisterRoutesOptions,
): void {
  for (const route of routes) {
    if (route.admin && !options.adminToken) continue;
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        if (route.admin) {
          const query = request.query as Record<string, unknown> | undefined;
          if (query && ('token' in query || 'access_token' in query || 'admin_token' in query)) {
            throw new ApiError(
              401,
              'unauthorized',
              'send the admin token in the Authorization header, never in the URL',
            );
          }
          if (!tokenMatches(bearerToken(request.headers.authorization), options.adminToken!)) {
            reply.header('www-authenticate', 'Bearer realm="catalog-admin"');
            throw new ApiError(
              401,
              'unauthorized',
              'a valid admin bearer token is required (Authorization: Bearer <ADMIN_TOKEN>)',
            );
          }
        }
        const query = parse(route.query, request.query ?? {}, 'query parameter');
        const params = parse(route.params, request.params ?? {}, 'path parameter');
        const body = parse(route.body, request.body ?? {}, 'body field');
        const result = await route.handler({ query, params, body, request, reply });
        if (reply.sent) return reply;
        return result;
      },
    });
  }
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
