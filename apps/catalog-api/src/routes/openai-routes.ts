import type { CatalogView, MergedModel } from '@catalog/aggregator';
import { z } from 'zod';
import { ApiError } from '../http/api-error.ts';
import { JsonListEncoder } from '../http/json-list-encoder.ts';
import { defineRoute } from '../http/route-spec.ts';
import { queryKey, sendVersionedJson } from '../http/send-json.ts';
import type { RouteContext } from './route-context.ts';

const OpenAIModel = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});
const OpenAIModelList = z.object({ object: z.literal('list'), data: z.array(OpenAIModel) });

const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    after: z.string().min(1).max(512).optional(),
  })
  .strict();

function toOpenAIModel(model: MergedModel): z.infer<typeof OpenAIModel> {
  const slash = model.canonicalId.indexOf('/');
  return {
    id: model.canonicalId,
    object: 'model',
    created: model.created ? Math.floor(Date.parse(model.created) / 1000) : 0,
    owned_by: slash > 0 ? model.canonicalId.slice(0, slash) : (model.providers[0] ?? 'unknown'),
  };
}

/** The models of one page of the list, in canonical id order. */
function listPage(view: CatalogView, limit: number | undefined, after: string | undefined): readonly MergedModel[] {
  let models = view.models;
  if (after) {
    const index = models.findIndex((m) => m.canonicalId > after);
    models = index < 0 ? [] : models.slice(index);
  }
  if (limit) models = models.slice(0, limit);
  return models;
}

/** The list body `{"object":"list","data":[…]}` (OpenAIModelList), as JSON.stringify writes it. */
const LIST_PREFIX = '{"object":"list","data":[';
const LIST_SUFFIX = ']}';

/** OpenAI-compatible routes: the official SDK's models.list() and models.retrieve() work against them. */
export function openAIRoutes(ctx: RouteContext) {
  // Across versions: a change re-serialises and re-compresses only the list chunks it touched.
  const listEncoder = new JsonListEncoder<MergedModel>((model) => JSON.stringify(toOpenAIModel(model)));
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/models',
      tag: 'openai',
      summary: 'List models (OpenAI-compatible); the whole list unless `limit`/`after` are given',
      query: ListQuery,
      response: OpenAIModelList,
      handler: async ({ query, request, reply }) => {
        // The page of the current version; the fast path calls it again for later versions.
        const page = async () => {
          const view = await ctx.catalog.view({ waitMs: ctx.config.REQUEST_WAIT_MS });
          return {
            version: view.version,
            encode: () => listEncoder.encode(LIST_PREFIX, listPage(view, query.limit, query.after), LIST_SUFFIX),
          };
        };
        const { version, encode } = await page();
        return sendVersionedJson(request, reply, {
          cache: ctx.bodies,
          version,
          key: queryKey('/v1/models', query),
          encode,
          fastPath: ctx.fastPath,
          refresh: page,
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/models/*',
      tag: 'openai',
      summary: 'Retrieve a model (OpenAI-compatible); ids containing "/" may be sent as is or percent-encoded',
      params: z.object({ '*': z.string().min(1, 'a model id is required').max(512) }),
      response: OpenAIModel,
      handler: async ({ params, request, reply }) => {
        const id = params['*']; // already percent-decoded by the router
        const view = await ctx.catalog.view({ waitMs: ctx.config.REQUEST_WAIT_MS });
        const [match] = view.lookup(id);
        if (!match) {
          throw new ApiError(404, 'model_not_found', `The model \`${id}\` does not exist in the catalog.`);
        }
        return sendVersionedJson(request, reply, {
          cache: ctx.bodies,
          version: view.version,
          key: `/v1/models/${id}`,
          build: () => toOpenAIModel(match.model),
          fastPath: ctx.fastPath,
        });
      },
    }),
  ];
}
