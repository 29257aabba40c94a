import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { adminRateLimitOptions } from './http/admin-rate-limiter.ts';
import { ApiError } from './http/api-error.ts';
import { clientErrorHandler } from './http/client-error-handler.ts';
import { FastPath } from './http/fast-path.ts';
import { openApiDocument } from './http/openapi-document.ts';
import { registerRoutes } from './http/register-routes.ts';
import type { RouteSpec } from './http/route-spec.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { openAIRoutes } from './routes/openai-routes.ts';
import type { RouteContext } from './routes/route-context.ts';
import { openApiRoute, systemRoutes } from './routes/system-routes.ts';
import { webRoutes } from './routes/web-routes.ts';

export interface BuildServerOptions {
  /** A pino logger or Fastify logger options; false for none. */
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** Fastify's default: longer than common load balancers' idle timeouts. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** The Fastify app: every route, JSON errors, limits. Listening is the caller's job. */
export function buildServer(routeContext: RouteContext, options: BuildServerOptions = {}): FastifyInstance {
  const fastPath = new FastPath({
    currentVersion: () =>
      routeContext.catalog.view({ waitMs: routeContext.config.REQUEST_WAIT_MS }).then((view) => view.version),
  });
  const ctx: RouteContext = { ...routeContext, fastPath };
  const app = Fastify({
    // node:http answers repeated version-only GETs itself (see FastPath); Fastify everything else.
    serverFactory: (handler) => {
      const server = createServer(fastPath.listener(handler));
      // What Fastify would set on a server it created itself.
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      server.requestTimeout = REQUEST_TIMEOUT_MS;
      return server;
    },
    ...(typeof options.logger === 'object' ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 1024 },
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    // Requests node:http refuses before parsing (431 headers too large, 400, 408) keep the API's error shape.
    clientErrorHandler,
    forceCloseConnections: 'idle',
    // Errors raised before routing (a malformed percent-escape, a bad Content-Type) keep the API's error shape.
    frameworkErrors: (error, _request, frameworkReply) => {
      const reply = frameworkReply as FastifyReply;
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
      void reply.code(status).send(new ApiError(status, 'invalid_request', error.message).body());
    },
  });

  const routes: RouteSpec<any, any, any>[] = [
    ...openAIRoutes(ctx),
    ...catalogRoutes(ctx),
    ...adminRoutes(ctx),
    ...systemRoutes(ctx),
    ...webRoutes(),
  ];
  const documented = routes.filter((r) => r.tag !== 'web' && (!r.admin || ctx.config.ADMIN_TOKEN));
  routes.push(
    openApiRoute(() =>
      openApiDocument(documented, {
        title: 'catalog API',
        version: ctx.version,
        description: 'One fast, always-available catalog of LLM models across upstream providers.',
      }),
    ),
  );
  registerRoutes(app, routes, {
    adminToken: ctx.config.ADMIN_TOKEN,
    adminRateLimit: adminRateLimitOptions(ctx.config),
  });
  // From the start of shutdown every request goes through Fastify, which answers 503 while closing.
  app.addHook('preClose', (done) => {
    fastPath.close();
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`).body());
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(error.body());
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request';
      return reply.code(status).send(new ApiError(status, code, (error as Error).message).body());
    }
    request.log.error({ err: error, url: request.url.split('?')[0] }, 'request failed');
    return reply
      .code(500)
      .send(new ApiError(500, 'internal_error', 'the catalog failed to answer; see the server log').body());
  });

  return app;
}
