import { CatalogQuery, InvalidCursorError, queryCatalog } from '@catalog/aggregator';
import { z } from 'zod';
import { ApiError } from '../http/api-error.ts';
import {
  CatalogChanges,
  CatalogPage,
  CatalogStats,
  ModelMatches,
  ProviderHealthList,
  ProviderModels,
} from '../http/response-schemas.ts';
import { defineRoute } from '../http/route-spec.ts';
import { queryKey, sendVersionedJson } from '../http/send-json.ts';
import type { RouteContext } from './route-context.ts';

const Slug = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a provider slug') });
const ChangesQuery = z.object({ since: z.string().min(1, 'give the version you have').max(100) }).strict();

/** The catalog's own routes: queries, one model with its offers, providers and health, stats, changes. */
export function catalogRoutes(ctx: RouteContext) {
  const view = () => ctx.catalog.view({ waitMs: ctx.config.REQUEST_WAIT_MS });
  return [
    defineRoute({
      method: 'GET',
      url: '/catalog/models',
      tag: 'catalog',
      summary: 'Query the merged catalog: filters, text search, sort and cursor pagination',
      query: CatalogQuery,
      response: CatalogPage,
      handler: async ({ query, request, reply }) => {
        const current = await view();
        return sendVersionedJson(request, reply, {
          cache: ctx.bodies,
          version: current.version,
          key: queryKey('/catalog/models', query),
          // Queried only when this version has no body for this query yet.
          build: () => {
            let page;
            try {
              page = queryCatalog(current.models, query);
            } catch (error) {
              if (InvalidCursorError.isInstance(error)) {
                throw new ApiError(400, 'invalid_cursor', (error as Error).message);
              }
              throw error;
            }
            return {
              object: 'catalog.page',
              version: current.version,
              total: page.total,
              ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
              data: page.models,
              missing: current.missing,
            };
          },
          fastPath: ctx.fastPath,
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/catalog/models/*',
      tag: 'catalog',
      summary: 'One model by provider id, canonical id or alias, with every provider offering it',
      params: z.object({ '*': z.string().min(1, 'a model id is required').max(512) }),
      response: ModelMatches,
      handler: async ({ params, request, reply }) => {
        const id = params['*']; // already percent-decoded by the router
        const current = await view();
        const matches = current.lookup(id);
        if (matches.length === 0) throw new ApiError(404, 'model_not_found', `no model \`${id}\` in the catalog`);
        return sendVersionedJson(request, reply, {
          cache: ctx.bodies,
          version: current.version,
          key: `/catalog/models/${id}`,
          build: () => ({ version: current.version, matches }),
          fastPath: ctx.fastPath,
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/catalog/providers',
      tag: 'catalog',
      summary: 'Every provider with its health: state, freshness, breaker, model count, hit rate, last error',
      response: ProviderHealthList,
      handler: async () => {
        const current = await view();
        return { version: current.version, data: ctx.catalog.health() };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/catalog/providers/:slug/models',
      tag: 'catalog',
      summary: "One provider's models as served (operator overrides applied)",
      params: Slug,
      response: ProviderModels,
      handler: async ({ params, request, reply }) => {
        const current = await view();
        const models = current.providerModels(params.slug);
        if (!models) throw new ApiError(404, 'provider_not_found', `no provider \`${params.slug}\` in this catalog`);
        const health = ctx.catalog.health().find((h) => h.provider === params.slug);
        return sendVersionedJson(request, reply, {
          cache: ctx.bodies,
          version: `${current.version}-${health?.state ?? ''}`,
          key: `/catalog/providers/${params.slug}/models`,
          build: () => ({ version: current.version, provider: params.slug, state: health?.state, data: models }),
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/catalog/stats',
      tag: 'catalog',
      summary: 'Unique models, offers and per-provider counts',
      response: CatalogStats,
      handler: async () => (await view()).stats(),
    }),
    defineRoute({
      method: 'GET',
      url: '/catalog/changes',
      tag: 'catalog',
      summary: 'What was added, removed or changed since a catalog version (410 when that version is too old)',
      query: ChangesQuery,
      response: CatalogChanges,
      errors: { 410: 'The version is older than the change history kept: fetch /catalog/models again' },
      handler: async ({ query, reply }) => {
        await view();
        const changes = ctx.catalog.changesSince(query.since);
        if (!changes.complete) {
          reply.code(410);
          return {
            error: {
              code: 'version_too_old',
              message: `version \`${query.since}\` is older than the change history kept; fetch /catalog/models again`,
            },
            ...changes,
          };
        }
        return changes;
      },
    }),
  ];
}
