import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  collectPages,
  defineProvider,
  mapEntries,
  nonEmpty,
  parseEnvelope,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { FeatherlessModel, FeatherlessPage } from './featherless-api.ts';

export interface FeatherlessSettings extends ProviderSettings {
  /** Models per page (default 1000; the API's minimum is 100). */
  pageSize?: number;
}

/**
 * Featherless: ~20 000 open models, paged (`page`, `per_page`) instead of one 8 MB body. A key is
 * optional (it adds `available_on_current_plan`). No prices: Featherless is subscription-priced.
 */
export const createFeatherless = defineProvider<FeatherlessSettings>({
  slug: 'featherless',
  displayName: 'Featherless AI',
  tier: 'high',
  docsUrl: 'https://featherless.ai/docs/api-reference-models',
  auth: { kind: 'header', envVar: 'FEATHERLESS_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://api.featherless.ai/v1',
  async fetchModels(ctx, settings) {
    const perPage = Math.max(100, settings.pageSize ?? 1000);
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: '/models',
      fetchPage: async (cursor) => {
        const page = typeof cursor === 'number' ? cursor : 1;
        const response = await ctx.http.getJson('/models', { query: { per_page: perPage, page } });
        const body = parseEnvelope(ctx.provider, response, FeatherlessPage, '{ data: [...], pagination }');
        const more = body.pagination ? body.pagination.current_page < body.pagination.total_pages : false;
        return { items: body.data, next: more ? page + 1 : undefined };
      },
    });
    return mapEntries(ctx.provider, entries, FeatherlessModel, toModel);
  },
});

function toModel(entry: FeatherlessModel): ModelDraft {
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    name: nonEmpty(entry.name),
    kind: 'chat',
    contextLength: positiveInt(entry.context_length),
    maxOutputTokens: positiveInt(entry.max_completion_tokens),
    inputModalities: ['text'],
    outputModalities: ['text'],
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: FEATHERLESS_API_KEY is optional. */
export const featherless = /* @__PURE__ */ createFeatherless();
