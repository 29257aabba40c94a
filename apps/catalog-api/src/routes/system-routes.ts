import { defineRoute, type RouteSpec } from '../http/route-spec.ts';
import type { RouteContext } from './route-context.ts';

/** Liveness, readiness, cache status and Prometheus metrics. */
export function systemRoutes(ctx: RouteContext) {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      tag: 'system',
      summary: 'Liveness: the process answers',
      handler: () => ({ status: 'ok' }),
    }),
    defineRoute({
      method: 'GET',
      url: '/readyz',
      tag: 'system',
      summary: 'Readiness: 503 until every configured provider has a value or has failed its first try',
      handler: ({ reply }) => {
        const ready = ctx.catalog.isReady();
        if (!ready) reply.code(503);
        return { ready };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/system/cache',
      tag: 'system',
      summary:
        'Cache status: this instance, store kind (memory, redis, cluster, sentinel), Redis connection, per-provider entry state',
      handler: () => {
        const { providers } = ctx.catalog.cacheStatus();
        return {
          instance: ctx.instanceId,
          store: ctx.storeKind,
          redis: { configured: ctx.storeKind !== 'memory', connected: ctx.redisConnected() ?? null },
          providers,
          rollout: ctx.rollout.snapshot(),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      tag: 'system',
      summary: 'Prometheus metrics (text exposition format)',
      produces: 'text/plain; version=0.0.4',
      handler: async ({ reply }) => {
        reply.header('content-type', ctx.registry.contentType);
        return reply.send(await ctx.registry.metrics());
      },
    }),
  ];
}

/** The OpenAPI route needs the full route list, so it is built last. */
export function openApiRoute(document: () => Record<string, unknown>): RouteSpec {
  let cached: string | undefined;
  return defineRoute({
    method: 'GET',
    url: '/openapi.json',
    tag: 'system',
    summary: 'This API as an OpenAPI 3.1 document, generated from the schemas the routes validate with',
    handler: ({ reply }) => {
      cached ??= JSON.stringify(document());
      reply.header('content-type', 'application/json; charset=utf-8');
      return reply.send(cached);
    },
  }) as RouteSpec;
}
